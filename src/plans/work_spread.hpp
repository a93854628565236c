#pragma once
// Sharing a plan's evaluations among processes, without the plans knowing how: one process does them all (no spread,
// nullptr), or, under mpirun, each rank does its share (plans/mpi_spread.hpp) and the first process (rank 0, the
// leader) writes the plan's own files. Ensembles and sweeps use it; so can any plan that evaluates a list of scenarios
// (an optimiser's generation): spread_work() takes the list and returns every item's result on every process.
#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tongchou {

//! The processes of a launch and the two exchanges the plans need. Implementations: plans/mpi_spread.hpp.
class WorkSpread {
 public:
  virtual ~WorkSpread() = default;
  virtual int rank() const = 0;   //!< this process, 0 .. ranks() - 1; 0 is the leader
  virtual int ranks() const = 0;  //!< processes in all
  //! The leader's `text` on every process (the others' `text` is ignored).
  virtual std::string broadcast(const std::string& text) = 0;
  //! Every process's `text`, in rank order, on every process; a process waits here until all have come.
  virtual std::vector<std::string> gather_all(const std::string& text) = 0;
  //! Tells the other processes, without waiting, that this one has failed, so that they stop their shares early.
  virtual void announce_failure() {}
  //! Whether another process has announced a failure (without waiting; called by one thread only).
  virtual bool failure_announced() { return false; }
  //! After a gather: `from_others` processes announced a failure; take in those announcements not yet seen.
  virtual void failures_settled(int from_others) { (void)from_others; }
  //! A process other than the leader: sends `text` to the leader without waiting (a finished item, as it finishes).
  //! Returns whether it was sent (false: this spread does not pass such messages; the leader gets none).
  virtual bool send_to_leader(const std::string& text) {
    (void)text;
    return false;
  }
  //! The leader: a message sent to it (rank, text) if one has come, without waiting.
  virtual std::optional<std::pair<int, std::string>> poll_from_others() { return std::nullopt; }
  //! The leader: the next message sent to it by `rank`, waiting for it.
  virtual std::string receive_from(int rank) {
    (void)rank;
    return {};
  }
  //! A process other than the leader: waits until its messages to the leader are delivered.
  virtual void sends_completed() {}
};

//! Thrown on the processes other than the leader when the leader reports an error (its own or another process's):
//! the message is printed once, by the leader, which exits with the error's code (`exit_code`, kept here too).
class StoppedElsewhere : public std::runtime_error {
 public:
  explicit StoppedElsewhere(int exit_code);
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

//! Whether this process writes a plan's own files (ensemble.csv, sweep.csv, reports): no spread, or the leader.
bool leads(const WorkSpread* spread);

//! Runs `step` on the leader only (checks of the output folder, the list of work to do) and returns the text it
//! returns on every process. If it throws, the leader rethrows its error and the others throw StoppedElsewhere with
//! the error's exit code. Without a spread: step().
std::string leader_step(WorkSpread* spread, const std::function<std::string()>& step);

//! One process's share of spread_work: the items (indices given by the caller), and a flag its runs must watch
//! (stop when set, with RunCancelled); returns one result text per item.
using RunShare = std::function<std::vector<std::string>(const std::vector<std::size_t>& mine, const std::atomic<bool>* stop)>;

//! Evaluates `items` spread over the processes: item k goes to rank k % ranks (a fixed assignment, so that the same
//! launch always does the same work on the same rank); each process calls `run_mine` once with its share (in the
//! order of `items`, possibly empty), which returns one result text per item of the share (e.g. its summary.json,
//! or nothing when the results are files in a shared folder). Returns every item's result, in the order of `items`,
//! on every process, so that all can take the same next step. An error on one process, or its interruption, stops the
//! shares of the others (their runs are cancelled at the next day); then the leader throws the error of the lowest rank that had one, an
//! interruption (RunCancelled) only when no process had another error (its kind and message: InputError,
//! OutputError, RunCancelled, or an internal error), and the others throw StoppedElsewhere. `stop` (Ctrl-C) stops
//! this process's share. Without a spread: run_mine(items, stop), here.
std::vector<std::string> spread_work(WorkSpread* spread, const std::vector<std::size_t>& items, const RunShare& run_mine,
                                     const std::atomic<bool>* stop);

//! Tells the leader that an item of this process's share has finished, with its result text (any thread).
using ItemFinished = std::function<void(std::size_t item, const std::string& text)>;
//! A share that tells of each item as it finishes (`finished`, from any of its threads), and returns as RunShare.
using ReportingShare = std::function<std::vector<std::string>(const std::vector<std::size_t>& mine, const std::atomic<bool>* stop,
                                                              const ItemFinished& finished)>;

//! spread_work, with every finished item of the other processes passed to the leader as it finishes:
//! `on_other_finished(item, text)` runs on the leader's calling thread (never beside another call of it) for each item
//! another process's share tells of, while the leader's own share runs and until every other process's item has come
//! in (or a process failed, or `stop`), and, after the exchange, for those still on their way; so that when the
//! launch is interrupted or a process fails, the leader still gets every item finished anywhere (e.g. to keep it in a
//! journal) before the error is thrown. Other processes and no spread: `on_other_finished` is never called (one
//! process alone has every item itself).
std::vector<std::string> spread_work_reporting(WorkSpread* spread, const std::vector<std::size_t>& items, const ReportingShare& run_mine,
                                               const std::atomic<bool>* stop, const ItemFinished& on_other_finished);

//! A list of indices as text ("0,3,4") and back, for leader_step's result.
std::string index_list(const std::vector<std::size_t>& indices);
std::vector<std::size_t> parse_index_list(const std::string& text);

//! Texts packed into one (each as its length, ':', its bytes) and back; any bytes.
std::string pack_texts(const std::vector<std::string>& texts);
std::vector<std::string> unpack_texts(const std::string& packed);

//! An error as text (its exit code, kind and message, InputError's diagnostics) and the same error rethrown from it.
std::string error_text(const std::exception_ptr& error);
[[noreturn]] void rethrow_error_text(const std::string& text);
//! The exit code of an error as the command reports it (core/error.hpp ExitCode).
int exit_code_of(const std::exception_ptr& error);

}  // namespace tongchou

#include "plans/mpi_spread.hpp"

#include <mpi.h>

#include <climits>
#include <memory>
#include <optional>
#include <utility>
#include <stdexcept>
#include <string>
#include <vector>

namespace tongchou {

namespace {

class MpiSpread final : public WorkSpread {
 public:
  MpiSpread() {
    int provided = 0;
    if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
      throw std::runtime_error("MPI_Init_thread failed");
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiSpread() override { MPI_Finalize(); }
  MpiSpread(const MpiSpread&) = delete;
  MpiSpread& operator=(const MpiSpread&) = delete;

  void announce_failure() override {
    for (int r = 0; r < size_; ++r) {
      if (r == rank_) continue;
      MPI_Request request;
      MPI_Isend(&kFailure, 1, MPI_INT, r, kFailureTag, MPI_COMM_WORLD, &request);
      sends_.push_back(request);
    }
  }

  bool failure_announced() override {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, kFailureTag, MPI_COMM_WORLD, &flag, &status);
    if (!flag) return false;
    int v = 0;
    MPI_Recv(&v, 1, MPI_INT, status.MPI_SOURCE, kFailureTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    ++received_;
    return true;
  }

  void failures_settled(int from_others) override {
    for (int v = 0; received_ < from_others; ++received_)
      MPI_Recv(&v, 1, MPI_INT, MPI_ANY_SOURCE, kFailureTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    received_ = 0;
    if (!sends_.empty()) MPI_Waitall(static_cast<int>(sends_.size()), sends_.data(), MPI_STATUSES_IGNORE);
    sends_.clear();
  }

  bool send_to_leader(const std::string& text) override {
    if (text.size() > INT_MAX) throw std::runtime_error("MPI message of more than 2 GB");
    outbox_.push_back(std::make_unique<std::string>(text));  // kept until sends_completed: MPI reads it meanwhile
    MPI_Request request;
    MPI_Isend(outbox_.back()->data(), static_cast<int>(text.size()), MPI_CHAR, 0, kItemTag, MPI_COMM_WORLD, &request);
    item_sends_.push_back(request);
    return true;
  }

  std::optional<std::pair<int, std::string>> poll_from_others() override {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, kItemTag, MPI_COMM_WORLD, &flag, &status);
    if (!flag) return std::nullopt;
    return std::make_pair(status.MPI_SOURCE, receive(status));
  }

  std::string receive_from(int rank) override {
    MPI_Status status;
    MPI_Probe(rank, kItemTag, MPI_COMM_WORLD, &status);
    return receive(status);
  }

  void sends_completed() override {
    if (!item_sends_.empty()) MPI_Waitall(static_cast<int>(item_sends_.size()), item_sends_.data(), MPI_STATUSES_IGNORE);
    item_sends_.clear();
    outbox_.clear();
  }

  int rank() const override { return rank_; }
  int ranks() const override { return size_; }

  std::string broadcast(const std::string& text) override {
    long long n = rank_ == 0 ? static_cast<long long>(text.size()) : 0;
    MPI_Bcast(&n, 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD);
    if (n > INT_MAX) throw std::runtime_error("MPI broadcast of more than 2 GB");
    std::string out = rank_ == 0 ? text : std::string(static_cast<std::size_t>(n), '\0');
    if (n > 0) MPI_Bcast(out.data(), static_cast<int>(n), MPI_CHAR, 0, MPI_COMM_WORLD);
    return out;
  }

  std::vector<std::string> gather_all(const std::string& text) override {
    long long mine = static_cast<long long>(text.size());
    std::vector<long long> sizes(static_cast<std::size_t>(size_));
    MPI_Allgather(&mine, 1, MPI_LONG_LONG, sizes.data(), 1, MPI_LONG_LONG, MPI_COMM_WORLD);
    std::vector<int> counts, offsets;
    long long total = 0;
    for (long long s : sizes) {
      offsets.push_back(static_cast<int>(total));
      counts.push_back(static_cast<int>(s));
      total += s;
      if (total > INT_MAX) throw std::runtime_error("MPI gather of more than 2 GB");
    }
    std::string all(static_cast<std::size_t>(total), '\0');
    MPI_Allgatherv(text.data(), static_cast<int>(mine), MPI_CHAR, all.data(), counts.data(), offsets.data(), MPI_CHAR,
                   MPI_COMM_WORLD);
    std::vector<std::string> out;
    for (std::size_t r = 0; r < sizes.size(); ++r)
      out.push_back(all.substr(static_cast<std::size_t>(offsets[r]), static_cast<std::size_t>(counts[r])));
    return out;
  }

 private:
  // The message `status` probed, received.
  std::string receive(const MPI_Status& status) {
    int n = 0;
    MPI_Get_count(&status, MPI_CHAR, &n);
    std::string text(static_cast<std::size_t>(n), '\0');
    MPI_Recv(text.data(), n, MPI_CHAR, status.MPI_SOURCE, kItemTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    return text;
  }

  static constexpr int kItemTag = 18;     // finished items sent to the leader (send_to_leader)
  static constexpr int kFailureTag = 17;  // announcements of a failure (failure_announced), apart from the collectives
  static constexpr int kFailure = 1;
  int rank_ = 0, size_ = 1;
  int received_ = 0;                  // announcements taken in since the last failures_settled
  std::vector<MPI_Request> sends_;    // this process's announcements, completed in failures_settled
  std::vector<MPI_Request> item_sends_;               // finished items sent to the leader, completed in sends_completed
  std::vector<std::unique_ptr<std::string>> outbox_;  // their texts, alive until then
};

}  // namespace

std::unique_ptr<WorkSpread> make_mpi_spread() { return std::make_unique<MpiSpread>(); }

}  // namespace tongchou

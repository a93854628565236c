#pragma once
// Many runs into their own run folders, several at a time: what an ensemble's seeds and a sweep's points share. Each
// worker thread runs one scenario after another on its share of the threads (omp_set_num_threads), through the one
// ScenarioRunner (populations are made once and shared); a run's files depend only on its scenario, so the folders
// are the same for any thread count and order.
#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "report/run_directory.hpp"
#include "run/scenario_runner.hpp"
#include "scenario/scenario.hpp"

namespace tongchou {

//! Whether `dir` holds a whole run folder (its manifest is there: a run folder is swapped in with it) made from the
//! resolved scenario `resolved`: an earlier run of the same scenario, kept rather than run again (resuming).
bool finished_before(const std::filesystem::path& dir, const std::string& resolved);

//! Checks that `dir` may hold a plan's folder (an ensemble's, a sweep's): absent, empty, or holding only the names in
//! `own` (and *.tmp.* files). Throws OutputError saying what is there; `what` names the kind ("ensemble", "sweep").
void check_plan_folder(const std::filesystem::path& dir, std::string_view what, std::initializer_list<std::string_view> own);

struct ParallelRuns {
  const std::vector<Scenario>* scenarios = nullptr;                     //!< every scenario of the plan
  std::vector<std::size_t> todo;                                        //!< the indices to run
  std::function<std::filesystem::path(std::size_t)> folder;             //!< run folder of scenario i
  int threads = 1;                                                      //!< threads in all
  const std::atomic<bool>* stop = nullptr;                              //!< set to stop (RunCancelled)
  //! Called under a lock after run i is written: `finished` runs so far, the folder as read back.
  std::function<void(std::size_t i, int finished, const RunDirectory& written)> on_done;
};

//! Runs them; the first error stops the others and is rethrown; a stop throws RunCancelled. Folders already written
//! stay (each is a whole run).
void run_in_parallel(ScenarioRunner& runner, const ParallelRuns& runs);

}  // namespace tongchou

#pragma once
// An ensemble (MEASURES.md C3): one scenario run with several seeds on one synthesised population, each run a whole
// run folder DIR/runs/NNN/, and the spread across runs: ensemble.csv (median and 5-95% band per day of the key
// series), summary.json (the same bands for every scorecard figure, the probability of a rebound) and report.html.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/run_directory.hpp"
#include "run/scenario_runner.hpp"
#include "plans/work_spread.hpp"
#include "scenario/scenario.hpp"

namespace tongchou {

struct EnsembleOptions {
  std::vector<std::int64_t> seeds;                  //!< one run per seed, in this order (runs/001 is the first)
  std::filesystem::path dir;                        //!< the ensemble's folder
  int threads = 1;                                  //!< threads in all; runs go in parallel, one thread or more each
  std::function<void(const std::string&)> log;      //!< a line per run finished (progress), may be empty
  const std::atomic<bool>* stop = nullptr;          //!< set to stop: runs finished so far are kept
  //! Processes sharing the runs (mpirun, plans/mpi_launch.hpp), or none. Each writes the runs it does; the leader
  //! checks the folder first and writes ensemble.csv, report.html and summary.json once all runs are there.
  WorkSpread* spread = nullptr;
};

struct EnsembleResult {
  int runs = 0, kept = 0;  //!< runs in the ensemble; of them, folders of an earlier identical run kept (resumed)
  std::filesystem::path report;
  nlohmann::ordered_json summary;  //!< what summary.json holds
};

//! The scenario of run `seed` of an ensemble of `base`: scenario.seed = seed, and population.seed fixed to the base
//! scenario's population seed, so that every run shares one population and its scenario.resolved.toml repeats it.
Scenario ensemble_member(const Scenario& base, std::int64_t seed);

//! Checks that `dir` may hold an ensemble: absent, empty or an earlier ensemble's folder (runs/, ensemble.csv,
//! summary.json, report.html). Throws OutputError saying what is there.
void check_ensemble_folder(const std::filesystem::path& dir);

//! Runs (or resumes) the ensemble and writes its folder: each run by the run folder protocol (runs/NNN/ is always a
//! whole run), then ensemble.csv, report.html and summary.json, each atomically, summary.json last. With a spread,
//! the processes other than the leader return after their runs (a result without summary).
//! Throws InputError, OutputError, RunCancelled (StoppedElsewhere with a spread).
EnsembleResult run_ensemble(const Scenario& base, const EnsembleOptions& options, ScenarioRunner& runner);

//! Quantile q of sorted values, interpolated linearly between order statistics (as the report's script does).
double quantile_of_sorted(const std::vector<double>& sorted, double q);

//! Whether local infections came back after 14 days in a row without any, once they had started (MEASURES.md C3);
//! from daily.csv's new_local. -1 when the column is missing.
int rebounds(const RunDirectory& run);

//! ensemble.csv: date, series, runs, p5, median, p95 for the key series of the runs' daily.csv.
std::string ensemble_csv(const std::vector<RunDirectory>& runs);

//! The ensemble's summary.json: for every number and date of the runs' scorecards (summary.json sections health,
//! measures, health_codes, comparison, economy) its median, 5% and 95%; the probability of a rebound.
nlohmann::ordered_json ensemble_summary(const Scenario& base, const std::vector<std::int64_t>& seeds,
                                        const std::vector<RunDirectory>& runs);

}  // namespace tongchou

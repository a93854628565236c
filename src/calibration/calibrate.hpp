#pragma once
// `tongchou calibrate` (issue 16 §2, docs/calibration.md): fits a scenario's parameters to observed daily reported
// cases with a library optimiser (nlopt's derivative-free LN_SBPLX, LN_BOBYQA, LN_NELDERMEAD or LN_COBYLA on the box
// scaled to [0, 1], log-scaled where asked). Every evaluation runs the candidate with the same seeds (common random
// numbers), the seeds in parallel, on the one population the ScenarioRunner keeps, in memory (no run folder), and
// only as many days as the observed series need. DIR gets calibration.csv (every evaluation, appended as it
// finishes), fitted.toml (the scenario with the best values, runnable as it is), fitted_band.csv and fit.json (the
// fit, its uncertainty: the evaluations within the seed noise of the best) and report.html.
#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "calibration/calibration_log.hpp"
#include "calibration/fit_spec.hpp"
#include "calibration/observed_counts.hpp"
#include "run/scenario_runner.hpp"

namespace tongchou {

struct CalibrationOptions {
  std::filesystem::path dir;
  int threads = 1;
  int budget = 0;       //!< evaluations in all (kept ones included); 0: [search] budget
  std::string command;  //!< the command line that refits, recorded in fitted.toml
  std::function<void(const std::string&)> log;
  const std::atomic<bool>* stop = nullptr;
};

struct CalibrationResult {
  int evaluations = 0, kept = 0;  //!< evaluations in calibration.csv; of them, kept from an earlier run of the same fit
  EvaluationRow best;
  double noise = 0;               //!< the best evaluation's standard error over its seeds
  std::vector<int> within;        //!< evaluations whose loss is within 2 standard errors of the best
  std::filesystem::path csv, fitted, fit_json, report;
  nlohmann::ordered_json fit;     //!< what fit.json holds
};

//! Checks that `dir` may hold a calibration: absent, empty or an earlier calibration's. Throws OutputError.
void check_calibration_folder(const std::filesystem::path& dir);

//! The TOML text of a fitted value x of parameter p (a date, a whole number or a number).
std::string fitted_value_text(const FitParameter& p, double x);

//! Simulated daily reported cases (new confirmed, in people) of each seed's run of `candidate`, the runs in parallel
//! on `threads` threads, each ending on day `days` (0: the scenario's days). Throws RunCancelled, InputError.
std::vector<std::vector<double>> simulate_seeds(const Scenario& candidate, const std::vector<std::int64_t>& seeds, int days, int threads,
                                                ScenarioRunner& runner, const std::atomic<bool>* stop);

//! Runs (or resumes) the calibration and writes DIR. Throws InputError, OutputError, RunCancelled.
CalibrationResult run_calibration(const Scenario& base, const FitSpec& fit, const CalibrationOptions& options, ScenarioRunner& runner);

}  // namespace tongchou

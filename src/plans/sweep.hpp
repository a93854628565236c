#pragma once
// A sweep (issue 18 §2): one scenario evaluated at many points of its inputs, a grid (the cartesian product of
// --param lists) or a Latin hypercube (--samples N over --range KEY=LO:HI), each point with K runs. DIR/points/NNNN/
// is a run folder (K = 1: the scenario's own seed, so it equals `tongchou run` with the point's values) or an
// ensemble's folder (K > 1: seeds 1..K on one population). DIR/sweep.csv holds one row per point (its inputs and
// every scorecard figure, with the 5% and 95% of the runs when K > 1); DIR/report.html draws health against the
// economy, one dot per point.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "plans/work_spread.hpp"
#include "run/scenario_runner.hpp"
#include "scenario/scenario.hpp"

namespace tongchou {

struct SweepRange {
  std::string key, lo, hi;  //!< as given: numbers, or dates (2020-03-01)
};

struct SweepOptions {
  std::vector<std::pair<std::string, std::vector<std::string>>> grid;  //!< --param KEY=V1,V2,... (TOML values)
  std::vector<SweepRange> ranges;                                      //!< --range KEY=LO:HI
  int samples = 0;                                                     //!< --samples N (Latin hypercube)
  int runs = 1;                                                        //!< --runs K per point
  std::filesystem::path dir;
  int threads = 1;
  std::function<void(const std::string&)> log;
  const std::atomic<bool>* stop = nullptr;
  //! Processes sharing the points (mpirun, plans/mpi_launch.hpp), or none. Each writes the points it does; the leader
  //! checks the folder first and writes sweep.csv and report.html once all points are there.
  WorkSpread* spread = nullptr;
};

//! One point: the value (TOML text) of each input key, in the order of sweep_keys().
struct SweepPoint {
  std::vector<std::pair<std::string, std::string>> values;
};

//! --param KEY=V1,V2,... and --range KEY=LO:HI as typed on the command line. Throw InputError naming the option.
std::pair<std::string, std::vector<std::string>> parse_param_option(const std::string& text);
SweepRange parse_range_option(const std::string& text);

//! The input keys: the grid's, then the ranges'.
std::vector<std::string> sweep_keys(const SweepOptions& options);

//! The points: every combination of the grid's values (the first key varying slowest), each combined with every
//! sample of the Latin hypercube when --samples is given. Checks the keys, ranges, counts and every point's scenario;
//! throws InputError naming the option and key.
std::vector<SweepPoint> sweep_points(const Scenario& base, const SweepOptions& options);

//! The Latin hypercube: `n` samples of the ranges; for each range its interval cut into n equal strata, one sample in
//! each, the strata of the keys paired by random permutations and each sample placed uniformly in its stratum
//! (whole numbers and dates: a whole value in the stratum's span), seeded by `seed`.
std::vector<SweepPoint> latin_hypercube(const Scenario& base, const std::vector<SweepRange>& ranges, int n, std::uint64_t seed);

//! The scenario of a point (the base with the point's values applied). Throws InputError.
Scenario sweep_member(const Scenario& base, const SweepPoint& point);

struct SweepResult {
  int points = 0, kept = 0;  //!< points; of them, kept from an earlier run of this sweep (K = 1; ensembles resume runs)
  std::filesystem::path csv, report;
};

//! Checks that `dir` may hold a sweep: absent, empty or an earlier sweep's folder. Throws OutputError.
void check_sweep_folder(const std::filesystem::path& dir);

//! Evaluates (or resumes) the sweep and writes DIR/points/, DIR/sweep.csv and DIR/report.html. With a spread, the
//! processes other than the leader return after their points (a result without csv and report).
//! Throws InputError, OutputError, RunCancelled (StoppedElsewhere with a spread).
SweepResult run_sweep(const Scenario& base, const SweepOptions& options, ScenarioRunner& runner);

//! sweep.csv from the points and the summary.json of each (a run's, or an ensemble's with bands when `runs` > 1).
std::string sweep_csv(const std::vector<std::string>& keys, const std::vector<SweepPoint>& points,
                      const std::vector<nlohmann::ordered_json>& summaries, int runs);

}  // namespace tongchou

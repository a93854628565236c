#pragma once
// `tongchou optimise SCENARIO --plan PLAN.toml` (issue 18 §3): a multi-objective search (pagmo2's NSGA-II or MOEA/D),
// or for one objective a single-objective one (pagmo2's extended ant colony, gaco),
// over the plan's decision variables. Every evaluation (plan_evaluation.hpp) is kept in DIR/evaluations.csv, written
// atomically as each finishes, so that an interrupted optimisation resumes: a plan already in the file is looked up,
// not run again (the search, seeded, asks for the same plans and gets the same answers, so it finds the same front).
// DIR/pareto.csv holds the non-dominated feasible plans, DIR/front/NNN.toml each as a runnable scenario, DIR/report.html
// the front with the scenario's own plan marked, DIR/plan.toml the plan and DIR/scenario.resolved.toml the scenario.
#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "plans/optimise_plan.hpp"
#include "plans/plan_evaluation.hpp"
#include "plans/work_spread.hpp"
#include "run/scenario_runner.hpp"

namespace tongchou {

struct OptimiseOptions {
  std::filesystem::path dir;
  int threads = 1;
  std::function<void(const std::string&)> log;  //!< a line per generation (progress), may be empty
  const std::atomic<bool>* stop = nullptr;      //!< set to stop: evaluations finished so far are kept
  //! Under mpirun: every process runs the same seeded search in lockstep, each generation's plans spread over them
  //! (spread_work), and only the leader writes files; nullptr: this process does it all.
  WorkSpread* spread = nullptr;
};

struct OptimiseResult {
  int evaluations = 0, kept = 0;  //!< plans evaluated in all; of them, looked up in evaluations.csv (resumed)
  int front = 0;                  //!< plans on the front
  bool own_plan = false;          //!< the scenario's own plan was evaluated (every variable has a value in it)
  std::filesystem::path report;
};

//! Checks that `dir` may hold an optimisation: absent, empty or an earlier optimisation's folder. Throws OutputError.
void check_optimise_folder(const std::filesystem::path& dir);

//! Runs (or resumes) the optimisation and writes its folder. Throws InputError, OutputError, RunCancelled.
OptimiseResult run_optimise(const Scenario& base, const OptimisePlan& plan, const OptimiseOptions& options, ScenarioRunner& runner);

//! The non-dominated rows among `objectives` (each minimised; a row dominates another when no worse in every
//! objective and better in one): their indices, in the input's order.
std::vector<std::size_t> non_dominated(const std::vector<std::vector<double>>& objectives);

}  // namespace tongchou

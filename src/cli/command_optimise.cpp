// `tongchou optimise`: the Pareto front of a scenario's plans (src/plans/optimise.hpp, docs/plans.md).
#include <omp.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/console.hpp"
#include "cli/interrupt.hpp"
#include "cli/interrupted_exit.hpp"
#include "cli/scenario_options.hpp"
#include "core/error.hpp"
#include "plans/mpi_launch.hpp"
#include "plans/optimise.hpp"
#include "plans/work_spread.hpp"
#include "run/scenario_runner.hpp"

namespace tongchou::cli {
namespace {

struct OptimiseCli {
  RunOptions run;
  std::string plan;
  int runs = -1;
};

int optimise_command(const OptimiseCli& c) {
  const auto spread = spread_for_launch("optimise");  // under mpirun: each generation's plans shared by its processes
  Scenario sc = load_with_options(c.run);
  OptimisePlan plan = load_plan(c.plan, sc);
  if (c.runs != -1 && c.runs < 1) throw InputError({{"--runs", 0, 0, "--runs", fmt::format("must be at least 1 (runs per evaluation), found {}", c.runs)}});
  if (c.runs != -1) plan.runs = c.runs;
  OptimiseOptions o;
  o.dir = c.run.output.empty() ? std::filesystem::path("output") / (sc.params.scenario_name + "-optimise") : std::filesystem::path(c.run.output);
  o.threads = c.run.threads > 0 ? c.run.threads : omp_get_max_threads();
  std::signal(SIGINT, on_interrupt_signal);
  std::signal(SIGTERM, on_interrupt_signal);  // also mpirun's Ctrl-C to its processes
  o.stop = &interrupted();
  o.spread = spread.get();
  const auto t0 = std::chrono::steady_clock::now();
  if (!c.run.quiet && leads(o.spread)) {  // the processes search in lockstep: the leader's progress tells it all
    std::fprintf(stderr, "tongchou optimise: scenario %s (%s), plan %s: %zu variables, %zu objectives, %s, population %d, %d generations, "
                 "%d run%s per plan, %d threads\n", sc.params.scenario_name.c_str(), sc.source.c_str(), c.plan.c_str(), plan.variables.size(),
                 plan.objectives.size(), plan.algorithm.c_str(), plan.population, plan.generations, plan.runs, plan.runs == 1 ? "" : "s", o.threads);
    o.log = progress_log(t0);
  }
  ScenarioRunner runner;
  OptimiseResult r;
  try {
    r = run_optimise(sc, plan, o, runner);
  } catch (const RunCancelled&) {
    return interrupted_exit("evaluations", o.dir.string() + "/evaluations.csv");
  }
  if (!leads(o.spread)) return 0;  // the leader reports the optimisation
  std::printf("%s: %d plans evaluated in %s (%d looked up from before), %d on the front, %.1f s\n", sc.params.scenario_name.c_str(),
              r.evaluations, o.dir.string().c_str(), r.kept, r.front, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  std::printf("front: %s\nreport: %s\n", (o.dir / "pareto.csv").string().c_str(), r.report.string().c_str());
  return 0;
}

}  // namespace

Command add_optimise_command(CLI::App& app) {
  auto o = std::make_shared<OptimiseCli>();
  OptimiseCli& oc = *o;
  auto* optimise = app.add_subcommand("optimise", "Search the plans (dates, levels) for the best trade-offs of health and economy: a Pareto front");
  optimise->add_option("scenario", oc.run.scenario, "Scenario file or built-in name (default: chongqing)");
  optimise->add_option("--plan", oc.plan, "PLAN.toml: decision variables, objectives, constraints, search (docs/plans.md)")->required();
  optimise->add_option("--runs", oc.runs, "Runs per evaluated plan, seeds 1..K (default: the plan's [search] runs)");
  optimise->add_option("-o,--output", oc.run.output, "Output directory (default: output/<scenario name>-optimise)");
  add_scenario_options(optimise, oc.run, "Threads in all, plans and seeds in parallel", "No progress lines");
  optimise->footer(std::string("\nEach plan is the scenario with the plan's values of its [[variable]] keys (any sweep key: measure.ID.from,\n"
                               "a parameter, schedule.DATE.section.name), run with seeds 1..K on one population (common random numbers).\n"
                               "Objectives and constraints are scorecard figures (health.infections, gdp_loss, days_to_zero,\n"
                               "peak_beyond_beds, probability_of_rebound, gdp_loss_yoy, jobs_lost ...) by a statistic over the seeds.\n"
                               "pagmo2's NSGA-II (or MOEA/D) searches two objectives or more, its ant colony (gaco) one; infeasible plans\n"
                               "are penalised behind every feasible one. DIR/evaluations.csv keeps every evaluation as it finishes\n"
                               "(under mpirun, every rank's): run the same command again after an interruption and they are looked up,\n"
                               "not rerun. DIR/pareto.csv: the front; DIR/front/NNN.toml: each front plan as a scenario to run;\n"
                               "DIR/report.html: the front against the scenario's own plan.\n\n"
                               "Examples:\n"
                               "  tongchou optimise uncontrolled --people 20000 --days 90 --plan examples/plans/reopening.toml\n"
                               "  tongchou optimise chongqing --scale 10 --plan examples/plans/chongqing-reopening.toml -o out/cq-front\n"
                               "  mpirun -n 4 tongchou optimise chongqing --scale 10 --plan examples/plans/chongqing-reopening.toml\n"
                               "      (each generation's plans shared by 4 processes; same folder)\n\n") +
                   kExitCodes);
  return {optimise, [o] { return optimise_command(*o); }};
}

}  // namespace tongchou::cli

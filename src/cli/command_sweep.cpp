// `tongchou sweep`: one scenario over a grid or a Latin hypercube of its inputs.
#include <omp.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/console.hpp"
#include "cli/interrupt.hpp"
#include "cli/interrupted_exit.hpp"
#include "cli/number_check.hpp"
#include "cli/scenario_options.hpp"
#include "plans/mpi_launch.hpp"
#include "plans/sweep.hpp"
#include "plans/work_spread.hpp"
#include "run/scenario_runner.hpp"

namespace tongchou::cli {
namespace {

struct SweepCli {
  RunOptions run;
  int runs = 1, samples = 0;
  std::vector<std::string> params, ranges;
};

int sweep_command(const SweepCli& c) {
  const auto spread = spread_for_launch("sweep");  // under mpirun: the points shared by its processes
  Scenario sc = load_with_options(c.run);
  SweepOptions o;
  for (const auto& p : c.params) o.grid.push_back(parse_param_option(p));
  for (const auto& r : c.ranges) o.ranges.push_back(parse_range_option(r));
  o.samples = c.samples;
  o.runs = c.runs;
  o.dir = c.run.output.empty() ? std::filesystem::path("output") / (sc.params.scenario_name + "-sweep") : std::filesystem::path(c.run.output);
  o.threads = c.run.threads > 0 ? c.run.threads : omp_get_max_threads();
  std::signal(SIGINT, on_interrupt_signal);
  o.stop = &interrupted();
  o.spread = spread.get();
  if (spread) std::signal(SIGTERM, on_interrupt_signal);  // mpirun passes Ctrl-C to its processes as SIGTERM
  const auto t0 = std::chrono::steady_clock::now();
  if (!c.run.quiet) {
    const std::size_t points = sweep_points(sc, o).size();  // checks the inputs first: errors before this line
    if (leads(o.spread)) std::fprintf(stderr, "tongchou sweep: scenario %s (%s), %zu points, %d run%s each, %d threads\n", sc.params.scenario_name.c_str(),
                 sc.source.c_str(), points, o.runs, o.runs == 1 ? "" : "s", o.threads);
    o.log = progress_log(t0, process_label(o.spread));
  }
  ScenarioRunner runner;
  SweepResult r;
  try {
    r = run_sweep(sc, o, runner);
  } catch (const RunCancelled&) {
    return interrupted_exit("points", o.dir.string() + "/points");
  }
  if (!leads(o.spread)) return 0;  // the leader reports the sweep
  std::printf("%s: %d points in %s (%d kept from before), %.1f s\n", sc.params.scenario_name.c_str(), r.points, o.dir.string().c_str(),
              r.kept, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  std::printf("table: %s\nreport: %s\n", r.csv.string().c_str(), r.report.string().c_str());
  return 0;
}

}  // namespace

Command add_sweep_command(CLI::App& app) {
  auto o = std::make_shared<SweepCli>();
  SweepCli& so = *o;
  auto* sweep = app.add_subcommand("sweep", "Run a scenario over a grid or a Latin hypercube of its inputs: health against economy");
  sweep->add_option("scenario", so.run.scenario, "Scenario file or built-in name (default: chongqing)");
  sweep->add_option("--param", so.params, "KEY=V1,V2,...: values of one input (repeatable; the grid is every combination)")
      ->allow_extra_args(false);
  sweep->add_option("--range", so.ranges, "KEY=LO:HI: the range of one input of the Latin hypercube (repeatable; needs --samples)")
      ->allow_extra_args(false);
  sweep->add_option("--samples", so.samples, "Points of the Latin hypercube (with --range)");
  sweep->add_option("--runs", so.runs, "Runs per point, seeds 1..K (default 1: the scenario's seed); K > 1 adds 5-95% bands");
  sweep->add_option("-o,--output", so.run.output, "Output directory (default: output/<scenario name>-sweep)");
  sweep->add_option("--seed", so.run.seed, "Random seed (scenario.seed): the runs' with --runs 1, and the hypercube's")
      ->check(number_check("scenario.seed", true, 0, 0));
  add_scenario_options(sweep, so.run, "Threads in all, points in parallel", "No progress lines");
  sweep->footer(std::string("\nInputs (KEY): any parameter of `tongchou params` and a risk level's measure (zoning.high.work), as --set\n"
                            "takes them; a [[measure]] entry with an id: measure.ID.value, measure.ID.from, measure.ID.until (dates\n"
                            "2020-03-01); a [[schedule]] entry's value: schedule.DATE.section.name. --param lists values (the grid is\n"
                            "every combination, the first key varying slowest); --samples N with --range KEY=LO:HI draws a Latin\n"
                            "hypercube of N points (each range cut into N strata, one point in each, seeded by the scenario's seed;\n"
                            "whole numbers and dates drawn whole). Points that change no population parameter share one population.\n"
                            "DIR/points/NNNN/ is each point's run folder (--runs 1, equal to `tongchou run` with the point's values)\n"
                            "or ensemble folder (--runs K, seeds 1..K); DIR/sweep.csv has one row per point: its inputs and every\n"
                            "scorecard figure (health.infections ..., with _p5 and _p95 when K > 1); DIR/report.html draws health\n"
                            "against the economy. Run the same command again after an interruption: finished points are kept.\n\n"
                            "Examples:\n"
                            "  tongchou sweep yunyang --scale 8 --param transmission.r0=1.5,2.5,3.5 --param zoning.high.work=0,0.5\n"
                            "  tongchou sweep chongqing --scale 10 --param measure.work_feb24.from=2020-02-17,2020-02-24,2020-03-02\n"
                            "  tongchou sweep yunyang --samples 20 --range measure.work_feb10.value=0.2:0.8 \\\n"
                            "      --range measure.senior3_back.from=2020-03-30:2020-04-20 --runs 5 -o out/lhs\n"
                            "  mpirun -n 3 tongchou sweep yunyang --param transmission.r0=1.5,2,2.5   (points shared by 3 processes)\n\n") +
                kExitCodes);
  return {sweep, [o] { return sweep_command(*o); }};
}

}  // namespace tongchou::cli

// `tongchou calibrate`: a scenario's parameters fitted to observed series (src/calibration/, docs/calibration.md).
#include <omp.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "calibration/calibrate.hpp"
#include "cli/console.hpp"
#include "cli/interrupt.hpp"
#include "cli/interrupted_exit.hpp"
#include "cli/number_check.hpp"
#include "cli/scenario_options.hpp"
#include "plans/mpi_launch.hpp"
#include "run/scenario_runner.hpp"

namespace tongchou::cli {
namespace {

struct CalibrateCli {
  RunOptions run;
  std::string fit;
  int budget = 0;
};

// `tongchou calibrate` (src/calibration/calibrate.hpp, docs/calibration.md).
int calibrate_command(const CalibrateCli& c) {
  refuse_mpi_launch("calibrate");  // its evaluations are not shared over processes: R copies would write one folder
  Scenario sc = load_with_options(c.run);
  const FitSpec fit = load_fit(c.fit, sc);
  CalibrationOptions o;
  o.dir = c.run.output.empty() ? std::filesystem::path("output") / (sc.params.scenario_name + "-calibration") : std::filesystem::path(c.run.output);
  o.threads = c.run.threads > 0 ? c.run.threads : omp_get_max_threads();
  o.budget = c.budget;
  o.command = fmt::format("tongchou calibrate {} --fit {}", c.run.scenario, c.fit);  // without --threads: outputs do not depend on it
  if (c.run.people >= 0) o.command += fmt::format(" --people {}", c.run.people);
  if (c.run.scale >= 0) o.command += fmt::format(" --scale {}", c.run.scale);
  if (c.run.days >= 0) o.command += fmt::format(" --days {}", c.run.days);
  for (const auto& a : c.run.sets) o.command += " --set " + a;
  if (c.budget > 0) o.command += fmt::format(" --budget {}", c.budget);
  o.command += " -o " + o.dir.string();
  std::signal(SIGINT, on_interrupt_signal);
  o.stop = &interrupted();
  const auto t0 = std::chrono::steady_clock::now();
  if (!c.run.quiet) {
    std::fprintf(stderr, "tongchou calibrate: scenario %s (%s), %zu parameter%s, %zu seeds per evaluation, budget %d, %d threads\n",
                 sc.params.scenario_name.c_str(), sc.source.c_str(), fit.parameters.size(), fit.parameters.size() == 1 ? "" : "s",
                 fit.seeds.size(), c.budget > 0 ? c.budget : fit.budget, o.threads);
    o.log = progress_log(t0);
  }
  ScenarioRunner runner;
  CalibrationResult r;
  try {
    r = run_calibration(sc, fit, o, runner);
  } catch (const RunCancelled&) {
    return interrupted_exit("evaluations", (o.dir / "calibration.csv").string());
  }
  std::printf("%s: %d evaluations in %s (%d kept from before), %.1f s\n", sc.params.scenario_name.c_str(), r.evaluations,
              o.dir.string().c_str(), r.kept, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  std::printf("  best loss %.6g (evaluation %d), seed noise (standard error) %.3g; %zu evaluations within 2 standard errors\n",
              r.best.loss, r.best.index, r.noise, r.within.size());
  for (const auto& [key, u] : r.fit["uncertainty"].items())
    std::printf("  %-36s %s  (within the noise: %s .. %s)\n", key.c_str(), u["best"].dump().c_str(), u["lo"].dump().c_str(), u["hi"].dump().c_str());
  std::printf("fitted scenario: %s\nreport: %s\n", r.fitted.string().c_str(), r.report.string().c_str());
  return 0;
}

}  // namespace

Command add_calibrate_command(CLI::App& app) {
  auto o = std::make_shared<CalibrateCli>();
  CalibrateCli& co = *o;
  auto* calibrate = app.add_subcommand("calibrate", "Fit a scenario's parameters to observed daily reported cases (FIT.toml)");
  calibrate->add_option("scenario", co.run.scenario, "Scenario file or built-in name (default: chongqing)");
  calibrate->add_option("--fit", co.fit, "The fit: parameters and bounds, observed series, loss, seeds, search (docs/calibration.md)")->required();
  calibrate->add_option("--budget", co.budget, "Evaluations in all, kept ones included (default: [search] budget)")
      ->check(number_check("", true, 1, 1000000));
  calibrate->add_option("-o,--output", co.run.output, "Output directory (default: output/<scenario name>-calibration)");
  add_scenario_options(calibrate, co.run, "Threads in all, an evaluation's seeds in parallel", "No progress lines");
  calibrate->footer(std::string("\nFIT.toml names the parameters to fit ([[parameter]] key, lo, hi; log = true; prior = \"normal\" with mean\n"
                                "and sd, or \"lognormal\" with mu and sigma), keys as `tongchou sweep` takes them (measure.ID.value,\n"
                                "schedule.DATE.section.name too); the observed series ([[observed]] file, date, value, kind = daily |\n"
                                "cumulative, from, until, weight; default: the region's reported cases, as comparison.csv); [loss]\n"
                                "cumulative_weight; [evaluation] seeds (every candidate runs with the same seeds); [search] algorithm\n"
                                "(sbplx, bobyqa, neldermead, cobyla: nlopt), budget, step; [report] runs. Evaluations run in memory on one\n"
                                "population, their seeds in parallel. DIR gets calibration.csv (every evaluation, appended as it\n"
                                "finishes), fitted.toml (the scenario with the best values: `tongchou run DIR/fitted.toml`),\n"
                                "fitted_band.csv, fit.json (the best values and the ranges within the seed noise) and report.html. Run\n"
                                "the same command again after an interruption: evaluations in calibration.csv are looked up, not rerun.\n\n"
                                "Examples:\n"
                                "  tongchou calibrate chongqing --fit fits/chongqing.toml --scale 10 -o out/fit\n"
                                "  tongchou calibrate yunyang --fit my-fit.toml --budget 50 --threads 2\n\n") +
                    kExitCodes);
  return {calibrate, [o] { return calibrate_command(*o); }};
}

}  // namespace tongchou::cli

// `tongchou ensemble`: one scenario with N seeds on one population, median and 5-95% bands.
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
#include "plans/ensemble.hpp"
#include "plans/mpi_launch.hpp"
#include "plans/work_spread.hpp"
#include "run/scenario_runner.hpp"
#include "sim/prepared_population.hpp"

namespace tongchou::cli {
namespace {

struct EnsembleCli {
  RunOptions run;
  int runs = 0;
  std::vector<std::int64_t> seeds;
};

int ensemble_command(const EnsembleCli& e) {
  const auto spread = spread_for_launch("ensemble");  // under mpirun: the runs shared by its processes
  Scenario sc = load_with_options(e.run);
  EnsembleOptions o;
  o.seeds = e.seeds;
  if (o.seeds.empty())
    for (int i = 1; i <= e.runs; ++i) o.seeds.push_back(i);
  if (o.seeds.empty())
    throw InputError({{"--runs", 0, 0, "", "give the number of runs (--runs N, at least 1) or their seeds (--seeds 1,2,3)"}});
  o.dir = e.run.output.empty() ? std::filesystem::path("output") / (sc.params.scenario_name + "-ensemble") : std::filesystem::path(e.run.output);
  o.threads = e.run.threads > 0 ? e.run.threads : omp_get_max_threads();
  std::signal(SIGINT, on_interrupt_signal);
  o.stop = &interrupted();
  o.spread = spread.get();
  if (spread) std::signal(SIGTERM, on_interrupt_signal);  // mpirun passes Ctrl-C to its processes as SIGTERM
  const auto t0 = std::chrono::steady_clock::now();
  if (!e.run.quiet) {
    if (leads(o.spread)) std::fprintf(stderr, "tongchou ensemble: scenario %s (%s), %zu runs (seeds %lld..%lld), population seed %llu, %d threads\n",
                 sc.params.scenario_name.c_str(), sc.source.c_str(), o.seeds.size(), static_cast<long long>(o.seeds.front()),
                 static_cast<long long>(o.seeds.back()), static_cast<unsigned long long>(population_seed(sc.params)), o.threads);
    o.log = progress_log(t0, process_label(o.spread));
  }
  ScenarioRunner runner;
  EnsembleResult r;
  try {
    r = run_ensemble(sc, o, runner);
  } catch (const RunCancelled&) {
    return interrupted_exit("runs", o.dir.string() + "/runs");
  }
  if (!leads(o.spread)) return 0;  // the leader reports the ensemble
  const auto& summary = r.summary;
  std::printf("%s: %d runs in %s (%d kept from before), %.1f s\n", sc.params.scenario_name.c_str(), r.runs, o.dir.string().c_str(),
              r.kept, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  auto line = [&](const char* label, const char* section, const char* key) {
    const auto& b = summary["bands"];
    if (!b.contains(section) || !b[section].contains(key)) return;
    const auto& f = b[section][key];
    auto text = [](const nlohmann::ordered_json& v) {
      return v.is_string() ? v.get<std::string>() : fmt::format("{:.6g}", v.get<double>());
    };
    std::printf("  %-22s median %s, 5-95%% %s .. %s\n", label, text(f["median"]).c_str(), text(f["p5"]).c_str(), text(f["p95"]).c_str());
  };
  line("infections", "health", "infections");
  line("confirmed", "health", "confirmed");
  line("deaths", "health", "deaths");
  line("peak in hospital", "health", "peak_in_hospital");
  line("no active confirmed", "health", "zero_active_confirmed_date");
  if (summary["probability_of_rebound"].is_number())
    std::printf("  probability of a rebound %.0f%% (%d of %d runs)\n", 100 * summary["probability_of_rebound"].get<double>(),
                summary["rebounds"].get<int>(), r.runs);
  std::printf("report: %s\n", r.report.string().c_str());
  return 0;
}

}  // namespace

Command add_ensemble_command(CLI::App& app) {
  auto o = std::make_shared<EnsembleCli>();
  EnsembleCli& eo = *o;
  auto* ensemble = app.add_subcommand("ensemble", "Run a scenario with N seeds on one population: median and 5-95% bands");
  ensemble->add_option("scenario", eo.run.scenario, "Scenario file or built-in name (default: chongqing)");
  ensemble->add_option("--runs", eo.runs, "Number of runs: seeds 1..N")->check(CLI::Range(1, 100000));
  ensemble->add_option("--seeds", eo.seeds, "The runs' seeds instead (comma-separated)")->delimiter(',')->excludes("--runs");
  ensemble->add_option("-o,--output", eo.run.output, "Output directory (default: output/<scenario name>-ensemble)");
  add_scenario_options(ensemble, eo.run, "Threads in all, runs in parallel", "No progress lines");
  ensemble->footer(std::string("\nThe runs share one synthesised population (made once, from population.seed, or the scenario's seed when\n"
                               "it is -1) and differ in the seed of everything that happens to it: imports, infections, case finding,\n"
                               "measures' draws, the economy's. Each run is a whole run folder DIR/runs/NNN/ whose\n"
                               "scenario.resolved.toml repeats it (`tongchou run DIR/runs/003/scenario.resolved.toml`). The ensemble\n"
                               "writes DIR/ensemble.csv (median and 5-95% band per day of the key series), DIR/summary.json (the same\n"
                               "bands for every scorecard figure, and the probability of a rebound) and DIR/report.html. Run the same\n"
                               "command again after an interruption: finished runs are kept.\n\n"
                               "Examples:\n"
                               "  tongchou ensemble yunyang --runs 20\n"
                               "  tongchou ensemble chongqing --runs 10 --scale 4 -o out/cq10\n"
                               "  tongchou ensemble my.toml --seeds 3,5,8 --set transmission.r0=2.2\n"
                               "  mpirun -n 4 tongchou ensemble yunyang --runs 20   (runs shared by 4 processes; same folder)\n\n") +
                   kExitCodes);
  return {ensemble, [o] { return ensemble_command(*o); }};
}

}  // namespace tongchou::cli

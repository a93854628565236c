// `tongchou run`: one scenario, its run folder and the scorecard.
#include <omp.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/number_check.hpp"
#include "cli/scenario_options.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/progress.hpp"
#include "output/run_folder.hpp"
#include "output/run_outputs.hpp"
#include "plans/mpi_launch.hpp"
#include "report/folder_writes.hpp"
#include "report/run_directory.hpp"
#include "report/scorecard.hpp"
#include "sim/simulation.hpp"

namespace tongchou::cli {
namespace {

int run_command(const RunOptions& o) {
  refuse_mpi_launch("run");  // never initialises MPI; only refuses R copies of one run
  Scenario sc = load_with_options(o);
  if (o.threads > 0) omp_set_num_threads(o.threads);
  const std::filesystem::path out = o.output.empty() ? std::filesystem::path("output") / sc.params.scenario_name : std::filesystem::path(o.output);
  check_output_folder(out, FolderKind::Run);  // fail before a long run, not after (docs/outputs.md, "The run folder")

  ProgressBar bar(o.quiet ? ProgressBar::Style::Off : stderr_is_terminal() ? ProgressBar::Style::Terminal : ProgressBar::Style::Plain,
                  progress_interval_seconds());
  const auto t0 = std::chrono::steady_clock::now();
  bar.message(fmt::format("tongchou: scenario {} ({}), seed {}, {} threads", sc.params.scenario_name, sc.source,
                          sc.params.scenario_seed, omp_get_max_threads()));
  Simulation sim(std::move(sc), {}, [&](const std::string& phase) { bar.phase(phase); });
  bar.message(fmt::format("  {} agents ({} people) in {} districts; setup {:.2f}s; r0 {:.3f}",
                          sim.population().persons(), people(static_cast<std::int64_t>(sim.population().persons()), sim.population().scale),
                          sim.population().districts.size(),
                          sim.timings().region_seconds + sim.timings().synthesis_seconds + sim.timings().calibration_seconds,
                          sim.transmission_rates().r0));
  std::signal(SIGINT, on_interrupt_signal);
  const auto t_days = std::chrono::steady_clock::now();
  bar.phase("days");
  bar.restart();  // the ETA extrapolates the days, not the setup before them
  while (sim.step()) {
    bar.update(sim.day(), sim.days());
    if (interrupted()) {
      bar.finish();
      std::fprintf(stderr, "interrupted on day %d; no output written\n", sim.day());
      return static_cast<int>(ExitCode::Interrupted);
    }
  }
  bar.update(sim.day(), sim.days());
  bar.finish();
  const auto t_out = std::chrono::steady_clock::now();
  bar.phase("outputs");
  const RunDirectory written = write_run_folder(sim, out);
  const auto t_end = std::chrono::steady_clock::now();
  bar.summary();
  const double seconds = std::chrono::duration<double>(t_end - t0).count();
  const double days_s = std::chrono::duration<double>(t_out - t_days).count();
  const double out_s = std::chrono::duration<double>(t_end - t_out).count();
  const auto& last = sim.daily().back();
  const double k = sim.population().scale;
  std::printf("%s: %s to %s, %s people\n", sim.params().scenario_name.c_str(), format_date(sim.params().scenario_start).c_str(),
              format_date(sim.date_of(sim.days() - 1)).c_str(), people(static_cast<std::int64_t>(sim.population().persons()), k).c_str());
  std::printf("  infections %s (imported %s), deaths %s, active at end %s\n", people(last.cumulative_infections, k).c_str(),
              people(last.cumulative_imported, k).c_str(), people(last.in_state[static_cast<int>(DiseaseState::Dead)], k).c_str(),
              people(last.in_state[1] + last.in_state[2] + last.in_state[3] + last.in_state[4] + last.in_state[5] + last.in_state[6], k).c_str());
  for (const auto& w : sim.warnings()) std::fprintf(stderr, "warning: %s\n", w.c_str());  // also in summary.json and the report
  const auto& tm = sim.timings();
  std::printf("  outputs in %s\n", out.string().c_str());
  std::printf("  time %.1f s: region data %.2f s, synthesis %.2f s, calibration %.2f s, %d days %.2f s (%.3g ns per person-day), "
              "outputs %.2f s\n",
              seconds, tm.region_seconds, tm.synthesis_seconds, tm.calibration_seconds, sim.days(), days_s,
              days_s * 1e9 / (static_cast<double>(sim.population().persons()) * sim.days()), out_s);
  std::printf("scorecard\n%s", scorecard_text(written).c_str());
  std::printf("report: %s\n", (out / "report.html").string().c_str());
  return 0;
}

}  // namespace

Command add_run_command(CLI::App& app) {
  auto o = std::make_shared<RunOptions>();
  RunOptions& ro = *o;
  auto* run = app.add_subcommand("run", "Run a scenario (a TOML file or a built-in name; default: chongqing)");
  run->add_option("scenario", ro.scenario, "Scenario file or built-in name (see `tongchou scenarios`)");
  run->add_option("-o,--output", ro.output, "Output directory: new, empty or an earlier run's (default: output/<scenario name>)");
  run->add_option("--seed", ro.seed, "Random seed (scenario.seed)")->check(number_check("scenario.seed", true, 0, 0));
  add_scenario_options(run, ro, "Threads", "No progress on standard error");
  run->footer(std::string("\nExamples:\n  tongchou run\n  tongchou run yunyang --seed 3 -o out/y3\n"
                          "  tongchou run uncontrolled --people 1000000 --threads 2\n"
                          "  tongchou run chongqing --scale 10 --days 60 --set transmission.r0=2.2\n"
                          "  tongchou run yunyang --set zoning.high.work=0.5 --set zoning.high.venue.restaurant=0\n\n"
                          "Outputs: daily.csv, districts.csv, events.csv, sectors.csv (the economy's 42 sectors), comparison.csv\n"
                          "         (regions with a case series), closed_loop.csv (with [[arrivals]]), infections.csv, summary.json,\n"
                          "         scenario.resolved.toml, report.html (charts, district map, measure timeline, scorecard;\n"
                          "         open it in a browser, no network needed) and manifest.json (every file, size and checksum)\n"
                          "(docs/outputs.md describes every column). The folder is always one whole run: written beside DIR\n"
                          "and swapped in at the end, so a crash leaves the previous run whole. DIR must be absent, empty or an\n"
                          "earlier run's folder (exit 3 otherwise). Progress goes to standard error: the setup's phases, then a\n"
                          "bar with the remaining time (ETA) on a terminal, or a plain line every 5 s otherwise (logs, CI;\n"
                          "TONGCHOU_PROGRESS_SECONDS sets the interval), and each phase's share of the time at the end. The run\n"
                          "ends with a short scorecard (WARNING lines first when the run is far from the reported series or\n"
                          "needed more beds than designated) and the path of the report.\n\n") +
              kExitCodes);
  return {run, [o] { return run_command(*o); }};
}

}  // namespace tongchou::cli

// The `tongchou` command: run, report, compare, init, validate, params, scenarios.
#include <omp.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <fmt/format.h>

#include "core/error.hpp"
#include "core/progress.hpp"
#include "output/run_outputs.hpp"
#include "population/region_data.hpp"
#include "report/report_html.hpp"
#include "report/run_directory.hpp"
#include "report/scorecard.hpp"
#include "scenario/scenario_copy.hpp"
#include "measures/knobs.hpp"
#include "measures/measure_controller.hpp"
#include "scenario/scenario.hpp"
#include "sim/imports.hpp"
#include "sim/simulation.hpp"

using namespace tongchou;

namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void on_sigint(int) { g_interrupted = true; }

constexpr const char* kExitCodes =
    "Exit codes:\n"
    "  0    success\n"
    "  1    unexpected internal error\n"
    "  2    bad input: command line, scenario file or data file, or a run too large for the memory available\n"
    "       (every problem is listed)\n"
    "  3    an output file or directory could not be written\n"
    "  130  interrupted (Ctrl-C); no partial output file is left under its final name\n";

int report(const InputError& e) {
  std::fprintf(stderr, "error: invalid input (%zu problem%s):\n", e.diagnostics().size(), e.diagnostics().size() == 1 ? "" : "s");
  for (const auto& d : e.diagnostics()) std::fprintf(stderr, "  %s\n", d.to_string().c_str());
  return static_cast<int>(ExitCode::BadInput);
}

struct RunOptions {
  std::string scenario = "chongqing";
  std::string output;
  std::int64_t seed = -1, people = -1, days = -1;
  double scale = -1;
  int threads = 0;
  std::vector<std::string> sets;
  bool quiet = false;
};

int run_command(const RunOptions& o) {
  Scenario sc = load_scenario(o.scenario);
  std::vector<std::string> sets;
  if (o.seed >= 0) sets.push_back(fmt::format("scenario.seed={}", o.seed));
  if (o.days >= 0) sets.push_back(fmt::format("scenario.days={}", o.days));
  if (o.scale >= 0) sets.push_back(fmt::format("population.scale={}", o.scale));
  if (o.people >= 0) {
    if (sc.params.scenario_region != "synthetic")
      throw InputError({{"--people", 0, 0, "population.people",
                         "applies to synthetic regions only (scenario " + sc.params.scenario_name + " uses region " +
                             sc.params.scenario_region + "); use --scale to run fewer agents"}});
    sets.push_back(fmt::format("population.people={}", o.people));
  }
  sets.insert(sets.end(), o.sets.begin(), o.sets.end());
  apply_overrides(sc, sets);
  if (o.threads > 0) omp_set_num_threads(o.threads);
  const std::filesystem::path out = o.output.empty() ? std::filesystem::path("output") / sc.params.scenario_name : std::filesystem::path(o.output);
  prepare_output_directory(out);  // fail before a long run, not after

  ProgressBar bar(o.quiet ? ProgressBar::Style::Off : stderr_is_terminal() ? ProgressBar::Style::Terminal : ProgressBar::Style::Plain,
                  progress_interval_seconds());
  const auto t0 = std::chrono::steady_clock::now();
  bar.message(fmt::format("tongchou: scenario {} ({}), seed {}, {} threads", sc.params.scenario_name, sc.source,
                          sc.params.scenario_seed, omp_get_max_threads()));
  Simulation sim(std::move(sc), [&](const std::string& phase) { bar.phase(phase); });
  bar.message(fmt::format("  {} agents ({} people) in {} districts; setup {:.2f}s; r0 {:.3f}",
                          sim.population().persons(), people(static_cast<std::int64_t>(sim.population().persons()), sim.population().scale),
                          sim.population().districts.size(),
                          sim.timings().region_seconds + sim.timings().synthesis_seconds + sim.timings().calibration_seconds,
                          sim.transmission_rates().r0));
  std::signal(SIGINT, on_sigint);
  const auto t_days = std::chrono::steady_clock::now();
  bar.phase("days");
  bar.restart();  // the ETA extrapolates the days, not the setup before them
  while (sim.step()) {
    bar.update(sim.day(), sim.days());
    if (g_interrupted) {
      bar.finish();
      std::fprintf(stderr, "interrupted on day %d; no output written\n", sim.day());
      return static_cast<int>(ExitCode::Interrupted);
    }
  }
  bar.update(sim.day(), sim.days());
  bar.finish();
  const auto t_out = std::chrono::steady_clock::now();
  bar.phase("outputs");
  write_run_outputs(sim, out);
  const RunDirectory written = read_run_directory(out);  // the report shows what the files say
  write_report({written}, out / "report.html");
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
  for (const auto& w : sim.warnings()) std::printf("  warning: %s\n", w.c_str());
  const auto& tm = sim.timings();
  std::printf("  outputs in %s\n", out.string().c_str());
  std::printf("  time %.1f s: region data %.2f s, synthesis %.2f s, calibration %.2f s, %d days %.2f s (%.0f ns per person-day), "
              "outputs %.2f s\n",
              seconds, tm.region_seconds, tm.synthesis_seconds, tm.calibration_seconds, sim.days(), days_s,
              days_s * 1e9 / (static_cast<double>(sim.population().persons()) * sim.days()), out_s);
  std::printf("scorecard\n%s", scorecard_text(written).c_str());
  std::printf("report: %s\n", (out / "report.html").string().c_str());
  return 0;
}

void print_warnings(const RunDirectory& run) {
  for (const auto& w : run.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
}

int report_command(const std::string& dir, const std::string& output) {
  const RunDirectory run = read_run_directory(dir);
  print_warnings(run);
  const std::filesystem::path file = output.empty() ? std::filesystem::path(dir) / "report.html" : std::filesystem::path(output);
  if (file.has_parent_path()) prepare_output_directory(file.parent_path());
  write_report({run}, file);
  std::printf("%s (%s)\nscorecard\n%s", run.label.c_str(), dir.c_str(), scorecard_text(run).c_str());
  std::printf("report: %s\n", file.string().c_str());
  return 0;
}

int compare_command(const std::vector<std::string>& dirs, const std::string& output) {
  std::vector<RunDirectory> runs;
  std::vector<Diagnostic> problems;
  for (const auto& d : dirs) {
    try {
      runs.push_back(read_run_directory(d));
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  // Runs of one scenario (e.g. seeds) get their directory name beside the scenario's.
  for (std::size_t i = 0; i < runs.size(); ++i)
    for (std::size_t j = 0; j < runs.size(); ++j)
      if (i != j && runs[i].label == runs[j].label) {
        const std::string shared = runs[i].label;
        for (auto& r : runs)
          if (r.label == shared) r.label += " (" + r.dir.filename().string() + ")";
        break;
      }
  for (std::size_t i = 0; i < runs.size(); ++i)
    for (std::size_t j = i + 1; j < runs.size(); ++j)
      if (runs[i].label == runs[j].label) runs[j].label += " #" + std::to_string(j + 1);
  const std::filesystem::path out(output);
  prepare_output_directory(out);
  write_report(runs, out / "report.html");
  for (const auto& r : runs) {
    print_warnings(r);
    std::printf("%s (%s)\n%s", r.label.c_str(), r.dir.string().c_str(), scorecard_text(r).c_str());
  }
  std::printf("report: %s\n", (out / "report.html").string().c_str());
  return 0;
}

int validate_command(const std::vector<std::string>& files) {
  int rc = 0;
  for (const auto& f : files) {
    try {
      Scenario sc = load_scenario(f);
      RegionData region = load_region(sc.params);
      std::vector<Diagnostic> problems;
      import_district_weights(sc, region, problems);
      arrival_district_weights(sc, region, problems);
      check_measure_places(sc, region, problems);
      if (!problems.empty()) throw InputError(std::move(problems));
      std::printf("%s: ok (%zu parameters, %zu imports, %zu arrivals)\n", f.c_str(), parameter_table().size(), sc.imports.size(),
                  sc.arrivals.size());
    } catch (const InputError& e) {
      rc = report(e);
    }
  }
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"tongchou (统筹): epidemic control and economic recovery, simulated person by person.\n"};
  app.footer(std::string("\nExamples:\n"
                         "  tongchou run                          run the built-in chongqing scenario\n"
                         "  tongchou run yunyang -o out/yunyang   one county, about 0.93 million people\n"
                         "  tongchou run uncontrolled --people 100000 --days 120\n"
                         "  tongchou run my.toml --set transmission.r0=3 --seed 7\n"
                         "  tongchou report output/chongqing      rebuild output/chongqing/report.html\n"
                         "  tongchou compare out/a out/b -o out/ab overlay runs; scorecards side by side\n"
                         "  tongchou scenarios                    list the built-in scenarios\n"
                         "  tongchou init my --from yunyang       write my.toml, an editable copy of one\n"
                         "  tongchou validate my.toml\n"
                         "  tongchou params --markdown > docs/parameters.md\n\n") +
             kExitCodes);
  app.require_subcommand(0, 1);

  RunOptions ro;
  auto* run = app.add_subcommand("run", "Run a scenario (a TOML file or a built-in name; default: chongqing)");
  run->add_option("scenario", ro.scenario, "Scenario file or built-in name (see `tongchou scenarios`)");
  run->add_option("-o,--output", ro.output, "Output directory (default: output/<scenario name>)");
  run->add_option("--seed", ro.seed, "Random seed (scenario.seed)")->check(CLI::NonNegativeNumber);
  run->add_option("--threads", ro.threads, "Threads (default: all cores); results do not depend on it")->check(CLI::PositiveNumber);
  run->add_option("--people", ro.people, "Persons of a synthetic region (population.people)")->check(CLI::PositiveNumber);
  run->add_option("--scale", ro.scale, "One agent stands for this many people (population.scale)")->check(CLI::PositiveNumber);
  run->add_option("--days", ro.days, "Days to simulate (scenario.days)")->check(CLI::PositiveNumber);
  run->add_option("--set", ro.sets, "Override a parameter: --set section.name=value (repeatable; see `tongchou params`)");
  run->add_flag("-q,--quiet", ro.quiet, "No progress on standard error");
  run->footer(std::string("\nExamples:\n  tongchou run\n  tongchou run yunyang --seed 3 -o out/y3\n"
                          "  tongchou run uncontrolled --people 1000000 --threads 2\n"
                          "  tongchou run chongqing --scale 10 --days 60 --set transmission.r0=2.2\n\n"
                          "Outputs: daily.csv, districts.csv, events.csv, sectors.csv (the economy's 42 sectors), comparison.csv\n"
                          "         (chongqing, yunyang), closed_loop.csv (with [[arrivals]]), infections.csv, summary.json,\n"
                          "         scenario.resolved.toml, and report.html (charts,\n"
                          "         district map, measure timeline, scorecard; open it in a browser, no network needed)\n"
                          "(docs/outputs.md describes every column). Progress goes to standard error: the setup's phases, then a bar\n"
                          "with the remaining time (ETA) on a terminal, or a plain line every 5 s otherwise (logs, CI;\n"
                          "TONGCHOU_PROGRESS_SECONDS sets the interval), and each phase's share of the time at the end.\n"
                          "The run ends with a short scorecard and the path of the report.\n\n") +
              kExitCodes);

  std::vector<std::string> files;
  auto* validate = app.add_subcommand("validate", "Check scenario files; report every problem with file:line:column and key");
  validate->add_option("files", files, "Scenario files or built-in names")->required();
  validate->footer("\nExample:\n  tongchou validate my.toml\n");

  bool markdown = false;
  auto* params = app.add_subcommand("params", "Print the parameter table (name, type, default, unit, range, meaning, source)");
  params->add_flag("--markdown", markdown, "Print as Markdown (this is docs/parameters.md)");
  params->footer("\nExamples:\n  tongchou params\n  tongchou params --markdown > docs/parameters.md\n");

  auto* scenarios = app.add_subcommand("scenarios", "List the built-in scenarios");
  scenarios->footer("\nExample:\n  tongchou scenarios\n  tongchou init my --from yunyang   (an editable copy of one)\n");

  std::string report_dir, report_out;
  auto* report_cmd = app.add_subcommand("report", "Rebuild DIR/report.html from the files of a run's output directory");
  report_cmd->add_option("dir", report_dir, "Output directory of a `tongchou run` (holds daily.csv)")->required();
  report_cmd->add_option("-o,--output", report_out, "Write the report to this file instead of DIR/report.html");
  report_cmd->footer(std::string("\nThe report is one self-contained HTML file (charts, district map, measure timeline, scorecard; Chinese\n"
                                 "and English): open it in a browser, no network needed. It reads daily.csv (required), the other\n"
                                 "*.csv files but infections.csv, and summary.json, so edited or newer outputs show as they are.\n\n"
                                 "Examples:\n  tongchou report output/chongqing\n  tongchou report out/y3 -o /tmp/y3.html\n\n") +
                     kExitCodes);

  std::vector<std::string> compare_dirs;
  std::string compare_out = "output/compare";
  auto* compare = app.add_subcommand("compare", "Overlay several runs in one report, their scorecards side by side");
  compare->add_option("dirs", compare_dirs, "Output directories of two or more runs")->required()->expected(2, -1);
  compare->add_option("-o,--output", compare_out, "Directory to write report.html into (default: output/compare)");
  compare->footer(std::string("\nEach chart draws every run (one colour per run); the map shows one run at a time, chosen in the page.\n"
                              "With three runs or more the page can show each series as the median and 5-95% band across the runs\n"
                              "(the default when they are one scenario with several seeds), and the scorecard adds both columns\n"
                              "and the probability of a rebound (the share of runs whose local infections came back after 14 days\n"
                              "without any).\n\n"
                              "Examples:\n"
                              "  tongchou run yunyang -o out/base\n"
                              "  tongchou run yunyang --set transmission.r0=3 -o out/r0-3\n"
                              "  tongchou compare out/base out/r0-3 -o out/compare     (writes out/compare/report.html)\n"
                              "  for s in 1 2 3 4 5; do tongchou run yunyang --seed $s -q -o out/s$s; done\n"
                              "  tongchou compare out/s1 out/s2 out/s3 out/s4 out/s5 -o out/seeds   (median and 5-95% band)\n\n") +
                  kExitCodes);

  std::string init_name, init_from = "chongqing";
  auto* init = app.add_subcommand("init", "Write NAME.toml: an editable copy of a built-in scenario, with its comments");
  init->add_option("name", init_name, "Name of the new scenario (writes NAME.toml; NAME may be a path)")->required();
  init->add_option("--from", init_from, "Built-in scenario to copy (default: chongqing; see `tongchou scenarios`)");
  init->footer(std::string("\nIt never overwrites a file. The copy's [scenario] name is NAME, so its outputs go to output/NAME.\n\n"
                           "Examples:\n"
                           "  tongchou init my-city                 writes my-city.toml from chongqing\n"
                           "  tongchou init quick --from yunyang    writes quick.toml from yunyang\n"
                           "  tongchou validate quick.toml && tongchou run quick.toml\n\n") +
               kExitCodes);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : static_cast<int>(ExitCode::BadInput);
  }
  try {
    if (*validate) return validate_command(files);
    if (*params) {
      std::fputs(markdown ? (parameters_markdown() + knobs_markdown()).c_str() : parameters_text().c_str(), stdout);
      return 0;
    }
    if (*report_cmd) return report_command(report_dir, report_out);
    if (*compare) return compare_command(compare_dirs, compare_out);
    if (*init) {
      const auto path = write_scenario_copy(init_name, init_from);
      std::printf("wrote %s (a copy of %s); edit it, then: tongchou run %s\n", path.string().c_str(), init_from.c_str(),
                  path.string().c_str());
      return 0;
    }
    if (*scenarios) {
      for (const auto& b : builtin_scenarios()) std::printf("  %-14s %s\n", b.name.c_str(), b.description.c_str());
      return 0;
    }
    return run_command(ro);  // `tongchou` alone runs the default scenario
  } catch (const InputError& e) {
    return report(e);
  } catch (const OutputError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return static_cast<int>(ExitCode::OutputError);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "internal error: %s\n", e.what());
    return static_cast<int>(ExitCode::RuntimeError);
  }
}

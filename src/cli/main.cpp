// The `tongchou` command: run, population, report, compare, init, validate, params, scenarios.
#include <omp.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <charconv>
#include <chrono>
#include <functional>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <fmt/format.h>

#include "calibration/calibrate.hpp"
#include "core/error.hpp"
#include "core/progress.hpp"
#include "output/run_folder.hpp"
#include "output/run_outputs.hpp"
#include "plans/ensemble.hpp"
#include "plans/mpi_launch.hpp"
#include "plans/optimise.hpp"
#include "plans/sweep.hpp"
#include "population/region_data.hpp"
#include "population/snapshot.hpp"
#include "report/folder_writes.hpp"
#include "report/report_html.hpp"
#include "report/run_directory.hpp"
#include "report/scorecard.hpp"
#include "scenario/params_listing.hpp"
#include "population/region_scenario.hpp"
#include "scenario/scenario_copy.hpp"
#include "model/knobs.hpp"
#include "measures/measure_controller.hpp"
#include "scenario/scenario.hpp"
#include "sim/imports.hpp"
#include "sim/simulation.hpp"
#include "service/serve_cli.hpp"
#include "service/serve_command.hpp"

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
    "  3    an output file or directory could not be written, or is not one tongchou may replace\n"
    "  130  interrupted (Ctrl-C); no partial output file is left under its final name\n";

int report(const InputError& e) {
  std::fprintf(stderr, "error: invalid input (%zu problem%s):\n", e.diagnostics().size(), e.diagnostics().size() == 1 ? "" : "s");
  for (const auto& d : e.diagnostics()) std::fprintf(stderr, "  %s\n", d.to_string().c_str());
  return static_cast<int>(ExitCode::BadInput);
}

// Checks of `run`'s numbers with messages a person reads ("--threads: must be at least 1"), not CLI11's ranges of 309
// digits. The bounds are the parameter's (scenario.days ...) or given.
// --threads 100000 crashed (SIGSEGV) starting the OpenMP team; 1024 is far more than any machine has cores, and the
// results do not depend on the thread count.
constexpr std::int64_t kMaxThreads = 1024;

CLI::Validator number_check(const std::string& param, bool whole, double lo, double hi) {
  if (const ParamSpec* spec = find_param(param)) lo = spec->min().value_or(lo), hi = spec->max().value_or(hi);
  const std::string of = param.empty() ? "" : " (" + param + ")";
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        double v = 0;
        const char* end = text.data() + text.size();
        if (whole) {
          std::int64_t i = 0;
          const auto [p, ec] = std::from_chars(text.data(), end, i);
          if (ec == std::errc::result_out_of_range) return fmt::format("{} is too large: must be at most {:.0f}{}", text, hi, of);
          if (ec != std::errc() || p != end) return fmt::format("not an integer (\"{}\")", text);
          v = static_cast<double>(i);
        } else {
          const auto [p, ec] = std::from_chars(text.data(), end, v);
          if (ec != std::errc() || p != end) return fmt::format("not a number (\"{}\")", text);
          if (!std::isfinite(v)) return fmt::format("must be a finite number, not {}", text);
        }
        if (v < lo) return fmt::format("must be at least {}{}", lo, of);
        if (v > hi) return fmt::format("must be at most {}{}", hi, of);
        return {};
      },
      "");
}

struct RunOptions {
  std::string scenario = "chongqing";
  std::string output;
  std::int64_t seed = -1, people = -1, days = -1;
  double scale = -1;
  int threads = 0;
  std::vector<std::string> sets;
  std::string population;  // --population FILE: population.snapshot
  bool quiet = false;
};

// The scenario with run's options applied (--seed, --days, --scale, --people, --set), as run, ensemble ... use it.
Scenario load_with_options(const RunOptions& o) {
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
  if (!o.population.empty()) sc.params.population_snapshot = o.population;
  return sc;
}

// `tongchou population SCENARIO -o FILE`: synthesises the scenario's population and writes it as a snapshot.
int population_command(const RunOptions& o) {
  refuse_mpi_launch("population");  // one snapshot file: R copies would write it at once
  Scenario sc = load_with_options(o);
  sc.params.population_snapshot.clear();  // always synthesised (the scenario may name the file being made)
  if (o.threads > 0) omp_set_num_threads(o.threads);
  const std::filesystem::path out(o.output);
  check_snapshot_output(out);  // before the synthesis, not after
  const auto made = prepare_population(sc.params, {}, {}, sc.source);
  const auto t0 = std::chrono::steady_clock::now();
  write_population_snapshot(made->population, made->key, out);
  const double write_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!o.quiet)
    std::printf("wrote %s: %zu agents (%s people, scale %g), %.1f MB; synthesis %.2f s, writing %.2f s\n"
                "  use it: tongchou run %s --population %s, with the same options (scale, seed, --set of population.*)\n",
                out.string().c_str(), made->population.persons(),
                people(static_cast<std::int64_t>(made->population.persons()), made->population.scale).c_str(),
                made->population.scale, static_cast<double>(std::filesystem::file_size(out)) / 1e6,
                made->region_seconds + made->synthesis_seconds, write_s, o.scenario.c_str(), out.string().c_str());
  return 0;
}

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

// A plan command's progress line on stderr: "  [label]LINE (seconds since t0)".
std::function<void(const std::string&)> progress_log(std::chrono::steady_clock::time_point t0, std::string label = {}) {
  return [t0, label = std::move(label)](const std::string& line) {
    std::fprintf(stderr, "  %s%s (%.0f s)\n", label.c_str(), line.c_str(), std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  };
}

// "rank 2/3: " before a process's progress lines under mpirun (R > 1), else nothing.
std::string process_label(const WorkSpread* spread) {
  return spread && spread->ranks() > 1 ? fmt::format("rank {}/{}: ", spread->rank(), spread->ranks()) : std::string();
}

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
  std::signal(SIGINT, on_sigint);
  o.stop = &g_interrupted;
  o.spread = spread.get();
  if (spread) std::signal(SIGTERM, on_sigint);  // mpirun passes Ctrl-C to its processes as SIGTERM
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
    std::fprintf(stderr, "interrupted; the runs finished so far are kept in %s/runs (run the same command to resume)\n",
                 o.dir.string().c_str());
    return static_cast<int>(ExitCode::Interrupted);
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
  std::signal(SIGINT, on_sigint);
  o.stop = &g_interrupted;
  o.spread = spread.get();
  if (spread) std::signal(SIGTERM, on_sigint);  // mpirun passes Ctrl-C to its processes as SIGTERM
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
    std::fprintf(stderr, "interrupted; the points finished so far are kept in %s/points (run the same command to resume)\n",
                 o.dir.string().c_str());
    return static_cast<int>(ExitCode::Interrupted);
  }
  if (!leads(o.spread)) return 0;  // the leader reports the sweep
  std::printf("%s: %d points in %s (%d kept from before), %.1f s\n", sc.params.scenario_name.c_str(), r.points, o.dir.string().c_str(),
              r.kept, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  std::printf("table: %s\nreport: %s\n", r.csv.string().c_str(), r.report.string().c_str());
  return 0;
}

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
  std::signal(SIGINT, on_sigint);
  o.stop = &g_interrupted;
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
    std::fprintf(stderr, "interrupted; the evaluations finished so far are kept in %s (run the same command to resume)\n",
                 (o.dir / "calibration.csv").string().c_str());
    return static_cast<int>(ExitCode::Interrupted);
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
  std::signal(SIGINT, on_sigint);
  std::signal(SIGTERM, on_sigint);  // also mpirun's Ctrl-C to its processes
  o.stop = &g_interrupted;
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
    std::fprintf(stderr, "interrupted; the evaluations finished so far are kept in %s/evaluations.csv (run the same command to resume)\n",
                 o.dir.string().c_str());
    return static_cast<int>(ExitCode::Interrupted);
  }
  if (!leads(o.spread)) return 0;  // the leader reports the optimisation
  std::printf("%s: %d plans evaluated in %s (%d looked up from before), %d on the front, %.1f s\n", sc.params.scenario_name.c_str(),
              r.evaluations, o.dir.string().c_str(), r.kept, r.front, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  std::printf("front: %s\nreport: %s\n", (o.dir / "pareto.csv").string().c_str(), r.report.string().c_str());
  return 0;
}

void print_warnings(const RunDirectory& run) {
  for (const auto& w : run.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
}

int report_command(const std::string& dir, const std::string& output, bool allow_edited) {
  const RunDirectory run = read_run_directory(dir, allow_edited ? RunCheck::AllowEdited : RunCheck::Manifest);
  print_warnings(run);
  const std::filesystem::path file = output.empty() ? std::filesystem::path(dir) / "report.html" : std::filesystem::path(output);
  if (output.empty()) {
    rewrite_run_report(run, dir);
  } else {
    if (file.has_parent_path()) prepare_output_directory(file.parent_path());
    check_output_file(file);
    write_report({run}, file);
  }
  std::printf("%s (%s)\nscorecard\n%s", run.label.c_str(), dir.c_str(), scorecard_text(run).c_str());
  std::printf("report: %s\n", file.string().c_str());
  return 0;
}

int compare_command(const std::vector<std::string>& dirs, const std::string& output, bool allow_edited) {
  std::vector<RunDirectory> runs;
  std::vector<Diagnostic> problems;
  check_output_folder(output, FolderKind::Compare);
  for (const auto& d : dirs) {
    try {
      runs.push_back(read_run_directory(d, allow_edited ? RunCheck::AllowEdited : RunCheck::Manifest));
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
  write_compare_folder(runs, out);
  for (const auto& r : runs) {
    print_warnings(r);
    std::printf("%s (%s)\n%s", r.label.c_str(), r.dir.string().c_str(), scorecard_text(r).c_str());
  }
  std::printf("report: %s\n", (out / "report.html").string().c_str());
  return 0;
}

int validate_command(const std::vector<std::string>& files, const std::vector<std::string>& regions) {
  int rc = 0;
  if (files.empty() && regions.empty()) return report(InputError({{"validate", 0, 0, "", "name scenario files, or --region DIR"}}));
  for (const auto& dir : regions) {  // a region folder alone (docs/regions.md)
    try {
      Params p;
      p.scenario_region = dir;
      const RegionData r = load_region(p);
      std::size_t townships = 0;
      for (const auto& d : r.districts) townships += d.townships.size();
      std::printf("%s: ok (region %s / %s: %zu districts, %zu townships%s%s)\n", dir.c_str(), r.info.name_zh.c_str(),
                  r.info.name_en.c_str(), r.districts.size(), townships, r.info.cases_file.empty() ? "" : ", case series",
                  r.info.outlines_file.empty() ? "" : ", outlines");
    } catch (const InputError& e) {
      rc = report(e);
    }
  }
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

// The options `run`, `ensemble` and `sweep` share (--threads, --people, --scale, --days, --set, -q), with the same
// checks and messages; `threads` and `quiet` are each command's own help text.
void add_scenario_options(CLI::App* cmd, RunOptions& o, const std::string& threads, const std::string& quiet) {
  cmd->add_option("--threads", o.threads, fmt::format("{} (1..{}; default: all cores); results do not depend on it", threads, kMaxThreads))
      ->check(number_check("", true, 1, kMaxThreads));
  cmd->add_option("--people", o.people, "Persons of a synthetic region (population.people)")->check(number_check("population.people", true, 0, 0));
  cmd->add_option("--scale", o.scale, "One agent stands for this many people (population.scale)")->check(number_check("population.scale", false, 0, 0));
  cmd->add_option("--days", o.days, "Days to simulate (scenario.days)")->check(number_check("scenario.days", true, 0, 0));
  cmd->add_option("--set", o.sets, "Override a parameter: --set section.name=value, one TOML value (repeatable; see `tongchou params`);\n"
                                   "a risk level's measure: --set zoning.high.work=0.5")
      ->allow_extra_args(false);  // one key=value per --set: `--set a=1 yunyang` runs yunyang
  cmd->add_flag("-q,--quiet", o.quiet, quiet);
  if (cmd->get_name() != "population")
    cmd->add_option("--population", o.population, "Load the population from this snapshot (`tongchou population`) instead of "
                                                  "synthesising it (population.snapshot)");
}

int main(int argc, char** argv) {
  CLI::App app{"tongchou (统筹): epidemic control and economic recovery, simulated person by person.\n", "tongchou"};
  app.set_version_flag("--version", std::string("tongchou ") + TONGCHOU_VERSION, "Print the version (tongchou X.Y.Z) and exit");
  app.footer(std::string("\nExamples:\n"
                         "  tongchou run                          run the built-in chongqing scenario\n"
                         "  tongchou run yunyang -o out/yunyang   one county, about 0.93 million people\n"
                         "  tongchou run uncontrolled --people 100000 --days 120\n"
                         "  tongchou run my.toml --set transmission.r0=3 --seed 7\n"
                         "  tongchou report output/chongqing      rebuild output/chongqing/report.html\n"
                         "  tongchou compare out/a out/b -o out/ab overlay runs; scorecards side by side\n"
                         "  tongchou sweep yunyang --param transmission.r0=1.5,3   a grid; health against economy\n"
                         "  tongchou calibrate chongqing --fit fits/chongqing.toml   fit to the reported cases\n"
                         "  tongchou optimise chongqing --scale 10 --plan examples/plans/chongqing-reopening.toml   a Pareto front\n"
                         "  tongchou population chongqing -o cq.pop   then: tongchou run --population cq.pop\n"
                         "  tongchou scenarios                    list the built-in scenarios\n"
                         "  tongchou serve --workers 2            jobs over HTTP: API under /api, dashboard at /\n"
                         "  tongchou init my --from yunyang       write my.toml, an editable copy of one\n"
                         "  tongchou validate my.toml\n"
                         "  tongchou params health                one section of the table\n"
                         "  tongchou params --markdown > docs/parameters.md\n"
                         "  tongchou --version\n\n"
                         "`tongchou` alone prints this help; `tongchou run` runs the default scenario.\n\n") +
             kExitCodes);
  app.require_subcommand(0, 1);

  RunOptions ro;
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

  EnsembleCli eo;
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

  SweepCli so;
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

  CalibrateCli co;
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

  OptimiseCli oc;
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
  RunOptions po;
  auto* population = app.add_subcommand("population", "Synthesise a scenario's population and write it to a snapshot file (--population loads it)");
  population->add_option("scenario", po.scenario, "Scenario file or built-in name (default: chongqing)");
  population->add_option("-o,--output", po.output, "Snapshot file to write (a new file or an earlier snapshot)")->required();
  population->add_option("--seed", po.seed, "Random seed (scenario.seed; population.seed when it is -1)")->check(number_check("scenario.seed", true, 0, 0));
  add_scenario_options(population, po, "Threads of the synthesis", "Print nothing");
  population->footer(std::string("\nThe snapshot holds the synthesised persons, households and groups as little-endian arrays (versioned,\n"
                                 "checksummed, memory-mappable) and the population key it was made for: scenario.region and data_dir,\n"
                                 "every population.* and migrants.* parameter, the population seed and the scale. `--population FILE`\n"
                                 "(or population.snapshot = \"FILE\") makes run, ensemble and sweep load it instead of synthesising:\n"
                                 "the outputs are byte-identical. A snapshot made for another region, scale, seed or parameters, of\n"
                                 "another format version, truncated or corrupted is refused (exit 2) with the difference. -o replaces\n"
                                 "only an earlier snapshot (exit 3 for any other file).\n\n"
                                 "Examples:\n"
                                 "  tongchou population chongqing -o cq.pop\n"
                                 "  tongchou run chongqing --population cq.pop --set transmission.r0=2.2\n"
                                 "  tongchou population yunyang --scale 8 -o y8.pop\n  tongchou ensemble yunyang --scale 8 --runs 10 --population y8.pop\n\n") +
                     kExitCodes);

  std::vector<std::string> files;
  std::vector<std::string> validate_regions;
  auto* validate = app.add_subcommand("validate", "Check scenario files (and their region); report every problem with file:line:column and key");
  validate->add_option("files", files, "Scenario files or built-in names");
  validate->add_option("--region", validate_regions, "Check a region folder alone (docs/regions.md; repeatable)")
      ->allow_extra_args(false);  // one folder per --region: `--region dir my.toml` checks both
  validate->footer("\nExamples:\n  tongchou validate my.toml\n  tongchou validate --region my-region\n");

  bool markdown = false;
  std::string params_section;
  auto* params = app.add_subcommand("params", "Print the parameter table (name, type, default, unit, range, meaning, source) and the "
                                              "measures of places");
  params->add_option("section", params_section, "Only this section (e.g. health, zoning; measure: the measures of places)");
  params->add_flag("--markdown", markdown, "Print the whole table as Markdown (this is docs/parameters.md)")->excludes("section");
  params->footer("\nExamples:\n  tongchou params\n  tongchou params health\n  tongchou params zoning      (with the measures "
                 "[zoning.high] etc. set)\n  tongchou params --markdown > docs/parameters.md\n");

  auto* scenarios = app.add_subcommand("scenarios", "List the built-in scenarios");
  scenarios->footer("\nExample:\n  tongchou scenarios\n  tongchou init my --from yunyang   (an editable copy of one)\n");

  std::string report_dir, report_out;
  bool report_allow_edited = false, compare_allow_edited = false;
  auto* report_cmd = app.add_subcommand("report", "Rebuild DIR/report.html from the files of a run's output directory");
  report_cmd->add_option("dir", report_dir, "Output directory of a `tongchou run` (holds daily.csv)")->required();
  report_cmd->add_option("-o,--output", report_out, "Write the report to this file instead of DIR/report.html (a new file, or a report of tongchou)");
  report_cmd->add_flag("--allow-edited", report_allow_edited, "Read a folder whose files differ from its manifest.json (edited on purpose), with a warning");
  report_cmd->footer(std::string("\nThe report is one self-contained HTML file (charts, district map, measure timeline, scorecard; Chinese\n"
                                 "and English): open it in a browser, no network needed. It reads daily.csv (required), the other\n"
                                 "*.csv files but infections.csv, and summary.json. DIR must be one complete run: its manifest.json\n"
                                 "lists every file with its size and checksum; a missing, changed or extra file is an error\n"
                                 "(exit 2) unless --allow-edited. -o never replaces a file that is not a report of tongchou.\n\n"
                                 "Examples:\n  tongchou report output/chongqing\n  tongchou report out/y3 -o /tmp/y3.html\n\n") +
                     kExitCodes);

  std::vector<std::string> compare_dirs;
  std::string compare_out = "output/compare";
  auto* compare = app.add_subcommand("compare", "Overlay several runs in one report, their scorecards side by side");
  compare->add_option("dirs", compare_dirs, "Output directories of two or more runs")->required()->expected(2, -1);
  compare->add_option("-o,--output", compare_out, "Folder to write report.html into (default: output/compare): new, empty, or an earlier comparison");
  compare->add_flag("--allow-edited", compare_allow_edited, "Read runs whose files differ from their manifest.json, with a warning");
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
  std::string init_region;
  init->add_option("--from", init_from, "Built-in scenario to copy (default: chongqing; see `tongchou scenarios`)");
  init->add_option("--region", init_region, "Write a new scenario for this region folder (docs/regions.md) or built-in region: "
                                            "its names and period, no measures")->excludes(init->get_option("--from"));
  init->footer(std::string("\nIt never overwrites a file. The copy's [scenario] name is NAME, so its outputs go to output/NAME.\n\n"
                           "Examples:\n"
                           "  tongchou init my-city                 writes my-city.toml from chongqing\n"
                           "  tongchou init quick --from yunyang    writes quick.toml from yunyang\n"
                           "  tongchou init mine --region my-region writes mine.toml for the region folder my-region\n"
                           "  tongchou validate quick.toml && tongchou run quick.toml\n\n") +
               kExitCodes);

  service::ServeOptions sv;
  auto* serve = service::add_serve_subcommand(app, sv);  // options and help: src/service/serve_cli.cpp

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : static_cast<int>(ExitCode::BadInput);
  }
  try {
    if (*validate) return validate_command(files, validate_regions);
    if (*params) {
      std::fputs(markdown ? (parameters_markdown() + knobs_markdown()).c_str() : params_listing(params_section).c_str(), stdout);
      return 0;
    }
    if (*serve) {
      std::signal(SIGINT, on_sigint);
      std::signal(SIGTERM, on_sigint);
      return service::serve_command(sv, g_interrupted);
    }
    if (*ensemble) return ensemble_command(eo);
    if (*sweep) return sweep_command(so);
    if (*calibrate) return calibrate_command(co);
    if (*optimise) return optimise_command(oc);
    if (*report_cmd) return report_command(report_dir, report_out, report_allow_edited);
    if (*compare) return compare_command(compare_dirs, compare_out, compare_allow_edited);
    if (*init && !init_region.empty()) {
      const auto path = write_region_scenario(init_name, init_region);
      std::printf("wrote %s (region %s, no measures); edit it, then: tongchou run %s\n", path.string().c_str(), init_region.c_str(),
                  path.string().c_str());
      return 0;
    }
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
    if (*run) return run_command(ro);
    if (*population) return population_command(po);
    std::fputs(app.help().c_str(), stdout);  // `tongchou` alone: what it can do (`tongchou run` runs the default)
    return 0;
  } catch (const StoppedElsewhere&) {
    return 0;  // under mpirun rank 0 reports the error and exits with its code (see prints_errors)
  } catch (const InputError& e) {
    return prints_errors() ? report(e) : 0;
  } catch (const OutputError& e) {
    if (!prints_errors()) return 0;
    std::fprintf(stderr, "error: %s\n", e.what());
    return static_cast<int>(ExitCode::OutputError);
  } catch (const std::exception& e) {
    if (!prints_errors()) return 0;
    std::fprintf(stderr, "internal error: %s\n", e.what());
    return static_cast<int>(ExitCode::RuntimeError);
  }
}

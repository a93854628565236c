#include "service/job_kinds.hpp"

#include <omp.h>

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "output/manifest.hpp"
#include "output/run_folder.hpp"
#include "plans/ensemble.hpp"
#include "plans/optimise.hpp"
#include "plans/optimise_plan.hpp"
#include "plans/sweep.hpp"
#include "population/region_data.hpp"
#include "report/folder_writes.hpp"
#include "report/run_directory.hpp"
#include "scenario/sweep_variable.hpp"
#include "service/api_error.hpp"
#include "sim/memory_estimate.hpp"

namespace tongchou::service {

namespace fs = std::filesystem;

namespace {

// The one parameter that names a path: a request never reaches the file system.
constexpr const char* kPathKey = "scenario.data_dir";

void refuse_path_key(const std::string& key) {
  if (key == kPathKey)
    throw ApiError(400, fmt::format("{}: not accepted by the service (a request never names a path on the server)", kPathKey));
}

std::int64_t whole(const Json& spec, const char* key, std::int64_t lo, std::int64_t hi, std::int64_t fallback) {
  if (!spec.contains(key)) return fallback;
  const Json& v = spec[key];
  if (!v.is_number_integer()) throw ApiError(400, fmt::format("{}: must be a whole number, not {}", key, v.dump()));
  const auto n = v.get<std::int64_t>();
  if (n < lo || n > hi) throw ApiError(400, fmt::format("{}: must be between {} and {}, not {}", key, lo, hi, n));
  return n;
}

const Json& object_field(const Json& spec, const char* key) {
  static const Json empty = Json::object();
  if (!spec.contains(key)) return empty;
  if (!spec[key].is_object()) throw ApiError(400, fmt::format("{}: must be an object {{\"key\": value}}, not {}", key, spec[key].dump()));
  return spec[key];
}

// Agents of a run of `sc`: its population after population.scale, estimated before any synthesis.
double agents_of(const Scenario& sc) {
  if (sc.params.scenario_region == "synthetic") return estimate_synthetic_memory(sc.params).agents;
  return estimate_memory(sc.params, load_region(sc.params)).agents;
}

std::vector<std::int64_t> ensemble_seeds(const Json& spec) {
  std::vector<std::int64_t> seeds;
  if (spec.contains("seeds")) {
    if (!spec["seeds"].is_array() || spec["seeds"].empty()) throw ApiError(400, "seeds: must be a list of whole numbers, e.g. [1, 2, 3]");
    for (const auto& s : spec["seeds"]) {
      if (!s.is_number_integer() || s.get<std::int64_t>() < 0) throw ApiError(400, fmt::format("seeds: {} is not a whole number >= 0", s.dump()));
      seeds.push_back(s.get<std::int64_t>());
    }
    return seeds;
  }
  const std::int64_t runs = whole(spec, "runs", 1, 100000, 0);
  if (runs == 0) throw ApiError(400, "an ensemble needs \"runs\" (the number of runs, seeds 1..N) or \"seeds\" (a list)");
  for (std::int64_t i = 1; i <= runs; ++i) seeds.push_back(i);
  return seeds;
}

SweepOptions sweep_options(const Json& spec) {
  SweepOptions o;
  for (const auto& [key, values] : object_field(spec, "params").items()) {
    refuse_path_key(key);
    if (!values.is_array() || values.empty()) throw ApiError(400, fmt::format("params.{}: must be a list of values, e.g. [1.5, 2.5]", key));
    std::vector<std::string> texts;
    for (const auto& v : values) texts.push_back(toml_value(v, key));
    o.grid.emplace_back(key, std::move(texts));
  }
  for (const auto& [key, range] : object_field(spec, "ranges").items()) {
    refuse_path_key(key);
    if (!range.is_array() || range.size() != 2) throw ApiError(400, fmt::format("ranges.{}: must be [low, high]", key));
    o.ranges.push_back({key, toml_value(range[0], key), toml_value(range[1], key)});
  }
  o.samples = static_cast<int>(whole(spec, "samples", 1, 100000, 0));
  o.runs = static_cast<int>(whole(spec, "runs", 1, 1000, 1));
  if (o.grid.empty() && o.ranges.empty()) throw ApiError(400, "a sweep needs \"params\" {key: [values]} or \"ranges\" {key: [low, high]} with \"samples\"");
  return o;
}

std::vector<std::int64_t> compare_ids(const Json& spec, const fs::path& jobs_dir) {
  if (!spec.contains("jobs") || !spec["jobs"].is_array() || spec["jobs"].size() < 2)
    throw ApiError(400, "jobs: a comparison needs the ids of two or more done runs, e.g. [3, 4]");
  std::vector<std::int64_t> ids;
  for (const auto& j : spec["jobs"]) {
    if (!j.is_number_integer() || j.get<std::int64_t>() < 1) throw ApiError(400, fmt::format("jobs: {} is not a job id", j.dump()));
    const auto id = j.get<std::int64_t>();
    if (!fs::is_regular_file(jobs_dir / std::to_string(id) / kManifestName) || !fs::is_regular_file(jobs_dir / std::to_string(id) / "daily.csv"))
      throw ApiError(400, fmt::format("jobs: job {} is not a finished run (only runs that are done can be compared)", id));
    ids.push_back(id);
  }
  return ids;
}

// Counts the plan's progress lines ("run 3/20 ... done", "point 2/9 done") against the total.
std::function<void(const std::string&)> counting_log(const JobContext& ctx, std::size_t total) {
  auto done = std::make_shared<std::size_t>(0);
  return [&ctx, done, total](const std::string& line) {
    ++*done;
    if (ctx.progress) ctx.progress(std::min(0.99, static_cast<double>(*done) / static_cast<double>(std::max<std::size_t>(total, 1))), line);
  };
}

Json run_execute(const JobContext& ctx) {
  Scenario sc = request_scenario(*ctx.spec);
  check_output_folder(ctx.dir, FolderKind::Run);
  omp_set_num_threads(ctx.threads);
  auto sim = ctx.runner->simulate(std::move(sc), [&](int day, int days) {
    if (ctx.progress) ctx.progress(0.97 * day / std::max(days, 1), fmt::format("day {}/{}", day, days));
  }, ctx.stop);
  const RunDirectory written = write_run_folder(*sim, ctx.dir);
  return written.summary;
}

Json ensemble_execute(const JobContext& ctx) {
  const Scenario sc = request_scenario(*ctx.spec);
  EnsembleOptions o;
  o.seeds = ensemble_seeds(*ctx.spec);
  o.dir = ctx.dir;
  o.threads = ctx.threads;
  o.stop = ctx.stop;
  o.log = counting_log(ctx, o.seeds.size());
  return run_ensemble(sc, o, *ctx.runner).summary;
}

Json sweep_execute(const JobContext& ctx) {
  const Scenario sc = request_scenario(*ctx.spec);
  SweepOptions o = sweep_options(*ctx.spec);
  o.dir = ctx.dir;
  o.threads = ctx.threads;
  o.stop = ctx.stop;
  o.log = counting_log(ctx, sweep_points(sc, o).size());
  const SweepResult r = run_sweep(sc, o, *ctx.runner);
  return Json{{"points", r.points}, {"table", "sweep.csv"}, {"report", "report.html"}};
}

// The request's plan: "plan", the TOML text of PLAN.toml (read as plan.toml: its problems are the command line's
// file:line:column: key: message lines, answered 400), checked against the scenario; "runs" as --runs.
OptimisePlan request_plan(const Json& spec, const Scenario& sc) {
  if (!spec.contains("plan") || !spec["plan"].is_string() || spec["plan"].get<std::string>().empty())
    throw ApiError(400, "plan: an optimisation needs its plan, the TOML text of a PLAN.toml (docs/plans.md)");
  OptimisePlan plan;
  try {
    plan = parse_plan(spec["plan"].get<std::string>(), "plan.toml", sc);
  } catch (const InputError& e) {
    std::vector<std::string> lines;
    for (const auto& d : e.diagnostics()) lines.push_back(d.to_string());
    throw ApiError(400, fmt::format("invalid plan ({} problem{}): {}", lines.size(), lines.size() == 1 ? "" : "s", lines.empty() ? "" : lines.front()),
                   lines);
  }
  plan.runs = static_cast<int>(whole(spec, "runs", 1, 1000, plan.runs));
  return plan;
}

Json optimise_execute(const JobContext& ctx) {
  const Scenario sc = request_scenario(*ctx.spec);
  const OptimisePlan plan = request_plan(*ctx.spec, sc);
  OptimiseOptions o;
  o.dir = ctx.dir;
  o.threads = ctx.threads;
  o.stop = ctx.stop;
  o.log = counting_log(ctx, static_cast<std::size_t>(plan.generations) + 2);  // the scenario's own plan, generations 0..G
  const OptimiseResult r = run_optimise(sc, plan, o, *ctx.runner);
  return Json{{"evaluations", r.evaluations}, {"looked_up", r.kept}, {"front", r.front}, {"own_plan", r.own_plan},
              {"table", "pareto.csv"}, {"report", "report.html"}};
}

Json compare_execute(const JobContext& ctx) {
  std::vector<RunDirectory> runs;
  Json ids = Json::array();
  for (const auto id : compare_ids(*ctx.spec, ctx.jobs_dir)) {
    runs.push_back(read_run_directory(ctx.jobs_dir / std::to_string(id), RunCheck::Manifest));
    runs.back().label = fmt::format("{} (job {})", runs.back().label, id);
    ids.push_back(id);
  }
  write_compare_folder(runs, ctx.dir);
  return Json{{"jobs", ids}, {"report", "report.html"}};
}

}  // namespace

std::string toml_value(const Json& value, const std::string& key) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_number()) {
    std::string text = fmt::format("{}", value.get<double>());
    if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
    return text;
  }
  throw ApiError(400, fmt::format("{}: a value must be a number, text or true/false, not {}", key, value.dump()));
}

Scenario request_scenario(const Json& spec) {
  if (!spec.contains("scenario") || !spec["scenario"].is_string() || spec["scenario"].get<std::string>().empty())
    throw ApiError(400, "scenario: give a built-in scenario's name (GET /api/scenarios) or a scenario's TOML text");
  const std::string text = spec["scenario"].get<std::string>();
  Scenario sc;
  bool builtin = false;
  for (const auto& b : builtin_scenarios()) builtin = builtin || b.name == text;
  if (builtin) {
    sc = load_scenario(text);
  } else if (text.find('\n') == std::string::npos && text.find('=') == std::string::npos) {
    std::string names;
    for (const auto& b : builtin_scenarios()) names += (names.empty() ? "" : ", ") + b.name;
    throw ApiError(400, fmt::format("scenario: \"{}\" is not a built-in scenario ({}); a scenario of your own is sent as its TOML text",
                                    text.size() > 60 ? text.substr(0, 60) + "..." : text, names));
  } else {
    sc = parse_scenario(text, "scenario.toml");
  }
  // As a sweep's point: parameters and risk levels' measures as --set takes them, and measure.ID.from|until|value,
  // schedule.DATE.section.name.
  std::vector<std::pair<std::string, std::string>> values;
  for (const auto& [key, value] : object_field(spec, "overrides").items()) {
    refuse_path_key(key);
    values.emplace_back(key, toml_value(value, key));
  }
  if (spec.contains("seed")) values.emplace_back("scenario.seed", std::to_string(whole(spec, "seed", 0, 9007199254740991LL, 0)));
  apply_variables(sc, values, "overrides");
  if (!sc.params.scenario_data_dir.empty()) refuse_path_key(kPathKey);
  return sc;
}

const std::vector<JobKind>& job_kinds() {
  static const std::vector<JobKind> kinds = {
      {"run", "One run of a scenario: a run folder (report.html, daily.csv, ... manifest.json)",
       [](const Json& spec, const fs::path&) { return JobSize{agents_of(request_scenario(spec)), 1}; }, run_execute},
      {"ensemble", "The scenario with several seeds on one population: runs/NNN/, ensemble.csv, summary.json, report.html",
       [](const Json& spec, const fs::path&) {
         const auto seeds = ensemble_seeds(spec);
         return JobSize{agents_of(request_scenario(spec)), static_cast<int>(seeds.size())};
       },
       ensemble_execute},
      {"sweep", "The scenario over a grid or a Latin hypercube of its inputs: points/NNNN/, sweep.csv, report.html",
       [](const Json& spec, const fs::path&) {
         const Scenario sc = request_scenario(spec);
         const SweepOptions o = sweep_options(spec);
         JobSize size;
         for (const auto& point : sweep_points(sc, o)) size.agents = std::max(size.agents, agents_of(sweep_member(sc, point)));
         size.runs = static_cast<int>(sweep_points(sc, o).size()) * o.runs;
         return size;
       },
       sweep_execute},
      {"optimise", "A Pareto front of the scenario's plans (\"plan\": PLAN.toml's text): pareto.csv, evaluations.csv, front/NNN.toml, report.html",
       [](const Json& spec, const fs::path&) {
         const Scenario sc = request_scenario(spec);
         const OptimisePlan plan = request_plan(spec, sc);
         // The scenario's own plan and the population of generations 0..G, each run `runs` times (an upper bound:
         // plans asked for again are looked up, not run).
         const double evaluations = 1.0 + static_cast<double>(plan.population) * (plan.generations + 1);
         JobSize size{agents_of(sc), static_cast<int>(std::min(evaluations * plan.runs, 1e9))};
         // A variable of the population (people, scale) makes runs larger at one end of its range.
         for (const auto& v : plan.variables) {
           if (v.key.rfind("population.", 0) != 0) continue;
           const double ends[] = {v.step > 0 ? 0.0 : v.lo, v.step > 0 ? static_cast<double>(v.steps()) : v.hi};
           for (const double x : ends) size.agents = std::max(size.agents, agents_of(sweep_member(sc, SweepPoint{{{v.key, v.text(x)}}})));
         }
         return size;
       },
       optimise_execute},
      {"compare", "Finished runs side by side: report.html of a comparison",
       [](const Json& spec, const fs::path& jobs_dir) {
         compare_ids(spec, jobs_dir);  // runs nothing: reads runs already made
         return JobSize{};
       },
       compare_execute},
  };
  return kinds;
}

const JobKind* find_job_kind(std::string_view name) {
  for (const auto& k : job_kinds())
    if (k.name == name) return &k;
  return nullptr;
}

std::vector<std::string> job_files(const fs::path& dir) {
  std::vector<std::string> out;
  std::function<void(const fs::path&, const std::string&)> walk = [&](const fs::path& d, const std::string& prefix) {
    std::error_code ec;
    const fs::path manifest_file = d / kManifestName;
    if (fs::is_regular_file(fs::symlink_status(manifest_file, ec))) {
      std::ifstream in(manifest_file, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      Manifest m;
      std::string error;
      if (!parse_manifest(text.str(), m, error)) return;
      for (const auto& f : m.files) out.push_back(prefix + f.name);
      out.push_back(prefix + kManifestName);
      return;
    }
    std::vector<fs::directory_entry> entries;
    for (const auto& e : fs::directory_iterator(d, ec)) entries.push_back(e);
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
    for (const auto& e : entries) {
      const std::string name = e.path().filename().string();
      if (name.empty() || name[0] == '.' || name.find(".tmp.") != std::string::npos) continue;
      const auto st = e.symlink_status(ec);
      if (fs::is_regular_file(st)) out.push_back(prefix + name);
      else if (fs::is_directory(st)) walk(e.path(), prefix + name + "/");
    }
  };
  walk(dir, "");
  return out;
}

}  // namespace tongchou::service

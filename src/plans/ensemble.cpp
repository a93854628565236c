#include "plans/ensemble.hpp"

#include <omp.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/atomic_file.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "output/run_folder.hpp"
#include "plans/parallel_runs.hpp"
#include "population/region_folder.hpp"
#include "output/run_outputs.hpp"
#include "report/folder_writes.hpp"
#include "report/report_html.hpp"

namespace tongchou {

namespace {

// The series of daily.csv that ensemble.csv summarises (those a run has; the economy's only with the economy on).
constexpr const char* kSeries[] = {
    "new_infections", "new_local", "new_imported", "active_infections", "cumulative_infections", "new_confirmed",
    "new_reported", "cumulative_confirmed", "confirmed_active", "in_hospital", "in_icu", "cumulative_deaths",
    "in_quarantine_central", "in_quarantine_home", "districts_medium", "districts_high", "work_share", "gdp_index",
    "gdp_loss_cum", "enterprises_open_share", "workers_at_work_share", "consumption_index", "rt_case"};

// Sections of a run's summary.json that hold its scorecard (results, not inputs).
constexpr const char* kScorecardSections[] = {"health", "measures", "health_codes", "comparison", "economy"};

std::string run_folder_name(std::size_t i) { return fmt::format("{:03}", i + 1); }

std::string number(double v) {
  if (std::abs(v) < 9e15 && v == std::trunc(v)) return fmt::format("{}", static_cast<std::int64_t>(v));
  return fmt::format("{:.10g}", v);
}

// Values of one scorecard figure across runs: numbers, or dates (kept as day numbers).
struct Figure {
  std::vector<double> values;
  bool dates = false;
  int missing = 0;  // runs without a value (null, e.g. a date that never came)
};

void collect(const nlohmann::ordered_json& node, const std::string& path, std::map<std::string, Figure>& out,
             std::vector<std::string>& order) {
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) collect(it.value(), path + "/" + it.key(), out, order);
    return;
  }
  auto [it, fresh] = out.try_emplace(path);
  if (fresh) order.push_back(path);
  Figure& f = it->second;
  if (node.is_number()) {
    f.values.push_back(node.get<double>());
  } else if (node.is_string()) {
    if (auto d = parse_date(node.get<std::string>())) {
      f.values.push_back(d->days);
      f.dates = true;
    } else {
      f.missing = -1000000;  // text figures (labels) are not banded
    }
  } else if (node.is_null()) {
    ++f.missing;
  } else {
    f.missing = -1000000;  // arrays (e.g. per-district lists) are not banded here
  }
}

nlohmann::ordered_json band(Figure f, int runs) {
  std::sort(f.values.begin(), f.values.end());
  nlohmann::ordered_json b;
  auto value = [&](double q) -> nlohmann::ordered_json {
    const double v = quantile_of_sorted(f.values, q);
    if (f.dates) return format_date(Date{static_cast<std::int32_t>(std::lround(v))});
    return v;
  };
  b["median"] = value(0.5);
  b["p5"] = value(0.05);
  b["p95"] = value(0.95);
  b["runs"] = static_cast<int>(f.values.size());
  if (static_cast<int>(f.values.size()) < runs) b["runs_without"] = runs - static_cast<int>(f.values.size());
  return b;
}

}  // namespace

double quantile_of_sorted(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return std::nan("");
  const double x = static_cast<double>(sorted.size() - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(x)), hi = static_cast<std::size_t>(std::ceil(x));
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (x - static_cast<double>(lo));
}

int rebounds(const RunDirectory& run) {
  const CsvTable* daily = run.table("daily");
  if (!daily || !daily->has_column("new_local")) return -1;
  bool started = false;
  int quiet = 0;
  for (std::size_t r = 0; r < daily->rows(); ++r) {
    if (daily->real(r, "new_local") > 0) {
      if (started && quiet >= 14) return 1;
      started = true;
      quiet = 0;
    } else if (started) {
      ++quiet;
    }
  }
  return 0;
}

Scenario ensemble_member(const Scenario& base, std::int64_t seed) {
  Scenario sc = base;
  sc.params.population_seed = static_cast<std::int64_t>(population_seed(base.params));
  sc.params.scenario_seed = seed;
  return sc;
}

std::string ensemble_csv(const std::vector<RunDirectory>& runs) {
  std::string out = "date,series,runs,p5,median,p95\n";
  if (runs.empty()) return out;
  const CsvTable* first = runs.front().table("daily");
  if (!first) return out;
  // Rows are days; every run of an ensemble has the same dates.
  std::size_t days = first->rows();
  for (const auto& r : runs)
    if (const CsvTable* d = r.table("daily")) days = std::min(days, d->rows());
  for (std::size_t day = 0; day < days; ++day) {
    for (const char* s : kSeries) {
      if (!first->has_column(s)) continue;
      std::vector<double> v;
      for (const auto& r : runs) {
        const CsvTable* d = r.table("daily");
        if (!d || !d->has_column(s) || d->text(day, s).empty()) continue;
        v.push_back(d->real(day, s));
      }
      if (v.empty()) continue;
      std::sort(v.begin(), v.end());
      out += fmt::format("{},{},{},{},{},{}\n", first->text(day, "date"), s, v.size(), number(quantile_of_sorted(v, 0.05)),
                         number(quantile_of_sorted(v, 0.5)), number(quantile_of_sorted(v, 0.95)));
    }
  }
  return out;
}

nlohmann::ordered_json ensemble_summary(const Scenario& base, const std::vector<std::int64_t>& seeds,
                                        const std::vector<RunDirectory>& runs) {
  nlohmann::ordered_json j;
  j["tongchou_version"] = runs.empty() || !runs.front().summary.is_object() ? nlohmann::ordered_json(nullptr)
                                                                            : runs.front().summary.value("tongchou_version", nlohmann::ordered_json(nullptr));
  j["kind"] = "ensemble";
  const RegionInfo region = region_info(base.params);
  j["scenario"] = {{"name", base.params.scenario_name},
                   {"source", base.source},
                   {"region", base.params.scenario_region},
                   {"region_name_zh", region.name_zh},
                   {"region_name_en", region.name_en},
                   {"population_seed", population_seed(base.params)},
                   {"seeds", seeds}};
  j["runs"] = runs.size();
  int rebound = 0, known = 0;
  for (const auto& r : runs)
    if (const int b = rebounds(r); b >= 0) ++known, rebound += b;
  j["rebounds"] = rebound;
  j["probability_of_rebound"] = known > 0 ? nlohmann::ordered_json(static_cast<double>(rebound) / known) : nlohmann::ordered_json(nullptr);
  std::map<std::string, Figure> figures;
  std::vector<std::string> order;
  for (const auto& r : runs) {
    if (!r.summary.is_object()) continue;
    for (const char* section : kScorecardSections)
      if (r.summary.contains(section)) collect(r.summary[section], std::string("/") + section, figures, order);
  }
  nlohmann::ordered_json bands = nlohmann::ordered_json::object();
  for (const auto& path : order) {
    const Figure& f = figures[path];
    if (f.missing < 0 || f.values.empty()) continue;
    bands[nlohmann::ordered_json::json_pointer(path)] = band(f, static_cast<int>(runs.size()));
  }
  j["bands"] = std::move(bands);
  return j;
}

void check_ensemble_folder(const std::filesystem::path& dir) {
  check_plan_folder(dir, "ensemble", {"runs", "ensemble.csv", "summary.json", "report.html"});
}

EnsembleResult run_ensemble(const Scenario& base, const EnsembleOptions& o, ScenarioRunner& runner) {
  if (o.seeds.empty()) throw InputError({{"--runs", 0, 0, "", "an ensemble needs at least one run"}});
  const std::size_t n = o.seeds.size();
  std::vector<Scenario> members;
  for (auto s : o.seeds) members.push_back(ensemble_member(base, s));
  std::vector<std::string> resolved;
  for (const auto& m : members) resolved.push_back(resolved_toml(m));

  // Runs left by an earlier, identical ensemble are kept; the others run, several at once (each on its share of the
  // threads): a run's files depend only on its scenario and seed, not on the threads or the order. With a spread,
  // the leader checks the folder and lists the runs to do, and each process does its share of them.
  EnsembleResult result;
  result.runs = static_cast<int>(n);
  // The checks of the run folders make DIR/runs/ (and DIR) before the population is prepared: an ensemble that fails
  // before its first run is written (e.g. a refused --population snapshot) removes them again if it made them.
  std::error_code ec;
  struct RemoveIfEmpty {  // on the way out of a failure; std::filesystem::remove removes only an empty directory
    std::filesystem::path dir;
    bool had_dir, had_runs, armed;
    ~RemoveIfEmpty() {
      std::error_code e;
      if (armed && !had_runs) std::filesystem::remove(dir / "runs", e);
      if (armed && !had_dir) std::filesystem::remove(dir, e);
    }
  } cleanup{o.dir, std::filesystem::exists(o.dir, ec), std::filesystem::exists(o.dir / "runs", ec), leads(o.spread)};
  const std::vector<std::size_t> todo = parse_index_list(leader_step(o.spread, [&] {
    check_ensemble_folder(o.dir);
    for (std::size_t i = 0; i < n; ++i) check_output_folder(o.dir / "runs" / run_folder_name(i), FolderKind::Run);
    prepare_output_directory(o.dir / "runs");
    std::vector<std::size_t> left;
    for (std::size_t i = 0; i < n; ++i) {
      if (finished_before(o.dir / "runs" / run_folder_name(i), resolved[i])) {
        if (o.log) o.log(fmt::format("run {}/{} (seed {}): kept from an earlier run of this ensemble", i + 1, n, o.seeds[i]));
      } else {
        left.push_back(i);
      }
    }
    return index_list(left);
  }));
  result.kept = static_cast<int>(n - todo.size());
  spread_work(o.spread, todo, [&](const std::vector<std::size_t>& mine, const std::atomic<bool>* stop) {
    if (mine.empty()) return std::vector<std::string>();
    // The population synthesised and calibrated once, here, with every thread; shared by all the runs (which then
    // run on their shares of the threads: calibrating inside the first run would leave the other threads waiting).
    const int threads_before = omp_get_max_threads();
    omp_set_num_threads(std::max(1, o.threads));
    runner.prepare(members[mine.front()]);
    omp_set_num_threads(threads_before);
    ParallelRuns runs;
    runs.scenarios = &members;
    runs.todo = mine;
    runs.folder = [&](std::size_t i) { return o.dir / "runs" / run_folder_name(i); };
    runs.threads = o.threads;
    runs.stop = stop;
    runs.on_done = [&](std::size_t i, int finished, const RunDirectory& written) {
      if (!o.log) return;
      const auto& h = written.summary.is_object() && written.summary.contains("health") ? written.summary["health"]
                                                                                        : nlohmann::ordered_json();
      o.log(fmt::format("run {}/{} (seed {}) done [{}/{}]: infections {}, confirmed {}", i + 1, n, o.seeds[i], finished,
                        mine.size(), h.is_object() ? number(h.value("infections", 0.0)) : "?",
                        h.is_object() ? number(h.value("confirmed", 0.0)) : "?"));
    };
    run_in_parallel(runner, runs);
    return std::vector<std::string>(mine.size());
  }, o.stop);
  cleanup.armed = false;
  if (!leads(o.spread)) return result;

  // Folders of runs that are not in this ensemble (an earlier, larger one) do not stay beside it.
  for (const auto& entry : std::filesystem::directory_iterator(o.dir / "runs", ec)) {
    const std::string name = entry.path().filename().string();
    bool ours = false;
    for (std::size_t i = 0; i < n; ++i) ours = ours || name == run_folder_name(i);
    if (!ours) std::filesystem::remove_all(entry.path(), ec);
  }

  std::vector<RunDirectory> runs;
  for (std::size_t i = 0; i < n; ++i) {
    RunDirectory r = read_run_directory(o.dir / "runs" / run_folder_name(i), RunCheck::Manifest);
    r.label = fmt::format("{} seed {}", r.label, o.seeds[i]);
    runs.push_back(std::move(r));
  }
  write_file_atomically(o.dir / "ensemble.csv", ensemble_csv(runs));
  write_report(runs, o.dir / "report.html");
  result.summary = ensemble_summary(base, o.seeds, runs);
  write_file_atomically(o.dir / "summary.json", result.summary.dump(2) + "\n");  // last
  result.report = o.dir / "report.html";
  return result;
}

}  // namespace tongchou

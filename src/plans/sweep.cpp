#include "plans/sweep.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <numeric>
#include <set>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "output/run_folder.hpp"
#include "plans/ensemble.hpp"
#include "plans/parallel_runs.hpp"
#include "plans/sweep_report.hpp"
#include "report/folder_writes.hpp"
#include "scenario/sweep_variable.hpp"

namespace tongchou {

namespace {

constexpr const char* kScorecardSections[] = {"health", "measures", "health_codes", "comparison", "economy"};

std::string point_name(std::size_t i) { return fmt::format("{:04}", i + 1); }

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

[[noreturn]] void fail(const std::string& option, const std::string& key, std::string message) {
  throw InputError({{option, 0, 0, key, std::move(message)}});
}

std::optional<double> number_of(const std::string& text) {
  double v = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string cell_of(const nlohmann::ordered_json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

// Flattens a summary's scalars: "health.infections" -> value; objects are walked, arrays left out.
void flatten(const nlohmann::ordered_json& node, const std::string& path, std::vector<std::pair<std::string, nlohmann::ordered_json>>& out) {
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) flatten(it.value(), path.empty() ? it.key() : path + "." + it.key(), out);
  } else if (!node.is_array()) {
    out.emplace_back(path, node);
  }
}

// A point's figures: (column, value). A run's scorecard; an ensemble's bands as the median (column), _p5 and _p95.
std::vector<std::pair<std::string, nlohmann::ordered_json>> figures(const nlohmann::ordered_json& summary, int runs) {
  std::vector<std::pair<std::string, nlohmann::ordered_json>> out;
  if (!summary.is_object()) return out;
  if (runs <= 1) {
    for (const char* s : kScorecardSections)
      if (summary.contains(s)) flatten(summary[s], s, out);
    return out;
  }
  if (!summary.contains("bands")) return out;
  std::function<void(const nlohmann::ordered_json&, const std::string&)> walk = [&](const nlohmann::ordered_json& n, const std::string& path) {
    if (!n.is_object()) return;
    if (n.contains("median") && n.contains("p5") && n.contains("p95")) {
      out.emplace_back(path, n["median"]);
      out.emplace_back(path + "_p5", n["p5"]);
      out.emplace_back(path + "_p95", n["p95"]);
      return;
    }
    for (auto it = n.begin(); it != n.end(); ++it) walk(it.value(), path.empty() ? it.key() : path + "." + it.key());
  };
  walk(summary["bands"], "");
  if (summary.contains("probability_of_rebound")) out.emplace_back("probability_of_rebound", summary["probability_of_rebound"]);
  return out;
}

}  // namespace

std::pair<std::string, std::vector<std::string>> parse_param_option(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) fail("--param", text, "expected KEY=V1,V2,... e.g. --param transmission.r0=1.5,3");
  std::pair<std::string, std::vector<std::string>> out{text.substr(0, eq), {}};
  std::string rest = text.substr(eq + 1);
  std::size_t start = 0;
  while (true) {
    const auto comma = rest.find(',', start);
    std::string v = rest.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!v.empty() && v.front() == ' ') v.erase(v.begin());
    while (!v.empty() && v.back() == ' ') v.pop_back();
    if (v.empty()) fail("--param", out.first, fmt::format("an empty value in \"{}\": --param KEY=V1,V2,...", rest));
    out.second.push_back(v);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

SweepRange parse_range_option(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) fail("--range", text, "expected KEY=LO:HI e.g. --range transmission.r0=1.5:3");
  const std::string key = text.substr(0, eq), rest = text.substr(eq + 1);
  const auto colon = rest.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == rest.size())
    fail("--range", key, fmt::format("expected LO:HI (1.5:3, or dates 2020-02-10:2020-03-10), found \"{}\"", rest));
  return {key, rest.substr(0, colon), rest.substr(colon + 1)};
}

std::vector<std::string> sweep_keys(const SweepOptions& o) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : o.grid) keys.push_back(k);
  for (const auto& r : o.ranges) keys.push_back(r.key);
  return keys;
}

Scenario sweep_member(const Scenario& base, const SweepPoint& point) {
  Scenario sc = base;
  apply_variables(sc, point.values, "point");
  return sc;
}

std::vector<SweepPoint> latin_hypercube(const Scenario& base, const std::vector<SweepRange>& ranges, int n, std::uint64_t seed) {
  std::vector<SweepPoint> points(static_cast<std::size_t>(n));
  for (std::size_t d = 0; d < ranges.size(); ++d) {
    const auto& r = ranges[d];
    const VariableType type = variable_type(base, r.key, "--range");
    // A random permutation of the strata for this key (Fisher-Yates), and a uniform place in each stratum.
    Rng rng(seed, Purpose::SweepDesign, d);
    std::vector<std::size_t> strata(points.size());
    std::iota(strata.begin(), strata.end(), std::size_t{0});
    for (std::size_t i = strata.size(); i > 1; --i) std::swap(strata[i - 1], strata[rng.below(i)]);
    double lo = 0, hi = 0;
    if (type == VariableType::Date) lo = parse_date(r.lo)->days, hi = parse_date(r.hi)->days;
    else lo = *number_of(r.lo), hi = *number_of(r.hi);
    for (std::size_t i = 0; i < points.size(); ++i) {
      const double u = (static_cast<double>(strata[i]) + rng.uniform()) / n;
      std::string text;
      if (type == VariableType::Real) {
        text = fmt::format("{}", std::min(hi, lo + u * (hi - lo)));
      } else {  // whole numbers and days: the span lo..hi of hi-lo+1 values, cut into n strata
        const double v = std::min(hi, std::floor(lo + u * (hi - lo + 1)));
        text = type == VariableType::Date ? format_date(Date{static_cast<std::int32_t>(v)}) : fmt::format("{}", static_cast<std::int64_t>(v));
      }
      points[i].values.emplace_back(r.key, text);
    }
  }
  return points;
}

std::vector<SweepPoint> sweep_points(const Scenario& base, const SweepOptions& o) {
  if (o.runs < 1) fail("--runs", "--runs", fmt::format("must be at least 1 (runs per point), found {}", o.runs));
  if (o.samples > 0 && o.ranges.empty()) fail("--samples", "--samples", "a Latin hypercube needs one --range KEY=LO:HI or more");
  if (o.samples < 0 || (o.samples == 0 && !o.ranges.empty()))
    fail("--samples", "--samples", "--range needs --samples N (N >= 1), the number of points of the Latin hypercube");
  if (o.grid.empty() && o.ranges.empty()) fail("--param", "--param", "give the inputs: --param KEY=V1,V2,... or --samples N --range KEY=LO:HI");
  std::vector<Diagnostic> problems;
  std::set<std::string> seen;
  for (const auto& key : sweep_keys(o))
    if (!seen.insert(key).second) problems.push_back({"--param", 0, 0, key, "given twice: each key once, by --param or --range"});
  for (const auto& [key, values] : o.grid) {
    try {
      variable_type(base, key, "--param");
      if (values.empty()) problems.push_back({"--param", 0, 0, key, "no values: --param KEY=V1,V2,..."});
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  for (const auto& r : o.ranges) {
    try {
      const VariableType type = variable_type(base, r.key, "--range");
      if (type == VariableType::Other) {
        problems.push_back({"--range", 0, 0, r.key, "is not a number or a date: give its values with --param KEY=V1,V2"});
      } else if (type == VariableType::Date) {
        auto lo = parse_date(r.lo), hi = parse_date(r.hi);
        if (!lo || !hi) problems.push_back({"--range", 0, 0, r.key, fmt::format("expected dates LO:HI (2020-02-10:2020-03-10), found {}:{}", r.lo, r.hi)});
        else if (*hi < *lo) problems.push_back({"--range", 0, 0, r.key, fmt::format("bounds reversed: {} is after {} (LO:HI)", r.lo, r.hi)});
      } else {
        auto lo = number_of(r.lo), hi = number_of(r.hi);
        if (!lo || !hi) problems.push_back({"--range", 0, 0, r.key, fmt::format("expected numbers LO:HI (1.5:3), found {}:{}", r.lo, r.hi)});
        else if (*hi < *lo) problems.push_back({"--range", 0, 0, r.key, fmt::format("bounds reversed: {} is greater than {} (LO:HI)", r.lo, r.hi)});
      }
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));

  std::vector<SweepPoint> grid(1);
  for (const auto& [key, values] : o.grid) {
    std::vector<SweepPoint> next;
    for (const auto& p : grid)
      for (const auto& v : values) {
        SweepPoint q = p;
        q.values.emplace_back(key, v);
        next.push_back(std::move(q));
      }
    grid = std::move(next);
  }
  std::vector<SweepPoint> points;
  if (o.samples > 0) {
    const auto lhs = latin_hypercube(base, o.ranges, o.samples, static_cast<std::uint64_t>(base.params.scenario_seed));
    for (const auto& g : grid)
      for (const auto& s : lhs) {
        SweepPoint q = g;
        q.values.insert(q.values.end(), s.values.begin(), s.values.end());
        points.push_back(std::move(q));
      }
  } else {
    points = std::move(grid);
  }
  // Every point's scenario must hold together (ranges, measures' dates, cross-parameter rules): all problems at once.
  std::set<std::string> reported;
  for (const auto& p : points) {
    try {
      Scenario sc = base;
      apply_variables(sc, p.values, o.samples > 0 ? "--range" : "--param");
    } catch (const InputError& e) {
      for (const auto& d : e.diagnostics())
        if (reported.insert(d.to_string()).second) problems.push_back(d);
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return points;
}

void check_sweep_folder(const std::filesystem::path& dir) {
  check_plan_folder(dir, "sweep", {"points", "sweep.csv", "report.html"});
}

std::string sweep_csv(const std::vector<std::string>& keys, const std::vector<SweepPoint>& points,
                      const std::vector<nlohmann::ordered_json>& summaries, int runs) {
  std::vector<std::string> columns;
  std::set<std::string> known;
  std::vector<std::map<std::string, std::string>> rows;
  for (const auto& s : summaries) {
    std::map<std::string, std::string> row;
    for (const auto& [column, value] : figures(s, runs)) {
      if (known.insert(column).second) columns.push_back(column);
      row[column] = cell_of(value);
    }
    rows.push_back(std::move(row));
  }
  std::string out = "point";
  // Appended a piece at a time ("," + text makes GCC 12 warn falsely, -Wrestrict).
  for (const auto& k : keys) out.append(",").append(csv_cell(k));
  for (const auto& c : columns) out.append(",").append(csv_cell(c));
  out += '\n';
  for (std::size_t i = 0; i < points.size(); ++i) {
    out += point_name(i);
    for (const auto& [k, v] : points[i].values) out.append(",").append(csv_cell(v));
    for (const auto& c : columns) {
      auto it = i < rows.size() ? rows[i].find(c) : rows.front().end();
      out.append(",").append(i < rows.size() && it != rows[i].end() ? csv_cell(it->second) : std::string());
    }
    out += '\n';
  }
  return out;
}

SweepResult run_sweep(const Scenario& base, const SweepOptions& o, ScenarioRunner& runner) {
  const std::vector<SweepPoint> points = sweep_points(base, o);
  const std::size_t n = points.size();
  check_sweep_folder(o.dir);
  std::vector<Scenario> members;
  for (const auto& p : points) members.push_back(sweep_member(base, p));
  const std::filesystem::path dir_points = o.dir / "points";
  std::error_code ec;
  SweepResult result;
  result.points = static_cast<int>(n);
  const int threads = std::max(1, o.threads);
  auto inputs_of = [&](std::size_t i) {
    std::string inputs;
    for (const auto& [key, v] : points[i].values) inputs += fmt::format(" {}={}", key, v);
    return inputs;
  };

  // The leader (or the only process) checks the folder and lists the points to evaluate; with a spread, each process
  // then evaluates its share of them.
  const std::vector<std::size_t> todo = parse_index_list(leader_step(o.spread, [&] {
    check_sweep_folder(o.dir);
    // A point's folder of the other kind (an earlier sweep with 1 run per point and now K, or back) is replaced.
    for (std::size_t i = 0; i < n; ++i) {
      const auto d = dir_points / point_name(i);
      if (o.runs == 1 && std::filesystem::exists(d / "runs", ec)) std::filesystem::remove_all(d, ec);
      if (o.runs > 1 && std::filesystem::exists(d / "daily.csv", ec)) std::filesystem::remove_all(d, ec);
      if (o.runs == 1) check_output_folder(d, FolderKind::Run);
      else check_ensemble_folder(d);
    }
    prepare_output_directory(dir_points);
    // Points left whole by an earlier run of this sweep (same resolved scenario) are kept (K = 1; an ensemble resumes
    // its own runs).
    std::vector<std::size_t> left;
    for (std::size_t i = 0; i < n; ++i) {
      if (o.runs == 1 && finished_before(dir_points / point_name(i), resolved_toml(members[i]))) {
        if (o.log) o.log(fmt::format("point {}/{}: kept from an earlier run of this sweep", i + 1, n));
      } else {
        left.push_back(i);
      }
    }
    return index_list(left);
  }));
  result.kept = static_cast<int>(n - todo.size());

  const std::vector<std::string> kept = spread_work(o.spread, todo, [&](const std::vector<std::size_t>& mine, const std::atomic<bool>* stop) {
    std::vector<std::string> out;
    if (o.runs == 1) {
      // One run per point: the points in parallel.
      ParallelRuns runs;
      runs.scenarios = &members;
      runs.todo = mine;
      runs.folder = [&](std::size_t i) { return dir_points / point_name(i); };
      runs.threads = threads;
      runs.stop = stop;
      runs.on_done = [&](std::size_t i, int finished, const RunDirectory&) {
        if (o.log) o.log(fmt::format("point {}/{} done [{}/{}]:{}", i + 1, n, finished, mine.size(), inputs_of(i)));
      };
      run_in_parallel(runner, runs);
      out.assign(mine.size(), "0");
    } else {
      // K runs per point: each point an ensemble (its runs in parallel, resumed run by run), one point after another.
      for (const std::size_t i : mine) {
        EnsembleOptions e;
        for (int s = 1; s <= o.runs; ++s) e.seeds.push_back(s);
        e.dir = dir_points / point_name(i);
        e.threads = threads;
        e.stop = stop;
        const EnsembleResult r = run_ensemble(members[i], e, runner);
        out.push_back(r.kept == r.runs ? "1" : "0");
        if (o.log) o.log(fmt::format("point {}/{} done ({} runs, {} kept):{}", i + 1, n, r.runs, r.kept, inputs_of(i)));
      }
    }
    return out;
  }, o.stop);
  for (const auto& k : kept) result.kept += k == "1" ? 1 : 0;
  if (!leads(o.spread)) return result;

  // Folders of points that are not in this sweep (an earlier, larger one) do not stay beside it.
  for (const auto& entry : std::filesystem::directory_iterator(dir_points, ec)) {
    const std::string name = entry.path().filename().string();
    bool ours = false;
    for (std::size_t i = 0; i < n; ++i) ours = ours || name == point_name(i);
    if (!ours) std::filesystem::remove_all(entry.path(), ec);
  }

  std::vector<nlohmann::ordered_json> summaries;
  for (std::size_t i = 0; i < n; ++i) {
    const auto file = dir_points / point_name(i) / "summary.json";
    try {
      summaries.push_back(nlohmann::ordered_json::parse(read_text(file)));
    } catch (const nlohmann::json::exception& e) {
      throw InputError({{file.string(), 0, 0, "", std::string("cannot read the point's summary: ") + e.what()}});
    }
  }
  const std::vector<std::string> keys = sweep_keys(o);
  const std::string csv = sweep_csv(keys, points, summaries, o.runs);
  write_file_atomically(o.dir / "sweep.csv", csv);
  write_file_atomically(o.dir / "report.html", sweep_report_html(base, keys, csv, o.runs));
  result.csv = o.dir / "sweep.csv";
  result.report = o.dir / "report.html";
  return result;
}

}  // namespace tongchou

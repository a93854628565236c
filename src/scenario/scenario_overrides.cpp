#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "model/builtin_regions.hpp"
#include "model/knobs.hpp"
#include "model/risk_level.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_reader.hpp"

// --set KEY=VALUE on a scenario read (apply_overrides): one TOML value per key, checked as the file's own would be.
namespace tongchou {

void apply_overrides(Scenario& scenario, const std::vector<std::string>& assignments) {
  ScenarioReader r{"--set", {}};
  std::vector<std::string> keys;
  for (const auto& s : parameter_table()) keys.push_back(s.key);
  const auto knobs = r.knob_names();
  for (const char* level : kRiskLevelNames)
    for (const auto& k : knobs) keys.push_back(fmt::format("zoning.{}.{}", level, k));
  auto problem = [&](const std::string& key, std::string message) { r.problems.push_back({"--set", 0, 0, key, std::move(message)}); };
  auto unknown = [&](const std::string& key, std::string message) {
    auto near = closest_names(key, keys);
    if (!near.empty()) message += fmt::format("; did you mean \"{}\"?", near.front());
    problem(key, std::move(message));
  };
  // One TOML value and nothing after it: "3 4" and "3 # x" are refused. Text may be a bare word (--set scenario.name=my).
  constexpr std::string_view kOneValue = "write one TOML value, e.g. 3, 0.5, true, 2020-02-01, [1, 2] or \"text\"";
  auto read_value = [&](const std::string& key, std::string value, std::string_view type, toml::table& t) {
    const bool text = type == "text";
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
    try {
      t = toml::parse(std::string_view("v = " + value), std::string_view("--set"));
      const auto end = t.get("v")->source().end;
      if (t.size() == 1 && end.line == 1 && end.column - 1 == 4 + value.size()) return true;
      problem(key, fmt::format("\"{}\" has text after its value: {}", value, kOneValue));
      return false;
    } catch (const toml::parse_error&) {
      if (text && value.find_first_of("\"'#\n") == std::string::npos) {  // a bare word
        t = toml::table{};
        t.insert("v", value);
        return true;
      }
      problem(key, fmt::format("cannot read \"{}\" as {}: {}", value, type, kOneValue));
      return false;
    }
  };
  bool days_set = false;
  for (const auto& a : assignments) {
    const auto eq = a.find('=');
    if (eq == std::string::npos || eq == 0) {
      problem(a, "expected key=value, e.g. --set transmission.r0=3");
      continue;
    }
    const std::string key = a.substr(0, eq), value = a.substr(eq + 1);
    days_set |= key == "scenario.days" || key == "scenario.start";
    const ParamSpec* spec = find_param(key);
    // zoning.LEVEL.MEASURE: an entry of a risk level's table ([zoning.high] work = 0.5).
    if (!spec && key.starts_with("zoning.") && key.find('.', 7) != std::string::npos) {
      const std::string level = key.substr(7, key.find('.', 7) - 7), name = key.substr(key.find('.', 7) + 1);
      int l = -1;
      for (int i = 0; i < kRiskLevels; ++i)
        if (level == kRiskLevelNames[i]) l = i;
      if (l < 0) {
        problem(key, fmt::format("unknown risk level \"{}\"; the levels are low, medium and high (zoning.high.work=0.5)", level));
        continue;
      }
      const int knob = find_knob(name);
      if (knob < 0) {
        unknown(key, fmt::format("unknown measure \"{}\" (see `tongchou params zoning`)", name));
        continue;
      }
      toml::table t;
      if (!read_value(key, value, "a number", t)) continue;
      const auto before = r.problems.size();
      if (auto x = r.knob_value(*t.get("v"), knob, key)) {
        auto& lv = scenario.levels[static_cast<std::size_t>(l)];
        lv.given = true;
        auto it = std::find_if(lv.values.begin(), lv.values.end(), [&](const auto& kv) { return kv.first == knob; });
        if (it != lv.values.end()) it->second = *x;
        else lv.values.emplace_back(knob, *x);
      }
      for (auto i = before; i < r.problems.size(); ++i) r.problems[i].line = r.problems[i].column = 0;
      continue;
    }
    if (!spec) {
      unknown(key, "unknown parameter");
      continue;
    }
    toml::table t;
    if (!read_value(key, value, type_name(spec->type), t)) continue;
    const auto before = r.problems.size();
    r.set(scenario.params, *spec, *t.get("v"));
    for (auto i = before; i < r.problems.size(); ++i) r.problems[i].line = r.problems[i].column = 0;
    // A region folder given here is relative to the current directory; kept absolute, as a scenario file's is (its
    // scenario.resolved.toml, run from the run's folder, must name the same folder).
    auto& region = scenario.params.scenario_region;
    if (key == "scenario.region" && !is_builtin_region(region) && !region.empty() && std::filesystem::path(region).is_relative()) {
      std::error_code ec;
      const auto full = std::filesystem::absolute(region, ec);
      if (!ec) region = full.lexically_normal().string();
    }
  }
  if (r.problems.empty())
    for (auto& d : cross_checks(scenario)) {
      // A problem of an entry (it has a line) is in the scenario's file; the command line may have caused it.
      d.file = d.line > 0 ? scenario.source : "--set";
      if (days_set && d.message.find("after the last simulated day") != std::string::npos)
        d.message += fmt::format(", which the command line sets (--days {} or --set scenario.days/start): simulate more days",
                                 scenario.params.scenario_days);
      r.problems.push_back(d);
    }
  if (!r.problems.empty()) throw InputError(std::move(r.problems));
}

}  // namespace tongchou

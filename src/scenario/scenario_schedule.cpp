#include "scenario/scenario_reader.hpp"

#include <algorithm>
#include <functional>

// [[schedule]] entries: reading them, and applying them on their day (apply_schedule).
namespace tongchou {

void ScenarioReader::read_schedule(const toml::table& t, std::vector<ScheduleEntry>& out) {
  ScheduleEntry e;
  e.line = static_cast<int>(t.source().begin.line);
  bool has_date = false;
  std::vector<std::string> keys;
  for (const auto& spec : parameter_table()) keys.push_back(spec.key);
  // Values may be written as dotted keys (health.test_turnaround_days = 0) or quoted ("health.x" = 0).
  std::function<void(const toml::table&, const std::string&)> walk = [&](const toml::table& tbl, const std::string& prefix) {
    for (auto&& [k, v] : tbl) {
      const std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
      if (prefix.empty() && key == "date") {
        has_date = true;
        if (auto d = as_date(v)) e.date = *d;
        else add(v.source(), "schedule.date", "expected a date (YYYY-MM-DD), found " + node_kind(v));
        continue;
      }
      if (auto* sub = v.as_table()) {
        walk(*sub, key);
        continue;
      }
      const ParamSpec* spec = find_param(key);
      if (!spec) {
        unknown(k.source(), "schedule." + key, key, keys);
        continue;
      }
      if (!schedulable(*spec)) {
        add(k.source(), "schedule." + key, "cannot change during a run (only [health], [supplies], [zoning], [measures], [codes], [closed_loop], [economy] and [behaviour] parameters can be scheduled)");
        continue;
      }
      set(e.values, *spec, v);
      e.keys.push_back(key);
    }
  };
  walk(t, "");
  // In parameter-table order, whatever the order of the file (TOML tables are read by key).
  auto position = [](const std::string& key) { return find_param(key) - parameter_table().data(); };
  std::sort(e.keys.begin(), e.keys.end(), [&](const auto& a, const auto& b) { return position(a) < position(b); });
  if (!has_date) add(t.source(), "schedule", "a [[schedule]] entry needs a date");
  if (e.keys.empty()) add(t.source(), "schedule", "a [[schedule]] entry changes no parameter");
  out.push_back(std::move(e));
}


bool schedulable(const ParamSpec& spec) {
  return spec.section == "health" || spec.section == "supplies" || spec.section == "zoning" || spec.section == "measures" ||
         spec.section == "codes" || spec.section == "closed_loop" || spec.section == "economy" ||
         spec.section == "behaviour";
}

std::vector<std::string> apply_schedule(const Scenario& scenario, Date date, Params& params) {
  std::vector<std::string> changed;
  for (const auto& e : scenario.schedule) {
    if (e.date != date) continue;
    for (const auto& key : e.keys) {
      const ParamSpec* spec = find_param(key);
      std::visit([&](auto member) { params.*member = e.values.*member; }, spec->member);
      changed.push_back(key);
    }
  }
  return changed;
}

}  // namespace tongchou

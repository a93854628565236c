#include "scenario/scenario_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "model/knobs.hpp"
#include "model/risk_level.hpp"

// [[measure]] entries and the risk levels' tables ([zoning.low] ...): measures by name or group, values in range,
// dates and triggers.
namespace tongchou {

// A measure value: a number in the knob's range; true/false for on/off knobs.
std::optional<double> ScenarioReader::knob_value(const toml::node& v, int k, const std::string& path) {
  const auto& spec = knob_table()[static_cast<std::size_t>(k)];
  std::optional<double> x = as_number(v);
  if (auto* b = v.as_boolean()) x = b->get() ? 1.0 : 0.0;
  if (!x) {
    add(v.source(), path, "expected a number, found " + node_kind(v));
    return std::nullopt;
  }
  if (!(*x >= spec.min && *x <= spec.max)) {
    add(v.source(), path, fmt::format("{} must be in {}..{} ({}), found {}", spec.name, spec.min, spec.max, spec.unit, *x));
    return std::nullopt;
  }
  if (spec.integer && *x != std::floor(*x)) {
    add(v.source(), path, fmt::format("{} takes whole numbers ({}), found {}", spec.name, spec.unit, *x));
    return std::nullopt;
  }
  return x;
}

std::vector<std::string> ScenarioReader::knob_names(bool with_groups) {
  std::vector<std::string> names;
  for (const auto& k : knob_table()) names.push_back(k.name);
  if (with_groups)
    for (const auto& [g, what] : knob_groups()) names.emplace_back(g);
  return names;
}

// [zoning.low] etc.: measure = value. Dotted names (venue.restaurant) may be written as sub-tables.
void ScenarioReader::read_level(const toml::table& t, const std::string& level, LevelMeasures& out) {
  out.given = true;
  out.line = static_cast<int>(t.source().begin.line);
  const auto names = knob_names();
  std::function<void(const toml::table&, const std::string&)> walk = [&](const toml::table& tbl, const std::string& prefix) {
    for (auto&& [k, v] : tbl) {
      const std::string name = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
      const std::string path = "zoning." + level + "." + name;
      if (auto* sub = v.as_table()) {
        walk(*sub, name);
        continue;
      }
      const int knob = find_knob(name);
      if (knob < 0) {
        unknown(k.source(), path, name, names);
        continue;
      }
      if (auto x = knob_value(v, knob, path)) out.values.emplace_back(knob, *x);
    }
  };
  walk(t, "");
}

void ScenarioReader::read_measure(const toml::table& t, std::vector<MeasureEntry>& out) {
  static const std::vector<std::string> keys = {"measure", "value", "place", "from", "until", "trigger", "scope", "on_at",
                                                "off_below", "on_after_days", "off_after_days", "window_days", "label", "id"};
  static const std::vector<std::string> triggers = {"new_confirmed", "active_confirmed", "hospital_occupancy", "risk_level"};
  MeasureEntry e;
  e.line = static_cast<int>(t.source().begin.line);
  std::vector<int> knobs;
  const toml::node* value = nullptr;
  bool off_given = false;
  auto whole = [&](const toml::node& v, const std::string& path, int lo, int hi, int& dst) {
    auto* i = v.as_integer();
    if (!i || i->get() < lo || i->get() > hi) add(v.source(), path, fmt::format("must be a whole number in {}..{}", lo, hi));
    else dst = static_cast<int>(i->get());
  };
  auto threshold = [&](const toml::node& v, const std::string& path, double& dst) {
    if (auto* s = v.as_string()) {  // risk levels by name
      for (int l = 0; l < kRiskLevels; ++l)
        if (s->get() == kRiskLevelNames[l]) dst = l;
      if (s->get() != "low" && s->get() != "medium" && s->get() != "high")
        add(v.source(), path, "expected a number, or a risk level \"low\", \"medium\" or \"high\"");
    } else if (auto x = as_number(v); x && *x >= 0) {
      dst = *x;
    } else {
      add(v.source(), path, "expected a number >= 0, found " + node_kind(v));
    }
  };
  for (auto&& [k, v] : t) {
    const std::string key(k.str());
    const std::string path = "measure." + key;
    if (key == "measure") {
      // One name, a group name (venue.*) or an array of them: one entry of the engine per measure named.
      auto name = [&](const toml::node& n) {
        auto* s = n.as_string();
        if (!s) return add(n.source(), path, "expected the name of a measure or of a group of measures, found " + node_kind(n));
        if (const int found = find_knob(s->get()); found >= 0) return knobs.push_back(found);
        const auto group = knob_group(s->get());
        if (group.empty()) return unknown(n.source(), path, s->get(), knob_names(true));
        knobs.insert(knobs.end(), group.begin(), group.end());
      };
      if (auto* a = v.as_array()) {
        if (a->empty()) add(v.source(), path, "an empty array names no measure");
        for (const auto& n : *a) name(n);
      } else {
        name(v);
      }
    } else if (key == "value") {
      value = &v;
    } else if (key == "place") {
      if (auto* s = v.as_string()) e.place = s->get();
      else if (auto* i = v.as_integer()) e.place = std::to_string(i->get());
      else add(v.source(), path, "expected \"*\", a district or a township, found " + node_kind(v));
    } else if (key == "from" || key == "until") {
      if (auto d = as_date(v)) (key == "from" ? e.from : e.until) = *d, (key == "from" ? e.has_from : e.has_until) = true;
      else add(v.source(), path, "expected a date (YYYY-MM-DD), found " + node_kind(v));
    } else if (key == "trigger") {
      auto* s = v.as_string();
      if (!s || std::find(triggers.begin(), triggers.end(), s->get()) == triggers.end())
        add(v.source(), path, "must be one of new_confirmed, active_confirmed, hospital_occupancy, risk_level");
      else e.trigger = s->get();
    } else if (key == "scope") {
      auto* s = v.as_string();
      if (!s || (s->get() != "place" && s->get() != "district" && s->get() != "township"))
        add(v.source(), path, "must be \"place\", \"district\" or \"township\"");
      else e.scope = s->get();
    } else if (key == "on_at") {
      threshold(v, path, e.on_at);
    } else if (key == "off_below") {
      threshold(v, path, e.off_below);
      off_given = true;
    } else if (key == "on_after_days") {
      whole(v, path, 1, 365, e.on_after_days);
    } else if (key == "off_after_days") {
      whole(v, path, 1, 365, e.off_after_days);
    } else if (key == "window_days") {
      whole(v, path, 1, 365, e.window_days);
    } else if (key == "label") {
      if (auto* s = v.as_string()) e.label = s->get();
      else add(v.source(), path, "expected a string, found " + node_kind(v));
    } else if (key == "id") {
      auto* s = v.as_string();
      if (!s || s->get().empty() || s->get().find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
        add(v.source(), path, "expected a name of lower-case letters, digits and _ (id = \"schools_open\")");
      else e.id = s->get();
    } else {
      unknown(k.source(), path, key, keys);
    }
  }
  if (!t.contains("measure")) add(t.source(), "measure", "a [[measure]] entry needs measure = \"name\"");
  if (!value) add(t.source(), "measure.value", "a [[measure]] entry needs a value");
  std::vector<double> values(knobs.size(), 0.0);
  if (value)
    for (std::size_t i = 0; i < knobs.size(); ++i)
      if (auto x = knob_value(*value, knobs[i], "measure.value")) values[i] = *x;
  if (!off_given) e.off_below = e.on_at;
  if (e.trigger.empty() && (t.contains("on_at") || t.contains("off_below") || t.contains("scope")))
    add(t.source(), "measure.trigger", "on_at, off_below and scope need a trigger");
  if (e.off_below > e.on_at) add(t.source(), "measure.off_below", "must not exceed on_at (switching off needs a lower level than on)");
  if (e.has_from && e.has_until && e.until < e.from)
    add(t.source(), "measure.until", fmt::format("{} is before from = {}", format_date(e.until), format_date(e.from)));
  if ((e.trigger == "active_confirmed" || e.trigger == "hospital_occupancy") && (e.scope != "place"))
    add(t.source(), "measure.scope", e.trigger + " is counted for the whole region only: use scope = \"place\"");
  std::vector<int> seen;  // a measure named twice in one entry (venue.* and venue.market) counts once
  for (std::size_t i = 0; i < knobs.size(); ++i) {
    if (std::find(seen.begin(), seen.end(), knobs[i]) != seen.end()) continue;
    seen.push_back(knobs[i]);
    e.knob = knobs[i];
    e.measure = knob_table()[static_cast<std::size_t>(knobs[i])].name;
    e.value = values[i];
    out.push_back(e);
  }
}

}  // namespace tongchou

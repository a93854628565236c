// scenario.resolved.toml: every parameter of a run at its start value, with the run's [[schedule]], [zoning.*],
// [[measure]], [[imports]] and [[arrivals]] entries, written by toml++ (strings escaped, dates as TOML dates, reals
// that read back to the same double), so that running it repeats the run byte for byte.
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <toml++/toml.h>

#include "model/knobs.hpp"
#include "model/risk_level.hpp"
#include "scenario/scenario.hpp"

namespace tongchou {

namespace {

// Basic strings with escapes only (no literal or multi-line strings), Chinese as it is, no indentation.
constexpr auto kFlags = toml::format_flags::allow_unicode_strings;

// Whether every real in `n` reads back from 6 significant digits. Debian's toml++ (a shared library built without
// <charconv> for reals) writes reals with 17 digits (0.80000000000000004), exact but hard to read; where 6 digits give
// the same double, `written` asks for them (relaxed_float_precision), so only reals that need more digits get them.
bool six_digits_suffice(const toml::node& n) {
  if (const auto* f = n.as_floating_point()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", f->get());
    return std::strtod(buf, nullptr) == f->get();
  }
  if (const auto* a = n.as_array()) {
    for (const auto& e : *a)
      if (!six_digits_suffice(e)) return false;
  }
  if (const auto* t = n.as_table()) {
    for (auto&& [k, v] : *t)
      if (!six_digits_suffice(v)) return false;
  }
  return true;
}

std::string written(const toml::table& t) {
  std::ostringstream ss;
  ss << toml::toml_formatter{t, six_digits_suffice(t) ? kFlags | toml::format_flags::relaxed_float_precision : kFlags};
  return ss.str() + "\n";
}

toml::date toml_date(Date d) {
  const std::string s = format_date(d);  // YYYY-MM-DD
  return toml::date{std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2))};
}

void insert_param(toml::table& t, std::string_view key, const Params& p, const ParamSpec& spec) {
  std::visit(
      [&](auto member) {
        const auto& v = p.*member;
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Date>) {
          t.insert(key, toml_date(v));
        } else if constexpr (std::is_same_v<T, std::vector<double>>) {
          toml::array a;
          for (double x : v) a.push_back(x);
          t.insert(key, std::move(a));
        } else {
          t.insert(key, v);
        }
      },
      spec.member);
}

void insert_destination(toml::table& t, const Destination& d) {
  t.insert("date", toml_date(d.date));
  t.insert("district", d.district);
  t.insert("distribute", d.distribute);
  t.insert("age_min", d.age_min);
  t.insert("age_max", d.age_max);
  t.insert("origin", d.origin);
}

// [[name]] entries, one by one.
std::string entries(std::string_view name, toml::array a) {
  std::string out;
  for (auto& e : a) {
    toml::table root;
    root.insert(name, toml::array{std::move(*e.as_table())});
    out += '\n';
    out += written(root);
  }
  return out;
}

}  // namespace

std::string resolved_toml(const Scenario& sc, const Params& start) {
  std::string s = fmt::format(
      "# Every parameter used by this run (tongchou resolved scenario), at its value on the first day; [[schedule]]\n"
      "# entries change some of them later.\n# Source: {}\n# Run it again with: tongchou run scenario.resolved.toml\n",
      sc.source);
  std::string_view section;
  for (const auto& spec : parameter_table()) {  // in the order of parameters.def, section by section
    if (spec.section != section) {
      section = spec.section;
      s += fmt::format("\n[{}]\n", section);
    }
    toml::table line;
    insert_param(line, spec.name, start, spec);
    s += written(line);
  }
  toml::array schedule;
  for (const auto& e : sc.schedule) {
    toml::table t;
    t.insert("date", toml_date(e.date));
    for (const auto& key : e.keys) insert_param(t, key, e.values, *find_param(key));  // "health.x" = value
    schedule.push_back(std::move(t));
  }
  s += entries("schedule", std::move(schedule));
  toml::table levels;
  for (int l = 0; l < kRiskLevels; ++l) {
    const auto& lv = sc.levels[static_cast<std::size_t>(l)];
    if (!lv.given) continue;
    toml::table t;
    for (const auto& [k, v] : lv.values) t.insert_or_assign(knob_table()[static_cast<std::size_t>(k)].name, v);
    levels.insert(kRiskLevelNames[l], std::move(t));
  }
  if (!levels.empty()) {
    toml::table root;
    root.insert("zoning", std::move(levels));
    s += '\n';
    s += written(root);
  }
  toml::array measures;
  for (std::size_t i = 0; i < sc.measures.size(); ++i) {
    const auto& e = sc.measures[i];
    toml::table t;
    if (!e.id.empty()) t.insert("id", e.id);
    // The engine entries of one entry that named several measures (same line and id) are written back as one.
    toml::array names{e.measure};
    while (i + 1 < sc.measures.size() && !e.id.empty() && sc.measures[i + 1].line == e.line && sc.measures[i + 1].id == e.id)
      names.push_back(sc.measures[++i].measure);
    if (names.size() == 1) t.insert("measure", e.measure);
    else t.insert("measure", std::move(names));
    t.insert("value", e.value);
    t.insert("place", e.place);
    if (e.has_from) t.insert("from", toml_date(e.from));
    if (e.has_until) t.insert("until", toml_date(e.until));
    if (!e.trigger.empty()) {
      t.insert("trigger", e.trigger);
      t.insert("scope", e.scope);
      t.insert("on_at", e.on_at);
      t.insert("off_below", e.off_below);
      t.insert("on_after_days", e.on_after_days);
      t.insert("off_after_days", e.off_after_days);
      t.insert("window_days", e.window_days);
    }
    // Unlabelled, events.csv would name this file's line; the label keeps the reason of the source's line.
    if (!e.label.empty()) t.insert("label", e.label);
    else if (e.trigger.empty()) t.insert("label", unlabelled_reason(e));
    measures.push_back(std::move(t));
  }
  s += entries("measure", std::move(measures));
  toml::array imports;
  for (const auto& imp : sc.imports) {
    toml::table t;
    insert_destination(t, imp);
    t.insert("infections", imp.infections);
    imports.push_back(std::move(t));
  }
  s += entries("imports", std::move(imports));
  toml::array arrivals;
  for (const auto& a : sc.arrivals) {
    toml::table t;
    insert_destination(t, a);
    t.insert("days", a.days);
    t.insert("travellers", a.travellers);
    t.insert("prevalence", a.prevalence);
    t.insert("origin_risk", a.origin_risk);
    t.insert("mode", a.mode);
    arrivals.push_back(std::move(t));
  }
  s += entries("arrivals", std::move(arrivals));
  return s;
}

std::string resolved_toml(const Scenario& sc) { return resolved_toml(sc, sc.params); }

}  // namespace tongchou

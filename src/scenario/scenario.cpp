#include "scenario/scenario.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <set>
#include <tuple>
#include <toml++/toml.h>

#include "core/embedded_files.hpp"
#include "core/input_file.hpp"
#include "model/builtin_regions.hpp"
#include "model/knobs.hpp"
#include "model/risk_level.hpp"

namespace tongchou {

std::vector<Diagnostic> cross_checks(const Scenario& sc);

namespace {

struct Reader {
  std::string file;
  std::vector<Diagnostic> problems;

  void add(const toml::source_region& where, std::string key, std::string message) {
    problems.push_back({file, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column),
                        std::move(key), std::move(message)});
  }

  static std::string node_kind(const toml::node& n) {
    switch (n.type()) {
      case toml::node_type::table: return "a table";
      case toml::node_type::array: return "an array";
      case toml::node_type::string: return "a string";
      case toml::node_type::integer: return "an integer";
      case toml::node_type::floating_point: return "a real number";
      case toml::node_type::boolean: return "a boolean";
      case toml::node_type::date: return "a date";
      case toml::node_type::time: return "a time";
      case toml::node_type::date_time: return "a date-time";
      default: return "nothing";
    }
  }

  static std::optional<double> as_number(const toml::node& n) {
    if (auto* i = n.as_integer()) return static_cast<double>(i->get());
    if (auto* f = n.as_floating_point()) return f->get();
    return std::nullopt;
  }

  static std::optional<Date> as_date(const toml::node& n) {
    if (auto* d = n.as_date()) {
      const auto v = d->get();
      return parse_date(fmt::format("{:04}-{:02}-{:02}", v.year, v.month, v.day));
    }
    if (auto* s = n.as_string()) return parse_date(s->get());
    return std::nullopt;
  }

  // Sets one parameter from a TOML node; records a problem if the type is wrong.
  void set(Params& p, const ParamSpec& spec, const toml::node& n) {
    auto wrong = [&](std::string_view expected) {
      add(n.source(), spec.key, fmt::format("expected {}, found {}", expected, node_kind(n)));
    };
    switch (spec.type) {
      case ParamType::Real:
        if (auto v = as_number(n)) p.*std::get<double Params::*>(spec.member) = *v;
        else wrong("a number");
        break;
      case ParamType::Int:
        if (auto* i = n.as_integer()) p.*std::get<std::int64_t Params::*>(spec.member) = i->get();
        else if (auto* f = n.as_floating_point(); f && f->get() == std::floor(f->get()) && std::abs(f->get()) < 9e15)
          p.*std::get<std::int64_t Params::*>(spec.member) = static_cast<std::int64_t>(f->get());
        else wrong("an integer");
        break;
      case ParamType::Bool:
        if (auto* b = n.as_boolean()) p.*std::get<bool Params::*>(spec.member) = b->get();
        else wrong("true or false");
        break;
      case ParamType::Date:
        if (auto d = as_date(n)) p.*std::get<Date Params::*>(spec.member) = *d;
        else wrong("a date (YYYY-MM-DD)");
        break;
      case ParamType::Text:
        if (auto* s = n.as_string()) p.*std::get<std::string Params::*>(spec.member) = s->get();
        else wrong("a string");
        break;
      case ParamType::RealList: {
        auto* a = n.as_array();
        if (!a) {
          wrong("an array of numbers");
          break;
        }
        std::vector<double> v;
        bool ok = true;
        for (const auto& e : *a) {
          if (auto x = as_number(e)) v.push_back(*x);
          else {
            add(e.source(), spec.key, fmt::format("expected a number in the array, found {}", node_kind(e)));
            ok = false;
          }
        }
        if (ok) p.*std::get<std::vector<double> Params::*>(spec.member) = std::move(v);
        break;
      }
    }
    if (auto why = check_range(p, spec)) add(n.source(), spec.key, *why);
  }

  // The keys of [[imports]] and [[arrivals]] entries that say when, from where and to whom (Destination); false for
  // any other key.
  bool read_destination(const std::string& key, const toml::node& v, const std::string& path, Destination& d, bool& has_date) {
    if (key == "date") {
      has_date = true;
      if (auto x = as_date(v)) d.date = *x;
      else add(v.source(), path, "expected a date (YYYY-MM-DD), found " + node_kind(v));
    } else if (key == "district") {
      if (auto* s = v.as_string()) d.district = s->get();
      else if (auto* i = v.as_integer()) d.district = std::to_string(i->get());
      else add(v.source(), path, "expected an adcode, a district name or \"*\", found " + node_kind(v));
    } else if (key == "distribute") {
      auto* s = v.as_string();
      if (!s || (s->get() != "population" && s->get() != "observed_cases"))
        add(v.source(), path, "must be \"population\" or \"observed_cases\"");
      else d.distribute = s->get();
    } else if (key == "age_min" || key == "age_max") {
      auto* i = v.as_integer();
      if (!i || i->get() < 0 || i->get() > 110) add(v.source(), path, "must be an integer age in 0..110");
      else (key == "age_min" ? d.age_min : d.age_max) = i->get();
    } else if (key == "origin") {
      if (auto* s = v.as_string()) d.origin = s->get();
      else add(v.source(), path, "expected a string, found " + node_kind(v));
    } else {
      return false;
    }
    return true;
  }

  // Rules every Destination obeys once its entry is read.
  void check_destination(const toml::table& t, const std::string& section, const Destination& d, bool has_date) {
    if (!has_date) add(t.source(), section, "an [[" + section + "]] entry needs a date");
    if (d.age_min > d.age_max) add(t.source(), section + ".age_min", "must not exceed age_max");
  }

  void read_import(const toml::table& t, std::vector<ImportSpec>& out) {
    static const std::vector<std::string> keys = {"date", "infections", "district", "distribute", "age_min", "age_max", "origin"};
    ImportSpec imp;
    imp.line = static_cast<int>(t.source().begin.line);
    bool has_date = false, has_count = false;
    for (auto&& [k, v] : t) {
      const std::string key(k.str());
      const std::string path = "imports." + key;
      if (read_destination(key, v, path, imp, has_date)) continue;
      if (key == "infections") {
        has_count = true;
        auto x = as_number(v);
        if (!x) add(v.source(), path, "expected a number, found " + node_kind(v));
        else if (!(*x >= 0 && *x <= 1e9)) add(v.source(), path, fmt::format("must be in 0..1e9, found {}", *x));
        else imp.infections = *x;
      } else {
        unknown(k.source(), path, key, keys);
      }
    }
    check_destination(t, "imports", imp, has_date);
    if (!has_count) add(t.source(), "imports", "an [[imports]] entry needs infections");
    out.push_back(imp);
  }

  void read_arrival(const toml::table& t, std::vector<ArrivalSpec>& out) {
    static const std::vector<std::string> keys = {"date", "days", "travellers", "prevalence", "origin", "origin_risk", "mode",
                                                  "district", "distribute", "age_min", "age_max"};
    ArrivalSpec a;
    a.line = static_cast<int>(t.source().begin.line);
    bool has_date = false, has_count = false;
    auto text = [&](const toml::node& v, const std::string& path, std::string& into, const std::vector<std::string>& choices) {
      auto* s = v.as_string();
      if (s && std::find(choices.begin(), choices.end(), s->get()) != choices.end()) into = s->get();
      else add(v.source(), path, fmt::format("must be one of {}", fmt::join(choices, ", ")));
    };
    for (auto&& [k, v] : t) {
      const std::string key(k.str());
      const std::string path = "arrivals." + key;
      if (read_destination(key, v, path, a, has_date)) continue;
      if (key == "days") {
        auto* i = v.as_integer();
        if (!i || i->get() < 1 || i->get() > 3650) add(v.source(), path, "must be a whole number of days in 1..3650");
        else a.days = static_cast<int>(i->get());
      } else if (key == "travellers" || key == "prevalence") {
        has_count |= key == "travellers";
        auto x = as_number(v);
        const double hi = key == "travellers" ? 1e9 : 1.0;
        if (!x) add(v.source(), path, "expected a number, found " + node_kind(v));
        else if (!(*x >= 0 && *x <= hi)) add(v.source(), path, fmt::format("must be in 0..{}, found {}", hi, *x));
        else (key == "travellers" ? a.travellers : a.prevalence) = *x;
      } else if (key == "origin_risk") {
        text(v, path, a.origin_risk, {"low", "medium", "high"});
      } else if (key == "mode") {
        text(v, path, a.mode, {"road", "rail", "air", "bus"});
      } else {
        unknown(k.source(), path, key, keys);
      }
    }
    check_destination(t, "arrivals", a, has_date);
    if (!has_count) add(t.source(), "arrivals", "an [[arrivals]] entry needs travellers");
    out.push_back(a);
  }

  void read_schedule(const toml::table& t, std::vector<ScheduleEntry>& out) {
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

  // A measure value: a number in the knob's range; true/false for on/off knobs.
  std::optional<double> knob_value(const toml::node& v, int k, const std::string& path) {
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

  std::vector<std::string> knob_names(bool with_groups = false) {
    std::vector<std::string> names;
    for (const auto& k : knob_table()) names.push_back(k.name);
    if (with_groups)
      for (const auto& [g, what] : knob_groups()) names.emplace_back(g);
    return names;
  }

  // [zoning.low] etc.: measure = value. Dotted names (venue.restaurant) may be written as sub-tables.
  void read_level(const toml::table& t, const std::string& level, LevelMeasures& out) {
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

  void read_measure(const toml::table& t, std::vector<MeasureEntry>& out) {
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

  void unknown(const toml::source_region& where, const std::string& path, const std::string& word,
               const std::vector<std::string>& known) {
    auto near = closest_names(word, known);
    std::string msg = "unknown key";
    if (!near.empty()) msg += fmt::format("; did you mean \"{}\"?", near.front());
    add(where, path, msg);
  }
};

std::vector<std::string> section_names() {
  std::vector<std::string> out;
  for (const auto& s : parameter_table())
    if (out.empty() || out.back() != s.section) out.emplace_back(s.section);
  out.emplace_back("imports");
  out.emplace_back("arrivals");
  out.emplace_back("schedule");
  out.emplace_back("measure");
  return out;
}

std::vector<std::string> names_in_section(std::string_view section) {
  std::vector<std::string> out;
  for (const auto& s : parameter_table())
    if (s.section == section) out.emplace_back(s.name);
  return out;
}

// toml++'s parse errors in the words of a person editing the file: a string left open reads "unterminated string".
std::string toml_error_text(const toml::parse_error& e, std::string_view text) {
  const std::string d(e.description());
  const bool in_string = d.find("parsing string") != std::string::npos || d.find("parsing literal string") != std::string::npos ||
                         d.find("multi-line") != std::string::npos;
  if (in_string && d.find("end-of-file") != std::string::npos)
    return "unterminated string: the closing quote is missing before the end of the file (" + d + ")";
  if (in_string && d.find("control characters") != std::string::npos) {
    // The offending character: a line break means the string's closing quote is missing on that line.
    std::size_t pos = 0;
    for (auto line = e.source().begin.line; line > 1 && pos != std::string_view::npos; --line) {
      pos = text.find('\n', pos);
      if (pos != std::string_view::npos) ++pos;
    }
    if (pos != std::string_view::npos) {
      pos += e.source().begin.column > 0 ? e.source().begin.column - 1 : 0;
      if (pos >= text.size() || text[pos] == '\n' || text[pos] == '\r')
        return "unterminated string: the closing quote is missing at the end of the line";
    }
  }
  return d;
}

}  // namespace

Scenario parse_scenario(std::string_view text, const std::string& source_name) {
  Scenario sc;
  sc.source = source_name;
  Reader r{source_name, {}};
  require_utf8_text(text, source_name);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw InputError({{source_name, 0, 0, "",
                       "empty scenario file: it sets nothing (write one with `tongchou init NAME --from yunyang`)"}});
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(source_name));
  } catch (const toml::parse_error& e) {
    r.add(e.source(), "", "malformed TOML: " + toml_error_text(e, text));
    throw InputError(std::move(r.problems));
  }
  if (root.empty())
    throw InputError({{source_name, 0, 0, "",
                       "empty scenario file: only comments, it sets nothing (write one with `tongchou init NAME --from yunyang`)"}});
  const auto sections = section_names();
  // [[schedule]], [[measure]], [[imports]], [[arrivals]]: each entry read by its reader.
  auto entries = [&](const toml::node& v, const std::string& section, const auto& read) {
    if (auto* arr = v.as_array(); arr && arr->is_array_of_tables()) {
      for (auto& e : *arr) read(*e.as_table());
    } else {
      r.add(v.source(), section, "expected an array of tables: write each entry under [[" + section + "]]");
    }
  };
  for (auto&& [k, v] : root) {
    const std::string section(k.str());
    if (section == "schedule") {
      entries(v, section, [&](const toml::table& t) { r.read_schedule(t, sc.schedule); });
      continue;
    }
    if (section == "measure") {
      entries(v, section, [&](const toml::table& t) { r.read_measure(t, sc.measures); });
      continue;
    }
    if (section == "imports") {
      entries(v, section, [&](const toml::table& t) { r.read_import(t, sc.imports); });
      continue;
    }
    if (section == "arrivals") {
      entries(v, section, [&](const toml::table& t) { r.read_arrival(t, sc.arrivals); });
      continue;
    }
    if (std::find(sections.begin(), sections.end(), section) == sections.end()) {
      r.unknown(k.source(), section, section, sections);
      continue;
    }
    auto* table = v.as_table();
    if (!table) {
      r.add(v.source(), section, "expected a table: write [" + section + "] and its keys below it");
      continue;
    }
    const auto names = names_in_section(section);
    for (auto&& [pk, pv] : *table) {
      const std::string key = section + "." + std::string(pk.str());
      if (section == "zoning" && pv.is_table()) {  // [zoning.low], [zoning.medium], [zoning.high]
        int level = -1;
        for (int l = 0; l < kRiskLevels; ++l)
          if (pk.str() == kRiskLevelNames[l]) level = l;
        if (level < 0) r.add(pk.source(), key, "unknown risk level; the tables are [zoning.low], [zoning.medium] and [zoning.high]");
        else r.read_level(*pv.as_table(), kRiskLevelNames[level], sc.levels[static_cast<std::size_t>(level)]);
        continue;
      }
      if (const ParamSpec* spec = find_param(key)) r.set(sc.params, *spec, pv);
      else r.unknown(pk.source(), key, std::string(pk.str()), names);
    }
  }
  for (auto& d : cross_checks(sc)) {
    d.file = source_name;
    r.problems.push_back(d);
  }
  // In file order (TOML tables are visited by key), so that users read them top to bottom.
  std::stable_sort(r.problems.begin(), r.problems.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  if (!r.problems.empty()) throw InputError(std::move(r.problems));
  return sc;
}

Scenario load_scenario(const std::string& path_or_name) {
  const PathKind kind = path_kind(path_or_name);
  // A built-in name is taken as such unless a regular file of that name is here (a folder "yunyang" does not hide it).
  if (kind == PathKind::Regular || (kind != PathKind::Missing && builtin_scenario_text(path_or_name).empty())) {
    const std::string text = read_input_file(path_or_name, "scenario file");
    Scenario sc = parse_scenario(text, path_or_name);
    // A region folder is named relative to the scenario file; it is kept as an absolute path, so that
    // scenario.resolved.toml, read from the run's folder, names the same folder.
    auto& region = sc.params.scenario_region;
    const std::string as_written = region;
    if (!is_builtin_region(region) && !region.empty() && std::filesystem::path(region).is_relative()) {
      std::error_code ec;
      const auto full = std::filesystem::absolute(std::filesystem::path(path_or_name).parent_path() / region, ec);
      if (!ec) region = full.lexically_normal().string();
    }
    if (!is_builtin_region(region) && path_kind(region) != PathKind::Directory) {
      // Where the file sets it: the first line "region = ..." (in [scenario]); the column of its value.
      int line = 0, column = 0, n = 0;
      for (std::size_t pos = 0; pos < text.size() && !line; ++n) {
        const auto end = std::min(text.find('\n', pos), text.size());
        const std::string_view l = std::string_view(text).substr(pos, end - pos);
        const auto key = l.find_first_not_of(" \t");
        const auto eq = l.find('=');
        if (key != std::string_view::npos && l.substr(key).starts_with("region") && eq != std::string_view::npos &&
            l.substr(key + 6, eq - key - 6).find_first_not_of(" \t") == std::string_view::npos) {
          line = n + 1;
          column = static_cast<int>(std::min(l.find_first_not_of(" \t", eq + 1), l.size())) + 1;
        }
        pos = end + 1;
      }
      throw InputError({{path_or_name, line, column, "scenario.region",
                         fmt::format("must be one of {} or a region folder (docs/regions.md), found \"{}\" (no such folder: {})",
                                     fmt::join(builtin_region_names(), ", "), as_written, region)}});
    }
    return sc;
  }
  const std::string text = builtin_scenario_text(path_or_name);
  if (!text.empty()) return parse_scenario(text, "builtin:" + path_or_name);
  std::vector<std::string> names;
  for (const auto& b : builtin_scenarios()) names.push_back(b.name);
  std::string msg = fmt::format("no such file, and no built-in scenario of that name (built-in: {})", fmt::join(names, ", "));
  auto near = closest_names(path_or_name, names);
  if (!near.empty()) msg += fmt::format("; did you mean \"{}\"?", near.front());
  throw InputError({{path_or_name, 0, 0, "", msg}});
}

void apply_overrides(Scenario& scenario, const std::vector<std::string>& assignments) {
  Reader r{"--set", {}};
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

std::vector<Diagnostic> check_scenario(const Scenario& sc) {
  std::vector<Diagnostic> out;
  for (const auto& spec : parameter_table())
    if (auto why = check_range(sc.params, spec)) out.push_back({sc.source, 0, 0, spec.key, *why});
  auto more = cross_checks(sc);
  out.insert(out.end(), more.begin(), more.end());
  return out;
}

std::vector<Diagnostic> cross_checks(const Scenario& sc) {
  std::vector<Diagnostic> out;
  const auto& p = sc.params;
  if (p.population_employment_age_min > p.population_employment_age_max)
    out.push_back({sc.source, 0, 0, "population.employment_age_min", "must not exceed population.employment_age_max"});
  if (p.transmission_venue_share_of_other + p.transmission_transport_share_of_other > 1.0)
    out.push_back({sc.source, 0, 0, "transmission.venue_share_of_other",
                   "venue_share_of_other + transport_share_of_other must not exceed 1"});
  if (p.transmission_community_district_share + p.transmission_community_region_share > 1.0)
    out.push_back({sc.source, 0, 0, "transmission.community_district_share",
                   "community_district_share + community_region_share must not exceed 1"});
  double ifr_check = 0;
  for (std::size_t i = 0; i < p.disease_ifr_by_age.size() && i < p.disease_hospitalised_by_age.size(); ++i) {
    ifr_check = p.disease_ifr_by_age[i];
    if (ifr_check > p.disease_hospitalised_by_age[i] * 1.0000001 && p.disease_hospitalised_by_age[i] > 0)
      out.push_back({sc.source, 0, 0, "disease.ifr_by_age",
                     fmt::format("element {} exceeds the hospitalised share of the same age (deaths occur in hospital)", i + 1)});
  }
  const auto last_day = Date{p.scenario_start.days + static_cast<std::int32_t>(p.scenario_days) - 1};
  for (std::size_t i = 0; i < sc.schedule.size(); ++i) {
    const auto& e = sc.schedule[i];
    if (e.date < p.scenario_start)
      out.push_back({sc.source, e.line, 0, "schedule.date",
                     fmt::format("{} is before the first simulated day {}; set the value in its section instead",
                                 format_date(e.date), format_date(p.scenario_start))});
    // Entries may come in any order (grouped by topic); one key set twice on one date is a mistake.
    for (std::size_t j = 0; j < i; ++j) {
      const auto& o = sc.schedule[j];
      if (o.date != e.date) continue;
      for (const auto& key : e.keys)
        if (std::find(o.keys.begin(), o.keys.end(), key) != o.keys.end())
          out.push_back({sc.source, e.line, 0, "schedule." + key,
                         fmt::format("{} is already set for {} by the [[schedule]] entry on line {}", key, format_date(e.date), o.line)});
    }
  }
  if (p.zoning_enabled)
    for (int l = 0; l < kRiskLevels; ++l)
      if (!sc.levels[static_cast<std::size_t>(l)].given)
        out.push_back({sc.source, 0, 0, fmt::format("zoning.{}", kRiskLevelNames[l]),
                       fmt::format("zoning is enabled but the table [zoning.{}] is missing: every level needs its measures "
                                   "(an empty table for none)", kRiskLevelNames[l])});
  // Entries for the same measure and place may overlap: the later entry in the file wins on the days it applies
  // (docs/model.md, Measures). One entry may name several measures (an array or a group): its engine entries share
  // its line and id.
  for (std::size_t j = 0; j < sc.measures.size(); ++j)
    for (std::size_t i = 0; i < j; ++i)
      if (!sc.measures[j].id.empty() && sc.measures[i].id == sc.measures[j].id && sc.measures[i].line != sc.measures[j].line &&
          sc.measures[j - 1].line != sc.measures[j].line) {
        out.push_back({sc.source, sc.measures[j].line, 0, "measure.id",
                       fmt::format("id \"{}\" is already the id of the entry of line {}: ids must be unique", sc.measures[j].id,
                                   sc.measures[i].line)});
        break;
      }
  auto after_last_day = [&](const Destination& d, const char* key) {
    if (d.date > last_day)
      out.push_back({sc.source, d.line, 0, key, fmt::format("{} is after the last simulated day {}", format_date(d.date), format_date(last_day))});
  };
  for (const auto& imp : sc.imports) after_last_day(imp, "imports.date");
  for (const auto& a : sc.arrivals) after_last_day(a, "arrivals.date");
  return out;
}

const MeasureEntry* find_measure_id(const Scenario& sc, const std::string& id) {
  for (const auto& e : sc.measures)
    if (!e.id.empty() && e.id == id) return &e;
  return nullptr;
}

std::string unlabelled_reason(const MeasureEntry& e) { return fmt::format("scheduled ([[measure]] of line {})", e.line); }

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

std::vector<BuiltinScenario> builtin_scenarios() {
  std::vector<BuiltinScenario> out;
  for (const auto& f : embedded_files()) {
    if (!f.path.starts_with("scenarios/") || !f.path.ends_with(".toml")) continue;
    std::string name(f.path.substr(10, f.path.size() - 15));
    std::string description;
    if (f.contents.starts_with("# ")) description = std::string(f.contents.substr(2, f.contents.find('\n') - 2));
    out.push_back({name, description});
  }
  return out;
}

std::string builtin_scenario_text(const std::string& name) {
  if (auto t = find_embedded("scenarios/" + name + ".toml")) return std::string(*t);
  return {};
}

}  // namespace tongchou

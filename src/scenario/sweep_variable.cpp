#include "scenario/sweep_variable.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>
#include <variant>
#include <cmath>

#include "model/knobs.hpp"
#include "model/risk_level.hpp"

namespace tongchou {

namespace {

struct MeasureKey {
  std::string id, field;  // field: value | from | until
};

// measure.ID.FIELD, or nothing when the key is not of that form.
std::optional<MeasureKey> measure_key(const std::string& key) {
  if (!key.starts_with("measure.")) return std::nullopt;
  const auto dot = key.rfind('.');
  if (dot <= 8) return std::nullopt;
  return MeasureKey{key.substr(8, dot - 8), key.substr(dot + 1)};
}

struct ScheduleKey {
  Date date;
  std::string param;
};

std::optional<ScheduleKey> schedule_key(const std::string& key) {
  if (!key.starts_with("schedule.") || key.size() < 20 || key[19] != '.') return std::nullopt;
  auto d = parse_date(key.substr(9, 10));
  if (!d) return std::nullopt;
  return ScheduleKey{*d, key.substr(20)};
}

[[noreturn]] void fail(const std::string& option, const std::string& key, std::string message) {
  throw InputError({{option, 0, 0, key, std::move(message)}});
}

std::vector<std::string> known_keys(const Scenario& sc) {
  std::vector<std::string> keys;
  for (const auto& s : parameter_table()) keys.push_back(s.key);
  for (const char* level : kRiskLevelNames)
    for (const auto& k : knob_table()) keys.push_back(fmt::format("zoning.{}.{}", level, k.name));
  for (const auto& e : sc.measures)
    if (!e.id.empty())
      for (const char* f : {"value", "from", "until"}) keys.push_back(fmt::format("measure.{}.{}", e.id, f));
  for (const auto& e : sc.schedule)
    for (const auto& k : e.keys) keys.push_back(fmt::format("schedule.{}.{}", format_date(e.date), k));
  return keys;
}

std::string ids_of(const Scenario& sc) {
  std::vector<std::string> ids;
  for (const auto& e : sc.measures)
    if (!e.id.empty()) ids.push_back(e.id);
  if (ids.empty()) return "this scenario's [[measure]] entries have no id: give one an id = \"name\"";
  return fmt::format("ids of this scenario: {}", fmt::join(ids, ", "));
}

MeasureEntry& measure_of(Scenario& sc, const MeasureKey& m, const std::string& key, const std::string& option) {
  for (auto& e : sc.measures)
    if (!e.id.empty() && e.id == m.id) return e;
  std::vector<std::string> ids;
  for (const auto& e : sc.measures)
    if (!e.id.empty()) ids.push_back(e.id);
  std::string msg = fmt::format("no [[measure]] entry has id \"{}\"", m.id);
  if (auto near = closest_names(m.id, ids); !near.empty()) msg += fmt::format("; did you mean \"{}\"?", near.front());
  fail(option, key, msg + " (" + ids_of(sc) + ")");
}

ScheduleEntry& schedule_of(Scenario& sc, const ScheduleKey& s, const std::string& key, const std::string& option) {
  for (auto& e : sc.schedule)
    if (e.date == s.date && std::find(e.keys.begin(), e.keys.end(), s.param) != e.keys.end()) return e;
  std::vector<std::string> there;
  for (const auto& e : sc.schedule)
    for (const auto& k : e.keys) there.push_back(fmt::format("schedule.{}.{}", format_date(e.date), k));
  std::string msg = fmt::format("no [[schedule]] entry dated {} sets {}", format_date(s.date), s.param);
  if (auto near = closest_names(key, there); !near.empty()) msg += fmt::format("; did you mean \"{}\"?", near.front());
  if (there.empty()) msg += " (this scenario has no [[schedule]] entries)";
  fail(option, key, msg);
}

VariableType param_type(const ParamSpec& spec) {
  switch (spec.type) {
    case ParamType::Real: return VariableType::Real;
    case ParamType::Int: return VariableType::Int;
    case ParamType::Date: return VariableType::Date;
    default: return VariableType::Other;
  }
}

}  // namespace

VariableType variable_type(const Scenario& base, const std::string& key, const std::string& option) {
  Scenario sc = base;
  if (auto m = measure_key(key)) {
    const MeasureEntry& e = measure_of(sc, *m, key, option);
    if (m->field == "from" || m->field == "until") return VariableType::Date;
    if (m->field == "value") return knob_table()[static_cast<std::size_t>(e.knob)].integer ? VariableType::Int : VariableType::Real;
    fail(option, key, fmt::format("a measure's variables are measure.{0}.value, measure.{0}.from and measure.{0}.until", m->id));
  }
  if (auto s = schedule_key(key)) {
    schedule_of(sc, *s, key, option);
    return param_type(*find_param(s->param));
  }
  if (const ParamSpec* spec = find_param(key)) return param_type(*spec);
  if (key.starts_with("zoning.") && key.find('.', 7) != std::string::npos) {
    const int knob = find_knob(key.substr(key.find('.', 7) + 1));
    if (knob >= 0) return knob_table()[static_cast<std::size_t>(knob)].integer ? VariableType::Int : VariableType::Real;
  }
  std::string msg = "unknown parameter, measure or schedule value";
  if (auto near = closest_names(key, known_keys(base)); !near.empty()) msg += fmt::format("; did you mean \"{}\"?", near.front());
  if (key.starts_with("schedule.")) msg += " (a schedule value is schedule.DATE.section.name, e.g. schedule.2020-02-10.health.test_turnaround_days)";
  fail(option, key, msg + " (see `tongchou params`)");
}

void apply_variables(Scenario& sc, const std::vector<std::pair<std::string, std::string>>& values, const std::string& option) {
  std::vector<std::string> plain;
  std::vector<Diagnostic> problems;
  // Entries whose from or until a key set (its index, the key): judged after all the keys, so that a point moving both
  // dates of an entry (from and until later together) is judged by the two, not by one beside the other's old date.
  std::vector<std::pair<std::size_t, std::string>> moved;
  auto relabel = [&](const InputError& e, const std::string& key) {
    for (auto d : e.diagnostics()) {
      d.file = option;
      d.line = d.column = 0;
      d.key = key;
      problems.push_back(std::move(d));
    }
  };
  for (const auto& [key, text] : values) {
    try {
      if (auto m = measure_key(key)) {
        // Every engine entry of the [[measure]] entry with this id (one per measure it names).
        const int line = measure_of(sc, *m, key, option).line;
        for (auto& e : sc.measures) {
          if (e.id != m->id || e.line != line) continue;
          if (m->field == "from" || m->field == "until") {
            auto d = parse_date(text);
            if (!d) fail(option, key, fmt::format("expected a date (2020-03-01), found \"{}\"", text));
            // The entry of the same measure and place that ended the day before (or began the day after) stays back to
            // back with this one: a closure followed by a reopening moves with the reopening's date.
            for (auto& other : sc.measures) {
              if (&other == &e || other.knob != e.knob || other.place != e.place || !other.trigger.empty() || !e.trigger.empty()) continue;
              if (m->field == "from" && e.has_from && other.has_until && other.until.days + 1 == e.from.days) {
                other.until = Date{d->days - 1};
                if (other.has_from && other.until < other.from)
                  fail(option, key, fmt::format("{} would end the entry of line {} (until {}) before its from {}", text, other.line,
                                                format_date(other.until), format_date(other.from)));
              }
              if (m->field == "until" && e.has_until && other.has_from && other.from.days == e.until.days + 1) {
                other.from = Date{d->days + 1};
                if (other.has_until && other.until < other.from)
                  fail(option, key, fmt::format("{} would start the entry of line {} (from {}) after its until {}", text, other.line,
                                                format_date(other.from), format_date(other.until)));
              }
            }
            (m->field == "from" ? e.from : e.until) = *d;
            (m->field == "from" ? e.has_from : e.has_until) = true;
            moved.emplace_back(static_cast<std::size_t>(&e - sc.measures.data()), key);  // checked once every key is set
          } else if (m->field == "value") {
            const auto& spec = knob_table()[static_cast<std::size_t>(e.knob)];
            double x = 0;
            if (text == "true" || text == "false") {
              x = text == "true" ? 1 : 0;
            } else {
              const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
              if (ec != std::errc() || p != text.data() + text.size() || !std::isfinite(x))
                fail(option, key, fmt::format("expected a number, found \"{}\"", text));
            }
            if (x < spec.min || x > spec.max)
              fail(option, key, fmt::format("{} must be in {}..{} ({}), found {}", spec.name, spec.min, spec.max, spec.unit, text));
            if (spec.integer && x != std::floor(x))
              fail(option, key, fmt::format("{} takes whole numbers ({}), found {}", spec.name, spec.unit, text));
            e.value = x;
          } else {
            variable_type(sc, key, option);  // says which fields there are
          }
        }
      } else if (auto s = schedule_key(key)) {
        ScheduleEntry& e = schedule_of(sc, *s, key, option);
        Scenario holder;  // the entry's values, set as --set sets a parameter (same reading and range checks)
        holder.params = e.values;
        try {
          apply_overrides(holder, {s->param + "=" + text});
        } catch (const InputError& err) {
          relabel(err, key);
          continue;
        }
        const ParamSpec* spec = find_param(s->param);
        std::visit([&](auto member) { e.values.*member = holder.params.*member; }, spec->member);
      } else {
        variable_type(sc, key, option);  // an unknown key, with a suggestion
        plain.push_back(key + "=" + text);
      }
    } catch (const InputError& err) {
      for (const auto& d : err.diagnostics()) problems.push_back(d);
    }
  }
  std::set<int> told;  // one problem per [[measure]] entry (its line), named by the last key that moved it
  for (const auto& [i, key] : moved) {
    const MeasureEntry& e = sc.measures[i];
    if (!e.has_from || !e.has_until || !(e.until < e.from) || told.contains(e.line)) continue;
    const auto last = std::find_if(moved.rbegin(), moved.rend(), [&](const auto& m) { return sc.measures[m.first].line == e.line; });
    told.insert(e.line);
    problems.push_back({option, 0, 0, last->second,
                        fmt::format("until {} is before from {} (the entry of line {})", format_date(e.until), format_date(e.from), e.line)});
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  try {
    apply_overrides(sc, plain);  // the plain keys, then every cross-parameter rule of the changed scenario
  } catch (const InputError& err) {
    for (auto d : err.diagnostics()) {
      if (d.file == "--set") d.file = option;
      problems.push_back(std::move(d));
    }
    throw InputError(std::move(problems));
  }
}

}  // namespace tongchou

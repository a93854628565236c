#include "plans/optimise_plan.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <toml++/toml.h>

#include "core/error.hpp"
#include "core/input_file.hpp"
#include "plans/ensemble.hpp"
#include "plans/plan_figures.hpp"

namespace tongchou {

namespace {

struct Problems {
  std::string file;
  std::vector<Diagnostic> list;
  void add(const toml::node* n, const std::string& key, std::string message) {
    const int line = n ? static_cast<int>(n->source().begin.line) : 0;
    const int column = n ? static_cast<int>(n->source().begin.column) : 0;
    list.push_back({file, line, column, key, std::move(message)});
  }
  void add(int line, const std::string& key, std::string message) { list.push_back({file, line, 0, key, std::move(message)}); }
};

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

// A bound: a number, or a date (a TOML date or "2020-03-01"); dates as days since 1970-01-01.
std::optional<double> bound_of(const toml::node& n, bool& is_date) {
  is_date = false;
  if (auto d = n.as_date()) {
    is_date = true;
    const auto v = d->get();
    return make_date(v.year, v.month, v.day).days;
  }
  if (auto s = n.value<std::string>()) {
    if (auto d = parse_date(*s)) {
      is_date = true;
      return d->days;
    }
    return std::nullopt;
  }
  if (n.is_integer() || n.is_floating_point()) {
    const double v = *n.value<double>();
    if (std::isfinite(v)) return v;
  }
  return std::nullopt;
}

std::optional<Statistic> statistic_from(const std::string& s) {
  if (s == "median") return Statistic::Median;
  if (s == "mean") return Statistic::Mean;
  if (s == "p5") return Statistic::P5;
  if (s == "p95") return Statistic::P95;
  if (s == "min") return Statistic::Min;
  if (s == "max") return Statistic::Max;
  return std::nullopt;
}

// Each table's keys must be known: a misspelt key is an error, not silently ignored.
void known_keys(const toml::table& t, const std::string& section, std::initializer_list<const char*> keys, Problems& p) {
  for (const auto& [k, v] : t) {
    const std::string key(k.str());
    if (std::none_of(keys.begin(), keys.end(), [&](const char* x) { return key == x; }))
      p.add(&v, section + "." + key, fmt::format("unknown key in {}; the keys are {}", section, fmt::join(keys, ", ")));
  }
}

std::string figure_check(const std::string& figure, const Scenario& base) {
  const auto& names = plan_figure_names();
  if (!std::binary_search(names.begin(), names.end(), figure)) {
    std::string msg = fmt::format("\"{}\" is not a scorecard figure", figure);
    auto near = closest_names(figure, names);
    for (const auto& n : names)  // "infections" for health.infections
      if (near.empty() && n.ends_with("." + figure)) near.push_back(n);
    if (!near.empty()) msg += fmt::format("; did you mean \"{}\"?", near.front());
    return msg + fmt::format(" (the figures: {})", fmt::join(names, ", "));
  }
  if (figure_needs_economy(figure) && !base.params.economy_enabled)
    return fmt::format("{} needs the regional economy, which this scenario turns off (economy.enabled = false)", figure);
  return {};
}

const char* kind_of(VariableType t) {
  switch (t) {
    case VariableType::Real: return "a number";
    case VariableType::Int: return "a whole number";
    case VariableType::Date: return "a date";
    case VariableType::Other: return "neither a number nor a date";
  }
  return "";
}

// also = ["KEY", ...]: more keys that take the variable's value, each naming something of the scenario, of the
// variable's own kind, and not a variable of the plan already. False (with the problems added) when one is wrong.
bool read_also(const toml::node& node, const Scenario& base, const std::string& file, std::set<std::string>& seen,
               PlanVariable& v, Problems& p) {
  const toml::array* keys = node.as_array();
  if (!keys || keys->empty()) {
    p.add(&node, v.key + ".also", "expected an array of keys that take this variable's value (also = [\"measure.ID.until\"])");
    return false;
  }
  bool ok = true;
  for (const auto& n : *keys) {
    const auto k = n.value<std::string>();
    if (!n.is_string() || !k) {
      p.add(&n, v.key + ".also", "expected a key (a string such as \"measure.ID.until\")");
      ok = false;
      continue;
    }
    try {
      const VariableType type = variable_type(base, *k, file);
      if (type != v.type) {
        p.add(&n, *k, fmt::format("is {} while {} is {}: keys that take one value must be of one kind", kind_of(type), v.key,
                                  kind_of(v.type)));
        ok = false;
        continue;
      }
    } catch (const InputError& e) {
      for (const auto& d : e.diagnostics()) p.add(&n, *k, d.message);
      ok = false;
      continue;
    }
    if (!seen.insert(*k).second) {
      p.add(&n, *k, "the same variable twice: give each key once (as a key or in also)");
      ok = false;
      continue;
    }
    v.also.push_back(*k);
  }
  return ok;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> plan_assignments(const OptimisePlan& plan, const std::vector<std::string>& values) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t j = 0; j < plan.variables.size() && j < values.size(); ++j) {
    out.emplace_back(plan.variables[j].key, values[j]);
    for (const auto& k : plan.variables[j].also) out.emplace_back(k, values[j]);
  }
  return out;
}

std::int64_t PlanVariable::steps() const {
  if (step <= 0) return 0;
  return static_cast<std::int64_t>(std::floor((hi - lo) / step + 1e-9));
}

std::string PlanVariable::text(double x) const {
  if (step <= 0) return fmt::format("{}", std::clamp(x, lo, hi));
  const double i = std::clamp(std::round(x), 0.0, static_cast<double>(steps()));
  const double v = lo + i * step;
  if (type == VariableType::Date) return format_date(Date{static_cast<std::int32_t>(std::llround(v))});
  if (type == VariableType::Int) return fmt::format("{}", std::llround(v));
  return fmt::format("{:.12g}", v);
}

std::optional<double> PlanVariable::position(const std::string& value) const {
  double v = 0;
  if (type == VariableType::Date) {
    const auto d = parse_date(value);
    if (!d) return std::nullopt;
    v = d->days;
  } else {
    const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || p != value.data() + value.size() || !std::isfinite(v)) return std::nullopt;
  }
  if (step <= 0) return std::clamp(v, lo, hi);
  return std::clamp(std::round((v - lo) / step), 0.0, static_cast<double>(steps()));
}

const char* statistic_name(Statistic s) {
  switch (s) {
    case Statistic::Median: return "median";
    case Statistic::Mean: return "mean";
    case Statistic::P5: return "p5";
    case Statistic::P95: return "p95";
    case Statistic::Min: return "min";
    case Statistic::Max: return "max";
  }
  return "";
}

std::string PlanObjective::column() const { return figure + "." + statistic_name(statistic); }
std::string PlanConstraint::column() const { return figure + "." + statistic_name(statistic); }

double PlanConstraint::violation(double value) const {
  double v = 0;
  if (at_most && value > *at_most) v += (value - *at_most) / std::max(1.0, std::abs(*at_most));
  if (at_least && value < *at_least) v += (*at_least - value) / std::max(1.0, std::abs(*at_least));
  return v;
}

double statistic_of(std::vector<double> values, Statistic s) {
  std::sort(values.begin(), values.end());
  switch (s) {
    case Statistic::Median: return quantile_of_sorted(values, 0.5);
    case Statistic::P5: return quantile_of_sorted(values, 0.05);
    case Statistic::P95: return quantile_of_sorted(values, 0.95);
    case Statistic::Min: return values.front();
    case Statistic::Max: return values.back();
    case Statistic::Mean: {
      double sum = 0;
      for (double v : values) sum += v;
      return sum / static_cast<double>(values.size());
    }
  }
  return 0;
}

OptimisePlan load_plan(const std::string& path, const Scenario& base) {
  return parse_plan(read_input_file(path, "plan file"), path, base);
}

OptimisePlan parse_plan(const std::string& text, const std::string& name, const Scenario& base) {
  OptimisePlan plan;
  plan.file = name;
  plan.text = text;
  Problems p{name, {}};
  require_utf8_text(text, name);
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(name));
  } catch (const toml::parse_error& e) {
    p.list.push_back({name, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column), "",
                      "malformed TOML: " + std::string(e.description())});
    throw InputError(std::move(p.list));
  }
  for (const auto& [k, v] : root) {
    const std::string key(k.str());
    if (key != "variable" && key != "objective" && key != "constraint" && key != "search")
      p.add(&v, key, "unknown section; a plan has [[variable]], [[objective]], [[constraint]] and [search]");
  }
  auto entries = [&](const char* section) {
    std::vector<const toml::table*> out;
    if (const toml::node* n = root.get(section)) {
      const toml::array* arr = n->as_array();
      if (!arr || !arr->is_array_of_tables()) {
        p.add(n, section, fmt::format("expected [[{}]] entries (an array of tables)", section));
        return out;
      }
      for (const auto& e : *arr) out.push_back(e.as_table());
    }
    return out;
  };

  // [[variable]]
  std::set<std::string> seen;
  for (const toml::table* t : entries("variable")) {
    known_keys(*t, "variable", {"key", "also", "lo", "hi", "step"}, p);
    PlanVariable v;
    v.line = line_of(*t);
    const auto key = (*t)["key"].value<std::string>();
    if (!key) {
      p.add(v.line, "variable.key", "each [[variable]] needs key = \"...\" (measure.ID.from, a parameter, schedule.DATE.section.name)");
      continue;
    }
    v.key = *key;
    const toml::node* key_node = t->get("key");
    try {
      v.type = variable_type(base, v.key, name);
    } catch (const InputError& e) {
      for (const auto& d : e.diagnostics()) p.add(key_node, v.key, d.message);
      continue;
    }
    if (!seen.insert(v.key).second) p.add(key_node, v.key, "the same variable twice: give each key once (as a key or in also)");
    if (v.type == VariableType::Other) {
      p.add(key_node, v.key, "is not a number or a date: a decision variable needs bounds lo and hi");
      continue;
    }
    if (const toml::node* a = t->get("also"); a && !read_also(*a, base, name, seen, v, p)) continue;
    const toml::node* lo = t->get("lo");
    const toml::node* hi = t->get("hi");
    if (!lo || !hi) {
      p.add(t, v.key, "each [[variable]] needs its bounds lo and hi");
      continue;
    }
    bool lo_date = false, hi_date = false;
    const auto l = bound_of(*lo, lo_date), h = bound_of(*hi, hi_date);
    const bool want_date = v.type == VariableType::Date;
    if (!l || lo_date != want_date) {
      p.add(lo, v.key + ".lo", want_date ? "expected a date (lo = 2020-02-10)" : "expected a number");
      continue;
    }
    if (!h || hi_date != want_date) {
      p.add(hi, v.key + ".hi", want_date ? "expected a date (hi = 2020-03-20)" : "expected a number");
      continue;
    }
    v.lo = *l, v.hi = *h;
    if (v.hi < v.lo) {
      p.add(hi, v.key + ".hi", fmt::format("bounds reversed: hi {} is below lo {}", want_date ? format_date(Date{static_cast<std::int32_t>(v.hi)}) : fmt::format("{}", v.hi),
                                          want_date ? format_date(Date{static_cast<std::int32_t>(v.lo)}) : fmt::format("{}", v.lo)));
      continue;
    }
    if (v.hi == v.lo) {
      p.add(hi, v.key + ".hi", "lo equals hi: a decision variable needs a range (fix a value with --set instead)");
      continue;
    }
    if (v.type == VariableType::Int && (v.lo != std::floor(v.lo) || v.hi != std::floor(v.hi)))
      p.add(lo, v.key, "takes whole numbers: lo and hi must be whole");
    v.step = v.type == VariableType::Real ? 0 : 1;
    if (const toml::node* s = t->get("step")) {
      const auto x = s->value<double>();
      if (!x || !std::isfinite(*x) || *x <= 0) {
        p.add(s, v.key + ".step", "expected a number above 0 (days for a date)");
        continue;
      }
      if (v.type != VariableType::Real && *x != std::floor(*x)) {
        p.add(s, v.key + ".step", "whole numbers and dates take whole steps");
        continue;
      }
      v.step = *x;
    }
    plan.variables.push_back(v);
  }
  if (plan.variables.empty() && p.list.empty())
    p.add(0, "variable", "no decision variable: give at least one [[variable]] with key, lo and hi");

  // [[objective]]
  const auto objective_entries = entries("objective");
  for (const toml::table* t : objective_entries) {
    known_keys(*t, "objective", {"figure", "goal", "statistic"}, p);
    PlanObjective o;
    o.line = line_of(*t);
    const auto figure = (*t)["figure"].value<std::string>();
    if (!figure) {
      p.add(o.line, "objective.figure", "each [[objective]] needs figure = \"...\" (health.infections, gdp_loss ...)");
      continue;
    }
    o.figure = *figure;
    if (auto m = figure_check(o.figure, base); !m.empty()) p.add(t->get("figure"), "objective.figure", m);
    const std::string goal = (*t)["goal"].value_or(std::string("minimise"));
    if (goal == "maximise" || goal == "maximize") o.maximise = true;
    else if (goal != "minimise" && goal != "minimize") p.add(t->get("goal"), "objective.goal", fmt::format("expected \"minimise\" or \"maximise\", found \"{}\"", goal));
    const std::string stat = (*t)["statistic"].value_or(std::string(o.figure == "probability_of_rebound" ? "mean" : "median"));
    if (auto s = statistic_from(stat)) o.statistic = *s;
    else p.add(t->get("statistic"), "objective.statistic", fmt::format("expected median, mean, p5, p95, min or max, found \"{}\"", stat));
    plan.objectives.push_back(o);
  }
  // No objective counts as two (the default search, NSGA-II, asks for two): no second message about the algorithm.
  const std::size_t objectives = objective_entries.size();
  if (objectives == 0)
    p.add(0, "objective", "give one [[objective]] or more (e.g. health.infections and gdp_loss: two trade off, one is minimised "
                          "alone), found none");
  if (objectives == 1) plan.algorithm = "gaco";  // the default of a single-objective plan

  // [[constraint]]
  for (const toml::table* t : entries("constraint")) {
    known_keys(*t, "constraint", {"figure", "at_most", "at_least", "statistic"}, p);
    PlanConstraint c;
    c.line = line_of(*t);
    const auto figure = (*t)["figure"].value<std::string>();
    if (!figure) {
      p.add(c.line, "constraint.figure", "each [[constraint]] needs figure = \"...\" (peak_beyond_beds, probability_of_rebound ...)");
      continue;
    }
    c.figure = *figure;
    if (auto m = figure_check(c.figure, base); !m.empty()) p.add(t->get("figure"), "constraint.figure", m);
    for (const char* side : {"at_most", "at_least"})
      if (const toml::node* n = t->get(side)) {
        const auto x = n->value<double>();
        if (!x || !std::isfinite(*x)) p.add(n, std::string("constraint.") + side, "expected a number");
        else (std::string(side) == "at_most" ? c.at_most : c.at_least) = *x;
      }
    if (!t->get("at_most") && !t->get("at_least"))
      p.add(c.line, "constraint", "each [[constraint]] needs at_most = ... or at_least = ...");
    const std::string stat = (*t)["statistic"].value_or(std::string("mean"));
    if (auto s = statistic_from(stat)) c.statistic = *s;
    else p.add(t->get("statistic"), "constraint.statistic", fmt::format("expected median, mean, p5, p95, min or max, found \"{}\"", stat));
    plan.constraints.push_back(c);
  }

  // [search]
  if (const toml::node* n = root.get("search")) {
    const toml::table* s = n->as_table();
    if (!s) {
      p.add(n, "search", "expected a table [search]");
    } else {
      known_keys(*s, "search", {"algorithm", "population", "generations", "runs", "seed"}, p);
      plan.algorithm = (*s)["algorithm"].value_or(plan.algorithm);
      if (plan.algorithm != "nsga2" && plan.algorithm != "moead" && plan.algorithm != "gaco")
        p.add(s->get("algorithm"), "search.algorithm",
              fmt::format("expected \"nsga2\" or \"moead\" (two objectives or more) or \"gaco\" (one), found \"{}\"", plan.algorithm));
      else if (plan.algorithm == "gaco" && objectives > 1)
        p.add(s->get("algorithm"), "search.algorithm",
              fmt::format("gaco minimises one objective; this plan has {}: use \"nsga2\" or \"moead\", or keep one [[objective]]", objectives));
      else if (plan.algorithm != "gaco" && objectives == 1)
        p.add(s->get("algorithm"), "search.algorithm",
              fmt::format("\"{}\" is multi-objective; this plan has one [[objective]]: use \"gaco\" (the default for one), or add "
                          "another objective",
                          plan.algorithm));
      auto whole = [&](const char* key, int& out, int lo, int hi, const char* what) {
        const toml::node* x = s->get(key);
        if (!x) return;
        const auto v = x->value<std::int64_t>();
        if (!x->is_integer() || !v || *v < lo || *v > hi)
          p.add(x, std::string("search.") + key, fmt::format("{}: a whole number in {}..{}", what, lo, hi));
        else
          out = static_cast<int>(*v);
      };
      whole("population", plan.population, 1, 100000, "plans per generation");
      whole("generations", plan.generations, 0, 100000, "generations of the search");
      whole("runs", plan.runs, 1, 10000, "runs (seeds 1..k) per evaluation, at least 1");
      if (const toml::node* x = s->get("seed")) {
        const auto v = x->value<std::int64_t>();
        if (!x->is_integer() || !v || *v < 0 || *v > 4294967295LL) p.add(x, "search.seed", "a whole number in 0..4294967295");
        else plan.seed = static_cast<std::uint64_t>(*v);
      }
      if (plan.algorithm == "nsga2" && (plan.population < 8 || plan.population % 4 != 0))
        p.add(s->get("population") ? s->get("population") : s, "search.population",
              fmt::format("NSGA-II needs a population of 8 or more, a multiple of 4 (found {})", plan.population));
      if (plan.algorithm == "gaco" && plan.population < 2)
        p.add(s->get("population") ? s->get("population") : s, "search.population",
              fmt::format("gaco needs a population of 2 or more (found {})", plan.population));
      if (plan.algorithm == "moead" && plan.population < 3)
        p.add(s->get("population") ? s->get("population") : s, "search.population",
              fmt::format("MOEA/D needs a population of 3 or more (found {})", plan.population));
    }
  }
  if (!p.list.empty()) throw InputError(std::move(p.list));
  return plan;
}

}  // namespace tongchou

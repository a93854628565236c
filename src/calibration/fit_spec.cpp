#include "calibration/fit_spec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <toml++/toml.h>

#include "core/input_file.hpp"
#include "scenario/parameters.hpp"

namespace tongchou {

namespace {

struct FitReader {
  std::string file;
  std::vector<Diagnostic> problems;

  void add(const toml::source_region& where, const std::string& key, std::string message) {
    problems.push_back({file, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column), key, std::move(message)});
  }

  // Keys of a table that are not among `known`.
  void unknown_keys(const toml::table& t, const std::string& prefix, const std::vector<std::string>& known) {
    for (const auto& [k, v] : t) {
      const std::string word(k.str());
      if (std::find(known.begin(), known.end(), word) != known.end()) continue;
      std::string msg = "unknown key";
      if (auto near = closest_names(word, known); !near.empty()) msg += fmt::format("; did you mean \"{}\"?", near.front());
      add(v.source(), prefix + word, msg);
    }
  }

  std::optional<double> number(const toml::table& t, const std::string& name, const std::string& key) {
    const toml::node* n = t.get(name);
    if (!n) return std::nullopt;
    if (auto i = n->value_exact<std::int64_t>()) return static_cast<double>(*i);
    if (auto d = n->value_exact<double>()) {
      if (!std::isfinite(*d)) {
        add(n->source(), key, "must be a finite number");
        return std::nullopt;
      }
      return *d;
    }
    add(n->source(), key, fmt::format("expected a number, found {}", toml_type_name(*n)));
    return std::nullopt;
  }

  std::optional<std::string> text(const toml::table& t, const std::string& name, const std::string& key) {
    const toml::node* n = t.get(name);
    if (!n) return std::nullopt;
    if (auto s = n->value_exact<std::string>()) return *s;
    add(n->source(), key, fmt::format("expected a string, found {}", toml_type_name(*n)));
    return std::nullopt;
  }

  std::optional<Date> date(const toml::table& t, const std::string& name, const std::string& key) {
    const toml::node* n = t.get(name);
    if (!n) return std::nullopt;
    if (auto d = n->value_exact<toml::date>()) {
      if (auto parsed = parse_date(fmt::format("{:04}-{:02}-{:02}", d->year, d->month, d->day))) return parsed;
    }
    add(n->source(), key, "expected a date (2020-02-01)");
    return std::nullopt;
  }

  // A bound of a parameter: a number, or for a date variable a date.
  std::optional<double> bound(const toml::table& t, const std::string& name, const std::string& key, VariableType type) {
    if (type == VariableType::Date) {
      if (auto d = date(t, name, key)) return static_cast<double>(d->days);
      return std::nullopt;
    }
    return number(t, name, key);
  }

  static std::string toml_type_name(const toml::node& n) {
    switch (n.type()) {
      case toml::node_type::string: return "a string";
      case toml::node_type::integer: return "an integer";
      case toml::node_type::floating_point: return "a number";
      case toml::node_type::boolean: return "true/false";
      case toml::node_type::date: return "a date";
      case toml::node_type::table: return "a table";
      case toml::node_type::array: return "an array";
      default: return "another type";
    }
  }
};

std::string bound_text(double v, VariableType type) {
  if (type == VariableType::Date) return format_date(Date{static_cast<std::int32_t>(v)});
  return fmt::format("{}", v);
}

}  // namespace

double prior_penalty(const FitParameter& p, double x) {
  switch (p.prior) {
    case PriorKind::Uniform: return 0;
    case PriorKind::Normal: {
      const double z = (x - p.mean) / p.sd;
      return z * z;
    }
    case PriorKind::LogNormal: {
      const double z = (std::log(x) - p.mean) / p.sd;
      return z * z + 2 * std::log(x);
    }
  }
  return 0;
}

FitSpec parse_fit(std::string_view text, const std::string& source, const Scenario& base) {
  FitSpec spec;
  spec.source = source;
  spec.text = std::string(text);
  FitReader r{source, {}};
  require_utf8_text(text, source);
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(source));
  } catch (const toml::parse_error& e) {
    r.add(e.source(), "", fmt::format("malformed TOML: {}", e.description()));
    throw InputError(std::move(r.problems));
  }
  r.unknown_keys(root, "", {"parameter", "observed", "loss", "evaluation", "search", "report"});
  const std::filesystem::path folder = std::filesystem::path(source).parent_path();

  // [[parameter]]
  std::set<std::string> keys;
  if (const toml::node* n = root.get("parameter")) {
    const toml::array* arr = n->as_array();
    if (!arr || !arr->is_array_of_tables()) {
      r.add(n->source(), "parameter", "expected [[parameter]] entries (an array of tables)");
    } else {
      for (const auto& e : *arr) {
        const toml::table& t = *e.as_table();
        FitParameter p;
        p.line = static_cast<int>(t.source().begin.line);
        r.unknown_keys(t, "parameter.", {"key", "lo", "hi", "log", "prior", "mean", "sd", "mu", "sigma", "start"});
        auto key = r.text(t, "key", "parameter.key");
        if (!key) {
          if (!t.contains("key")) r.add(t.source(), "parameter.key", "a [[parameter]] needs a key (e.g. key = \"transmission.r0\")");
          continue;
        }
        p.key = *key;
        if (!keys.insert(p.key).second) {
          r.add(t.get("key")->source(), "parameter.key", fmt::format("{} is fitted twice: one [[parameter]] per key", p.key));
          continue;
        }
        try {
          p.type = variable_type(base, p.key, source);
        } catch (const InputError& err) {
          for (auto d : err.diagnostics()) {
            d.file = source;
            d.line = static_cast<int>(t.get("key")->source().begin.line);
            d.column = static_cast<int>(t.get("key")->source().begin.column);
            r.problems.push_back(std::move(d));
          }
          continue;
        }
        if (p.type == VariableType::Other) {
          r.add(t.get("key")->source(), p.key, "is not a number or a date: it cannot be fitted");
          continue;
        }
        const std::string k = p.key + ".";
        auto lo = r.bound(t, "lo", k + "lo", p.type), hi = r.bound(t, "hi", k + "hi", p.type);
        if (!t.contains("lo")) r.add(t.source(), k + "lo", "a [[parameter]] needs its bounds lo and hi");
        if (!t.contains("hi")) r.add(t.source(), k + "hi", "a [[parameter]] needs its bounds lo and hi");
        if (!lo || !hi) continue;
        p.lo = *lo, p.hi = *hi;
        if (p.hi < p.lo) {
          r.add(t.get("hi")->source(), k + "hi", fmt::format("bounds reversed: hi = {} is below lo = {}", bound_text(p.hi, p.type), bound_text(p.lo, p.type)));
          continue;
        }
        if (p.hi == p.lo) {
          r.add(t.get("hi")->source(), k + "hi", fmt::format("lo and hi are both {}: nothing to fit (set the value in the scenario instead)",
                                                             bound_text(p.lo, p.type)));
          continue;
        }
        if (const toml::node* lg = t.get("log")) {
          if (auto b = lg->value_exact<bool>()) p.log = *b;
          else r.add(lg->source(), k + "log", "expected true or false");
        }
        if (p.log && (p.type == VariableType::Date || p.lo <= 0))
          r.add(t.get("log")->source(), k + "log", p.type == VariableType::Date ? "a date cannot be searched on a log scale"
                                                                               : fmt::format("a log scale needs lo > 0, found lo = {}", p.lo));
        const std::string prior = r.text(t, "prior", k + "prior").value_or("uniform");
        auto need = [&](const char* name) {
          auto v = r.number(t, name, k + name);
          if (!v && !t.contains(name)) r.add(t.source(), k + name, fmt::format("a {} prior needs {}", prior, name));
          return v.value_or(0.0);
        };
        if (prior == "uniform") {
          p.prior = PriorKind::Uniform;
        } else if (prior == "normal") {
          p.prior = PriorKind::Normal;
          p.mean = need("mean"), p.sd = need("sd");
        } else if (prior == "lognormal") {
          p.prior = PriorKind::LogNormal;
          p.mean = need("mu"), p.sd = need("sigma");
          if (p.lo <= 0) r.add(t.get("lo")->source(), k + "lo", "a lognormal prior needs lo > 0");
        } else {
          r.add(t.get("prior")->source(), k + "prior", fmt::format("unknown prior \"{}\": uniform, normal or lognormal", prior));
        }
        if (p.prior != PriorKind::Uniform && t.contains(p.prior == PriorKind::Normal ? "sd" : "sigma") && !(p.sd > 0))
          r.add(t.get(p.prior == PriorKind::Normal ? "sd" : "sigma")->source(), k + (p.prior == PriorKind::Normal ? "sd" : "sigma"),
                "must be greater than 0");
        for (const char* name : {"mean", "sd"})
          if (p.prior != PriorKind::Normal && t.contains(name))
            r.add(t.get(name)->source(), k + name, "only a normal prior takes mean and sd");
        for (const char* name : {"mu", "sigma"})
          if (p.prior != PriorKind::LogNormal && t.contains(name))
            r.add(t.get(name)->source(), k + name, "only a lognormal prior takes mu and sigma");
        if (auto s = r.bound(t, "start", k + "start", p.type)) {
          if (*s < p.lo || *s > p.hi)
            r.add(t.get("start")->source(), k + "start", fmt::format("{} is outside [lo, hi] = [{}, {}]", bound_text(*s, p.type),
                                                                     bound_text(p.lo, p.type), bound_text(p.hi, p.type)));
          else p.start = *s;
        }
        spec.parameters.push_back(std::move(p));
      }
    }
  }
  if (spec.parameters.empty() && r.problems.empty())
    r.problems.push_back({source, 0, 0, "parameter",
                          "no free parameter: give one [[parameter]] or more (key = \"transmission.r0\", lo = 1.5, hi = 4)"});

  // [[observed]]
  if (const toml::node* n = root.get("observed")) {
    const toml::array* arr = n->as_array();
    if (!arr || !arr->is_array_of_tables()) {
      r.add(n->source(), "observed", "expected [[observed]] entries (an array of tables)");
    } else {
      for (const auto& e : *arr) {
        const toml::table& t = *e.as_table();
        ObservedSpec o;
        o.line = static_cast<int>(t.source().begin.line);
        r.unknown_keys(t, "observed.", {"file", "date", "value", "kind", "from", "until", "weight"});
        if (auto f = r.text(t, "file", "observed.file")) {
          o.file = *f;
          o.path = std::filesystem::path(*f).is_absolute() ? *f : (folder / *f).string();
          const PathKind kind = path_kind(o.path);
          if (kind == PathKind::Missing) r.add(t.get("file")->source(), "observed.file", fmt::format("{}: no such file", o.path));
          else if (kind != PathKind::Regular) r.add(t.get("file")->source(), "observed.file", fmt::format("{}: not a regular file", o.path));
          o.value_column = r.text(t, "value", "observed.value").value_or("");
          if (o.value_column.empty()) r.add(t.source(), "observed.value", "an observed file needs its value column (value = \"confirmed\")");
          o.date_column = r.text(t, "date", "observed.date").value_or("date");
        } else {
          for (const char* name : {"date", "value", "kind"})
            if (t.contains(name))
              r.add(t.get(name)->source(), std::string("observed.") + name,
                    "only with a file: without one the series is the region's reported cases (comparison.csv's)");
        }
        if (auto k = r.text(t, "kind", "observed.kind")) {
          if (*k == "cumulative") o.cumulative = true;
          else if (*k != "daily") r.add(t.get("kind")->source(), "observed.kind", fmt::format("unknown kind \"{}\": daily or cumulative", *k));
        }
        o.from = r.date(t, "from", "observed.from");
        o.until = r.date(t, "until", "observed.until");
        if (o.from && o.until && *o.until < *o.from)
          r.add(t.get("until")->source(), "observed.until", fmt::format("{} is before from = {}", format_date(*o.until), format_date(*o.from)));
        if (auto w = r.number(t, "weight", "observed.weight")) {
          if (*w <= 0) r.add(t.get("weight")->source(), "observed.weight", fmt::format("must be greater than 0, found {}", *w));
          o.weight = *w;
        }
        spec.observed.push_back(std::move(o));
      }
    }
  }
  if (spec.observed.empty()) spec.observed.push_back({});

  // [loss]
  if (const toml::node* n = root.get("loss")) {
    if (const toml::table* t = n->as_table()) {
      r.unknown_keys(*t, "loss.", {"kind", "cumulative_weight"});
      if (auto k = r.text(*t, "kind", "loss.kind")) {
        if (*k != "poisson_deviance") r.add(t->get("kind")->source(), "loss.kind", fmt::format("unknown loss \"{}\": poisson_deviance", *k));
      }
      if (auto w = r.number(*t, "cumulative_weight", "loss.cumulative_weight")) {
        if (*w < 0) r.add(t->get("cumulative_weight")->source(), "loss.cumulative_weight", "must be 0 or more");
        spec.loss.cumulative_weight = *w;
      }
    } else {
      r.add(n->source(), "loss", "expected a table [loss]");
    }
  }

  // [evaluation]
  if (const toml::node* n = root.get("evaluation")) {
    if (const toml::table* t = n->as_table()) {
      r.unknown_keys(*t, "evaluation.", {"seeds"});
      if (const toml::node* s = t->get("seeds")) {
        if (auto k = s->value_exact<std::int64_t>()) {
          if (*k < 1 || *k > 1000) r.add(s->source(), "evaluation.seeds", fmt::format("must be 1 to 1000 (seeds 1..k), found {}", *k));
          else {
            spec.seeds.clear();
            for (std::int64_t i = 1; i <= *k; ++i) spec.seeds.push_back(i);
          }
        } else if (const toml::array* a = s->as_array(); a && !a->empty()) {
          spec.seeds.clear();
          std::set<std::int64_t> seen;
          for (const auto& v : *a) {
            auto x = v.value_exact<std::int64_t>();
            if (!x || *x < 0) r.add(v.source(), "evaluation.seeds", "expected seeds as whole numbers >= 0");
            else if (!seen.insert(*x).second) r.add(v.source(), "evaluation.seeds", fmt::format("seed {} is given twice", *x));
            else spec.seeds.push_back(*x);
          }
        } else {
          r.add(s->source(), "evaluation.seeds", "expected the number of seeds (4: seeds 1..4) or a list of seeds ([1, 2, 3])");
        }
      }
    } else {
      r.add(n->source(), "evaluation", "expected a table [evaluation]");
    }
  }

  // [search]
  if (const toml::node* n = root.get("search")) {
    if (const toml::table* t = n->as_table()) {
      r.unknown_keys(*t, "search.", {"algorithm", "budget", "seed", "step"});
      if (auto a = r.text(*t, "algorithm", "search.algorithm")) {
        if (*a != "sbplx" && *a != "bobyqa" && *a != "neldermead" && *a != "cobyla")
          r.add(t->get("algorithm")->source(), "search.algorithm",
                fmt::format("unknown algorithm \"{}\": sbplx, bobyqa, neldermead or cobyla (nlopt)", *a));
        else spec.algorithm = *a;
      }
      if (const toml::node* b = t->get("budget")) {
        auto v = b->value_exact<std::int64_t>();
        if (!v || *v < 1 || *v > 1000000) r.add(b->source(), "search.budget", "expected the number of evaluations, 1 to 1000000");
        else spec.budget = static_cast<int>(*v);
      }
      if (const toml::node* s = t->get("seed")) {
        auto v = s->value_exact<std::int64_t>();
        if (!v || *v < 0) r.add(s->source(), "search.seed", "expected a whole number >= 0");
        else spec.search_seed = static_cast<std::uint64_t>(*v);
      }
      if (auto st = r.number(*t, "step", "search.step")) {
        if (*st <= 0 || *st > 1) r.add(t->get("step")->source(), "search.step", "must be above 0 and at most 1 (a share of each box)");
        else spec.step = *st;
      }
    } else {
      r.add(n->source(), "search", "expected a table [search]");
    }
  }

  // [report]
  if (const toml::node* n = root.get("report")) {
    if (const toml::table* t = n->as_table()) {
      r.unknown_keys(*t, "report.", {"runs"});
      if (const toml::node* s = t->get("runs")) {
        auto v = s->value_exact<std::int64_t>();
        if (!v || *v < 1 || *v > 1000) r.add(s->source(), "report.runs", "expected the fitted scenario's runs for the report, 1 to 1000");
        else spec.report_runs = static_cast<int>(*v);
      }
    } else {
      r.add(n->source(), "report", "expected a table [report]");
    }
  }
  if (!r.problems.empty()) throw InputError(std::move(r.problems));
  return spec;
}

FitSpec load_fit(const std::string& path, const Scenario& base) {
  const std::string text = read_input_file(path, "fit file");
  return parse_fit(text, path, base);
}

}  // namespace tongchou

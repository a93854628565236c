#include "scenario/scenario_reader.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/date.hpp"

// The reading of one value of a scenario's TOML (ScenarioReader): parameters by type and range, and problems.
namespace tongchou {

void ScenarioReader::add(const toml::source_region& where, std::string key, std::string message) {
  problems.push_back({file, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column),
                      std::move(key), std::move(message)});
}

std::string ScenarioReader::node_kind(const toml::node& n) {
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

std::optional<double> ScenarioReader::as_number(const toml::node& n) {
  if (auto* i = n.as_integer()) return static_cast<double>(i->get());
  if (auto* f = n.as_floating_point()) return f->get();
  return std::nullopt;
}

std::optional<Date> ScenarioReader::as_date(const toml::node& n) {
  if (auto* d = n.as_date()) {
    const auto v = d->get();
    return parse_date(fmt::format("{:04}-{:02}-{:02}", v.year, v.month, v.day));
  }
  if (auto* s = n.as_string()) return parse_date(s->get());
  return std::nullopt;
}

// Sets one parameter from a TOML node; records a problem if the type is wrong.
void ScenarioReader::set(Params& p, const ParamSpec& spec, const toml::node& n) {
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

void ScenarioReader::unknown(const toml::source_region& where, const std::string& path, const std::string& word,
                             const std::vector<std::string>& known) {
  auto near = closest_names(word, known);
  std::string msg = "unknown key";
  if (!near.empty()) msg += fmt::format("; did you mean \"{}\"?", near.front());
  add(where, path, msg);
}

}  // namespace tongchou

#pragma once
// The scenario parameters: a struct generated from parameters.def, and the table describing each field.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/date.hpp"

namespace tongchou {

namespace param_default {
inline double Real(double v) { return v; }
inline std::int64_t Int(std::int64_t v) { return v; }
inline bool Bool(bool v) { return v; }
Date Date_(const char* text);
inline std::string Text(const char* v) { return v; }
std::vector<double> RealList(const char* text);
}  // namespace param_default

#define TC_CPP_Real double
#define TC_CPP_Int std::int64_t
#define TC_CPP_Bool bool
#define TC_CPP_Date Date
#define TC_CPP_Text std::string
#define TC_CPP_RealList std::vector<double>
#define TC_DEFAULT_Real(v) param_default::Real(v)
#define TC_DEFAULT_Int(v) param_default::Int(v)
#define TC_DEFAULT_Bool(v) param_default::Bool(v)
#define TC_DEFAULT_Date(v) param_default::Date_(v)
#define TC_DEFAULT_Text(v) param_default::Text(v)
#define TC_DEFAULT_RealList(v) param_default::RealList(v)

//! Every scalar parameter of a scenario, named section_name; defaults from parameters.def.
struct Params {
#define TC_PARAM(section, name, type, def, unit, range, meaning, source) \
  TC_CPP_##type section##_##name = TC_DEFAULT_##type(def);
#include "scenario/parameters.def"
#undef TC_PARAM
};

enum class ParamType { Real, Int, Bool, Date, Text, RealList };

using ParamMember = std::variant<double Params::*, std::int64_t Params::*, bool Params::*, Date Params::*,
                                 std::string Params::*, std::vector<double> Params::*>;

//! One row of the parameter table.
struct ParamSpec {
  std::string_view section;
  std::string_view name;
  std::string key;  //!< "section.name", the path used in scenario files and --set
  ParamType type;
  std::string_view default_text;
  std::string_view unit;
  std::string_view range;  //!< "lo..hi", or "a|b|c" for text choices, or empty
  std::string_view meaning;
  std::string_view source;
  ParamMember member;

  std::optional<double> min() const;
  std::optional<double> max() const;
  std::vector<std::string> choices() const;
};

//! All parameters, in the order of parameters.def.
std::span<const ParamSpec> parameter_table();
const ParamSpec* find_param(std::string_view key);
std::string_view type_name(ParamType t);

//! A TOML basic string holding `text`: quotes, backslashes and control characters escaped.
std::string toml_string(std::string_view text);
//! The value of a parameter as TOML text (e.g. `2.5`, `"chongqing"`, `2020-01-21`, `[0.34, 1.0]`).
std::string value_as_toml(const Params& p, const ParamSpec& spec);
//! Checks a value against the spec's range; returns the reason if it is out of range.
std::optional<std::string> check_range(const Params& p, const ParamSpec& spec);

//! Seed of the population's synthesis and of the calibration's sample: population.seed, or scenario.seed when it is -1.
inline std::uint64_t population_seed(const Params& p) {
  return static_cast<std::uint64_t>(p.population_seed >= 0 ? p.population_seed : p.scenario_seed);
}

//! The parameter table as Markdown (docs/parameters.md) and as plain text for a terminal.
std::string parameters_markdown();
std::string parameters_text();
//! The plain text of one section's parameters (e.g. "health"); empty if there is no such section.
std::string parameters_text(std::string_view section);

//! The closest known names to `word` among `candidates` (edit distance), best first; empty if none is close.
std::vector<std::string> closest_names(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace tongchou

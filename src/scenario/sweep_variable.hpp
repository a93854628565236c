#pragma once
// The variables a sweep may change (`tongchou sweep --param KEY=... --range KEY=LO:HI`): any parameter of
// `tongchou params` or risk level's measure (zoning.high.work) as --set takes them, a [[measure]] entry's value or
// dates by its id (measure.ID.value, measure.ID.from, measure.ID.until) and a [[schedule]] entry's value
// (schedule.DATE.section.name: the value set by the entry dated DATE).
#include <string>
#include <utility>
#include <vector>

#include "scenario/scenario.hpp"

namespace tongchou {

//! What a variable's values are: numbers (whole or not), dates, or other (text, true/false: grids only).
enum class VariableType { Real, Int, Date, Other };

//! The type of the variable `key` in the scenario. Throws InputError (file `option`, the key, with a suggestion or
//! the ids/dates there are) when the key names nothing of the scenario.
VariableType variable_type(const Scenario& scenario, const std::string& key, const std::string& option);

//! Applies (key, value text) pairs to the scenario, then checks the whole scenario (cross_checks). Values are TOML
//! text, as --set takes them (a date as 2020-03-01). Throws InputError naming `option` and each key.
void apply_variables(Scenario& scenario, const std::vector<std::pair<std::string, std::string>>& values,
                     const std::string& option);

}  // namespace tongchou

#pragma once
// The value a scenario itself gives a sweep variable (scenario/sweep_variable.hpp): what `tongchou optimise` marks as
// the scenario's own plan against the front it finds.
#include <optional>
#include <string>

#include "scenario/scenario.hpp"

namespace tongchou {

//! The value of `key` in the scenario as TOML text (2.5, 2020-02-10), or nullopt when the scenario leaves it unset (a
//! measure without a from date, a risk level's measure not given). Keys are as variable_type() takes them.
std::optional<std::string> variable_value(const Scenario& scenario, const std::string& key);

}  // namespace tongchou

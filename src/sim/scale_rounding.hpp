#pragma once
// Entries that a population scale shrinks below one agent: an [[imports]] entry of 3 infections at scale 10 seeds
// 0.3 agents, that is one infection with probability 0.3 and most often none. Each such entry is named in a warning
// (printed by `tongchou run` and kept in summary.json), so that an epidemic that never starts is not a mystery.
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace tongchou {

//! One warning per [[imports]] entry with 0 < infections / population.scale < 1, and per [[arrivals]] entry with
//! 0 < travellers / population.scale < 1; in file order.
std::vector<std::string> scale_rounding_warnings(const Scenario& scenario);

}  // namespace tongchou

#pragma once
// The economy's outputs: sectors.csv, its columns of daily.csv and the economic scorecard of summary.json
// (docs/outputs.md).
#include <string>

#include <nlohmann/json.hpp>

#include "sim/simulation.hpp"

namespace tongchou {

//! The economy's columns of daily.csv, each starting with a comma (empty fields where the economy is off).
std::string economy_daily_header();
std::string economy_daily_fields(const Simulation& sim, std::size_t day);
//! sectors.csv: one row per day per sector. Empty when the economy is off.
std::string sectors_csv(const Simulation& sim);
//! The economic scorecard; null when the economy is off.
nlohmann::ordered_json economy_summary(const Simulation& sim);

}  // namespace tongchou

#pragma once
// Naming a district of the region in a scenario ([[imports]], [[arrivals]], a measure's place): by its adcode, its
// Chinese name or its English name (case-insensitive).
#include <cstdint>
#include <string>

#include "population/region_data.hpp"

namespace tongchou {

//! Whether `name` names the district: its adcode, Chinese name, or English name (case-insensitive).
bool names_district(std::int64_t adcode, const std::string& name_zh, const std::string& name_en, const std::string& name);

//! Index of the district named by adcode, Chinese or English name (case-insensitive), or -1.
int find_district(const RegionData& region, const std::string& name);

}  // namespace tongchou

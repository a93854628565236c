#pragma once
// Imported infections ([[imports]]): which districts they go to, and choosing the persons infected.
#include <vector>

#include "core/error.hpp"
#include "population/region_data.hpp"
#include "scenario/scenario.hpp"

namespace tongchou {

//! For each import entry, cumulative weights over the region's districts. Problems (unknown districts) are
//! returned as diagnostics naming the entry's line.
std::vector<std::vector<double>> import_district_weights(const Scenario& sc, const RegionData& region,
                                                         std::vector<Diagnostic>& problems);

//! Index of the district named by adcode, Chinese or English name (case-insensitive), or -1.
int find_district(const RegionData& region, const std::string& name);

}  // namespace tongchou

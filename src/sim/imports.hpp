#pragma once
// Imported infections ([[imports]]): which districts they go to, and choosing the persons infected.
#include <vector>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "population/region_data.hpp"
#include "scenario/scenario.hpp"

namespace tongchou {

//! For each import entry, cumulative weights over the region's districts. Problems (unknown districts) are
//! returned as diagnostics naming the entry's line.
std::vector<std::vector<double>> import_district_weights(const Scenario& sc, const RegionData& region,
                                                         std::vector<Diagnostic>& problems);

//! The same for each [[arrivals]] entry.
std::vector<std::vector<double>> arrival_district_weights(const Scenario& sc, const RegionData& region,
                                                          std::vector<Diagnostic>& problems);

//! The reported case series of Chongqing by district and day (data/chongqing/daily_cases.csv, or under
//! scenario.data_dir), read by import weights and by the comparison with the simulated series.
CsvTable reported_cases_table(const Params& p);

//! Whether `name` names the district: its adcode, Chinese name, or English name (case-insensitive).
bool names_district(std::int64_t adcode, const std::string& name_zh, const std::string& name_en, const std::string& name);

//! Index of the district named by adcode, Chinese or English name (case-insensitive), or -1.
int find_district(const RegionData& region, const std::string& name);

}  // namespace tongchou

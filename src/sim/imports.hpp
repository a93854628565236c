#pragma once
// Imported infections ([[imports]]): which districts they go to, and choosing the persons infected.
#include <vector>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "population/district_names.hpp"
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

}  // namespace tongchou

#pragma once
// The reported series of the region (data/chongqing/daily_cases.csv, from ../shared/data/covid_cases), set beside the
// simulated confirmed cases: comparison.csv and the "comparison" block of summary.json.
#include <string>
#include <vector>

#include "sim/simulation.hpp"

namespace tongchou {

//! Reported cumulative confirmed cases of the simulated districts on each simulated day (-1 where the series has no
//! data, or the region is not covered by it).
std::vector<double> observed_cumulative_confirmed(const Simulation& sim);

//! date, observed and simulated new and cumulative confirmed cases; empty when there is no observed series.
std::string comparison_csv(const Simulation& sim, const std::vector<double>& observed);

}  // namespace tongchou

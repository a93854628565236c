#pragma once
// The observed series a calibration fits (FIT.toml [[observed]]): daily reported cases over a window of consecutive
// days, from a CSV file (daily or cumulative counts) or, by default, the region's reported series that comparison.csv
// shows (output/observed_series.hpp).
#include <string>
#include <vector>

#include "calibration/fit_spec.hpp"
#include "sim/simulation.hpp"

namespace tongchou {

struct ObservedCounts {
  std::string name;          //!< the file, or "reported cases (REGION)"
  int first_day = 0;         //!< the simulated day (0 = scenario.start) of daily[0]
  std::vector<double> daily; //!< daily reported cases, one per day from first_day
  double weight = 1;
  int last_day() const { return first_day + static_cast<int>(daily.size()) - 1; }
};

//! Reads one series against the calendar of `sim` (a Simulation of the scenario being fitted; it need not have run).
//! Throws InputError naming file:line:column: a column that does not exist, a date missing between two rows, a date
//! that is not one, negative counts (or a cumulative count that falls), a window outside the simulated days.
ObservedCounts read_observed(const ObservedSpec& spec, const std::string& fit_source, const Simulation& sim);

//! Every series of the fit; all problems at once.
std::vector<ObservedCounts> read_observed_all(const FitSpec& fit, const Simulation& sim);

}  // namespace tongchou

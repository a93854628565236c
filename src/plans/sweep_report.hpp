#pragma once
// A sweep's report.html: health against the economy, one dot per point (its inputs in the tooltip), the axes
// chosen among sweep.csv's columns, and the table of points. One self-contained file (ECharts inlined).
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace tongchou {

//! The page for sweep.csv's text `csv` of a sweep of `base` over `keys` with `runs` runs per point.
std::string sweep_report_html(const Scenario& base, const std::vector<std::string>& keys, const std::string& csv, int runs);

}  // namespace tongchou

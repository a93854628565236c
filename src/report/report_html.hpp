#pragma once
// report.html: one self-contained page (ECharts, the report's script and every run's data inlined) with the
// scorecard, the epidemic, hospital, economy and measure charts, and the district map by risk level.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/run_directory.hpp"

namespace tongchou {

//! The data the page renders: {"kind": "run"|"compare", "runs": [{label, summary, alerts, tables}], "outlines"};
//! alerts as run_alerts (report/run_alerts.hpp).
//! `outlines` holds the district outlines (GeoJSON, keyed by adcode) of the districts in the runs' districts.csv,
//! or null when the region has none (the page then shows the districts as tiles).
nlohmann::ordered_json report_data(const std::vector<RunDirectory>& runs);
//! report_data's `outlines`.
nlohmann::ordered_json report_outlines(const std::vector<RunDirectory>& runs);

//! The whole page for one run or, with several, a comparison that overlays them.
std::string report_html(const std::vector<RunDirectory>& runs);

//! Writes report_html(runs) to `file` atomically. Throws OutputError.
void write_report(const std::vector<RunDirectory>& runs, const std::filesystem::path& file);

}  // namespace tongchou

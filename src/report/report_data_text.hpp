#pragma once
// The report's data (report_data, report/report_html.hpp) as the JSON text a page inlines, written from the runs'
// tables cell by cell: the same bytes as script_safe(report_data(runs).dump()) without building the tree of values,
// which at 1 M people held several MB more at the run's peak (docs/performance.md, Memory).
#include <string>
#include <vector>

#include "report/run_directory.hpp"

namespace tongchou {

//! Appends script_safe(report_data(runs).dump()) to `out`.
void append_report_data(const std::vector<RunDirectory>& runs, std::string& out);

}  // namespace tongchou

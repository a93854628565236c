#pragma once
// The short scorecard printed at the end of `tongchou run` (the report shows the full one): the health side and,
// when the run has an economy, the economic side.
#include <string>

#include "report/run_directory.hpp"

namespace tongchou {

//! Lines of text, each starting with two spaces; figures in people (scaled), dates ISO. Warnings first, each line
//! "  WARNING  ...": far from the reported series, beds overrun (report/run_alerts.hpp).
std::string scorecard_text(const RunDirectory& run);

}  // namespace tongchou

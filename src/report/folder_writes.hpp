#pragma once
// Writing whole folders by the run folder protocol (output/run_folder.hpp): a run's outputs with its report, a
// run's report rewritten in place, and a comparison.
#include <filesystem>
#include <vector>

#include "report/run_directory.hpp"
#include "sim/simulation.hpp"

namespace tongchou {

//! Writes every output of a finished run and its report.html into a staging folder, then manifest.json, and
//! swaps it for `target`. Returns the run as its files say (for the scorecard). Throws OutputError.
RunDirectory write_run_folder(const Simulation& sim, const std::filesystem::path& target);

//! Rewrites DIR/report.html of a run read from DIR, keeping the folder one consistent whole: with a manifest, the
//! folder is staged again (its other files hard-linked) and swapped in with the manifest updated for report.html;
//! without one (an older run read with --allow-edited) report.html alone is replaced. Throws OutputError.
void rewrite_run_report(const RunDirectory& run, const std::filesystem::path& dir);

//! Writes a comparison of the runs into the folder `target` (report.html and manifest.json). Throws OutputError.
void write_compare_folder(const std::vector<RunDirectory>& runs, const std::filesystem::path& target);

}  // namespace tongchou

#pragma once
// What the plan commands print besides their results: progress lines on standard error, the process's label under
// mpirun, a run folder's warnings.
#include <chrono>
#include <functional>
#include <string>

#include "plans/work_spread.hpp"
#include "report/run_directory.hpp"

namespace tongchou::cli {

//! A plan command's progress line on stderr: "  [label]LINE (seconds since t0)".
std::function<void(const std::string&)> progress_log(std::chrono::steady_clock::time_point t0, std::string label = {});

//! "rank 2/3: " before a process's progress lines under mpirun (R > 1), else nothing.
std::string process_label(const WorkSpread* spread);

//! A run folder's warnings (read back with --allow-edited ...) on stderr, "warning: ..." each.
void print_warnings(const RunDirectory& run);

}  // namespace tongchou::cli

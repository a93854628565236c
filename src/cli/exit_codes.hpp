#pragma once
// How `tongchou` ends: the exit codes every command's help lists, and bad input reported with each problem.
#include "core/error.hpp"

namespace tongchou::cli {

inline constexpr const char* kExitCodes =
    "Exit codes:\n"
    "  0    success\n"
    "  1    unexpected internal error\n"
    "  2    bad input: command line, scenario file or data file, or a run too large for the memory available\n"
    "       (every problem is listed)\n"
    "  3    an output file or directory could not be written, or is not one tongchou may replace\n"
    "  130  interrupted (Ctrl-C); no partial output file is left under its final name\n";

//! Prints every problem of `e` on standard error ("error: invalid input (N problems):"); returns ExitCode::BadInput.
int report_input_error(const InputError& e);

}  // namespace tongchou::cli

#pragma once
// How the plan commands (ensemble, sweep, calibrate, optimise) end on Ctrl-C: what they kept, and exit code 130.
#include <string>

namespace tongchou::cli {

//! Prints "interrupted; the WHAT finished so far are kept in WHERE (run the same command to resume)" on stderr and
//! returns ExitCode::Interrupted (130), for a plan command to return when its work ends with RunCancelled.
int interrupted_exit(const std::string& what, const std::string& where);

}  // namespace tongchou::cli

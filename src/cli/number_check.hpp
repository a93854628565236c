#pragma once
// Checks of the commands' numbers with messages a person reads ("--threads: must be at least 1"), not CLI11's ranges of
// 309 digits.
#include <CLI/CLI.hpp>
#include <string>

namespace tongchou::cli {

//! A whole number (`whole`) or a finite one within [lo, hi]; the bounds are the parameter's (scenario.days ...) when
//! `param` names one that has them, and the messages name it.
CLI::Validator number_check(const std::string& param, bool whole, double lo, double hi);

}  // namespace tongchou::cli

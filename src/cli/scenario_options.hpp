#pragma once
// The options the scenario commands share (run, population, ensemble, sweep, calibrate, optimise): the scenario, its
// seed, days, scale, people, --set, the population snapshot, threads and -q, and the scenario with them applied.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace tongchou::cli {

struct RunOptions {
  std::string scenario = "chongqing";
  std::string output;
  std::int64_t seed = -1, people = -1, days = -1;
  double scale = -1;
  int threads = 0;
  std::vector<std::string> sets;
  std::string population;  // --population FILE: population.snapshot
  bool quiet = false;
};

//! The scenario with run's options applied (--seed, --days, --scale, --people, --set), as run, ensemble ... use it.
Scenario load_with_options(const RunOptions& o);

//! The options `run`, `ensemble` and `sweep` share (--threads, --people, --scale, --days, --set, -q), with the same
//! checks and messages; `threads` and `quiet` are each command's own help text.
void add_scenario_options(CLI::App* cmd, RunOptions& o, const std::string& threads, const std::string& quiet);

}  // namespace tongchou::cli

#pragma once
// A run of a synthetic region of 60,000 people in 3 districts for 40 days from 1 Jan 2020, with extra scenario text.
#include <memory>
#include <string>

#include "scenario/scenario.hpp"
#include "sim/simulation.hpp"

namespace tongchou::test_support {

inline std::unique_ptr<Simulation> run_synthetic(const std::string& extra, int seed) {
  auto sc = parse_scenario("[scenario]\nregion = \"synthetic\"\nstart = 2020-01-01\ndays = 40\nseed = " + std::to_string(seed) +
                               "\n[population]\npeople = 60000\nsynthetic_district_size = 20000\n" + extra,
                           "t.toml");
  auto sim = std::make_unique<Simulation>(std::move(sc));
  sim->run();
  return sim;
}

}  // namespace tongchou::test_support

#pragma once
// A region's tables and its synthesised population, made once and shared (read-only) by every Simulation whose
// scenario has the same population key: the runs of an ensemble, the points of a sweep, a calibration's evaluations.
#include <functional>
#include <memory>
#include <string>

#include "population/population.hpp"
#include "population/region_data.hpp"
#include "scenario/parameters.hpp"

namespace tongchou {

struct PreparedPopulation {
  std::string key;  //!< population_key() of the parameters it was made from
  RegionData region;
  Population population;
  double region_seconds = 0, synthesis_seconds = 0;
};

//! Everything that decides the synthesised population, as text: scenario.region and data_dir, every population.* and
//! migrants.* parameter, and the population's seed (population_seed()). Equal keys give identical populations.
std::string population_key(const Params& p);

//! Loads the region's tables and synthesises its population, after checking that it fits in memory (InputError with
//! the estimate, memory_estimate.hpp). `check`, when given, runs on the loaded tables before the synthesis (so that a
//! scenario naming an unknown district fails at once) and may throw InputError. `on_phase` is told when each step
//! begins: "region data", "synthesis". `source` names the scenario in messages.
std::shared_ptr<const PreparedPopulation> prepare_population(const Params& p,
                                                             const std::function<void(const RegionData&)>& check = {},
                                                             const std::function<void(const std::string&)>& on_phase = {},
                                                             const std::string& source = "");

}  // namespace tongchou

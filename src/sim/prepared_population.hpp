#pragma once
// A region's tables and its synthesised population, made once and shared (read-only) by every Simulation whose
// scenario has the same population key: the runs of an ensemble, the points of a sweep, a calibration's evaluations.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "population/population.hpp"
#include "population/region_data.hpp"
#include "disease/natural_history.hpp"
#include "scenario/parameters.hpp"
#include "transmission/calibration.hpp"
#include "transmission/contact_rates.hpp"

namespace tongchou {

//! The contact rates and the calibrated transmission rates of a population for some parameters.
struct Calibration {
  ContactRates rates;
  TransmissionRates transmission;
};

struct PreparedPopulation {
  std::string key;  //!< population_key() of the parameters it was made from
  RegionData region;
  Population population;
  double region_seconds = 0, synthesis_seconds = 0;

  //! The calibration for `p` (whose population_key() is `key`): computed on first use for each calibration_key(),
  //! then shared. The calibration draws from the population's seed only, so every run of an ensemble (they differ in
  //! scenario.seed) shares one. `computed` tells whether this call computed it. Thread-safe.
  std::shared_ptr<const Calibration> calibration(const Params& p, const NaturalHistory& nh, bool& computed) const;

 private:
  mutable std::mutex calibration_mutex_;
  mutable std::map<std::string, std::shared_ptr<const Calibration>> calibrations_;
  //! The growth pilots measured on this population (r0_basis = growth), by growth_pilot_key() and grid eigenvalue:
  //! scenarios that differ only in transmission.r0 (a calibration's evaluations, a sweep of r0) share them.
  mutable std::map<std::string, GrowthPilot> pilots_;
};

//! What decides a population's calibration besides the population: every transmission.*, disease.* and calendar.*
//! parameter (contact rates, R0 and its basis, the natural history, weekday and weekend factors).
std::string calibration_key(const Params& p);

//! calibration_key() without transmission.r0: what decides a growth pilot at a given eigenvalue.
std::string growth_pilot_key(const Params& p);

//! Everything that decides the synthesised population, as text: scenario.region and data_dir, every population.* and
//! migrants.* parameter but population.snapshot, and the population's seed (population_seed()). Equal keys give
//! identical populations; a population snapshot records the key it was made for.
std::string population_key(const Params& p);

//! Loads the region's tables and synthesises its population (or loads it from population.snapshot, which must have
//! been made for population_key(p): InputError otherwise, population/snapshot.hpp), after checking that it fits in
//! memory (InputError with the estimate, memory_estimate.hpp). `check`, when given, runs on the loaded tables before the synthesis (so that a
//! scenario naming an unknown district fails at once) and may throw InputError. `on_phase` is told when each step
//! begins: "region data", then "synthesis" or "population snapshot". `source` names the scenario in messages.
std::shared_ptr<const PreparedPopulation> prepare_population(const Params& p,
                                                             const std::function<void(const RegionData&)>& check = {},
                                                             const std::function<void(const std::string&)>& on_phase = {},
                                                             const std::string& source = "");

}  // namespace tongchou

#include "sim/prepared_population.hpp"

#include <malloc.h>  // malloc_trim (glibc)

#include <chrono>

#include "population/snapshot.hpp"
#include "population/synthesis.hpp"
#include "sim/memory_estimate.hpp"

namespace tongchou {

std::string population_key(const Params& p) {
  std::string key;
  for (const auto& spec : parameter_table()) {
    const bool decides = spec.section == "population" || spec.section == "migrants" || spec.key == "scenario.region" ||
                         spec.key == "scenario.data_dir";
    if (decides && spec.key != "population.seed" && spec.key != "population.snapshot") key += spec.key + "=" + value_as_toml(p, spec) + "\n";
  }
  key += "seed=" + std::to_string(population_seed(p)) + "\n";
  return key;
}

std::string calibration_key(const Params& p) {
  std::string key;
  for (const auto& spec : parameter_table())
    if (spec.section == "transmission" || spec.section == "disease" || spec.section == "calendar")
      key += spec.key + "=" + value_as_toml(p, spec) + "\n";
  return key;
}

std::string growth_pilot_key(const Params& p) {
  std::string key;
  for (const auto& spec : parameter_table())
    if ((spec.section == "transmission" || spec.section == "disease" || spec.section == "calendar") && spec.key != "transmission.r0")
      key += spec.key + "=" + value_as_toml(p, spec) + "\n";
  return key;
}

std::shared_ptr<const Calibration> PreparedPopulation::calibration(const Params& p, const NaturalHistory& nh, bool& computed) const {
  const std::string k = calibration_key(p);
  std::lock_guard lock(calibration_mutex_);  // held while calibrating: a second caller with the same key reuses it
  computed = false;
  if (auto it = calibrations_.find(k); it != calibrations_.end()) return it->second;
  auto c = std::make_shared<Calibration>();
  c->rates = derive_contact_rates(population, region, p);
  const std::string pilot_prefix = growth_pilot_key(p);
  auto memo = [&](double eigenvalue, const std::function<GrowthPilot()>& measure) {  // under calibration_mutex_
    const std::string pk = pilot_prefix + "eigenvalue=" + std::to_string(eigenvalue);
    if (auto it = pilots_.find(pk); it != pilots_.end()) return it->second;
    return pilots_.emplace(pk, measure()).first->second;
  };
  c->transmission = calibrate_transmission(population, c->rates, nh, p, memo);
  calibrations_.emplace(k, c);
  computed = true;
  // The pilot runs freed their states, in every thread's malloc arena: give those pages back, or the arenas of threads
  // other than the main one keep them through the runs (the infection records cannot reuse them).
  malloc_trim(0);
  return c;
}

std::shared_ptr<const PreparedPopulation> prepare_population(const Params& p, const std::function<void(const RegionData&)>& check,
                                                             const std::function<void(const std::string&)>& on_phase,
                                                             const std::string& source) {
  using clock = std::chrono::steady_clock;
  auto phase = [&](const char* name) {
    if (on_phase) on_phase(name);
  };
  auto out = std::make_shared<PreparedPopulation>();
  out->key = population_key(p);
  phase("region data");
  if (p.scenario_region == "synthetic")  // before the region is built: millions of districts are large already
    check_memory(p, estimate_synthetic_memory(p), available_memory_bytes(), source);
  auto t0 = clock::now();
  out->region = load_region(p);
  if (check) check(out->region);
  check_memory(p, estimate_memory(p, out->region), available_memory_bytes(), source);
  out->region_seconds = std::chrono::duration<double>(clock::now() - t0).count();
  t0 = clock::now();
  if (!p.population_snapshot.empty()) {
    phase("population snapshot");
    out->population = read_population_snapshot(p.population_snapshot, out->key);
  } else {
    phase("synthesis");
    out->population = synthesise(out->region, p);
    // The district fragments, built by the synthesis's threads in their own malloc arenas, are freed now; give their
    // pages back to the system, or the arenas keep them through the run (17 MB of 152 at 1 M on 2 threads).
    malloc_trim(0);
  }
  out->synthesis_seconds = std::chrono::duration<double>(clock::now() - t0).count();
  return out;
}

}  // namespace tongchou

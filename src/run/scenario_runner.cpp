#include "run/scenario_runner.hpp"

#include "sim/imports.hpp"

namespace tongchou {

std::shared_ptr<const PreparedPopulation> ScenarioRunner::population(const Scenario& sc) {
  const std::string key = population_key(sc.params);
  std::lock_guard lock(mutex_);  // held while synthesising: a second caller with the same key waits and reuses it
  if (auto it = populations_.find(key); it != populations_.end()) return it->second;
  auto made = prepare_population(sc.params, [&](const RegionData& region) {
    std::vector<Diagnostic> problems;  // unknown districts fail before the synthesis
    import_district_weights(sc, region, problems);
    arrival_district_weights(sc, region, problems);
    if (!problems.empty()) throw InputError(std::move(problems));
  }, {}, sc.source);
  populations_.emplace(key, made);
  return made;
}

void ScenarioRunner::prepare(const Scenario& sc) {
  const auto pop = population(sc);
  const NaturalHistory nh(sc.params);  // as the Simulation makes it
  bool computed = false;
  pop->calibration(sc.params, nh, computed);  // trims the pilots' freed memory when it computes
}

std::unique_ptr<Simulation> ScenarioRunner::simulate(Scenario sc, const std::function<void(int, int)>& on_day,
                                                     const std::atomic<bool>* stop) {
  auto pop = population(sc);
  auto sim = std::make_unique<Simulation>(std::move(sc), std::move(pop));
  while (sim->step()) {
    if (on_day) on_day(sim->day(), sim->days());
    if (stop && stop->load()) throw RunCancelled();
  }
  return sim;
}

std::size_t ScenarioRunner::populations_made() const {
  std::lock_guard lock(mutex_);
  return populations_.size();
}

}  // namespace tongchou

#include "sim/prepared_population.hpp"

#include <chrono>

#include "population/synthesis.hpp"

namespace tongchou {

std::string population_key(const Params& p) {
  std::string key;
  for (const auto& spec : parameter_table()) {
    const bool decides = spec.section == "population" || spec.section == "migrants" || spec.key == "scenario.region" ||
                         spec.key == "scenario.data_dir";
    if (decides && spec.key != "population.seed") key += spec.key + "=" + value_as_toml(p, spec) + "\n";
  }
  key += "seed=" + std::to_string(population_seed(p)) + "\n";
  return key;
}

std::shared_ptr<const PreparedPopulation> prepare_population(const Params& p, const std::function<void(const RegionData&)>& check) {
  using clock = std::chrono::steady_clock;
  auto out = std::make_shared<PreparedPopulation>();
  out->key = population_key(p);
  auto t0 = clock::now();
  out->region = load_region(p);
  if (check) check(out->region);
  out->region_seconds = std::chrono::duration<double>(clock::now() - t0).count();
  t0 = clock::now();
  out->population = synthesise(out->region, p);
  out->synthesis_seconds = std::chrono::duration<double>(clock::now() - t0).count();
  return out;
}

}  // namespace tongchou

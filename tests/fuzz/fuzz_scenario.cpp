// libFuzzer target: scenario text through the reader and every validation `tongchou validate` does, then the resolved
// scenario, which must load back (it is what `tongchou run scenario.resolved.toml` reads). Bad input must end in an
// InputError; anything else (a crash, a sanitizer report, another exception) is a bug.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <tuple>

#include "measures/measure_controller.hpp"
#include "population/region_data.hpp"
#include "scenario/scenario.hpp"
#include "sim/imports.hpp"

using namespace tongchou;

namespace {
// Regions are read from the embedded tables once per (region, people, district size).
const RegionData* region_for(const Params& p) {
  static std::map<std::tuple<std::string, std::int64_t, std::int64_t>, RegionData> cache;
  if (!p.scenario_data_dir.empty()) return nullptr;  // never read the file system from fuzzed paths
  if (p.scenario_region == "synthetic" && p.population_people / p.population_synthetic_district_size > 100) return nullptr;
  const auto key = std::make_tuple(p.scenario_region, p.scenario_region == "synthetic" ? p.population_people : 0,
                                   p.scenario_region == "synthetic" ? p.population_synthetic_district_size : 0);
  auto it = cache.find(key);
  if (it == cache.end()) {
    if (cache.size() >= 16) cache.clear();  // synthetic regions of many sizes: bound the memory
    it = cache.emplace(key, load_region(p)).first;
  }
  return &it->second;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Scenario sc;
  try {
    sc = parse_scenario(text, "fuzz.toml");
  } catch (const InputError& e) {
    if (e.diagnostics().empty()) std::abort();  // every refusal says why
    return 0;
  }
  try {
    if (const RegionData* region = region_for(sc.params)) {
      std::vector<Diagnostic> problems;
      import_district_weights(sc, *region, problems);
      arrival_district_weights(sc, *region, problems);
      check_measure_places(sc, *region, problems);
    }
  } catch (const InputError&) {
  }
  if (!check_scenario(sc).empty()) {
    std::fprintf(stderr, "a scenario that loaded has problems by check_scenario\n");
    std::abort();
  }
  const std::string resolved = resolved_toml(sc);
  try {
    const Scenario again = parse_scenario(resolved, "fuzz.toml");
    if (resolved_toml(again) != resolved) {
      std::fprintf(stderr, "the resolved scenario does not load back to itself:\n%s\n", resolved.c_str());
      std::abort();
    }
  } catch (const InputError& e) {
    std::fprintf(stderr, "the resolved scenario of a valid scenario is refused:\n%s\n%s\n", e.what(), resolved.c_str());
    std::abort();
  }
  return 0;
}

#include "sim/scale_rounding.hpp"

#include <fmt/format.h>

namespace tongchou {

std::vector<std::string> scale_rounding_warnings(const Scenario& sc) {
  std::vector<std::string> out;
  const double scale = sc.params.population_scale;
  // Entries are named by their place among their kind, not by a line of the file: a run of scenario.resolved.toml
  // (other lines) must give the same warnings, byte for byte.
  auto check = [&](const Destination& d, std::size_t index, const char* section, const char* what, double count) {
    const double agents = count / scale;
    if (count <= 0 || agents >= 1) return;
    out.push_back(fmt::format("[[{}]] entry {} ({}, {} {}) is {:.2g} agents at population.scale {}: it is rounded to "
                              "one agent with probability {:.2g}, else to none; use a smaller scale or more {}",
                              section, index + 1, format_date(d.date), count, what, agents, scale, agents, what));
  };
  for (std::size_t i = 0; i < sc.imports.size(); ++i) check(sc.imports[i], i, "imports", "infections", sc.imports[i].infections * sc.params.scenario_imports_scale);
  for (std::size_t i = 0; i < sc.arrivals.size(); ++i) check(sc.arrivals[i], i, "arrivals", "travellers", sc.arrivals[i].travellers);
  return out;
}

}  // namespace tongchou

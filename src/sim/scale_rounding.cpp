#include "sim/scale_rounding.hpp"

#include <fmt/format.h>

namespace tongchou {

std::vector<std::string> scale_rounding_warnings(const Scenario& sc) {
  std::vector<std::string> out;
  const double scale = sc.params.population_scale;
  auto check = [&](const Destination& d, const char* section, const char* what, double count) {
    const double agents = count / scale;
    if (count <= 0 || agents >= 1) return;
    out.push_back(fmt::format("[[{}]] entry of line {} ({}, {} {}) is {:.2g} agents at population.scale {}: it is rounded to "
                              "one agent with probability {:.2g}, else to none; use a smaller scale or more {}",
                              section, d.line, format_date(d.date), count, what, agents, scale, agents, what));
  };
  for (const auto& imp : sc.imports) check(imp, "imports", "infections", imp.infections);
  for (const auto& a : sc.arrivals) check(a, "arrivals", "travellers", a.travellers);
  return out;
}

}  // namespace tongchou

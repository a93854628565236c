#include "scenario/params_listing.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "core/error.hpp"
#include "model/knobs.hpp"
#include "scenario/parameters.hpp"

namespace tongchou {

std::vector<std::string> params_sections() {
  std::vector<std::string> out;
  for (const auto& p : parameter_table())
    if (out.empty() || out.back() != p.section) out.emplace_back(p.section);
  out.emplace_back("measure");
  return out;
}

std::string params_listing(const std::string& section) {
  if (section.empty()) return parameters_text() + knobs_text();
  const auto sections = params_sections();
  if (std::find(sections.begin(), sections.end(), section) == sections.end()) {
    std::string msg = fmt::format("no such section; the sections are {}", fmt::join(sections, ", "));
    if (auto near = closest_names(section, sections); !near.empty()) msg += fmt::format("; did you mean \"{}\"?", near.front());
    throw InputError({{"params", 0, 0, section, msg}});
  }
  // [zoning.LEVEL] tables and [[measure]] entries set the measures of places; [measures] holds their parameters.
  const bool knobs = section == "zoning" || section == "measures" || section == "measure";
  return parameters_text(section) + (knobs ? knobs_text() : std::string());
}

}  // namespace tongchou

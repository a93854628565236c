#include "scenario/variable_value.hpp"

#include <fmt/format.h>

#include "model/knobs.hpp"
#include "model/risk_level.hpp"

namespace tongchou {

std::optional<std::string> variable_value(const Scenario& sc, const std::string& key) {
  if (key.starts_with("measure.")) {
    const auto dot = key.rfind('.');
    if (dot <= 8) return std::nullopt;
    const MeasureEntry* e = find_measure_id(sc, key.substr(8, dot - 8));
    if (!e) return std::nullopt;
    const std::string field = key.substr(dot + 1);
    if (field == "from") return e->has_from ? std::optional(format_date(e->from)) : std::nullopt;
    if (field == "until") return e->has_until ? std::optional(format_date(e->until)) : std::nullopt;
    if (field == "value") return fmt::format("{}", e->value);
    return std::nullopt;
  }
  if (key.starts_with("schedule.") && key.size() > 20 && key[19] == '.') {
    const auto date = parse_date(key.substr(9, 10));
    const ParamSpec* spec = find_param(key.substr(20));
    if (!date || !spec) return std::nullopt;
    for (const auto& e : sc.schedule)
      for (const auto& k : e.keys)
        if (e.date == *date && k == spec->key) return value_as_toml(e.values, *spec);
    return std::nullopt;
  }
  if (const ParamSpec* spec = find_param(key)) return value_as_toml(sc.params, *spec);
  if (key.starts_with("zoning.")) {
    const auto dot = key.find('.', 7);
    if (dot == std::string::npos) return std::nullopt;
    const int knob = find_knob(key.substr(dot + 1));
    for (int level = 0; level < kRiskLevels; ++level)
      if (key.substr(7, dot - 7) == kRiskLevelNames[level])
        for (const auto& [k, v] : sc.levels[static_cast<std::size_t>(level)].values)
          if (k == knob) return fmt::format("{}", v);
  }
  return std::nullopt;
}

}  // namespace tongchou

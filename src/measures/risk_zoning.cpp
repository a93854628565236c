#include "measures/risk_zoning.hpp"

#include <fmt/format.h>

namespace tongchou {

RiskLevel classify(const RiskInputs& in, const RiskRule& rule) {
  if (in.cumulative <= 0 || in.in_window <= 0) return RiskLevel::Low;
  if (in.cumulative > rule.cumulative_threshold && in.cluster_in_window) return RiskLevel::High;
  return RiskLevel::Medium;
}

std::string explain(const RiskInputs& in, const RiskRule& rule) {
  if (in.cumulative <= 0) return "R1: no confirmed case";
  if (in.in_window <= 0) return fmt::format("R1: no new confirmed case in {} days", rule.window_days);
  if (in.cumulative > rule.cumulative_threshold)
    return in.cluster_in_window
               ? fmt::format("R1: {:g} cases > {:g} and a cluster within {} days", in.cumulative, rule.cumulative_threshold,
                             rule.cluster_window_days)
               : fmt::format("R1: {:g} cases > {:g}, no cluster within {} days", in.cumulative, rule.cumulative_threshold,
                             rule.cluster_window_days);
  return fmt::format("R1: {:g} confirmed in the last {} days, {:g} in all <= {:g}", in.in_window, rule.window_days, in.cumulative,
                     rule.cumulative_threshold);
}

bool ClusterTracker::add(std::uint64_t key, int day, const RiskRule& rule) {
  auto& days = found_[key];
  while (!days.empty() && days.front() <= day - rule.cluster_window_days) days.pop_front();
  days.push_back(day);
  return static_cast<int>(days.size()) >= rule.cluster_size;
}

}  // namespace tongchou

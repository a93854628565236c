#pragma once
// Risk zoning (分区分级, rule R1 of 17 Feb 2020) with clusters (聚集性疫情, rule R2). A place (district or township) is
// low risk with no confirmed case, or none in the last window; high risk with more than the cumulative threshold
// and a cluster in the window; medium otherwise. A cluster is cluster_size or more confirmed or asymptomatic cases
// found within cluster_window_days in one small setting (household, class, work team, institution, hospital ward).
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>

#include "model/risk_level.hpp"

namespace tongchou {

struct RiskRule {
  int window_days = 14;
  double cumulative_threshold = 50;  //!< confirmed cases (people)
  int cluster_size = 2;
  int cluster_window_days = 14;
};

//! What the rule reads for one place, from the reports up to yesterday.
struct RiskInputs {
  double cumulative = 0;       //!< confirmed cases ever (people)
  double in_window = 0;        //!< confirmed in the last window_days
  bool cluster_in_window = false;
};

RiskLevel classify(const RiskInputs& in, const RiskRule& rule);
//! Why the rule gives that level, for events.csv.
std::string explain(const RiskInputs& in, const RiskRule& rule);

//! Finds clusters: cases found in the same setting within the cluster window.
class ClusterTracker {
 public:
  //! A case found on `day` in setting `key`; true if the setting now holds a cluster (cluster_size cases or more
  //! within the window ending today).
  bool add(std::uint64_t key, int day, const RiskRule& rule);

 private:
  std::unordered_map<std::uint64_t, std::deque<int>> found_;
};

}  // namespace tongchou

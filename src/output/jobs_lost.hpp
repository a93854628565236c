#pragma once
// Jobs lost (issue 18: an objective of a plan): the work the region's workers could not do, from the economy's labour
// model (economy/economy.hpp: each day's workers at work, 复岗率, against all the workers employed in the baseline).
// A day on which a share s of the workers is at work loses (1 - s) × workers worker-days; over the run they add up to
// `worker_days_lost`, and `jobs_lost` is that divided by the run's days: the full-time jobs lost on average over the
// run (a headquarters' "how many people could not work"), in persons of the real region (scaled from agents).
// docs/outputs.md, "summary.json".
#include <vector>

#include "economy/economy.hpp"

namespace tongchou {

struct JobsLost {
  double worker_days_lost = 0;  //!< persons × days not at work, over the run
  double jobs_lost = 0;         //!< worker_days_lost / days: full-time jobs lost on average
};

//! From the run's economy days and the region's workers (persons employed in the baseline; 0 or no days: nothing lost).
JobsLost jobs_lost(const std::vector<EconomyDay>& days, double workers);

//! The region's workers (persons) of the economy's baseline.
double baseline_workers(const Economy& economy);

}  // namespace tongchou

#include "output/jobs_lost.hpp"

#include <algorithm>

namespace tongchou {

JobsLost jobs_lost(const std::vector<EconomyDay>& days, double workers) {
  JobsLost out;
  if (days.empty() || workers <= 0) return out;
  for (const auto& d : days) out.worker_days_lost += std::clamp(1.0 - d.workers_at_work_share, 0.0, 1.0) * workers;
  out.jobs_lost = out.worker_days_lost / static_cast<double>(days.size());
  return out;
}

double baseline_workers(const Economy& economy) {
  double workers = 0;
  for (double w : economy.model().baseline().workers) workers += w;
  return workers;
}

}  // namespace tongchou

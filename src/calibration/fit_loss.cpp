#include "calibration/fit_loss.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tongchou {

double poisson_deviance(const std::vector<double>& observed, const std::vector<double>& simulated) {
  if (observed.size() != simulated.size()) throw std::logic_error("poisson_deviance: series of different lengths");
  double d = 0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    const double y = observed[i], mu = std::max(simulated[i], kMinExpectedCases);
    d += (y > 0 ? y * std::log(y / mu) : 0.0) - (y - mu);
  }
  return 2 * d;
}

double cumulative_log_ratio2(double observed_total, double simulated_total) {
  const double r = std::log((simulated_total + 1) / (observed_total + 1));
  return r * r;
}

double run_loss(const std::vector<ObservedCounts>& observed, const std::vector<double>& simulated_daily, const LossSpec& loss) {
  double total = 0;
  for (const auto& s : observed) {
    std::vector<double> sim(s.daily.size(), 0.0);
    for (std::size_t i = 0; i < s.daily.size(); ++i) {
      const std::size_t d = static_cast<std::size_t>(s.first_day) + i;
      if (d < simulated_daily.size()) sim[i] = simulated_daily[d];
    }
    double y = 0, m = 0;
    for (std::size_t i = 0; i < sim.size(); ++i) y += s.daily[i], m += sim[i];
    total += s.weight * (poisson_deviance(s.daily, sim) + loss.cumulative_weight * cumulative_log_ratio2(y, m));
  }
  return total;
}

}  // namespace tongchou

#pragma once
// A calibration's loss (docs/calibration.md, "Loss"). For one run (one seed) and the observed series s, each with its
// weight w_s, daily observed counts y_d and simulated reported cases m_d (new confirmed, scaled to people) over the
// series' window:
//   L = sum_s w_s * ( D_s + c * (ln((M_s + 1) / (Y_s + 1)))^2 )
//   D_s = 2 * sum_d ( y_d * ln(y_d / mu_d) - (y_d - mu_d) ),  mu_d = max(m_d, 0.5),  y ln(y/mu) = 0 when y = 0
// (the Poisson deviance), Y_s and M_s the observed and simulated totals over the window, c = [loss] cumulative_weight.
// An evaluation's loss is the mean of its seeds' losses plus every parameter's prior penalty (-2 ln density).
#include <vector>

#include "calibration/fit_spec.hpp"
#include "calibration/observed_counts.hpp"

namespace tongchou {

//! The smallest expected count in the deviance: a day simulated with no case but observed with some stays finite.
inline constexpr double kMinExpectedCases = 0.5;

//! Poisson deviance of observed counts against simulated ones (equal lengths).
double poisson_deviance(const std::vector<double>& observed, const std::vector<double>& simulated);

//! The squared log-ratio of two totals, (ln((simulated + 1) / (observed + 1)))^2.
double cumulative_log_ratio2(double observed_total, double simulated_total);

//! One run's loss. `simulated_daily[d]` is the simulated daily reported cases of simulated day d.
double run_loss(const std::vector<ObservedCounts>& observed, const std::vector<double>& simulated_daily, const LossSpec& loss);

}  // namespace tongchou

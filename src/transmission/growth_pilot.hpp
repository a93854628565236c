#pragma once
// The early growth rate of the structured population at given transmission rates, measured by a short pilot
// epidemic, and the reproduction number it implies through the generation-interval distribution (Euler-Lotka).
// Used by the calibration for transmission.r0_basis = "growth" (docs/model.md, Calibration).
#include <vector>

#include "disease/natural_history.hpp"
#include "population/population.hpp"
#include "transmission/calibration.hpp"
#include "transmission/contact_rates.hpp"

namespace tongchou {

struct GrowthPilot {
  bool ok = false;     //!< false when the window held too few days or the epidemic did not grow
  double rate = 0;     //!< least-squares slope of log daily infections over the window, per day
  double se = 0;       //!< its standard error (of the mean over the runs)
  int first_day = 0, last_day = 0;  //!< the window of the last run fitted
  std::int64_t seeds = 0, infections = 0;  //!< seeds per run; infections in all runs
};

//! Runs the transmission step alone on the population, min(transmission.growth_pilot_runs, max(8, 160 / seeds)) times: S / 1000 random persons
//! infected on day 0, S = min(1% of the population, 30,000), every day an ordinary day of the weekly mean (as in the
//! calibration), severe cases in hospital from their severe day, until cumulative infections reach S; the slope of
//! log daily infections from day 2.5 x mean generation interval on, averaged over the runs. Deterministic for
//! population.seed, whatever the thread count.
GrowthPilot measure_early_growth(const Population& pop, const ContactRates& rates, const NaturalHistory& nh,
                                 const TransmissionRates& tr, const Params& p);

//! Euler-Lotka for a discrete generation-interval distribution w(d): R = 1 / sum_d w(d) exp(-r d).
double reproduction_from_growth(double r, const std::vector<double>& w);

}  // namespace tongchou

#pragma once
// The early growth rate of the structured population at given transmission rates, measured by a short pilot
// epidemic, and the reproduction number it implies through the generation-interval distribution (Euler-Lotka).
// Used by the calibration for transmission.r0_basis = "growth" (docs/model.md, Calibration).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "disease/natural_history.hpp"
#include "population/population.hpp"
#include "transmission/calibration.hpp"
#include "transmission/contact_rates.hpp"
#include "transmission/growth_pilot_result.hpp"

namespace tongchou {


//! Where pilots run: one transmission step and one set of person states per worker thread, made once and kept for
//! every pilot of a calibration (the grid points differ only in the rates, which measure() copies in).
class GrowthPilotWorkspace {
 public:
  GrowthPilotWorkspace(const Population& pop, const ContactRates& rates, const NaturalHistory& nh, const Params& p);
  ~GrowthPilotWorkspace();
  GrowthPilotWorkspace(const GrowthPilotWorkspace&) = delete;
  GrowthPilotWorkspace& operator=(const GrowthPilotWorkspace&) = delete;

  //! measure_early_growth() at the rates `tr`. The runs are shared out among workers_for() workers, one thread each;
  //! each run is independent of the others (its own seeds and days) and their sums are taken in run order, so the
  //! result is the same for any number of workers and threads.
  GrowthPilot measure(const TransmissionRates& tr);

  //! Workers for a pilot of `runs` runs on `threads` threads: at most one per thread and run, and the workers beyond
  //! the first may take at most kExtraBytesPerPerson of memory per person (worker_bytes() each).
  static int workers_for(const Population& pop, int threads, std::int64_t runs);
  //! Memory a worker's tables take (person states and the transmission step's per-place tables), bytes.
  static std::size_t worker_bytes(const Population& pop);
  static constexpr std::size_t kExtraBytesPerPerson = 16;

 private:
  struct Worker;
  const Population& pop_;
  const ContactRates& rates_;
  const NaturalHistory& nh_;
  const Params& p_;
  Params q_;               //!< p with scenario.seed = the population's seed (the transmission step draws from it)
  TransmissionRates tr_;   //!< the rates of the pilot being measured, read by the workers' transmission steps
  std::vector<std::unique_ptr<Worker>> workers_;
};

//! Runs the transmission step alone on the population, min(transmission.growth_pilot_runs, max(8, 160 / seeds)) times: S / 1000 random persons
//! infected on day 0, S = min(1% of the people, 30,000), every day an ordinary day of the weekly mean (as in the
//! calibration), severe cases in hospital from their severe day, each run for the same days (the horizon: S / seeds
//! infections per seed at the growth rate that the eigenvalue tr.r0 implies). The daily infections summed over the
//! runs (extinct ones included) estimate the expected incidence; its growth rate from day 2.5 x mean generation
//! interval to the horizon is the Poisson log-linear slope; the standard error by the jackknife over 8 batches of runs.
//! Deterministic for population.seed, whatever the thread count. A GrowthPilotWorkspace made for this call alone.
GrowthPilot measure_early_growth(const Population& pop, const ContactRates& rates, const NaturalHistory& nh,
                                 const TransmissionRates& tr, const Params& p);

//! Euler-Lotka for a discrete generation-interval distribution w(d): R = 1 / sum_d w(d) exp(-r d).
double reproduction_from_growth(double r, const std::vector<double>& w);

//! Its inverse: the growth rate r at which reproduction_from_growth(r, w) = R (bisection; 0 when R <= 0).
double growth_from_reproduction(double R, const std::vector<double>& w);

//! Maximum-likelihood slope b of counts ~ Poisson(exp(a + b x day)) (days with no infections count; the intercept
//! profiled out). 0 when there are no counts.
double poisson_log_linear_slope(const std::vector<double>& days, const std::vector<double>& counts);

}  // namespace tongchou

#pragma once
// Setting the transmission rates from targets: the household rate from the household secondary attack rate,
// then the per-contact rate of all other layers so that the dominant eigenvalue of the next-generation matrix
// equals r0 (r0_basis = next_generation), or so that the reproduction number implied by the early growth rate equals
// r0 (r0_basis = growth, the default; docs/model.md, Calibration).
#include <array>
#include <functional>
#include <string>
#include <vector>

#include "disease/natural_history.hpp"
#include "population/population.hpp"
#include "transmission/contact_rates.hpp"
#include "transmission/growth_pilot_result.hpp"

namespace tongchou {

struct TransmissionRates {
  double beta = 0;             //!< per contact-day, scaled by infectiousness and susceptibility
  double beta_household = 0;   //!< per pair-day in households
  double r0 = 0;               //!< dominant eigenvalue of the next-generation matrix at these rates
  double r0_household_only = 0;
  double household_sar = 0;
  //! r0_basis = growth: r0 over the eigenvalue at the calibrated rates (1 when not used), the pilots' growth rate per
  //! day at these rates (interpolated between the two grid points) with its standard error, and the standard error
  //! of beta that follows from it (the pilots' slope of beta on the growth rate).
  double growth_correction = 1, pilot_growth_rate = 0, pilot_growth_se = 0, beta_se = 0;
  //! r0_basis = growth whose pilots did not bracket r0 (r0 near 1, or a small population): the rates are those of
  //! the eigenvalue basis, and this says so in one line (a warning of the run); empty otherwise.
  std::string growth_fallback;
  //! Expected secondary infections of an infector of each type (age band x role), and the share of early cases of
  //! each type (the matrix's dominant eigenvector), at the calibrated rates.
  std::vector<double> offspring_by_type, early_share_by_type;
};

//! Weekly mean of the weekday/weekend factor of each layer (ordinary weeks, school in term).
std::array<double, kLayers> weekly_layer_factors(const Params& p);

//! Remembers growth pilots: called with a grid point's eigenvalue and the function that measures the pilot there, it
//! returns that pilot's result, measuring it only the first time (prepared_population.cpp keeps them per population
//! and calibration parameters other than transmission.r0). Without one every pilot is measured.
using GrowthPilotMemo = std::function<GrowthPilot(double eigenvalue, const std::function<GrowthPilot()>& measure)>;

//! Eigenvalue spacing of the grid on which r0_basis = growth measures its pilots (docs/model.md, Calibration).
inline constexpr double kGrowthPilotGridStep = 0.25;

TransmissionRates calibrate_transmission(const Population& pop, const ContactRates& rates, const NaturalHistory& nh,
                                         const Params& p, const GrowthPilotMemo& memo = {});

//! Next-generation matrix between person types (age band x role) for given rates, and its dominant eigenvalue.
struct NextGeneration {
  static constexpr int kTypes = kContactBands * 3;
  std::vector<double> matrix;  //!< kTypes x kTypes, row = infector type
  std::vector<double> eigenvector;
  double r0 = 0;
};
int person_type(const Population& pop, PersonId q);

}  // namespace tongchou

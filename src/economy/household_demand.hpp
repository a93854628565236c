#pragma once
// Final demand by sector each day (B7, B8): household and government consumption, investment and exports.
//   - Consumption budget (permanent income): kappa moves each day by 1/economy.consumption_adjustment_days towards
//     1 - m (1 - labour income / baseline labour income), m = labour's share of value added in the national table;
//     a worker not at work brings in economy.benefit_replacement of the wage.
//   - Sector shocks eps_i: venues closed or limited (restaurants and hotels -> accommodation and catering; markets ->
//     wholesale and retail; gyms and entertainment -> culture, sports and entertainment; training schools ->
//     education; public transport -> transport) and fear, which cuts contact-intensive consumption by
//     economy.fear_max x cases / (cases + economy.fear_half_cases), cases = reported cases of the last 14 days per
//     million people. Households: c_i = h0_i kappa (1 - eps_i); of the consumption cut, economy.saved_share is saved
//     and the rest is spent in the sectors with no shock, in proportion to their baseline consumption.
//   - Government consumption g_i = g0_i x economy.government_demand: public services are paid at cost, so they follow
//     neither household income nor closures (consumption_i = g_i + households' c_i).
//   - Investment v_i = v0_i x economy.investment_share; exports e_i = e0_i x economy.export_demand.
#include <array>
#include <vector>

#include "model/kinds.hpp"
#include "scenario/parameters.hpp"

namespace tongchou {

//! What households and the rest of the world face today.
struct DemandConditions {
  double labour_income = 1;                       //!< labour income today / baseline (with benefits)
  std::array<double, kVenueTypes> venue_open{};   //!< population-weighted share of each venue type's capacity open
  double public_transport = 1;                    //!< population-weighted public transport knob (0..1)
  double cases_per_million = 0;                   //!< reported cases in the last 14 days per million people
};

class HouseholdDemand {
 public:
  //! Baseline consumption per sector of households and of the government, investment and exports.
  HouseholdDemand(std::vector<double> households, std::vector<double> government, std::vector<double> investment,
                  std::vector<double> exports, double labour_share);

  //! Updates the consumption budget and fills today's final demand by sector.
  void update(const DemandConditions& conditions, const Params& params);

  //! Final consumption (households and government) per sector today.
  const std::vector<double>& consumption() const { return c_; }
  //! Households' consumption today over their baseline.
  double household_index() const { return household_index_; }
  const std::vector<double>& investment() const { return v_; }
  const std::vector<double>& exports() const { return e_; }
  double budget() const { return kappa_; }
  double fear() const { return fear_; }
  //! The shock eps_i of each sector today.
  const std::vector<double>& shock() const { return shock_; }

 private:
  std::vector<double> h0_, g0_, v0_, e0_, c_, v_, e_, shock_;  // h0: households' baseline consumption
  double labour_share_, kappa_ = 1, fear_ = 0, household_index_ = 1;
};

}  // namespace tongchou

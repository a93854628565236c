#pragma once
// Daily contact rates per layer and age band, derived from the Prem et al. 2017 China matrices and the
// synthesised population (docs/model.md, Contact layers).
#include <array>

#include "population/population.hpp"
#include "population/region_data.hpp"
#include "scenario/parameters.hpp"

namespace tongchou {

struct ContactRates {
  //! Daily contacts a participant of each layer makes there, by the participant's age band. For venues: per visit.
  std::array<std::array<double, kContactBands>, kLayers> per_band{};
  std::array<double, kLayers> max_rate{};
  //! Community: contacts per day a person of band b (row) has with persons of band a (column) in their township.
  std::array<std::array<double, kContactBands>, kContactBands> community{};
  //! Expected venue visits per person per day (all types).
  double venue_visits_per_day = 0;
};

//! Shares of community contacts made within the township, the district and the whole region.
std::array<double, 3> community_level_shares(const Params& p);

ContactRates derive_contact_rates(const Population& pop, const RegionData& region, const Params& p);

//! Largest contact rate allowed for one person in one layer (caps rates of tiny participating groups).
inline constexpr double kMaxContactsPerDay = 60.0;

}  // namespace tongchou

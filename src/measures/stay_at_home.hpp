#pragma once
// A Hubei-type lockdown's movement rules, each a measure of places (knobs.hpp):
// - stay_at_home_outings (居家令): on each day a resident goes out for essentials (community mixing, venues) with
//   probability equal to the measure; who goes out is a pure function of (seed, person, day), so the share out on a
//   day is the measure within sampling noise and both sides of a contact apply it (contacts among those out fall to
//   about share^2). Collective households (institutions) follow institutions_closed instead.
// - inter_district_travel (跨区县出行): a share of the region-wide level of community mixing goes on; the rest of
//   a person's community contacts stay within their township and district. The infectious side's weight and the
//   susceptible side's participation are both scaled.
#include <cstdint>

#include "core/rng.hpp"
#include "population/population.hpp"

namespace tongchou {

//! Whether q goes out for essentials on `day` under a stay-at-home order letting a share `share` out each day.
inline bool outing_allowed(const Population& pop, std::uint64_t seed, PersonId q, int day, float share) {
  if (share >= 1.0f) return true;
  if (pop.household_collective[pop.household[q]]) return true;  // institutions have their own rule
  if (share <= 0.0f) return false;
  return hash_uniform(seed, Purpose::StayAtHome, q, static_cast<std::uint32_t>(day)) < share;
}

//! Whether q takes part in the region-wide level of community mixing on `day` when a share `share` of it goes on.
inline bool travels_between_districts(std::uint64_t seed, PersonId q, int day, float share) {
  if (share >= 1.0f) return true;
  if (share <= 0.0f) return false;
  return hash_uniform(seed, Purpose::InterDistrictTravel, q, static_cast<std::uint32_t>(day)) < share;
}

}  // namespace tongchou

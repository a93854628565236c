#pragma once
// Venue controls (重点场所管控): each venue type is open (1), closed (0) or capacity-limited (a share of the visits it
// would have, admitted by a per person-day draw); disinfection and spacing lower transmission among those inside
// (venue_disinfection, a factor on the venue's hazard). With capacity c, both the infectious visitor and the one
// infected must be admitted, so venue transmission falls to about c^2.
#include <cstdint>

#include "core/rng.hpp"

namespace tongchou {

inline bool venue_admits(std::uint64_t seed, std::uint32_t person, int day, int venue_type, float capacity) {
  if (capacity >= 1.0f) return true;
  if (capacity <= 0.0f) return false;
  return hash_uniform(seed, Purpose::VenueAdmission, (static_cast<std::uint64_t>(person) << 8) | static_cast<std::uint64_t>(venue_type),
                      static_cast<std::uint64_t>(day)) < capacity;
}

}  // namespace tongchou

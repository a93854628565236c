#include "population/population.hpp"

namespace tongchou {

GroupId Population::venue_in(PersonId p, std::uint32_t t, int v) const {
  const std::size_t i = static_cast<std::size_t>(t) * kVenueTypes + v;
  const auto k = venue_choice(membership_seed, p, v, venue_patron_share[v], venue_count[i]);
  return k == kNone ? kNone : venue_first[i] + k;
}

GroupId Population::transport_in(PersonId p, std::uint32_t t) const {
  if (!(flags[p] & kTransitUser)) return kNone;
  if (transport_count[t] == 0) return kNone;
  return transport_first[t] + transport_choice(membership_seed, p, transport_count[t]);
}

std::size_t Population::memory_bytes() const {
  auto b = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  return b(age) + b(flags) + b(occupation) + household.capacity_bytes() + b(primary_group) + b(sector) + b(household_first) +
         b(household_neighbourhood) + b(household_collective) + b(group_kind) + b(group_parent) + b(group_township) +
         members.capacity_bytes() + b(class_grade) + b(venue_first) + b(venue_count) + b(transport_first) +
         b(transport_count) + b(enterprises) + b(hospitals) + b(townships) + b(neighbourhoods) + b(districts);
}

}  // namespace tongchou

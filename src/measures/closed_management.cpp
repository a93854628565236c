#include "measures/closed_management.hpp"

namespace tongchou {

PersonId household_shopper(const Population& pop, std::uint64_t seed, std::uint32_t h) {
  const PersonId first = pop.household_first[h], n = pop.household_first[h + 1] - first;
  const auto start = static_cast<PersonId>(hash_bits(seed, Purpose::ClosedManagement, h, 0) % n);
  for (PersonId k = 0; k < n; ++k) {
    const PersonId q = first + (start + k) % n;
    if (pop.age[q] >= 18 && pop.age[q] < 75) return q;
  }
  return first + start;
}

bool goes_out(const Population& pop, std::uint64_t seed, PersonId q, int day, int every_days) {
  if (every_days <= 0) return true;
  const std::uint32_t h = pop.household[q];
  if (pop.household_collective[h]) return true;  // institutions have their own rule
  if (household_shopper(pop, seed, h) != q) return false;
  const auto phase = hash_bits(seed, Purpose::ClosedManagement, h, 1) % static_cast<std::uint64_t>(every_days);
  return (static_cast<std::uint64_t>(day) + phase) % static_cast<std::uint64_t>(every_days) == 0;
}

}  // namespace tongchou

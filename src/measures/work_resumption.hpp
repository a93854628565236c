#pragma once
// Work resumption (复工复产): a share s of each enterprise's workers are at work. Which workers is a pure function of
// the person: a worker is back once s exceeds their own fixed draw, so the same workers return first and the set
// only grows as s rises. The knob work restricts the non-essential sectors; essential ones (below) kept working
// through the shutdown of early 2020 and are restricted only by their own work.NN. work.large and work.small split
// work by the enterprise's size class (规上 or not), in the sectors work restricts.
#include <cstdint>

#include "core/rng.hpp"
#include "model/essential_sectors.hpp"
#include "model/knobs.hpp"

namespace tongchou {

inline bool at_work(std::uint64_t seed, std::uint32_t person, float share) {
  if (share >= 1.0f) return true;
  if (share <= 0.0f) return false;
  return hash_uniform(seed, Purpose::Work, person, 0) < share;
}

//! The share of workers of IO sector `sector` in an enterprise of size class `size` at work under the measures `k`:
//! work x work.large (or work.small) x work.<NN>; essential sectors work.<NN> only, as work's size split follows
//! work (255: no sector). With work.large = work.small = 1 the product is bit for bit work x work.<NN>.
inline float work_share(const KnobValues& k, std::uint8_t sector, SizeClass size) {
  if (sector < kSectors && essential_sector(sector)) return knob(k, work_sector_knob(sector));
  const float all = knob(k, Knob::Work) * knob(k, size == SizeClass::Large ? Knob::WorkLarge : Knob::WorkSmall);
  return sector < kSectors ? all * knob(k, work_sector_knob(sector)) : all;
}

}  // namespace tongchou

#pragma once
// Work resumption (复工复产): a share s of each enterprise's workers are at work. Which workers is a pure function of
// the person: a worker is back once s exceeds their own fixed draw, so the same workers return first and the set
// only grows as s rises. The knob work restricts the non-essential sectors; essential ones (below) kept working
// through the shutdown of early 2020 and are restricted only by their own work.NN.
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

//! The share of workers of IO sector `sector` at work under the measures `k` (work x work.<NN>, essential sectors
//! work.<NN> only; 255: no sector).
inline float work_share(const KnobValues& k, std::uint8_t sector) {
  const float all = sector < kSectors && essential_sector(sector) ? 1.0f : knob(k, Knob::Work);
  return sector < kSectors ? all * knob(k, work_sector_knob(sector)) : all;
}

}  // namespace tongchou

#pragma once
// Work resumption (复工复产): a share s of each enterprise's workers are at work. Which workers is a pure function of
// the person: a worker is back once s exceeds their own fixed draw, so the same workers return first and the set
// only grows as s rises (the economy reads the same rule for labour input).
#include <cstdint>

#include "core/rng.hpp"
#include "measures/knobs.hpp"

namespace tongchou {

inline bool at_work(std::uint64_t seed, std::uint32_t person, float share) {
  if (share >= 1.0f) return true;
  if (share <= 0.0f) return false;
  return hash_uniform(seed, Purpose::Work, person, 0) < share;
}

//! The share of workers of IO sector `sector` at work under the measures `k` (work x work.<NN>; 255: no sector).
inline float work_share(const KnobValues& k, std::uint8_t sector) {
  const float all = knob(k, Knob::Work);
  return sector < kSectors ? all * knob(k, work_sector_knob(sector)) : all;
}

}  // namespace tongchou

#pragma once
// Work resumption (复工复产): a share s of each enterprise's workers are at work. Which workers is a pure function of
// the person: a worker is back once s exceeds their own fixed draw, so the same workers return first and the set
// only grows as s rises. The knob work restricts the non-essential sectors; essential ones (below) kept working
// through the shutdown of early 2020 and are restricted only by their own work.NN.
#include <cstdint>

#include "core/rng.hpp"
#include "measures/knobs.hpp"

namespace tongchou {

inline bool at_work(std::uint64_t seed, std::uint32_t person, float share) {
  if (share >= 1.0f) return true;
  if (share <= 0.0f) return false;
  return hash_uniform(seed, Purpose::Work, person, 0) < share;
}

//! Sectors that stay at work in a shutdown (0-based NBS index): agriculture, food, chemicals (medicines,
//! disinfectant), utilities, wholesale and retail (supermarkets, markets), transport, health, public administration
//! (CHONGQING-2020.md S5: utilities, supermarkets, farm markets and medical supplies); and the energy and
//! continuous-process industries, which cannot stop without damage and were kept running as supplies of the
//! people's livelihood (国计民生): mining (02-05), oil refining and coking (11), metal smelting (14) (NBS: mining
//! -6.5% in Jan-Feb 2020 against manufacturing -15.7%, REFERENCES.md s3).
inline bool essential_sector(int sector) {
  switch (sector + 1) {  // 1-based NBS codes
    case 1: case 2: case 3: case 4: case 5: case 6: case 11: case 12: case 14: case 24: case 25: case 26: case 28:
    case 29: case 40: case 42: return true;
    default: return false;
  }
}

//! The share of workers of IO sector `sector` at work under the measures `k` (work x work.<NN>, essential sectors
//! work.<NN> only; 255: no sector).
inline float work_share(const KnobValues& k, std::uint8_t sector) {
  const float all = sector < kSectors && essential_sector(sector) ? 1.0f : knob(k, Knob::Work);
  return sector < kSectors ? all * knob(k, work_sector_knob(sector)) : all;
}

}  // namespace tongchou

#pragma once
// Designated beds overflowing (MEASURES.md A16, 四集中): confirmed and severe patients go to the designated hospitals;
// when more are in hospital than there are designated beds, the share beyond the beds is treated elsewhere (wards of
// ordinary hospitals, without the concentrated experts and resources), and a severe case among them dies with
// health.bed_overflow_fatality_factor times the fatality of one treated in a designated hospital (capped at 1).
// Fatality rose with the burden on health care (Ji et al., Lancet Glob Health 2020; confirmed-case fatality in
// overloaded Hubei 5.91% against 0.98% elsewhere, Leung et al., Lancet 2020); the factor is an assumption (U).
#include <algorithm>
#include <cstdint>

namespace tongchou {

//! Share of the patients in hospital who have no designated bed: (in hospital - beds) / in hospital, 0 with room.
inline double share_without_designated_bed(std::int64_t in_hospital, std::int64_t beds) {
  if (in_hospital <= 0 || in_hospital <= beds) return 0.0;
  return 1.0 - static_cast<double>(std::max<std::int64_t>(beds, 0)) / static_cast<double>(in_hospital);
}

//! Probability that a severe patient without a designated bed whose course is not fatal dies for want of one, so
//! that P(death) = min(1, f p) for fatality p in a designated bed and factor f.
inline double bed_overflow_death_probability(double p, double factor) {
  if (p >= 1.0) return 0.0;
  return std::max(0.0, std::min(1.0, p * factor) - p) / (1.0 - p);
}

}  // namespace tongchou

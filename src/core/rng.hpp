#pragma once
// Counter-based random numbers (Philox4x32-10, Salmon et al. 2011, SC'11).
// Every draw is a pure function of (seed, purpose, entity, day, index): results do not depend on
// thread count or on the order in which entities are visited.
#include <cmath>
#include <cstdint>
#include <numbers>

namespace tongchou {

__extension__ using uint128 = unsigned __int128;

//! What a random stream is used for; part of the counter so that streams never overlap.
enum class Purpose : std::uint32_t {
  Synthesis = 1,
  Household,
  Ages,
  Schools,
  Workplaces,
  Venues,
  Institutions,
  Migrants,
  Course,
  Transmission,
  Infector,
  Imports,
  Calibration,
  VenueVisit,
  Transport,
  Hospital,
  CaseFinding,
  Tracing,
  Background,
  Screening,
  Work,
  ClosedManagement,
  VenueAdmission,
  Zoning,
  Arrivals,
  HealthCodes,
  Discharge,
  Economy,
  BedOverflow,
  SweepDesign,
  StayAtHome,
  InterDistrictTravel,
};

namespace detail {
inline void philox_round(std::uint32_t ctr[4], const std::uint32_t key[2]) {
  constexpr std::uint64_t m0 = 0xD2511F53u, m1 = 0xCD9E8D57u;
  const std::uint64_t p0 = m0 * ctr[0], p1 = m1 * ctr[2];
  const auto hi0 = static_cast<std::uint32_t>(p0 >> 32), lo0 = static_cast<std::uint32_t>(p0);
  const auto hi1 = static_cast<std::uint32_t>(p1 >> 32), lo1 = static_cast<std::uint32_t>(p1);
  const std::uint32_t c1 = ctr[1], c3 = ctr[3];
  ctr[0] = hi1 ^ c1 ^ key[0];
  ctr[1] = lo1;
  ctr[2] = hi0 ^ c3 ^ key[1];
  ctr[3] = lo0;
}
}  // namespace detail

//! Philox4x32-10 block function: 128 random bits from a 128-bit counter and a 64-bit key.
inline void philox4x32(std::uint32_t ctr[4], std::uint64_t seed) {
  std::uint32_t key[2] = {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)};
  for (int r = 0; r < 10; ++r) {
    detail::philox_round(ctr, key);
    key[0] += 0x9E3779B9u;
    key[1] += 0xBB67AE85u;
  }
}

//! A fast keyed hash to a uniform on (0, 1) for high-volume yes/no draws (daily venue visits): SplitMix64's
//! finaliser (Steele et al. 2014) applied to the combined key. Like Rng, a pure function of its key.
inline std::uint64_t hash_bits(std::uint64_t seed, Purpose purpose, std::uint64_t a, std::uint64_t b) {
  auto mix = [](std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  return mix(mix(mix(seed + 0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(purpose)) ^ a) + b);
}
inline double hash_uniform(std::uint64_t seed, Purpose purpose, std::uint64_t a, std::uint64_t b) {
  return (static_cast<double>(hash_bits(seed, purpose, a, b) >> 11) + 0.5) * 0x1.0p-53;
}

//! A stream of random numbers keyed by (seed, purpose, entity, day). Cheap to create; use one per decision site.
class Rng {
 public:
  Rng(std::uint64_t seed, Purpose purpose, std::uint64_t entity, std::uint32_t day = 0)
      : seed_(seed),
        c0_(static_cast<std::uint32_t>(purpose)),
        c1_(static_cast<std::uint32_t>(entity)),
        c2_((static_cast<std::uint32_t>(entity >> 32) << 20) ^ day) {}

  //! 64 random bits.
  std::uint64_t next_u64() {
    if (left_ == 0) refill();
    const std::uint64_t v = (static_cast<std::uint64_t>(buf_[4 - left_]) << 32) | buf_[5 - left_];
    left_ -= 2;
    return v;
  }
  //! Uniform on the open interval (0, 1).
  double uniform() { return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53; }
  //! Uniform integer in [0, n).
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<uint128>(next_u64()) * n) >> 64);
  }
  bool bernoulli(double p) { return uniform() < p; }
  double exponential() { return -std::log(uniform()); }
  double normal() {  // Box–Muller; the second value is discarded to keep draws independent of call pairing
    const double u1 = uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }
  double lognormal(double meanlog, double sdlog) { return std::exp(meanlog + sdlog * normal()); }
  //! Gamma(shape, scale) by Marsaglia & Tsang (2000), with the shape < 1 boost.
  double gamma(double shape, double scale) {
    if (shape < 1.0) return gamma(shape + 1.0, scale) * std::pow(uniform(), 1.0 / shape);
    const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      double x, v;
      do {
        x = normal();
        v = 1.0 + c * x;
      } while (v <= 0.0);
      v = v * v * v;
      const double u = uniform();
      if (u < 1.0 - 0.0331 * x * x * x * x) return d * v * scale;
      if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v * scale;
    }
  }
  //! Poisson(mean) by inversion for small means, normal approximation rounded for large ones.
  std::uint64_t poisson(double mean) {
    if (mean <= 0.0) return 0;
    if (mean < 30.0) {
      const double l = std::exp(-mean);
      std::uint64_t k = 0;
      double p = uniform();
      while (p > l) {
        p *= uniform();
        ++k;
      }
      return k;
    }
    const double x = std::round(mean + std::sqrt(mean) * normal());
    return x < 0 ? 0 : static_cast<std::uint64_t>(x);
  }
  //! Number of failures before the first success of Bernoulli(p) trials; used to skip through a list.
  std::uint64_t geometric_skip(double log1mp) {
    const double g = std::floor(std::log(uniform()) / log1mp);
    return g > 1e18 ? std::uint64_t{1} << 62 : static_cast<std::uint64_t>(g);
  }

 private:
  void refill() {
    std::uint32_t ctr[4] = {c0_, c1_, c2_, counter_++};
    philox4x32(ctr, seed_);
    for (int i = 0; i < 4; ++i) buf_[i] = ctr[i];
    left_ = 4;
  }
  std::uint64_t seed_;
  std::uint32_t c0_, c1_, c2_;
  std::uint32_t counter_ = 0;
  std::uint32_t buf_[4] = {};
  int left_ = 0;
};

}  // namespace tongchou

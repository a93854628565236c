#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/rng.hpp"

using namespace tongchou;

TEST(Rng, SameKeyGivesSameNumbers) {
  Rng a(42, Purpose::Transmission, 7, 3), b(42, Purpose::Transmission, 7, 3);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next_u64(), b.next_u64());
}

TEST(Rng, DifferentKeysGiveDifferentStreams) {
  std::set<std::uint64_t> first;
  for (std::uint64_t e = 0; e < 1000; ++e) first.insert(Rng(1, Purpose::Course, e, 0).next_u64());
  for (std::uint32_t d = 0; d < 1000; ++d) first.insert(Rng(1, Purpose::Course, 5, d + 1).next_u64());
  first.insert(Rng(1, Purpose::Imports, 5, 0).next_u64());
  first.insert(Rng(2, Purpose::Course, 5, 0).next_u64());
  EXPECT_EQ(first.size(), 2002u);  // no collisions among 2002 draws of 64 bits
}

TEST(Rng, PhiloxKnownAnswer) {
  // Random123 known-answer test for Philox4x32-10: counter and key all ones.
  std::uint32_t ctr[4] = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu};
  philox4x32(ctr, 0xffffffffffffffffull);
  EXPECT_EQ(ctr[0], 0x408f276du);
  EXPECT_EQ(ctr[1], 0x41c83b0eu);
  EXPECT_EQ(ctr[2], 0xa20bc7c6u);
  EXPECT_EQ(ctr[3], 0x6d5451fdu);
}

TEST(Rng, UniformMomentsMatch) {
  // n = 200,000 draws: the mean has sd 1/sqrt(12 n) = 6.5e-4; allow 5 sd.
  Rng r(3, Purpose::Calibration, 0);
  const int n = 200000;
  double s = 0, s2 = 0;
  for (int i = 0; i < n; ++i) {
    const double u = r.uniform();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    s += u;
    s2 += u * u;
  }
  EXPECT_NEAR(s / n, 0.5, 5 * std::sqrt(1.0 / 12 / n));
  EXPECT_NEAR(s2 / n - (s / n) * (s / n), 1.0 / 12, 0.002);
}

TEST(Rng, GammaAndPoissonMeans) {
  Rng r(9, Purpose::Calibration, 1);
  const int n = 100000;
  double g = 0, p = 0, small = 0;
  for (int i = 0; i < n; ++i) {
    g += r.gamma(2.0, 3.0);
    small += r.gamma(0.5, 2.0);
    p += static_cast<double>(r.poisson(4.0));
  }
  // sd of the mean: gamma(2,3) sd = 3 sqrt 2; gamma(0.5, 2) sd = sqrt 2; Poisson(4) sd = 2. Allow 5 sd.
  EXPECT_NEAR(g / n, 6.0, 5 * 3 * std::sqrt(2.0 / n));
  EXPECT_NEAR(small / n, 1.0, 5 * std::sqrt(2.0 / n));
  EXPECT_NEAR(p / n, 4.0, 5 * 2.0 / std::sqrt(n));
}

TEST(Rng, GeometricSkipSelectsWithProbabilityP) {
  // Skipping through n slots with p selects Binomial(n, p) slots.
  Rng r(5, Purpose::Transmission, 2);
  const double p = 0.03;
  const double l = std::log1p(-p);
  std::uint64_t selected = 0;
  const std::uint64_t n = 1000000;
  for (std::uint64_t m = r.geometric_skip(l); m < n; m += 1 + r.geometric_skip(l)) ++selected;
  EXPECT_NEAR(static_cast<double>(selected), p * n, 5 * std::sqrt(n * p * (1 - p)));
}

TEST(Rng, HashUniformIsAPureFunctionInUnitInterval) {
  EXPECT_EQ(hash_uniform(1, Purpose::VenueVisit, 2, 3), hash_uniform(1, Purpose::VenueVisit, 2, 3));
  EXPECT_NE(hash_uniform(1, Purpose::VenueVisit, 2, 3), hash_uniform(1, Purpose::VenueVisit, 3, 2));
  double s = 0;
  for (int i = 0; i < 100000; ++i) s += hash_uniform(7, Purpose::VenueVisit, static_cast<std::uint64_t>(i), 1);
  EXPECT_NEAR(s / 100000, 0.5, 5 * std::sqrt(1.0 / 12 / 100000));
}

// Designated beds overflowing (health/bed_overflow.hpp, A16): the share of patients without a designated bed and
// the probability that makes a severe patient's fatality f times higher, on hand-computed cases.
#include <gtest/gtest.h>

#include "health/bed_overflow.hpp"

namespace tongchou {
namespace {

TEST(BedOverflow, ShareOfPatientsBeyondTheBeds) {
  EXPECT_DOUBLE_EQ(share_without_designated_bed(150, 100), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(share_without_designated_bed(100, 100), 0.0);
  EXPECT_DOUBLE_EQ(share_without_designated_bed(40, 100), 0.0);
  EXPECT_DOUBLE_EQ(share_without_designated_bed(7, 0), 1.0);
  EXPECT_DOUBLE_EQ(share_without_designated_bed(0, 0), 0.0);
}

// P(death) = p + (1 - p) q must be min(1, f p): p = 0.2, f = 2: q = 0.2 / 0.8 = 0.25; p = 0.6, f = 2: capped, q = 1;
// f = 1: nothing changes; p = 1: already fatal.
TEST(BedOverflow, DeathProbabilityRaisesFatalityByTheFactor) {
  EXPECT_DOUBLE_EQ(bed_overflow_death_probability(0.2, 2.0), 0.25);
  EXPECT_DOUBLE_EQ(bed_overflow_death_probability(0.6, 2.0), 1.0);
  EXPECT_DOUBLE_EQ(bed_overflow_death_probability(0.2, 1.0), 0.0);
  EXPECT_DOUBLE_EQ(bed_overflow_death_probability(1.0, 3.0), 0.0);
  const double p = 0.1, f = 1.5, q = bed_overflow_death_probability(p, f);
  EXPECT_NEAR(p + (1 - p) * q, f * p, 1e-15);
}

}  // namespace
}  // namespace tongchou

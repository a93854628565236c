// PCR sensitivity by days since infection against the figures of Kucirka et al., Ann Intern Med 2020 (false-negative
// rates 100% on day 1, 67% on day 4, 38% on day 5, 20% on day 8, 21% on day 9, 66% on day 21).
#include <gtest/gtest.h>

#include "health/case_finding.hpp"

using namespace tongchou;

TEST(TestSensitivity, FollowsKucirkaByDaysSinceInfection) {
  Params p;
  p.health_test_sensitivity = 0.8;
  CaseFinding cf(p, 10);
  const std::pair<int, double> published[] = {{1, 0.0}, {4, 0.33}, {5, 0.62}, {8, 0.80}, {9, 0.79}, {21, 0.34}};
  for (const auto& [day, sensitivity] : published) EXPECT_NEAR(cf.sensitivity(day), sensitivity, 1e-12) << "day " << day;
  EXPECT_NEAR(cf.sensitivity(6), 0.62 + (0.80 - 0.62) / 3, 1e-12) << "linear between published days";
  EXPECT_NEAR(cf.sensitivity(40), 0.34, 1e-12) << "flat after day 21";
  EXPECT_EQ(cf.sensitivity(0), 0.0);
  p.health_test_sensitivity = 0.5;  // the curve scales with the best sensitivity
  EXPECT_NEAR(cf.sensitivity(4), 0.33 / 0.8 * 0.5, 1e-12);
  p.health_test_sensitivity_curve = "constant";
  EXPECT_EQ(cf.sensitivity(1), 0.5);
  EXPECT_EQ(cf.sensitivity(30), 0.5);
}

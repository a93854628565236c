// Designated beds overflowing (A16, health/bed_overflow.hpp) in a run: an uncontrolled epidemic in 100,000 people
// with no designated bed at all (every severe patient is beyond the beds) against the same run with beds for all.
// Intensive-care overflow is neutralised (health.overflow_fatality_factor = 1) so that only the designated beds differ.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "scenario/scenario.hpp"
#include "sim/simulation.hpp"

namespace tongchou {
namespace {

struct SevereDeaths {
  double severe = 0, deaths = 0, without_bed = 0, hospitalised = 0;
};

SevereDeaths run(const std::vector<std::string>& sets) {
  auto sc = load_scenario("uncontrolled");
  std::vector<std::string> all = {"population.people=100000", "scenario.days=150", "output.infections=false",
                                  "health.overflow_fatality_factor=1", "health.bed_overflow_fatality_factor=2"};
  all.insert(all.end(), sets.begin(), sets.end());
  apply_overrides(sc, all);
  Simulation sim(std::move(sc));
  sim.run();
  SevereDeaths r;
  // Severe courses that ended within the run, and those among them that ended in death.
  for (const auto& rec : sim.state().infections) {
    if (rec.course().severity != Severity::Severe && rec.course().severity != Severity::Critical) continue;
    if (rec.day + rec.course().end >= sim.days()) continue;
    r.severe += 1;
    r.deaths += rec.course().dies;
  }
  for (const auto& d : sim.daily()) r.without_bed += static_cast<double>(d.new_bed_overflow), r.hospitalised += static_cast<double>(d.new_hospitalised);
  return r;
}

// With every severe patient without a designated bed and factor f = 2, the fatality of severe courses is f times the
// one with beds for all (min(1, f p) = f p: p = P(critical | severe) P(death | critical) is at most 0.42, at ages 80+).
// Tolerance: 4 standard errors of the ratio of two binomial rates (Poisson bound: ratio x sqrt(1/D1 + 1/D2)).
TEST(BedOverflow, PatientsBeyondTheDesignatedBedsDieMoreOften) {
  const auto ample = run({"population.beds_per_1000=100", "health.designated_bed_share=1"});
  const auto none = run({"health.designated_bed_share=0"});
  ASSERT_GT(ample.deaths, 100);
  EXPECT_EQ(ample.without_bed, 0.0) << "the reference must have a bed for every patient";
  EXPECT_EQ(none.without_bed, none.hospitalised) << "no bed: every severe patient is beyond the beds";
  const double rate_ample = ample.deaths / ample.severe, rate_none = none.deaths / none.severe;
  const double ratio = rate_none / rate_ample, se = ratio * std::sqrt(1 / none.deaths + 1 / ample.deaths);
  std::printf("fatality of severe courses: beds for all %.4f (%g of %g), no designated bed %.4f (%g of %g), ratio %.3f +- %.3f\n",
              rate_ample, ample.deaths, ample.severe, rate_none, none.deaths, none.severe, ratio, se);
  EXPECT_NEAR(ratio, 2.0, 4 * se);
  EXPECT_GT(none.deaths, ample.deaths);
}

}  // namespace
}  // namespace tongchou

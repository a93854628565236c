// Public behaviour (docs/model.md, Public behaviour): masks cut transmission in the masked layers by (1 - e a)^2 and
// leave the others alone; voluntary distancing cuts contacts outside the home by distancing_max x c / (c + half),
// c = reported cases of the 14 days before the day per million people, and restores them when reports fall.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "behaviour/public_behaviour.hpp"
#include "scenario/scenario.hpp"
#include "sim/simulation.hpp"

using namespace tongchou;

namespace {

struct Offspring {
  double n = 0;
  std::array<double, 2> sum{}, sum2{};  // per seed: secondary infections in masked [1] and other [0] layers, squares
};

// 2,000 index cases seeded at random into 500,000 susceptible people (no measures, economy off); the seeds'
// secondary infections by layer.
Offspring seeded(const std::vector<std::string>& extra) {
  auto sc = load_scenario("uncontrolled");
  std::vector<std::string> sets = {"population.people=500000", "scenario.days=45", "output.infections=false", "economy.enabled=false",
                                   "transmission.r0_basis=next_generation"};
  sets.insert(sets.end(), extra.begin(), extra.end());
  apply_overrides(sc, sets);
  sc.imports[0].infections = 2000;
  Simulation sim(std::move(sc));
  sim.run();
  const auto& inf = sim.state().infections;
  std::vector<std::array<double, kLayers>> by_seed(inf.size(), std::array<double, kLayers>{});
  for (const auto& r : inf)
    if (r.infector != kNone && r.layer < kLayers) by_seed[sim.state().record[r.infector]][r.layer] += 1;
  Offspring o;
  for (std::size_t i = 0; i < inf.size(); ++i) {
    if (inf[i].infector != kNone) continue;
    o.n += 1;
    std::array<double, 2> x{};
    for (int l = 0; l < kLayers; ++l) x[masked_layer(static_cast<Layer>(l)) ? 1 : 0] += by_seed[i][l];
    for (int k = 0; k < 2; ++k) o.sum[k] += x[k], o.sum2[k] += x[k] * x[k];
  }
  return o;
}

}  // namespace

TEST(PublicBehaviour, MasksCutSecondaryInfectionsInMaskedLayersByTheDocumentedFactor) {
  const double e = 0.5, a = 0.6, factor = (1 - e * a) * (1 - e * a);
  const auto without = seeded({});
  const auto with = seeded({"behaviour.mask_efficacy=" + std::to_string(e), "behaviour.mask_adoption=" + std::to_string(a)});
  ASSERT_EQ(without.n, 2000);
  ASSERT_EQ(with.n, 2000);
  // Ratio of the seeds' mean offspring (with / without masks) over the masked layers and over the others. Standard
  // error of a ratio of two independent means: ratio x sqrt((se1/m1)^2 + (se2/m2)^2), se from the seeds' sd.
  auto ratio = [&](bool masked, double& se) {
    const int k = masked ? 1 : 0;
    const double n = with.n, mean1 = with.sum[k] / n, mean0 = without.sum[k] / n;
    const double sd1 = std::sqrt(with.sum2[k] / n - mean1 * mean1), sd0 = std::sqrt(without.sum2[k] / n - mean0 * mean0);
    se = (mean1 / mean0) * std::hypot(sd1 / std::sqrt(n) / mean1, sd0 / std::sqrt(n) / mean0);
    return mean1 / mean0;
  };
  double se_masked = 0, se_other = 0;
  const double masked = ratio(true, se_masked), other = ratio(false, se_other);
  std::printf("masks e %.2f a %.2f: masked layers ratio %.3f (se %.3f, expected %.3f); other layers %.3f (se %.3f, expected 1)\n", e, a,
              masked, se_masked, factor, other, se_other);
  // The factor multiplies the hazard; infections are 1 - exp(-hazard), so the ratio of infections lies between the
  // factor and factor x x / (1 - exp(-x)) for a pair's course hazard x (a few percent for public contacts): allow
  // 5% of the factor above it, and 3% either side for the seeds' chains depleting their surroundings differently.
  EXPECT_GT(masked, factor * 0.97 - 4 * se_masked);
  EXPECT_LT(masked, factor * 1.08 + 4 * se_masked);
  EXPECT_NEAR(other, 1.0, 4 * se_other + 0.03) << "masks must leave households, schools and institutions alone";
}

TEST(PublicBehaviour, DistancingFollowsReportedCasesEachDayAndCutsInfectionsOutsideTheHome) {
  auto make = [](double dmax) {
    auto sc = load_scenario("uncontrolled");
    apply_overrides(sc, {"population.people=100000", "scenario.days=160", "output.infections=false", "economy.enabled=false",
                         "transmission.r0_basis=next_generation", "health.case_finding=true",
                         "behaviour.distancing_max=" + std::to_string(dmax)});
    return std::make_unique<Simulation>(std::move(sc));
  };
  const double dmax = 0.8;
  auto sim = make(dmax);
  const auto& p = sim->params();
  double lowest = 1, last = 1;
  int lowest_day = -1;
  while (sim->step()) {
    const int day = sim->day() - 1;  // the day just simulated
    std::int64_t reported = 0;
    for (int k = day - 14; k < day; ++k)
      if (k >= 0) reported += sim->daily()[static_cast<std::size_t>(k)].new_reported;
    const double c = static_cast<double>(reported) * 1e6 / static_cast<double>(sim->population().persons());
    const double expected = 1 - dmax * c / (c + p.economy_fear_half_cases);
    for (Layer l : {Layer::Community, Layer::Venue}) {  // no calendar factor: the factor is distancing alone
      ASSERT_NEAR(sim->day_controls().layer[static_cast<int>(l)], expected, 1e-6) << "day " << day;
    }
    ASSERT_EQ(sim->day_controls().layer[static_cast<int>(Layer::Household)], 1.0f) << "households are not distanced";
    if (expected < lowest) lowest = expected, lowest_day = day;
    last = expected;
  }
  std::printf("distancing: lowest factor %.3f on day %d, last %.3f\n", lowest, lowest_day, last);
  EXPECT_LT(lowest, 1 - 0.5 * dmax) << "reports must have been high enough to cut contacts by half of distancing_max";
  EXPECT_GT(last, lowest + 0.5 * (1 - lowest)) << "contacts must recover as reports fall";

  // Run level: with distancing fewer infections, and a smaller share of them outside the home, than without.
  auto base = make(0.0);
  base->run();
  auto outside_share = [](const Simulation& s) {
    double home = 0, all = 0;
    for (const auto& d : s.daily()) {
      home += static_cast<double>(d.new_by_layer[static_cast<int>(Layer::Household)]);
      for (int l = 0; l < kLayers; ++l) all += static_cast<double>(d.new_by_layer[l]);
    }
    return 1 - home / all;
  };
  const auto total = [](const Simulation& s) { return s.daily().back().cumulative_infections; };
  std::printf("distancing: infections %lld vs %lld without; share outside the home %.3f vs %.3f\n", static_cast<long long>(total(*sim)),
              static_cast<long long>(total(*base)), outside_share(*sim), outside_share(*base));
  EXPECT_LT(total(*sim), total(*base));
  EXPECT_LT(outside_share(*sim), outside_share(*base));
}

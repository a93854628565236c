// A Hubei-type lockdown written as ordinary measures (issue 17 §2): a stay-at-home order lets the stated share of
// residents out each day and thins both sides of community contacts; suspending inter-district travel leaves no
// community infection across districts; of two overlapping entries the later one applies on its days.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "measures/measure_controller.hpp"
#include "measures/stay_at_home.hpp"
#include "scenario/scenario.hpp"
#include "sim/simulation.hpp"

using namespace tongchou;

namespace {
std::unique_ptr<Simulation> small_region(const std::string& extra) {
  auto sc = parse_scenario("[scenario]\nregion = \"synthetic\"\nstart = 2020-01-01\ndays = 30\nseed = 5\n[population]\npeople = 20000\n"
                           "synthetic_district_size = 5000\n" + extra,
                           "t.toml");
  return std::make_unique<Simulation>(std::move(sc));
}

// uncontrolled with 200,000 people in 4 districts, 400 imports, 40 days, and the extra measures from 21 Jan (day 20).
std::unique_ptr<Simulation> epidemic(const std::string& measures) {
  auto sc = load_scenario("uncontrolled");
  apply_overrides(sc, {"population.people=200000", "population.synthetic_district_size=50000", "scenario.days=40"});
  sc.imports[0].infections = 400;
  auto sim = std::make_unique<Simulation>(parse_scenario(resolved_toml(sc) + measures, "lockdown.toml"));
  sim->run();
  return sim;
}
}  // namespace

// Over 30 days, the share of (resident, day) pairs out under stay_at_home_outings = s is s within 4 binomial standard
// deviations, in each township's residents alike (PlaceRules::out, the rule community mixing and venues apply).
TEST(MeasuresLockdown, StayAtHomeLetsTheStatedShareOut) {
  for (double share : {0.1, 0.3}) {
    auto sim = small_region("[[measure]]\nmeasure = \"stay_at_home_outings\"\nvalue = " + std::to_string(share) + "\n");
    sim->step();
    const auto& pop = sim->population();
    const PlaceRules rules(pop, static_cast<std::uint64_t>(sim->params().scenario_seed), &sim->measures().controls());
    double out = 0, n = 0;
    for (PersonId q = 0; q < pop.persons(); ++q) {
      if (pop.household_collective[pop.household[q]]) continue;
      for (int day = 0; day < 30; ++day) out += rules.out(q, pop.township_of(q), day), n += 1;
    }
    const double sd = std::sqrt(share * (1 - share) / n);
    std::printf("stay_at_home_outings = %.2f: %.4f of resident-days out (sd %.4f)\n", share, out / n, sd);
    EXPECT_NEAR(out / n, share, 4 * sd);
  }
}

// With the order region-wide from day 20, every community infection from then on joins two people both out that day;
// the community infections of days 20-39 fall against the same run without the order (both sides thinned: about s^2
// of the contacts among the same infectious people; here s = 0.2, and we ask for less than a third).
TEST(MeasuresLockdown, StayAtHomeCutsCommunityContactsOnBothSides) {
  const std::string order = "\n[[measure]]\nmeasure = \"stay_at_home_outings\"\nvalue = 0.2\nfrom = 2020-01-21\n";
  auto ordered = epidemic(order), free = epidemic("");
  const auto& pop = ordered->population();
  const auto seed = static_cast<std::uint64_t>(ordered->params().scenario_seed);
  auto community_after = [](const Simulation& s) {
    std::int64_t n = 0;
    for (const auto& r : s.state().infections) n += r.day >= 20 && r.layer == static_cast<std::uint8_t>(Layer::Community);
    return n;
  };
  std::int64_t both_out = 0;
  for (const auto& r : ordered->state().infections)
    if (r.day >= 20 && r.layer == static_cast<std::uint8_t>(Layer::Community))
      both_out += outing_allowed(pop, seed, r.person, r.day, 0.2f) && outing_allowed(pop, seed, r.infector, r.day, 0.2f);
  const auto with = community_after(*ordered), without = community_after(*free);
  std::printf("community infections on days 20-39: %lld with the order, %lld without\n", static_cast<long long>(with),
              static_cast<long long>(without));
  ASSERT_GT(with, 20);
  EXPECT_EQ(both_out, with);
  EXPECT_LT(3 * with, without);
}

// inter_district_travel = 0 from day 20: no community infection from then on has its infector in another district
// (they did before: the check can fail).
TEST(MeasuresLockdown, NoInterDistrictTravelKeepsCommunityContactsInTheDistrict) {
  auto sim = epidemic("\n[[measure]]\nmeasure = \"inter_district_travel\"\nvalue = 0\nfrom = 2020-01-21\n");
  const auto& pop = sim->population();
  std::int64_t across_before = 0, across_after = 0, after = 0;
  for (const auto& r : sim->state().infections) {
    if (r.layer != static_cast<std::uint8_t>(Layer::Community) || r.infector == kNone) continue;
    const bool across = pop.townships[pop.township_of(r.person)].district != pop.townships[pop.township_of(r.infector)].district;
    if (r.day < 20) across_before += across;
    else after += 1, across_after += across;
  }
  std::printf("community infections across districts: %lld before day 20, %lld of %lld after\n",
              static_cast<long long>(across_before), static_cast<long long>(across_after), static_cast<long long>(after));
  ASSERT_GT(pop.districts.size(), 1u);
  ASSERT_GT(across_before, 0);
  ASSERT_GT(after, 20);
  EXPECT_EQ(across_after, 0);
}

// Later entry wins: work 0.5 from 1 to 20 Feb, then an entry of 0.8 from 15 Feb: 0.5 on 10 Feb, 0.8 on 16 Feb and
// 25 Feb. Written the other way round, the 0.5 wins on its days. A district entry still wins over a region one.
TEST(MeasuresLockdown, LaterEntryWinsOnOverlappingDays) {
  const std::string a = "[[measure]]\nmeasure = \"work\"\nvalue = 0.5\nfrom = 2020-02-01\nuntil = 2020-02-20\n";
  const std::string b = "[[measure]]\nmeasure = \"work\"\nvalue = 0.8\nfrom = 2020-02-15\n";
  auto value_on = [](Simulation& sim, const char* date, std::uint32_t township) {
    MeasureController c(sim.scenario(), sim.population(), 60);
    const Date d = *parse_date(date);
    c.update(d.days - sim.scenario().params.scenario_start.days, d, sim.params(), {});
    return c.controls().township[township][static_cast<std::size_t>(Knob::Work)];
  };
  auto ab = small_region(a + b);
  EXPECT_EQ(value_on(*ab, "2020-02-10", 0), 0.5f);
  EXPECT_EQ(value_on(*ab, "2020-02-16", 0), 0.8f);
  EXPECT_EQ(value_on(*ab, "2020-02-25", 0), 0.8f);
  auto ba = small_region(b + a);
  EXPECT_EQ(value_on(*ba, "2020-02-16", 0), 0.5f);
  EXPECT_EQ(value_on(*ba, "2020-02-25", 0), 0.8f);
  const auto& pop = ba->population();
  auto district = small_region("[[measure]]\nmeasure = \"work\"\nvalue = 0.2\nplace = \"" + std::to_string(pop.districts[1].adcode) +
                               "\"\n" + a + b);
  EXPECT_EQ(value_on(*district, "2020-02-16", pop.districts[1].first_township), 0.2f);
  EXPECT_EQ(value_on(*district, "2020-02-16", pop.districts[0].first_township), 0.8f);
}

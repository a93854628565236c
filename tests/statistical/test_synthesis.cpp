// The synthesised population against the census inputs it is built from.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "population/region_data.hpp"
#include "population/synthesis.hpp"
#include "scenario/scenario.hpp"

using namespace tongchou;

namespace {
struct Built {
  Params params;
  RegionData region;
  Population pop;
};
const Built& yunyang() {
  static const Built b = [] {
    auto sc = load_scenario("yunyang");
    apply_overrides(sc, {"migrants.outbound_per_resident=0"});  // census residents only
    Built x{sc.params, load_region(sc.params), {}};
    x.pop = synthesise(x.region, x.params);
    return x;
  }();
  return b;
}
}  // namespace

TEST(Synthesis, AgeAndSexBandsMatchCensusCounts) {
  const auto& b = yunyang();
  const auto& d = b.region.districts.at(0);
  ASSERT_EQ(b.region.districts.size(), 1u);
  EXPECT_EQ(b.pop.persons(), static_cast<std::size_t>(std::llround(d.population)));
  // Counts are apportioned by largest remainder, so each band matches the census within one person.
  for (const auto& band : d.age_sex) {
    double male = 0, female = 0;
    for (PersonId q = 0; q < b.pop.persons(); ++q)
      if (b.pop.age[q] >= band.age_lo && b.pop.age[q] <= band.age_hi) ((b.pop.flags[q] & kMale) ? male : female) += 1;
    EXPECT_NEAR(male, band.male, 1.0) << "males " << band.age_lo << "-" << band.age_hi;
    EXPECT_NEAR(female, band.female, 1.0) << "females " << band.age_lo << "-" << band.age_hi;
  }
}

TEST(Synthesis, HouseholdSizesMatchCensus) {
  const auto& b = yunyang();
  const auto& d = b.region.districts.at(0);
  double households = 0, persons = 0, single = 0;
  for (std::size_t h = 0; h < b.pop.households(); ++h) {
    if (b.pop.household_collective[h]) continue;
    const double size = b.pop.household_first[h + 1] - b.pop.household_first[h];
    households += 1, persons += size, single += size == 1;
  }
  // Mean size: family-household persons / family households of the census (collective persons are folded into
  // families, so the count of persons is the district's); the number of households is fixed from that mean, so
  // the mean matches to within rounding of the count (relative 1e-3).
  const double census_mean = d.family_household_pop / d.family_households;
  EXPECT_NEAR(persons / households, census_mean, 1e-3 * census_mean);
  // One-person share: each household is single with probability s; binomial sd sqrt(s(1-s)/H); tolerance 5 sd plus
  // the few households resized to fit the person count exactly.
  const double s = d.one_person_households / d.family_households;
  EXPECT_NEAR(single / households, s, 5 * std::sqrt(s * (1 - s) / households) + 0.005);
}

TEST(Synthesis, EveryPersonHasAPlaceAndGroupsAreConsistent) {
  const auto& pop = yunyang().pop;
  std::size_t students = 0, in_class = 0, workers = 0, in_team = 0;
  for (PersonId q = 0; q < pop.persons(); ++q) {
    ASSERT_LT(pop.household[q], pop.households());
    ASSERT_GE(q, pop.household_first[pop.household[q]]);
    ASSERT_LT(q, pop.household_first[pop.household[q] + 1]);
    const auto g = pop.primary_group[q];
    if (pop.occupation[q] == Occupation::Student) {
      ++students;
      in_class += g != kNone && pop.group_kind[g] == GroupKind::Class;
    }
    if (pop.occupation[q] == Occupation::Worker) {
      ++workers;
      in_team += g != kNone && pop.group_kind[g] == GroupKind::WorkTeam;
    }
  }
  EXPECT_EQ(students, in_class);
  EXPECT_EQ(workers, in_team);
  EXPECT_GT(students, pop.persons() / 10);
  EXPECT_GT(workers, pop.persons() / 4);
  for (GroupId g = 0; g < pop.groups(); ++g)
    for (const PersonId m : pop.members[g]) ASSERT_LT(m, pop.persons());
  // Senior-3 classes exist (needed for staggered school reopening).
  bool senior3 = false;
  for (GroupId g = 0; g < pop.groups(); ++g)
    if (pop.group_kind[g] == GroupKind::Class && pop.class_grade[g] == 3 &&
        pop.group_parent[pop.group_parent[g]] == static_cast<std::uint32_t>(SchoolLevel::Senior))
      senior3 = true;
  EXPECT_TRUE(senior3);
  // Employment by sector follows the census industry shares: manufacturing (C) share within 1 point.
  const auto& d = yunyang().region.districts[0];
  double manufacturing = 0, employed = 0;
  for (PersonId q = 0; q < pop.persons(); ++q)
    if (pop.sector[q] != 255) {
      employed += 1;
      manufacturing += yunyang().region.sector_industry[pop.sector[q]] == industry_index('C');
    }
  EXPECT_NEAR(manufacturing / employed, d.industry_share[industry_index('C')], 0.01);
}

TEST(Synthesis, SameSeedSameThreadsIndependent) {
  auto sc = load_scenario("uncontrolled");
  apply_overrides(sc, {"population.people=60000", "population.synthetic_district_size=20000"});
  const auto region = load_region(sc.params);
  const auto a = synthesise(region, sc.params);
  const auto b = synthesise(region, sc.params);
  EXPECT_EQ(a.age, b.age);
  EXPECT_EQ(a.members, b.members);
  EXPECT_EQ(a.household_first, b.household_first);
}

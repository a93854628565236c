// scenario.resolved.toml reads back to the same scenario: escaped text, exact reals, dates, and every entry.
#include <gtest/gtest.h>

#include <cstring>

#include "scenario/scenario.hpp"

using namespace tongchou;

namespace {
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
}  // namespace

TEST(ResolvedToml, LabelWithQuoteBackslashAndNewlineSurvives) {
  const std::string label = "say \"stop\" \\ then\nnext line\t云阳 'single'";
  auto sc = parse_scenario("[[measure]]\nmeasure = \"work\"\nvalue = 0.5\nfrom = 2020-01-25\nlabel = \"placeholder\"\n", "m.toml");
  ASSERT_EQ(sc.measures.size(), 1u);
  sc.measures[0].label = label;
  sc.params.scenario_name = "a \"quoted\" name";  // a name is a folder: no backslash (scenario/folder_name.hpp)
  const auto again = parse_scenario(resolved_toml(sc), "m.toml");  // the same source: the same "# Source:" line
  ASSERT_EQ(again.measures.size(), 1u);
  EXPECT_EQ(again.measures[0].label, label);
  EXPECT_EQ(again.params.scenario_name, sc.params.scenario_name);
  EXPECT_EQ(again.measures[0].from, sc.measures[0].from);
  EXPECT_EQ(resolved_toml(again), resolved_toml(sc));
}

TEST(ResolvedToml, RealsReadBackBitIdentically) {
  auto sc = load_scenario("yunyang");
  sc.params.transmission_r0 = 0.1 + 0.2;                 // needs 17 digits
  sc.params.population_scale = 10.0 / 3.0;
  sc.params.health_test_sensitivity = 0.95;              // 6 digits suffice
  sc.params.population_enrolment[0] = 0.8500000000000001;
  if (!sc.imports.empty()) sc.imports[0].infections = 2.0 / 7.0;
  const auto again = parse_scenario(resolved_toml(sc), "resolved.toml");
  for (const auto& p : parameter_table()) {
    std::visit(
        [&](auto member) {
          using T = std::decay_t<decltype(sc.params.*member)>;
          if constexpr (std::is_same_v<T, double>) EXPECT_TRUE(same_bits(sc.params.*member, again.params.*member)) << p.key;
          else if constexpr (std::is_same_v<T, std::vector<double>>) {
            ASSERT_EQ((sc.params.*member).size(), (again.params.*member).size()) << p.key;
            for (std::size_t i = 0; i < (sc.params.*member).size(); ++i)
              EXPECT_TRUE(same_bits((sc.params.*member)[i], (again.params.*member)[i])) << p.key << "[" << i << "]";
          } else {
            EXPECT_EQ(sc.params.*member, again.params.*member) << p.key;
          }
        },
        p.member);
  }
  ASSERT_EQ(again.imports.size(), sc.imports.size());
  for (std::size_t i = 0; i < sc.imports.size(); ++i) EXPECT_TRUE(same_bits(again.imports[i].infections, sc.imports[i].infections));
}

TEST(ResolvedToml, WritesTheStartValuesAndKeepsTheSchedule) {
  auto sc = parse_scenario(
      "[health]\nonset_to_visit_mean = 4.5\n[[schedule]]\ndate = 2020-01-28\nhealth.onset_to_visit_mean = 3.0\n"
      "[zoning]\nenabled = true\n[zoning.low]\n[zoning.medium]\nwork = 0.8\n[zoning.high]\nwork = 0.5\n\"venue.restaurant\" = 0\n",
      "s.toml");
  Params end = sc.params;
  apply_schedule(sc, *parse_date("2020-01-28"), end);
  ASSERT_DOUBLE_EQ(end.health_onset_to_visit_mean, 3.0);
  Scenario ran = sc;
  ran.params = end;  // as a Simulation leaves it
  const auto again = parse_scenario(resolved_toml(ran, sc.params), "resolved.toml");
  EXPECT_DOUBLE_EQ(again.params.health_onset_to_visit_mean, 4.5);
  ASSERT_EQ(again.schedule.size(), 1u);
  EXPECT_DOUBLE_EQ(again.schedule[0].values.health_onset_to_visit_mean, 3.0);
  for (std::size_t l = 0; l < 3; ++l) {
    EXPECT_TRUE(again.levels[l].given) << l;
    EXPECT_EQ(again.levels[l].values, sc.levels[l].values) << l;
  }
}

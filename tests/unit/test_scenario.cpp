#include <gtest/gtest.h>

#include "scenario/scenario.hpp"
#include "scenario_problems.hpp"

using namespace tongchou;
using tongchou::test_support::problems;

TEST(Parameters, TableIsConsistent) {
  for (const auto& p : parameter_table()) {
    Params defaults;
    EXPECT_FALSE(check_range(defaults, p)) << p.key << " default is outside its own range";
    EXPECT_FALSE(p.meaning.empty()) << p.key;
    EXPECT_EQ(find_param(p.key), &p);
  }
}

TEST(Scenario, BuiltinScenariosLoad) {
  for (const auto& b : builtin_scenarios()) EXPECT_NO_THROW(load_scenario(b.name)) << b.name;
  // bazhong, chongqing, lvliang, national, tianmen, uncontrolled, yunyang
  EXPECT_EQ(builtin_scenarios().size(), 7u);
}

TEST(Scenario, ReadsValuesOfEveryType) {
  auto sc = parse_scenario(
      "[scenario]\nname = \"x\"\nstart = 2020-02-01\ndays = 10\n[transmission]\nr0 = 3\n"
      "[disease]\nsusceptibility_by_age = [0.5, 1, 1.5]\n[output]\ninfections = false\n"
      "[[imports]]\ndate = 2020-02-01\ninfections = 5\ndistrict = \"Yunyang\"\n",
      "s.toml");
  EXPECT_EQ(sc.params.scenario_name, "x");
  EXPECT_EQ(format_date(sc.params.scenario_start), "2020-02-01");
  EXPECT_EQ(sc.params.scenario_days, 10);
  EXPECT_DOUBLE_EQ(sc.params.transmission_r0, 3.0);  // an integer is accepted for a real
  EXPECT_DOUBLE_EQ(sc.params.disease_susceptibility_by_age[2], 1.5);
  EXPECT_FALSE(sc.params.output_infections);
  ASSERT_EQ(sc.imports.size(), 1u);
  EXPECT_EQ(sc.imports[0].district, "Yunyang");
}

TEST(Scenario, ReportsEveryProblemWithLocation) {
  const auto d = problems(
      "[scenario]\n"          // 1
      "days = \"ten\"\n"      // 2: wrong type
      "sed = 3\n"             // 3: unknown, did you mean seed
      "[transmision]\n"       // 4: unknown section
      "r0 = 2\n"              // 5
      "[disease]\n"           // 6
      "asymptomatic_share = 1.5\n"  // 7: out of range
      "susceptibility_by_age = [1, 2]\n");  // 8: wrong length
  ASSERT_EQ(d.size(), 5u);
  EXPECT_EQ(d[0].line, 2);
  EXPECT_EQ(d[0].key, "scenario.days");
  EXPECT_NE(d[0].message.find("expected an integer"), std::string::npos);
  EXPECT_EQ(d[1].line, 3);
  EXPECT_NE(d[1].message.find("did you mean \"seed\""), std::string::npos);
  EXPECT_EQ(d[2].line, 4);
  EXPECT_NE(d[2].message.find("did you mean \"transmission\""), std::string::npos);
  EXPECT_EQ(d[3].line, 7);
  EXPECT_EQ(d[3].key, "disease.asymptomatic_share");
  EXPECT_NE(d[3].message.find("0..1"), std::string::npos);
  EXPECT_EQ(d[4].line, 8);
  EXPECT_NE(d[4].message.find("3 elements"), std::string::npos);
  for (const auto& x : d) {
    EXPECT_EQ(x.file, "s.toml");
    EXPECT_GT(x.column, 0);
  }
}

TEST(Scenario, MalformedTomlNamesLineAndColumn) {
  const auto d = problems("[scenario]\nseed = = 3\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].line, 2);
  EXPECT_GT(d[0].column, 0);
  EXPECT_NE(d[0].message.find("malformed TOML"), std::string::npos);
}

TEST(Scenario, ImportsAreChecked) {
  const auto d = problems("[[imports]]\ninfections = -1\ncolour = 2\n");
  ASSERT_EQ(d.size(), 3u);  // no date (line 1), negative count (line 2), unknown key (line 3)
  EXPECT_EQ(d[0].key, "imports");
  EXPECT_NE(d[0].message.find("needs a date"), std::string::npos);
  EXPECT_EQ(d[1].key, "imports.infections");
  EXPECT_EQ(d[2].key, "imports.colour");
}

TEST(Scenario, OverridesUseTheTableAndSuggestNames) {
  auto sc = load_scenario("uncontrolled");
  apply_overrides(sc, {"transmission.r0=3.5", "scenario.name=other", "disease.susceptibility_by_age=[1,1,1]"});
  EXPECT_DOUBLE_EQ(sc.params.transmission_r0, 3.5);
  EXPECT_EQ(sc.params.scenario_name, "other");
  try {
    apply_overrides(sc, {"transmission.ro=3", "transmission.r0=-1", "garbage"});
    FAIL();
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 3u);
    EXPECT_NE(e.diagnostics()[0].message.find("did you mean \"transmission.r0\""), std::string::npos);
    EXPECT_NE(e.diagnostics()[1].message.find("0..20"), std::string::npos);
  }
}

TEST(Scenario, ResolvedTomlLoadsBackToTheSameParameters) {
  auto sc = load_scenario("chongqing");
  apply_overrides(sc, {"transmission.r0=2.2", "population.scale=10"});
  const auto again = parse_scenario(resolved_toml(sc), "resolved.toml");
  for (const auto& p : parameter_table()) EXPECT_EQ(value_as_toml(sc.params, p), value_as_toml(again.params, p)) << p.key;
  ASSERT_EQ(again.imports.size(), sc.imports.size());
  EXPECT_EQ(again.imports[1].infections, sc.imports[1].infections);
}

TEST(Scenario, UnknownBuiltinSuggestsName) {
  try {
    load_scenario("chonqing");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(e.diagnostics()[0].message.find("did you mean \"chongqing\""), std::string::npos);
  }
}

TEST(Scenario, ScheduleIsReadCheckedAndResolved) {
  auto sc = parse_scenario(
      "[scenario]\nstart = 2020-01-21\n[[schedule]]\ndate = 2020-01-28\nhealth.onset_to_visit_mean = 3.0\n"
      "[[schedule]]\ndate = 2020-02-08\n\"health.onset_to_visit_mean\" = 2.0\nhealth.test_turnaround_days = 0\n",
      "s.toml");
  ASSERT_EQ(sc.schedule.size(), 2u);
  EXPECT_EQ(sc.schedule[1].keys.size(), 2u);
  Params p = sc.params;
  EXPECT_TRUE(apply_schedule(sc, *parse_date("2020-01-27"), p).empty());
  EXPECT_EQ(apply_schedule(sc, *parse_date("2020-02-08"), p).size(), 2u);
  EXPECT_DOUBLE_EQ(p.health_onset_to_visit_mean, 2.0);
  EXPECT_EQ(p.health_test_turnaround_days, 0);
  const auto again = parse_scenario(resolved_toml(sc), "resolved.toml");
  ASSERT_EQ(again.schedule.size(), 2u);
  EXPECT_EQ(again.schedule[1].keys, sc.schedule[1].keys);
  EXPECT_DOUBLE_EQ(again.schedule[0].values.health_onset_to_visit_mean, 3.0);
}

TEST(Scenario, ScheduleProblemsAreReported) {
  const auto d = problems(
      "[scenario]\nstart = 2020-01-21\n"               // 1-2
      "[[schedule]]\ndate = 2020-03-01\n"              // 3-4
      "health.test_sensitivity = 1.5\n"                // 5: out of range
      "[[schedule]]\ndate = 2020-02-01\n"              // 6-7: earlier than the entry before: allowed
      "transmission.r0 = 3\n"                          // 8: cannot change during a run
      "[[schedule]]\ndate = 2020-01-01\n"              // 9-10: before the start
      "health.care_seeking = 0.5\n"
      "[[schedule]]\ndate = 2020-01-01\n"              // 12-13: the same key on the same date again
      "health.care_seeking = 0.6\n");
  ASSERT_EQ(d.size(), 6u);
  EXPECT_EQ(d[0].key, "health.test_sensitivity");
  EXPECT_NE(d[1].message.find("changes no parameter"), std::string::npos);  // its only value was refused
  EXPECT_NE(d[2].message.find("cannot change during a run"), std::string::npos);
  EXPECT_NE(d[3].message.find("before the first simulated day"), std::string::npos);
  EXPECT_NE(d[4].message.find("before the first simulated day"), std::string::npos);
  EXPECT_NE(d[5].message.find("already set for 2020-01-01 by the [[schedule]] entry on line 9"), std::string::npos);
  EXPECT_EQ(d[5].key, "schedule.health.care_seeking");
}

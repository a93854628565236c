// Risk zoning (R1/R2), the measure knobs and the [[measure]] / [zoning.*] input rules (issue 4).
#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>

#include "measures/health_codes.hpp"
#include "measures/risk_zoning.hpp"
#include "measures/school_reopening.hpp"
#include "measures/work_resumption.hpp"
#include "model/knobs.hpp"
#include "scenario/scenario.hpp"
#include "scenario_problems.hpp"

using namespace tongchou;
using tongchou::test_support::problems;

namespace {
bool has(const std::vector<Diagnostic>& d, const std::string& key, const std::string& words) {
  for (const auto& x : d)
    if (x.key == key && x.message.find(words) != std::string::npos) return true;
  return false;
}
const RiskRule kRule{14, 50, 2, 14};
}  // namespace

// Every branch of R1: low (never a case; none in 14 days), medium (new cases, <= 50 in all; > 50 without a cluster),
// high (> 50 with a cluster), and the thresholds themselves.
TEST(RiskZoning, EveryBranchOfRuleR1) {
  EXPECT_EQ(classify({0, 0, false}, kRule), RiskLevel::Low);
  EXPECT_EQ(classify({30, 0, true}, kRule), RiskLevel::Low);    // no new case in 14 days, even after a cluster
  EXPECT_EQ(classify({3, 1, false}, kRule), RiskLevel::Medium);
  EXPECT_EQ(classify({50, 2, true}, kRule), RiskLevel::Medium);  // 50 is not "more than 50"
  EXPECT_EQ(classify({51, 2, false}, kRule), RiskLevel::Medium);
  EXPECT_EQ(classify({51, 2, true}, kRule), RiskLevel::High);
  RiskRule later = kRule;
  later.cumulative_threshold = 100;
  EXPECT_EQ(classify({51, 2, true}, later), RiskLevel::Medium);
  EXPECT_NE(explain({51, 2, true}, kRule).find("cluster"), std::string::npos);
  EXPECT_NE(explain({30, 0, true}, kRule).find("no new confirmed case in 14 days"), std::string::npos);
}

// R2: two cases found in one setting within 14 days make a cluster; cases 14 days apart do not; 5 with the 7th edition.
TEST(RiskZoning, ClustersOfRuleR2) {
  ClusterTracker t;
  EXPECT_FALSE(t.add(7, 10, kRule));
  EXPECT_FALSE(t.add(8, 11, kRule));  // another setting
  EXPECT_TRUE(t.add(7, 23, kRule));   // 13 days after the first: within the window
  ClusterTracker u;
  EXPECT_FALSE(u.add(7, 10, kRule));
  EXPECT_FALSE(u.add(7, 24, kRule));  // 14 days later: the first has left the window
  RiskRule seventh = kRule;
  seventh.cluster_size = 5;
  ClusterTracker v;
  for (int k = 0; k < 4; ++k) EXPECT_FALSE(v.add(1, k, seventh));
  EXPECT_TRUE(v.add(1, 4, seventh));
}

TEST(Measures, KnobTableAndGrades) {
  EXPECT_EQ(static_cast<int>(knob_table().size()), kKnobs);
  EXPECT_EQ(find_knob("venue.restaurant"), static_cast<int>(venue_knob(0)));
  EXPECT_EQ(find_knob("school.senior"), static_cast<int>(school_knob(3)));
  EXPECT_EQ(find_knob("no_such"), -1);
  // Senior school has 3 grades: 1 open grade is senior-3 only; 3 opens all; 0 none.
  EXPECT_TRUE(grade_open(3, 3, 1));
  EXPECT_FALSE(grade_open(3, 2, 1));
  EXPECT_TRUE(grade_open(3, 1, 3));
  EXPECT_FALSE(grade_open(3, 3, 0));
  EXPECT_TRUE(grade_open(1, 4, 3));  // primary 4-6 when 3 are open
  EXPECT_FALSE(grade_open(1, 3, 3));
}

// work.large and work.small split work by the enterprise's size class: each acts on its own class only, multiplies
// work and work.NN, and (like work) leaves the essential sectors to their work.NN.
TEST(Measures, WorkBySizeClassActsOnItsClassOnly) {
  KnobValues k = neutral_knobs();
  const std::uint8_t construction = 26, power = 24;  // sector 27 (not essential), 25 (utilities: essential)
  ASSERT_FALSE(essential_sector(construction));
  ASSERT_TRUE(essential_sector(power));
  EXPECT_EQ(find_knob("work.large"), static_cast<int>(Knob::WorkLarge));
  EXPECT_EQ(find_knob("work.small"), static_cast<int>(Knob::WorkSmall));
  k[static_cast<std::size_t>(Knob::WorkLarge)] = 0.0f;
  EXPECT_EQ(work_share(k, construction, SizeClass::Large), 0.0f);
  EXPECT_EQ(work_share(k, construction, SizeClass::SmallMediumMicro), 1.0f);
  EXPECT_EQ(work_share(k, power, SizeClass::Large), 1.0f);
  k[static_cast<std::size_t>(Knob::WorkLarge)] = 1.0f;
  k[static_cast<std::size_t>(Knob::WorkSmall)] = 0.5f;
  k[static_cast<std::size_t>(Knob::Work)] = 0.8f;
  k[static_cast<std::size_t>(work_sector_knob(construction))] = 0.5f;
  EXPECT_FLOAT_EQ(work_share(k, construction, SizeClass::Large), 0.4f);
  EXPECT_FLOAT_EQ(work_share(k, construction, SizeClass::SmallMediumMicro), 0.2f);
  EXPECT_EQ(work_share(k, power, SizeClass::SmallMediumMicro), 1.0f);
  // The groups keep their documented meaning: work.* is every work.NN, not the size classes.
  const auto all = knob_group("work.*");
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kSectors));
  EXPECT_EQ(std::count(all.begin(), all.end(), static_cast<int>(Knob::WorkLarge)), 0);
}

TEST(Measures, ParsesEntriesAndLevelTables) {
  const auto sc = parse_scenario(
      "[zoning]\nenabled = true\n[zoning.low]\n[zoning.medium]\nvenue.gym = 0.5\n[zoning.high]\nclosed_management_days = 2\n"
      "work = 0.3\n"
      "[[measure]]\nmeasure = \"venue.restaurant\"\nvalue = 0\nfrom = 2020-02-01\nuntil = 2020-02-20\n"
      "[[measure]]\nmeasure = \"gate_screening\"\nvalue = true\ntrigger = \"risk_level\"\non_at = \"high\"\noff_below = \"medium\"\n"
      "off_after_days = 7\nscope = \"district\"\n",
      "t.toml");
  ASSERT_EQ(sc.measures.size(), 2u);
  EXPECT_EQ(sc.measures[1].on_at, 2);
  EXPECT_EQ(sc.measures[1].off_below, 1);
  EXPECT_EQ(sc.measures[1].value, 1);
  EXPECT_EQ(sc.levels[1].values.size(), 1u);
  EXPECT_EQ(sc.levels[2].values.size(), 2u);
  // The resolved scenario reads back to the same entries.
  const auto again = parse_scenario(resolved_toml(sc), "again.toml");
  ASSERT_EQ(again.measures.size(), 2u);
  EXPECT_EQ(again.measures[0].until, sc.measures[0].until);
  EXPECT_EQ(again.measures[1].scope, "district");
  EXPECT_EQ(again.levels[2].values, sc.levels[2].values);
}

// Bad input named by key and reason, all at once.
TEST(Measures, BadInputIsReportedWithKeyAndReason) {
  auto d = problems("[zoning]\nenabled = true\n[zoning.low]\n[zoning.high]\nwork = 2\nvenue.cinema = 0\n");
  EXPECT_TRUE(has(d, "zoning.medium", "missing")) << d.size();
  EXPECT_TRUE(has(d, "zoning.high.work", "must be in 0..1"));
  EXPECT_TRUE(has(d, "zoning.high.venue.cinema", "unknown"));
  d = problems("[[measure]]\nmeasure = \"closed_managment_days\"\nvalue = 2\n[[measure]]\nmeasure = \"work\"\n"
               "[[measure]]\nmeasure = \"work\"\nvalue = 0.5\ntrigger = \"cases\"\n");
  EXPECT_TRUE(has(d, "measure.measure", "closed_management_days"));  // did you mean
  EXPECT_TRUE(has(d, "measure.value", "needs a value"));
  EXPECT_TRUE(has(d, "measure.trigger", "must be one of"));
  // Overlapping entries are allowed (the later one wins, MeasuresLockdown.LaterEntryWinsOnOverlappingDays); groups and
  // arrays of measures are checked name by name and value by value.
  d = problems("[[measure]]\nmeasure = \"work\"\nvalue = 0.5\nfrom = 2020-02-01\nuntil = 2020-02-20\n"
               "[[measure]]\nmeasure = \"work\"\nvalue = 0.8\nfrom = 2020-02-15\n");
  EXPECT_TRUE(d.empty()) << d.front().message;
  d = problems("[[measure]]\nmeasure = [\"work\", \"venue.all\", 3]\nvalue = 0\n[[measure]]\nmeasure = []\nvalue = 0\n"
               "[[measure]]\nmeasure = \"school.*\"\nvalue = 4\n");
  EXPECT_TRUE(has(d, "measure.measure", "did you mean \"venue.*\""));
  EXPECT_TRUE(has(d, "measure.measure", "found an integer"));
  EXPECT_TRUE(has(d, "measure.measure", "names no measure"));
  EXPECT_TRUE(has(d, "measure.value", "school.kindergarten must be in 0..3"));  // 4 suits primary (6 grades), not all
  d = problems("[[measure]]\nmeasure = \"closed_management_days\"\nvalue = 1.5\nuntil = 2020-01-01\nfrom = 2020-02-01\n");
  EXPECT_TRUE(has(d, "measure.value", "whole numbers"));
  EXPECT_TRUE(has(d, "measure.until", "before"));
  d = problems("[[measure]]\nmeasure = \"work\"\nvalue = 0.5\ntrigger = \"hospital_occupancy\"\nscope = \"district\"\n");
  EXPECT_TRUE(has(d, "measure.scope", "whole region"));
  d = problems("[[measure]]\nmeasure = \"work\"\nvalue = 0.5\ntrigger = \"new_confirmed\"\non_at = 1\noff_below = 5\n");
  EXPECT_TRUE(has(d, "measure.off_below", "must not exceed"));
}

// Health codes (R4): a redder colour replaces a yellow one with its own count of check-ins; a code turns green after
// its days; a check-in with symptoms adds a day.
TEST(HealthCodesUnit, ColoursAndCheckIns) {
  HealthCodes codes(3);
  SimState st;
  st.state.assign(3, DiseaseState::Susceptible);
  st.status.assign(3, 0);
  auto hold_all = [](PersonId) { return true; };
  codes.flag(0, CodeColour::Yellow, 7, 0);  // days 0..6
  codes.flag(1, CodeColour::Red, 14, 0);    // days 0..13
  codes.flag(1, CodeColour::Yellow, 7, 2);  // a yellower flag does not lower a red code
  codes.flag(2, CodeColour::Yellow, 7, 0);
  codes.flag(2, CodeColour::Red, 14, 3);    // days 3..16
  codes.step(0, st, hold_all);
  EXPECT_EQ(codes.count(CodeColour::Yellow), 1);
  EXPECT_EQ(codes.count(CodeColour::Red), 2);
  EXPECT_TRUE(st.status[0] & kCodeHold);
  codes.step(6, st, hold_all);
  EXPECT_EQ(codes.colour(0), CodeColour::Yellow);
  st.state[0] = DiseaseState::Mild;  // symptoms at the check-in of day 7: one more day
  codes.step(7, st, hold_all);
  EXPECT_EQ(codes.colour(0), CodeColour::Yellow);
  st.state[0] = DiseaseState::Recovered;
  codes.step(8, st, hold_all);
  EXPECT_EQ(codes.colour(0), CodeColour::Green);
  EXPECT_FALSE(st.status[0] & kCodeHold);
  codes.step(14, st, hold_all);
  EXPECT_EQ(codes.colour(1), CodeColour::Green);
  EXPECT_EQ(codes.colour(2), CodeColour::Red);
  codes.step(17, st, hold_all);
  EXPECT_EQ(codes.colour(2), CodeColour::Green);
  EXPECT_EQ(codes.count(CodeColour::Red) + codes.count(CodeColour::Yellow), 0);
}

// A day's check-ins are read in parallel before they are applied (above 4,096 entries): for 1, 2 and 3 threads they
// give what the rules give, with every person due twice on the day (a yellow code, then a red one flagged the same
// day, both ending that day): a code turns green, or a symptomatic person's is extended by a day.
TEST(HealthCodesUnit, CheckInsReadInParallelWithEveryoneDueTwice) {
  constexpr PersonId n = 6000;
  HealthCodes codes(n);
  SimState st;
  st.state.assign(n, DiseaseState::Latent);
  st.status.assign(n, 0);
  for (PersonId q = 0; q < n; ++q) {
    codes.flag(q, CodeColour::Yellow, 3, 0);  // days 0..2, due on day 3
    codes.flag(q, CodeColour::Red, 3, 0);     // redder, the same last day: due on day 3 again
  }
  for (PersonId q = 0; q < n; q += 3) st.state[q] = DiseaseState::Mild;  // one day more for a third of them
  for (const int threads : {1, 2, 3}) {
    HealthCodes c = codes;
    SimState s = st;
    const int before = omp_get_max_threads();
    omp_set_num_threads(threads);
    c.step(3, s, false, [](PersonId) { return false; });
    omp_set_num_threads(before);
    EXPECT_EQ(c.count(CodeColour::Yellow), 0) << threads;
    EXPECT_EQ(c.count(CodeColour::Red), n / 3) << threads;
    EXPECT_EQ(c.colour(0), CodeColour::Red) << threads;
    EXPECT_EQ(c.colour(1), CodeColour::Green) << threads;
    for (PersonId q = 0; q < n; q += 3) s.state[q] = DiseaseState::Recovered;
    c.step(4, s, false, [](PersonId) { return false; });  // the extended codes end now
    EXPECT_EQ(c.count(CodeColour::Red), 0) << threads;
  }
}

// One entry may name several measures, as an array or by a group: one engine entry per measure, sharing the entry's
// line, dates and id; the resolved scenario writes them back as one entry with the same id.
TEST(Measures, OneEntryNamesSeveralMeasures) {
  const auto sc = parse_scenario(
      "[[measure]]\nid = \"lockdown\"\nmeasure = [\"work\", \"venue.*\", \"school.*\", \"public_transport\", "
      "\"inter_district_travel\", \"venue.market\"]\nvalue = 0\nfrom = 2020-01-24\nuntil = 2020-03-24\n"
      "[[measure]]\nmeasure = \"work.essential\"\nvalue = 0.5\n",
      "t.toml");
  const std::size_t lockdown = 1 + kVenueTypes + kSchoolLevels + 2;  // venue.market named twice counts once
  int essential = 0;
  for (int s = 0; s < kSectors; ++s) essential += essential_sector(s);
  ASSERT_EQ(sc.measures.size(), lockdown + static_cast<std::size_t>(essential));
  for (std::size_t i = 0; i < lockdown; ++i) {
    EXPECT_EQ(sc.measures[i].id, "lockdown");
    EXPECT_EQ(sc.measures[i].line, 1);
    EXPECT_EQ(sc.measures[i].value, 0);
    EXPECT_EQ(format_date(sc.measures[i].until), "2020-03-24");
  }
  EXPECT_EQ(sc.measures[0].measure, "work");
  EXPECT_EQ(sc.measures[1].measure, "venue.restaurant");
  EXPECT_EQ(sc.measures[lockdown - 1].measure, "inter_district_travel");
  EXPECT_EQ(sc.measures[lockdown].measure, "work.01");
  EXPECT_EQ(sc.measures.back().measure, "work.42");
  const auto again = parse_scenario(resolved_toml(sc), "again.toml");
  ASSERT_EQ(again.measures.size(), sc.measures.size());
  for (std::size_t i = 0; i < sc.measures.size(); ++i) {
    EXPECT_EQ(again.measures[i].knob, sc.measures[i].knob);
    EXPECT_EQ(again.measures[i].id, sc.measures[i].id);
  }
  // An id used again on another entry is still refused.
  const auto d = problems("[[measure]]\nid = \"a\"\nmeasure = \"venue.*\"\nvalue = 0\n[[measure]]\nid = \"a\"\nmeasure = \"work\"\nvalue = 0\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(has(d, "measure.id", "already the id"));
}

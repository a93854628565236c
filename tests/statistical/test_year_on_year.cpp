// The economy year on year inside one run (ordinary_year.hpp, summary.json's *_change_yoy), reopening by size class,
// and the national shape of early 2020 from the scenario national alone against NBS.
#include <gtest/gtest.h>

#include <cstdio>

#include "economy/spring_festival.hpp"
#include "measures/work_resumption.hpp"
#include "output/economy_outputs.hpp"
#include "scenario/scenario.hpp"
#include "sim/simulation.hpp"

namespace tongchou {
namespace {

// A synthetic region of 60,000 people for 40 days from 1 Jan 2019 (2018 and 2019 are not leap years), no one away.
std::unique_ptr<Simulation> run_2019(const std::string& extra) {
  auto sc = parse_scenario("[scenario]\nregion = \"synthetic\"\nstart = 2019-01-01\ndays = 40\nseed = 3\n"
                           "[population]\npeople = 60000\nsynthetic_district_size = 20000\n[migrants]\ninbound_away_share = 0\n" + extra,
                           "t.toml");
  auto sim = std::make_unique<Simulation>(std::move(sc));
  sim->run();
  return sim;
}

// The periods the 40-day run simulates (others are left out of summary.json, as before).
const char* const kPeriods[] = {"jan_feb", "q1"};
const char* const kKeys[] = {"gdp_change_yoy", "primary_change_yoy", "secondary_change_yoy", "tertiary_change_yoy",
                             "industrial_value_added_change_yoy", "large_industrial_value_added_change_yoy"};

// No epidemic, no measures, an ordinary year with no Spring Festival and no growth: every change year on year is
// exactly 0, in every period and on every day.
TEST(YearOnYear, NoFestivalNoGrowthGivesZeroExactly) {
  auto sim = run_2019("[economy]\nordinary_holiday_closure = 0\nordinary_migrant_share = 0\ngrowth_primary = 0\n"
                      "growth_secondary = 0\ngrowth_tertiary = 0\n");
  const auto j = economy_summary(*sim);
  for (const char* per : kPeriods)
    for (const char* key : kKeys) EXPECT_EQ(j["periods"][per][key].get<double>(), 0.0) << per << " " << key;
  const auto& e = *sim->economy();
  for (std::size_t d = 0; d < e.days().size(); ++d) {
    const Date before = OrdinaryYear::year_before(sim->date_of(static_cast<int>(d)));
    for (int s = 0; s < kSectors; ++s) ASSERT_EQ(e.sector_day(d, s).value_added, e.ordinary_year().value_added(before, s)) << d << " " << s;
  }
}

// Growth only (primary 2%, secondary 5%, tertiary 8%): each industry's change year on year is its growth, GDP's lies
// between them, in every period.
TEST(YearOnYear, GrowthOnlyGivesTheGrowth) {
  auto sim = run_2019("[economy]\nordinary_holiday_closure = 0\nordinary_migrant_share = 0\ngrowth_primary = 0.02\n"
                      "growth_secondary = 0.05\ngrowth_tertiary = 0.08\n");
  const auto j = economy_summary(*sim);
  for (const char* per : kPeriods) {
    const auto& p = j["periods"][per];
    EXPECT_NEAR(p["primary_change_yoy"].get<double>(), 0.02, 1e-12) << per;
    EXPECT_NEAR(p["secondary_change_yoy"].get<double>(), 0.05, 1e-12) << per;
    EXPECT_NEAR(p["tertiary_change_yoy"].get<double>(), 0.08, 1e-12) << per;
    EXPECT_NEAR(p["industrial_value_added_change_yoy"].get<double>(), 0.05, 1e-12) << per;
    EXPECT_NEAR(p["large_industrial_value_added_change_yoy"].get<double>(), 0.05, 1e-12) << per;
    EXPECT_GT(p["gdp_change_yoy"].get<double>(), 0.02) << per;
    EXPECT_LT(p["gdp_change_yoy"].get<double>(), 0.08) << per;
    // Today's keys, against the baseline, are untouched by the ordinary year.
    EXPECT_EQ(p["gdp_change"].get<double>(), 0.0) << per;
  }
}

// The ordinary year's Spring Festival (2018: 16 Feb, holiday 15-21 Feb): non-essential sectors produce nothing over
// the holiday (no labour at all, capacity = labour^alpha), and all sectors are at their baseline on 2 January.
TEST(YearOnYear, OrdinaryYearStopsNonEssentialWorkOverTheHoliday) {
  auto sim = run_2019("");
  const auto& o = sim->economy()->ordinary_year();
  const auto& b = sim->economy()->model().baseline();
  EXPECT_EQ(format_date(o.first()), "2018-01-01");
  EXPECT_GE(o.last(), make_date(2019, 4, 30));
  for (int s = 0; s < kSectors; ++s) {
    const auto i = static_cast<std::size_t>(s);
    const double g = s == 0 ? 0.031 : s <= 26 ? 0.057 : 0.069;
    EXPECT_NEAR(o.value_added(make_date(2018, 1, 2), s), b.value_added_share[i] * b.output[i] / (1 + g), 1e-9 * b.output[i]) << s;
    for (unsigned d = 15; d <= 21; ++d)
      if (!essential_sector(s)) {
        EXPECT_EQ(o.value_added(make_date(2018, 2, d), s), 0.0) << s << " Feb " << d;
      }
  }
  // A run with no shock and no holiday of its own is above the year before in Jan-Feb (the festival fell in both).
  const auto j = economy_summary(*sim);
  EXPECT_GT(j["periods"]["jan_feb"]["gdp_change_yoy"].get<double>(), 0.061);
}

// Reopening by size class: every non-essential enterprise closes on day 0 and may reopen from day 5 with no
// preparation: the large enterprises' 复工率 is the essential ones' share before and 1 from day 5.
TEST(YearOnYear, LargeEnterprisesReopenAsTheyMay) {
  auto sim = run_2019("[economy]\nshutdown_from = 2019-01-01\nresumption_from = 2019-01-06\nprepare_days_large = 0\nprepare_days_small = 0\n");
  const auto& pop = sim->population();
  double large = 0, large_essential = 0, ind = 0, ind_essential = 0;
  for (const auto& ent : pop.enterprises) {
    if (ent.size_class != SizeClass::Large) continue;
    large += 1, large_essential += essential_sector(ent.sector);
    if (ent.sector >= 1 && ent.sector <= 25) ind += 1, ind_essential += essential_sector(ent.sector);
  }
  ASSERT_GT(large, large_essential);
  ASSERT_GT(ind, ind_essential);
  const auto& days = sim->economy()->days();
  for (std::size_t d = 0; d < days.size(); ++d) {
    EXPECT_DOUBLE_EQ(days[d].large_enterprises_open_share, d < 5 ? large_essential / large : 1.0) << d;
    EXPECT_DOUBLE_EQ(days[d].large_industrial_open_share, d < 5 ? ind_essential / ind : 1.0) << d;
  }
  EXPECT_LT(days[2].large_industrial_workers_share, 1.0);
  EXPECT_EQ(days.back().large_industrial_workers_share, 1.0);
}

}  // namespace
}  // namespace tongchou

// The Spring Festival table and the ordinary year's labour around it (spring_festival.hpp), on hand-computed cases.
#include <gtest/gtest.h>

#include "economy/spring_festival.hpp"
#include "measures/work_resumption.hpp"
#include "model/kinds.hpp"
#include "scenario/parameters.hpp"

namespace tongchou {
namespace {

// Known festivals (Hong Kong Observatory tables; the 2019 and 2020 holidays in the State Council notices begin on
// the eve: 4 Feb 2019, 24 Jan 2020); none outside 2015-2030.
TEST(SpringFestival, TableGivesKnownDates) {
  EXPECT_EQ(format_date(*spring_festival(2015)), "2015-02-19");
  EXPECT_EQ(format_date(*spring_festival(2018)), "2018-02-16");
  EXPECT_EQ(format_date(*spring_festival(2019)), "2019-02-05");
  EXPECT_EQ(format_date(*spring_festival(2020)), "2020-01-25");
  EXPECT_EQ(format_date(*spring_festival(2021)), "2021-02-12");
  EXPECT_EQ(format_date(*spring_festival(2023)), "2023-01-22");
  EXPECT_EQ(format_date(*spring_festival(2024)), "2024-02-10");
  EXPECT_EQ(format_date(*spring_festival(2030)), "2030-02-03");
  EXPECT_FALSE(spring_festival(2014));
  EXPECT_FALSE(spring_festival(2031));
  for (int y = kSpringFestivalFirstYear; y <= kSpringFestivalLastYear; ++y) {  // always between 21 Jan and 20 Feb
    const auto sf = *spring_festival(y);
    EXPECT_GE(sf, make_date(y, 1, 21)) << y;
    EXPECT_LE(sf, make_date(y, 2, 20)) << y;
  }
}

// 2019 (festival 5 Feb): defaults are a 7-day holiday from the eve (4-10 Feb), 22.5% migrants leaving over the 15
// days before the eve and back evenly by 24 days after the festival (1 Mar), non-essential work stopped.
TEST(SpringFestival, OrdinaryLabourAroundTheFestival) {
  const Params p;
  const int manufacturing = 16, health = 39;  // 0-based: 17 textiles, 40 health
  ASSERT_FALSE(essential_sector(manufacturing));
  ASSERT_TRUE(essential_sector(health));
  const double m = p.economy_ordinary_migrant_share;
  EXPECT_EQ(ordinary_labour_share(make_date(2019, 1, 10), manufacturing, p), 1.0);
  EXPECT_EQ(ordinary_labour_share(make_date(2019, 1, 19), manufacturing, p), 1.0);             // 16 days before the eve
  EXPECT_DOUBLE_EQ(ordinary_labour_share(make_date(2019, 1, 20), health, p), 1.0 - m / 16);    // first day of leaving
  EXPECT_DOUBLE_EQ(ordinary_labour_share(make_date(2019, 2, 3), health, p), 1.0 - m * 15 / 16);
  for (int d = 4; d <= 10; ++d) {
    EXPECT_EQ(ordinary_labour_share(make_date(2019, 2, static_cast<unsigned>(d)), manufacturing, p), 0.0) << d;
    EXPECT_DOUBLE_EQ(ordinary_labour_share(make_date(2019, 2, static_cast<unsigned>(d)), health, p), 1.0 - m) << d;
  }
  EXPECT_DOUBLE_EQ(ordinary_labour_share(make_date(2019, 2, 11), manufacturing, p), 1.0 - m * (1.0 - 1.0 / 19));
  EXPECT_DOUBLE_EQ(ordinary_labour_share(make_date(2019, 2, 28), manufacturing, p), 1.0 - m / 19);
  EXPECT_EQ(ordinary_labour_share(make_date(2019, 3, 1), manufacturing, p), 1.0);
  EXPECT_EQ(ordinary_labour_share(make_date(2035, 2, 8), manufacturing, p), 1.0);  // no table entry: no festival
}

}  // namespace
}  // namespace tongchou

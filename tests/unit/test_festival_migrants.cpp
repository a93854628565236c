// Who goes home for the Spring Festival, sector by sector (festival_migrants.hpp), on hand-computed cases.
#include <gtest/gtest.h>

#include <vector>

#include "economy/festival_migrants.hpp"
#include "economy/spring_festival.hpp"
#include "scenario/parameters.hpp"

namespace tongchou {
namespace {

// 0-based sectors: 0 agriculture, 1 coal (mining), 5 foods, 22 repair (manufacturing 06-23), 23 electricity, 26
// construction, 27 trade, 28 transport, 29 catering, 31 finance, 37 resident services.
std::vector<double> workers_every_sector(double each) { return std::vector<double>(static_cast<std::size_t>(kSectors), each); }

TEST(FestivalMigrants, OffGivesTheSameShareEverywhere) {
  Params p;
  p.economy_migrants_by_industry = false;
  p.economy_ordinary_migrant_share = 0.3;
  std::vector<double> w = workers_every_sector(10);
  w[26] = 500;
  for (double s : festival_migrant_shares(w, p)) EXPECT_EQ(s, 0.3);
}

// 42 sectors of 100 workers each (4,200), 5% going home (210 migrant workers), spread as the survey's defaults:
// manufacturing 27.4% over its 18 sectors, construction 18.7% in one, mining and utilities (7 sectors) the secondary's
// rest 2.5%, trade 12.0%, transport 6.9%, catering 6.9%, resident services 12.3% one sector each, the tertiary's rest
// 12.9% over its 11 other sectors, agriculture 0.4%; they add up to the 210.
TEST(FestivalMigrants, SpreadAsTheSurveyFindsThem) {
  Params p;
  p.economy_migrants_by_industry = true;
  p.economy_ordinary_migrant_share = 0.05;
  const auto s = festival_migrant_shares(workers_every_sector(100), p);
  const double m = 210;
  EXPECT_NEAR(s[0], m * 0.004 / 100, 1e-12);
  EXPECT_NEAR(s[5], m * 0.274 / 1800, 1e-12);
  EXPECT_NEAR(s[22], m * 0.274 / 1800, 1e-12);
  EXPECT_NEAR(s[1], m * 0.025 / 700, 1e-12);
  EXPECT_NEAR(s[23], m * 0.025 / 700, 1e-12);
  EXPECT_NEAR(s[26], m * 0.187 / 100, 1e-12);
  EXPECT_NEAR(s[27], m * 0.120 / 100, 1e-12);
  EXPECT_NEAR(s[28], m * 0.069 / 100, 1e-12);
  EXPECT_NEAR(s[29], m * 0.069 / 100, 1e-12);
  EXPECT_NEAR(s[37], m * 0.123 / 100, 1e-12);
  EXPECT_NEAR(s[31], m * 0.129 / 1100, 1e-12);
  double sum = 0;
  for (double x : s) sum += 100 * x;
  EXPECT_NEAR(sum, m, 1e-9);
}

// At the default 22.5% (945 of 4,200) construction's 18.7% would be 176.7 migrant workers of its 100 workers: all of
// them go, no more; catering (6.9%: 65.2) is below the cap.
TEST(FestivalMigrants, AtMostAllOfASectorsWorkers) {
  Params p;
  p.economy_migrants_by_industry = true;
  const auto s = festival_migrant_shares(workers_every_sector(100), p);
  EXPECT_EQ(s[26], 1.0);
  EXPECT_NEAR(s[29], 945 * 0.069 / 100, 1e-12);
}

// A sector with no workers has none going home; the others' shares are of the region's remaining workers.
TEST(FestivalMigrants, EmptyIndustryHasNoShare) {
  Params p;
  p.economy_migrants_by_industry = true;
  p.economy_ordinary_migrant_share = 0.05;
  std::vector<double> w = workers_every_sector(100);
  w[26] = 0;
  const auto s = festival_migrant_shares(w, p);
  EXPECT_EQ(s[26], 0.0);
  EXPECT_NEAR(s[27], 0.05 * 4100 * 0.120 / 100, 1e-12);
}

// The ordinary year's labour on New Year's Eve 2019 (4 Feb, the holiday) in an essential sector is 1 - its share.
TEST(FestivalMigrants, FestivalLabourUsesTheSectorsShare) {
  Params p;
  p.economy_migrants_by_industry = true;
  const int health = 39;
  EXPECT_DOUBLE_EQ(ordinary_labour_share(make_date(2019, 2, 4), health, p, 0.05), 0.95);
  EXPECT_DOUBLE_EQ(ordinary_labour_share(make_date(2019, 2, 4), health, p, 0.6), 0.4);
  EXPECT_DOUBLE_EQ(ordinary_labour_share(make_date(2019, 2, 4), health, p), 1.0 - p.economy_ordinary_migrant_share);
}

}  // namespace
}  // namespace tongchou

// The economy inside the run: its steady state, reopening by approval or commitment and work from home (the national
// shape of early 2020 against NBS, year on year, is in test_year_on_year.cpp).
#include <gtest/gtest.h>

#include <cmath>

#include "economy/labour_supply.hpp"
#include "economy/remote_work.hpp"
#include "scenario/scenario.hpp"
#include "sim/simulation.hpp"
#include "synthetic_run.hpp"

namespace tongchou {
namespace {

// No epidemic, no measures, no one away, no Spring Festival (its departures begin on 9 Jan 2020): every day and every
// sector stays exactly at the baseline, and the sectors' value added adds up to the region's.
TEST(Economy, NoShockStaysExactlyAtTheSteadyState) {
  auto sim = test_support::run_synthetic("[migrants]\ninbound_away_share = 0\n[economy]\nordinary_migrant_share = 0\nordinary_holiday_closure = 0\n", 3);
  const auto* e = sim->economy();
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->days().size(), 40u);
  for (std::size_t d = 0; d < e->days().size(); ++d) {
    const auto& x = e->days()[d];
    EXPECT_EQ(x.gdp_index, 1.0) << "day " << d;
    EXPECT_EQ(x.gdp_loss_cum, 0.0) << "day " << d;
    EXPECT_EQ(x.workers_at_work_share, 1.0);
    EXPECT_EQ(x.enterprises_open_share, 1.0);
    double va = 0;
    for (int s = 0; s < kSectors; ++s) {
      const auto& y = e->sector_day(d, s);
      EXPECT_EQ(y.output_vs_baseline, 1.0) << "day " << d << " sector " << s + 1;
      EXPECT_EQ(y.value_added, y.value_added_baseline);
      EXPECT_EQ(y.demand_vs_baseline, 1.0);
      va += y.value_added;
    }
    EXPECT_NEAR(va, x.value_added, 1e-12 * va);
    for (int i = 0; i < kSectors; ++i)
      for (int j = 0; j < kSectors; ++j)
        ASSERT_EQ(e->model().stock(i, j), sim->params().economy_inventory_days * (e->model().baseline().a[static_cast<std::size_t>(i * kSectors + j)] *
                                                                           e->model().baseline().output[static_cast<std::size_t>(j)]));
  }
}

// Approval vs commitment (B2): all non-essential enterprises close on day 0 and may reopen from day 5 with no
// preparation. Under commitment all reopen on day 5; under approval the offices approve 1% of the N enterprises a
// day, so on day 5 + k exactly floor(0.01 N (k + 1)) of the closed ones are open, and the mean wait is the queue's.
TEST(Economy, ApprovalQueueDelaysReopeningByItsThroughput) {
  const std::string common =
      "[migrants]\ninbound_away_share = 0\n[economy]\nshutdown_from = 2020-01-01\nresumption_from = 2020-01-06\n"
      "prepare_days_large = 0\nprepare_days_small = 0\napproval_capacity = 0.01\n";
  auto committed = test_support::run_synthetic(common + "reopening = \"commitment\"\n", 5);
  auto approved = test_support::run_synthetic(common + "reopening = \"approval\"\n", 5);
  const auto& pop = approved->population();
  const double n = static_cast<double>(pop.enterprises.size());
  double essential = 0;
  for (const auto& ent : pop.enterprises) essential += essential_sector(ent.sector);
  const double closed = n - essential;
  ASSERT_GT(closed, 0.01 * n * 36);  // the queue is not empty by the end
  for (int d = 0; d < 40; ++d) {
    const double open_committed = committed->economy()->days()[static_cast<std::size_t>(d)].enterprises_open_share * n;
    const double open_approved = approved->economy()->days()[static_cast<std::size_t>(d)].enterprises_open_share * n;
    EXPECT_NEAR(open_committed, d < 5 ? essential : n, 1e-6) << "day " << d;
    const double expect = essential + (d < 5 ? 0.0 : std::min(closed, std::floor(0.01 * n * (d - 4) + 1e-9)));
    EXPECT_NEAR(open_approved, expect, 1e-6) << "day " << d;
  }
  const auto& r = approved->economy()->reopening();
  // Enterprises approved on day 5 + k waited k days: the mean over the first m = 35 days' approvals.
  EXPECT_GT(r.approval_wait_days() / static_cast<double>(r.approved()), 10.0);
  EXPECT_EQ(committed->economy()->reopening().approval_wait_days(), 0.0);
  // Fewer enterprises open, fewer workers, less output.
  EXPECT_LT(approved->economy()->days().back().gdp_index, committed->economy()->days().back().gdp_index);
}

// Work from home (remote_work.hpp): with every non-essential enterprise closed from day 0 and no one away, a
// sector's labour supply is its on-site share s0 (workers outside enterprises) plus its remote share r of the rest:
// s0 + r (1 - s0) with economy.remote_work = 1, s0 with 0. Essential sectors keep all their labour.
TEST(Economy, RemoteWorkGoesOnWhileEnterprisesAreClosed) {
  const std::string common = "[migrants]\ninbound_away_share = 0\n[economy]\nshutdown_from = 2020-01-01\n";
  auto without = test_support::run_synthetic(common + "remote_work = 0\n", 3);
  auto with = test_support::run_synthetic(common + "remote_work = 1\n", 3);
  const std::size_t d = 2;
  for (int s = 0; s < kSectors; ++s) {
    const double s0 = without->economy()->sector_day(d, s).labour_supply_share;
    const double s1 = with->economy()->sector_day(d, s).labour_supply_share;
    if (essential_sector(s)) {
      EXPECT_DOUBLE_EQ(s0, 1.0) << "sector " << s + 1;
      EXPECT_DOUBLE_EQ(s1, 1.0) << "sector " << s + 1;
    } else {
      EXPECT_NEAR(s1, s0 + remote_work_share(s) * (1.0 - s0), 1e-12) << "sector " << s + 1;
    }
  }
  EXPECT_LT(without->economy()->sector_day(d, 31).labour_supply_share, 0.5);  // finance: most in enterprises
}

}  // namespace
}  // namespace tongchou

// The economy inside the run: its steady state, reopening by approval or commitment, and the national shape of early
// 2020 against the NBS figures (REFERENCES.md s3).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "economy/labour_supply.hpp"
#include "economy/remote_work.hpp"
#include "scenario/scenario.hpp"
#include "sim/simulation.hpp"
#include "synthetic_run.hpp"

namespace tongchou {
namespace {

// No epidemic, no measures, no one away: every day and every sector stays exactly at the baseline, and the sectors'
// value added adds up to the region's.
TEST(Economy, NoShockStaysExactlyAtTheSteadyState) {
  auto sim = test_support::run_synthetic("[migrants]\ninbound_away_share = 0\n", 3);
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

// The national shape of early 2020 (scenarios national and national_normal_year): the simulated changes year on year
// against NBS's published ones. Trend growth g turns a change against the ordinary year into one year on year:
// (1 + change)(1 + g) - 1 (NBS 2019: GDP +6.1%, industry +5.7%, primary +3.1%, tertiary +6.9%). NBS's industrial
// value added is of large enterprises (规上) only, so it is compared with the model's large enterprises
// (value_added_large), which must come within 3 percentage points of NBS for Jan-Feb, March and Q1, and GDP within
// 5 points: the accuracy docs/validation.md claims, given that the counterfactual year and the work shares before
// 23 Feb are assumptions. The order must be NBS's: Jan-Feb worse than March, the secondary industry hit hardest and
// the primary least. NBS's Q1 value added by industry (17 Apr 2020) is printed beside the model's (with GDP's trend
// growth for every industry) and discussed in docs/validation.md; it is not asserted.
TEST(Economy, NationalShapeAgainstNbs) {
  auto run = [](const char* name) {
    auto sim = std::make_unique<Simulation>(load_scenario(name));
    sim->run();
    return sim;
  };
  const auto y2020 = run("national"), normal = run("national_normal_year");
  auto sum = [](const Simulation& s, int m0, int m1, int s0, int s1, bool large) {
    double v = 0;
    for (std::size_t d = 0; d < s.economy()->days().size(); ++d) {
      const auto date = format_date(s.date_of(static_cast<int>(d)));
      const int month = std::stoi(date.substr(5, 2));
      if (month < m0 || month > m1) continue;
      for (int k = s0; k <= s1; ++k) {
        const auto& x = s.economy()->sector_day(d, k);
        v += large ? x.value_added_large : x.value_added;
      }
    }
    return v;
  };
  struct Row {
    const char* name;
    int m0, m1, s0, s1;
    bool large;
    double growth, nbs;
  };
  // Industry: NBS sectors 02-26 (mining, manufacturing, utilities); secondary adds construction (27).
  const Row rows[] = {{"industrial value added Jan-Feb (large)", 1, 2, 1, 25, true, 0.057, -0.135},
                      {"industrial value added March (large)", 3, 3, 1, 25, true, 0.057, -0.011},
                      {"industrial value added Q1 (large)", 1, 3, 1, 25, true, 0.057, -0.084},
                      {"GDP Q1", 1, 3, 0, 41, false, 0.061, -0.068},
                      {"primary Q1", 1, 3, 0, 0, false, 0.031, -0.032},
                      {"secondary Q1", 1, 3, 1, 26, false, 0.057, -0.096},
                      {"tertiary Q1", 1, 3, 27, 41, false, 0.069, -0.052},
                      {"industrial value added Q1 (all)", 1, 3, 1, 25, false, 0.057, -0.085},
                      {"  agriculture Q1", 1, 3, 0, 0, false, 0.061, -0.028},
                      {"  mining Q1", 1, 3, 1, 4, false, 0.061, -0.017},
                      {"  manufacturing Q1", 1, 3, 5, 22, false, 0.061, -0.102},
                      {"  construction Q1", 1, 3, 26, 26, false, 0.061, -0.175},
                      {"  wholesale and retail Q1", 1, 3, 27, 27, false, 0.061, -0.178},
                      {"  transport, storage and post Q1", 1, 3, 28, 28, false, 0.061, -0.140},
                      {"  accommodation and catering Q1", 1, 3, 29, 29, false, 0.061, -0.353},
                      {"  information and software Q1", 1, 3, 30, 30, false, 0.061, 0.132},
                      {"  finance Q1", 1, 3, 31, 31, false, 0.061, 0.060},
                      {"  real estate Q1", 1, 3, 32, 32, false, 0.061, -0.061},
                      {"  leasing and business services Q1", 1, 3, 33, 33, false, 0.061, -0.094},
                      {"  other services Q1", 1, 3, 34, 41, false, 0.061, -0.018}};
  std::vector<double> sim;
  std::printf("%-40s %10s %10s\n", "change year on year", "simulated", "NBS");
  for (const auto& r : rows) {
    const double change = sum(*y2020, r.m0, r.m1, r.s0, r.s1, r.large) / sum(*normal, r.m0, r.m1, r.s0, r.s1, r.large) - 1.0;
    sim.push_back((1 + change) * (1 + r.growth) - 1);
    std::printf("%-40s %9.1f%% %9.1f%%\n", r.name, 100 * sim.back(), 100 * r.nbs);
  }
  for (int k = 0; k < 3; ++k) EXPECT_NEAR(sim[static_cast<std::size_t>(k)], rows[k].nbs, 0.03) << rows[k].name;
  EXPECT_NEAR(sim[3], rows[3].nbs, 0.05) << rows[3].name;
  EXPECT_LT(sim[0], sim[1]);  // Jan-Feb worse than March
  EXPECT_LT(sim[5], sim[6]);  // secondary worse than tertiary
  EXPECT_LT(sim[6], sim[4]);  // tertiary worse than primary
}

}  // namespace
}  // namespace tongchou

// Arrivals and the closed loop (issue 4, item 7; rule R11): each stage finds the configured share of the infected
// arrivals that reach it, the counts of the funnel add up, checkpoints cost the configured delay per traveller, and
// the loop cuts the local spread that arrivals cause.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "synthetic_run.hpp"

using namespace tongchou;

namespace {
std::unique_ptr<Simulation> run(const std::string& extra) { return test_support::run_synthetic(extra, 5); }

// |x - n p| within 4 standard deviations of a binomial count.
void expect_binomial(double x, double n, double p, const char* what) {
  const double sd = std::sqrt(n * p * (1 - p));
  std::printf("%s: %.0f of %.0f (expected %.1f +- %.1f)\n", what, x, n, n * p, sd);
  EXPECT_NEAR(x, n * p, 4 * sd + 0.5) << what;
}

std::string loop(bool enabled = true) {
  return "[health]\ncase_finding = true\ntest_sensitivity_curve = \"constant\"\ntest_sensitivity = 1.0\nfever_background_rate = 0\n"
         "[closed_loop]\nenabled = " + std::string(enabled ? "true" : "false") + "\ntransport_detection = 0.3\nport_detection = 0.5\ntransfer_share = 0.9\n"
         "community_detection = 0.6\n";
}
}  // namespace

// 6,000 infected travellers by rail from a high-risk area on day 2: of those with symptoms on arrival (S), stage 1
// finds Binomial(S, 0.3), stage 2 Binomial(S - F1, 0.5); stage 3 misses Binomial(E3, 1 - 0.9), who go to community
// control; every arrival found is treated (stage 5); the outcomes partition the infected arrivals.
TEST(ClosedLoop, StagesFindTheConfiguredShares) {
  auto sim = run(loop() +
                 "[[arrivals]]\ndate = 2020-01-03\ntravellers = 6000\nprevalence = 1.0\norigin = \"X\"\norigin_risk = \"high\"\n"
                 "mode = \"rail\"\n");
  const int arrival_day = 2;
  double ill = 0;  // symptomatic on arrival
  for (const auto& r : sim->state().infections) {
    if (r.layer != kImportedLayer) continue;
    const auto s = sim->natural_history().window().state_on(r.course(), arrival_day - r.day);
    ill += s == DiseaseState::Mild || s == DiseaseState::Severe || s == DiseaseState::Critical;
  }
  const auto loop = sim->closed_loop();
  const auto& st = loop.stages;
  EXPECT_EQ(loop.arrivals, 6000);
  EXPECT_EQ(loop.infected, 6000);
  ASSERT_GT(ill, 300);
  EXPECT_EQ(st[0].entered, 6000);
  expect_binomial(static_cast<double>(st[0].found), ill, 0.3, "stage 1 found");
  EXPECT_EQ(st[1].entered, st[0].entered - st[0].found);
  expect_binomial(static_cast<double>(st[1].found), ill - static_cast<double>(st[0].found), 0.5, "stage 2 found");
  EXPECT_EQ(st[2].entered, st[1].entered - st[1].found);
  expect_binomial(static_cast<double>(st[2].leaked), static_cast<double>(st[2].entered), 0.1, "stage 3 not transferred");
  EXPECT_EQ(st[3].entered, st[2].entered - st[2].leaked);
  EXPECT_EQ(st[5].entered, st[2].leaked);  // community control receives the arrivals the transfer missed
  EXPECT_EQ(st[5].found + st[5].leaked, st[5].entered);
  EXPECT_EQ(st[4].entered, loop.found_by_loop + loop.found_outside_loop);
  EXPECT_EQ(st[0].found + st[1].found + st[3].found + st[5].found, loop.found_by_loop);
  EXPECT_EQ(loop.found_by_loop + loop.found_outside_loop + loop.never_found, loop.infected);
  // Quarantine with tests at entry and exit finds most of those transferred.
  EXPECT_GT(st[3].found, st[3].entered / 2);
}

// Checkpoints on from day 5: 100 road travellers a day for 10 days from day 0, each losing 0.5 h at checkpoints
// from day 5 on: 500 x 0.5 = 250 people-hours; rail travellers are checked too, air travellers not.
TEST(ClosedLoop, CheckpointsCostTheConfiguredDelay) {
  auto sim = run(
      "[closed_loop]\ncheckpoint_delay_hours = 0.5\n"
      "[[measure]]\nmeasure = \"checkpoints\"\nvalue = 1\nfrom = 2020-01-06\n"
      "[[arrivals]]\ndate = 2020-01-01\ndays = 10\ntravellers = 1000\nmode = \"road\"\n"
      "[[arrivals]]\ndate = 2020-01-01\ndays = 10\ntravellers = 1000\nmode = \"air\"\n");
  double hours = 0, arrivals = 0;
  for (const auto& r : sim->daily()) hours += r.arrivals.checkpoint_delay_hours, arrivals += static_cast<double>(r.arrivals.arrivals);
  EXPECT_EQ(arrivals, 2000);
  EXPECT_DOUBLE_EQ(hours, 250.0);
}

// The loop cuts the local infections that infected arrivals cause (before they are found) against the same
// arrivals with no loop.
TEST(ClosedLoop, LoopCutsLocalSpreadFromArrivals) {
  const std::string arrivals =
      "[[arrivals]]\ndate = 2020-01-03\ndays = 5\ntravellers = 10000\nprevalence = 0.05\norigin_risk = \"high\"\nmode = \"rail\"\n";
  auto with = run(loop(true) + arrivals);
  auto without = run(loop(false) + arrivals);
  const auto a = with->closed_loop(), b = without->closed_loop();  // NOLINT
  std::printf("infections caused by arrivals before found: loop %lld, no loop %lld\n",
              static_cast<long long>(a.infections_caused_unfound), static_cast<long long>(b.infections_caused_unfound));
  EXPECT_EQ(a.infected, b.infected);  // the same travellers
  EXPECT_GT(b.infections_caused_unfound, 100);
  EXPECT_LT(static_cast<double>(a.infections_caused_unfound), 0.5 * static_cast<double>(b.infections_caused_unfound));
}

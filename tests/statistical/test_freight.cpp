// Logistics capacity (B4, 交通保畅) and checkpoints (A5) in a run: goods (sectors 01-22) delivered inside the region,
// sold outside and bought from outside are each at most the capacity times their baseline flow, so the region's GDP
// loss has a floor that follows from the bound alone, whatever the rest of the economy does.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>

#include "economy/finished_stock.hpp"
#include "economy/freight_goods.hpp"
#include "scenario/scenario.hpp"
#include "sim/simulation.hpp"

namespace tongchou {
namespace {

// A synthetic region of 60,000 people with no epidemic, no one away and no Spring Festival: without the freight bound
// every day stays at the baseline (Economy.NoShockStaysExactlyAtTheSteadyState). `economy`: lines of its [economy].
std::unique_ptr<Simulation> run_region(const std::string& economy, const std::string& extra, int days) {
  auto sc = parse_scenario("[scenario]\nregion = \"synthetic\"\nstart = 2020-01-01\ndays = " + std::to_string(days) +
                               "\nseed = 3\n[population]\npeople = 60000\nsynthetic_district_size = 20000\n"
                               "[migrants]\ninbound_away_share = 0\n[economy]\nordinary_migrant_share = 0\n"
                               "ordinary_holiday_closure = 0\n" + economy + extra,
                           "t.toml");
  auto sim = std::make_unique<Simulation>(std::move(sc));
  sim->run();
  return sim;
}

// The floor of the loss over T days when goods sector s may ship at most `ship_share` of its baseline output a day:
// its output over the run is at most what it shipped plus what its finished-goods stock holds (F_s x0_s, 0 for most),
// so it loses at least max(0, (1 - ship_share_s) T - F_s) days of its baseline value added; no sector makes more than
// its baseline (labour capacity), so the other sectors lose at least 0.
double loss_floor(const Simulation& sim, int days, const std::function<double(int)>& ship_share) {
  const auto& b = sim.economy()->model().baseline();
  double floor = 0;
  for (int s = 0; s < kSectors; ++s) {
    if (!travels_by_freight(s)) continue;
    const auto i = static_cast<std::size_t>(s);
    const double va0 = b.value_added_share[i] * b.output[i];
    const double stock_days = produces_to_stock(s) ? sim.params().economy_finished_stock_days : 0.0;
    floor += std::max(0.0, (1.0 - ship_share(s)) * days - stock_days) * va0;
  }
  return floor;
}

// Capacity 0.5 and 0.3 for 40 days: every goods sector that does not produce to stock makes at most capacity x its
// baseline each day; the GDP loss is at least the floor above (a fifth or more of goods' value added), and 0.3 loses
// more than 0.5, which loses more than 1.0 (nothing).
TEST(Freight, CapacityBoundsGoodsAndLowersGdpMonotonically) {
  constexpr int kDays = 40;
  auto run = [&](double capacity) { return run_region("freight_capacity = " + std::to_string(capacity) + "\n", "", kDays); };
  const auto full = run(1.0), half = run(0.5), low = run(0.3);
  const double loss_full = full->economy()->days().back().gdp_loss_cum;
  EXPECT_EQ(loss_full, 0.0);
  double previous = loss_full;
  for (const auto* sim : {half.get(), low.get()}) {
    const double capacity = sim->params().economy_freight_capacity;
    const auto* e = sim->economy();
    for (std::size_t d = 0; d < e->days().size(); ++d)
      for (int s = 0; s < kSectors; ++s) {
        if (!travels_by_freight(s) || produces_to_stock(s)) continue;
        EXPECT_LE(e->sector_day(d, s).value_added, capacity * e->sector_day(d, s).value_added_baseline * (1 + 1e-12))
            << "capacity " << capacity << " day " << d << " sector " << s + 1;
      }
    const double loss = e->days().back().gdp_loss_cum, floor = loss_floor(*sim, kDays, [&](int) { return capacity; });
    const double va0 = e->days().back().value_added_baseline * kDays;
    std::printf("freight capacity %.1f: GDP loss %.1f%% of the run's baseline, floor from the bound %.1f%%\n", capacity,
                100 * loss / va0, 100 * floor / va0);
    EXPECT_GE(loss, floor * (1 - 1e-9)) << "capacity " << capacity;
    EXPECT_GT(floor, 0.05 * va0) << "the bound must cost at least 5% of GDP here (goods are over a fifth of it)";
    EXPECT_GT(loss, previous) << "capacity " << capacity;
    previous = loss;
  }
}

// Checkpoints (A5) at every entry for 120 days with a 0.5 cut of the border's capacity: goods sold outside are at most
// half their baseline, deliveries inside are not bound. A goods sector then ships at most x0 - 0.5 e0 a day, so the
// loss is at least the floor with ship share 1 - 0.5 e0/x0; without the cut nothing is lost.
TEST(Freight, CheckpointsCutGdpThroughTheBordersCapacity) {
  constexpr int kDays = 120;
  const std::string checkpoints = "[[measure]]\nmeasure = \"checkpoints\"\nvalue = 1\nfrom = 2020-01-01\n";
  const auto none = run_region("checkpoint_freight_cut = 0\n", checkpoints, kDays);
  const auto cut = run_region("checkpoint_freight_cut = 0.5\n", checkpoints, kDays);
  EXPECT_EQ(none->economy()->days().back().gdp_loss_cum, 0.0);
  const auto& b = cut->economy()->model().baseline();
  for (const auto& day : cut->economy()->days()) EXPECT_DOUBLE_EQ(day.freight, 0.5);
  const double floor = loss_floor(*cut, kDays, [&](int s) {
    const auto i = static_cast<std::size_t>(s);
    return b.output[i] > 0 ? 1.0 - 0.5 * b.exports[i] / b.output[i] : 1.0;
  });
  const double loss = cut->economy()->days().back().gdp_loss_cum, va0 = cut->economy()->days().back().value_added_baseline * kDays;
  std::printf("checkpoints with a 0.5 cut for 120 days: GDP loss %.2f%%, floor from the bound %.2f%%\n", 100 * loss / va0,
              100 * floor / va0);
  EXPECT_GE(loss, floor * (1 - 1e-9));
  EXPECT_GT(floor, 0.01 * va0) << "goods sold outside are a large part of a region's goods output";
}

}  // namespace
}  // namespace tongchou

// Supplies: stocks follow stock' = stock + production - used, with used = min(stock, need); the shortage of
// protection is that of suits or of health workers' masks, whichever is larger.
#include <gtest/gtest.h>

#include "health/supplies.hpp"

using namespace tongchou;

TEST(Supplies, StocksBalanceAndShortagesFollowNeeds) {
  Params p;
  p.supplies_track = true;
  p.supplies_masks_stock = 10, p.supplies_masks_production = 1;  // per 1,000 people; 2,000 people below
  p.supplies_suits_stock = 1, p.supplies_suits_production = 0;
  p.supplies_kits_stock = 3, p.supplies_kits_production = 0.5;
  p.supplies_masks_per_health_worker = 2, p.supplies_suits_per_patient = 1, p.supplies_suits_per_test = 0;
  p.supplies_masks_per_quarantined = 1, p.supplies_masks_per_worker = 0;
  Supplies s(p, 2000);
  s.produce();  // masks 20 + 2, suits 2, kits 6 + 1
  EXPECT_EQ(s.kits_available(), 7);
  s.use_kits(5);
  SupplyNeeds n;
  n.health_workers_on_duty = 5, n.patients = 1, n.quarantined_central = 20;  // masks: 10 for workers, 20 for quarantine
  EXPECT_DOUBLE_EQ(s.use_protection(n), 0.0) << "workers served first: masks and suits enough for them";
  const auto& d = s.today();
  EXPECT_DOUBLE_EQ(d[0].needed, 30);
  EXPECT_DOUBLE_EQ(d[0].used, 22);
  EXPECT_DOUBLE_EQ(d[0].stock, 0);
  EXPECT_DOUBLE_EQ(d[1].stock, 1);
  EXPECT_DOUBLE_EQ(d[2].stock, 2);
  s.next_day();
  s.produce();  // masks 2, suits 0, kits 1
  n.patients = 4;  // suits: need 4, have 1 -> shortage 0.75; masks: need 10 for workers, have 2 -> 0.8
  EXPECT_DOUBLE_EQ(s.use_protection(n), 0.8);
  EXPECT_DOUBLE_EQ(s.today()[1].shortage(), 0.75);
  EXPECT_EQ(s.kits_available(), 3);
}

TEST(Supplies, UntrackedMeansNoLimit) {
  Params p;
  Supplies s(p, 1000);
  s.produce();
  EXPECT_GT(s.kits_available(), 1'000'000'000);
  SupplyNeeds n;
  n.patients = 1e6;
  EXPECT_EQ(s.use_protection(n), 0.0);
}

// The economy's pieces on hand-computed cases: the dynamic input-output step, the regional baseline's balance and
// the input-output table's checks.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <fstream>

#include "core/embedded_files.hpp"
#include "core/error.hpp"
#include "economy/dynamic_io.hpp"
#include "economy/household_demand.hpp"
#include "economy/input_criticality.hpp"
#include "economy/io_table.hpp"
#include "economy/regional_economy.hpp"

namespace tongchou {
namespace {

// Two sectors: sector 0 supplies sector 1 (0.5 per unit, a critical input), sector 1 sells 10 a day to households.
IoBaseline two_sectors(Criticality c) {
  IoBaseline b;
  b.n = 2;
  b.output = {5, 10};
  b.value_added_share = {1.0, 0.5};
  b.workers = {100, 100};
  b.wages = {1, 1};
  b.consumption = {0, 10};
  b.investment = {0, 0};
  b.exports = {0, 0};
  b.a = {0, 0.5, 0, 0};  // [from * n + to]
  b.local_share = {0, 1, 0, 0};
  b.criticality = {Criticality::NonCritical, c, Criticality::NonCritical, Criticality::NonCritical};
  return b;
}

// Half the supplier's workers stop on day 1. By the model's equations (inventory 2 days, restocking 1 day, no hiring
// or firing, output proportional to labour): the supplier makes 2.5 a day; the buyer's stock of 10 falls to 7.5, 5,
// 2.5 while it orders 5, 7.5, 10, 12.5 and gets half, a third, a quarter, a fifth; on day 4 the stock (2.5) allows
// only 5 units and the buyer's output halves; from then on stock and output stay at 2.5 and 5.
TEST(DynamicIo, LabourCutPropagatesDownstreamAsHandComputed) {
  DynamicIo io(two_sectors(Criticality::Critical), IoSettings{2.0, 1.0, 0.0, 0.0, 1.0});
  const std::vector<double> labour = {50, 100}, c = {0, 10}, zero = {0, 0};
  const double buyer[] = {10, 10, 10, 5, 5, 5}, stock[] = {7.5, 5, 2.5, 2.5, 2.5, 2.5}, supplier_demand[] = {5, 7.5, 10, 12.5, 12.5, 12.5};
  for (int day = 0; day < 6; ++day) {
    const auto& d = io.step(labour, c, zero, zero, FreightCapacity{});
    EXPECT_DOUBLE_EQ(d.output[0], 2.5) << "day " << day + 1;
    EXPECT_DOUBLE_EQ(d.demand[0], supplier_demand[day]) << "day " << day + 1;
    EXPECT_DOUBLE_EQ(d.output[1], buyer[day]) << "day " << day + 1;
    EXPECT_DOUBLE_EQ(io.stock(0, 1), stock[day]) << "day " << day + 1;
    EXPECT_DOUBLE_EQ(d.final_delivered[1], buyer[day]);
  }
}

// An important input that runs out halves output instead of stopping it: S / (a/2) + capacity / 2 = 0 + 5 = 5 on
// the day the stock is gone (freight from outside stopped, the whole input bought outside).
TEST(DynamicIo, ImportantInputHalvesOutputWhenItRunsOut) {
  auto b = two_sectors(Criticality::Important);
  b.local_share = {0, 0, 0, 0};  // bought outside the region
  b.consumption = {5, 10};       // the supplier sells its output to households instead
  DynamicIo io(std::move(b), IoSettings{1.0, 1.0, 0.0, 0.0, 1.0});
  const std::vector<double> labour = {100, 100}, c = {5, 10}, zero = {0, 0};
  // Day 1: stock 5 (1 day), production uses 5, nothing arrives: stock 0. Day 2: limit 0 / 0.25 + 5 = 5.
  EXPECT_DOUBLE_EQ(io.step(labour, c, zero, zero, FreightCapacity{0.0, 1.0}).output[1], 10);
  EXPECT_DOUBLE_EQ(io.stock(0, 1), 0);
  EXPECT_DOUBLE_EQ(io.step(labour, c, zero, zero, FreightCapacity{0.0, 1.0}).output[1], 5);
}

// A sector that produces to stock (F = 2 days of its output of 10 = room for 20) keeps making 10 a day when households
// want 5: its stock grows by 5 a day to 20 on day 4, then output falls to demand. From day 6 households want 10 again
// but half its workers are away (capacity 5): it sells 5 made and 5 from stock until the stock is gone on day 9; on
// day 10 only 5 is delivered.
TEST(DynamicIo, ProducesToStockWhenDemandFallsAndSellsFromIt) {
  auto b = two_sectors(Criticality::NonCritical);
  b.finished_days = {0, 2};
  DynamicIo io(std::move(b), IoSettings{2.0, 1.0, 0.0, 0.0, 1.0});
  const std::vector<double> zero = {0, 0}, low = {0, 5}, high = {0, 10}, all = {100, 100}, half = {100, 50};
  const double output[] = {10, 10, 10, 10, 5, 5, 5, 5, 5, 5}, stock[] = {5, 10, 15, 20, 20, 15, 10, 5, 0, 0},
               delivered[] = {5, 5, 5, 5, 5, 10, 10, 10, 10, 5};
  for (int day = 0; day < 10; ++day) {
    const auto& d = io.step(day < 5 ? all : half, day < 5 ? low : high, zero, zero, FreightCapacity{});
    EXPECT_DOUBLE_EQ(d.output[1], output[day]) << "day " << day + 1;
    EXPECT_DOUBLE_EQ(d.value_added[1], 0.5 * output[day]) << "day " << day + 1;
    EXPECT_DOUBLE_EQ(d.finished_stock[1], stock[day]) << "day " << day + 1;
    EXPECT_DOUBLE_EQ(d.final_delivered[1], delivered[day]) << "day " << day + 1;
  }
}

// Logistics capacity inside the region at half (B4): the supplier may ship at most 0.5 x its baseline deliveries of
// 5 = 2.5 a day, the buyer at most 0.5 x 10 = 5 to households. Both make and deliver exactly that every day; the
// buyer's stock stays at 10 (it receives 2.5 and uses 0.5 x 5); demand stays at the orders, not amplified (the
// buyer orders 0.5 x 10 + (10 - 10) = 5 a day and households 10).
TEST(DynamicIo, FreightInsideTheRegionBoundsDeliveriesAtCapacityTimesBaseline) {
  DynamicIo io(two_sectors(Criticality::Critical), IoSettings{2.0, 1.0, 0.0, 0.0, 1.0});
  const std::vector<double> labour = {100, 100}, c = {0, 10}, zero = {0, 0};
  for (int day = 0; day < 6; ++day) {
    const auto& d = io.step(labour, c, zero, zero, FreightCapacity{1.0, 0.5});
    EXPECT_DOUBLE_EQ(d.shippable[0], 2.5) << "day " << day + 1;
    EXPECT_DOUBLE_EQ(d.output[0], 2.5) << "day " << day + 1;
    EXPECT_DOUBLE_EQ(d.output[1], 5) << "day " << day + 1;
    EXPECT_DOUBLE_EQ(d.final_delivered[1], 5) << "day " << day + 1;
    EXPECT_DOUBLE_EQ(io.stock(0, 1), 10) << "day " << day + 1;
    EXPECT_DOUBLE_EQ(d.demand[0], 5) << "day " << day + 1;
    EXPECT_DOUBLE_EQ(d.demand[1], 10) << "day " << day + 1;
  }
}

// The buyer's input comes wholly from outside and the border's capacity is half: at most 0.5 x 5 = 2.5 arrives a day,
// however much is ordered. Stock 10 (2 days) falls by 5 - 2.5 a day to 7.5, 5, 2.5 while orders grow to 7.5, 10,
// 12.5 (with the old rule, half of 12.5 would have arrived); on day 4 the stock allows 2.5 / 0.5 = 5 units and from
// then on output is 5 = 0.5 x baseline, fed by the 2.5 that arrives.
TEST(DynamicIo, FreightFromOutsideBoundsInputsAtCapacityTimesBaseline) {
  auto b = two_sectors(Criticality::Critical);
  b.local_share = {0, 0, 0, 0};
  b.consumption = {5, 10};
  DynamicIo io(std::move(b), IoSettings{2.0, 1.0, 0.0, 0.0, 1.0});
  const std::vector<double> labour = {100, 100}, c = {5, 10}, zero = {0, 0};
  const double output[] = {10, 10, 10, 5, 5, 5, 5}, stock[] = {7.5, 5, 2.5, 2.5, 2.5, 2.5, 2.5};
  for (int day = 0; day < 7; ++day) {
    const auto& d = io.step(labour, c, zero, zero, FreightCapacity{0.5, 1.0});
    EXPECT_DOUBLE_EQ(d.output[1], output[day]) << "day " << day + 1;
    EXPECT_DOUBLE_EQ(io.stock(0, 1), stock[day]) << "day " << day + 1;
    EXPECT_DOUBLE_EQ(d.final_delivered[0], 5) << "day " << day + 1;  // the supplier's local sales are not bound
  }
}

// Sales outside the region are bound by the border's capacity, sales inside by the inside one: the buyer sells 6 to
// households and 4 outside; with 0.5 inside and 0.25 at the border it delivers 0.5 x 6 + 0.25 x 4 = 4 and makes 4.
// A sector whose output does not travel by freight (a service) is not bound: with the buyer flagged so, it sells 10.
TEST(DynamicIo, FreightBoundsSalesOutsideAndOnlyGoods) {
  auto b = two_sectors(Criticality::Critical);
  b.consumption = {0, 6};
  b.exports = {0, 4};
  auto service = b;
  service.freight = {1, 0};
  DynamicIo goods(std::move(b), IoSettings{2.0, 1.0, 0.0, 0.0, 1.0}), services(std::move(service), IoSettings{2.0, 1.0, 0.0, 0.0, 1.0});
  const std::vector<double> labour = {100, 100}, c = {0, 6}, e = {0, 4}, zero = {0, 0};
  for (int day = 0; day < 6; ++day) {
    const auto& d = goods.step(labour, c, zero, e, FreightCapacity{0.25, 0.5});
    EXPECT_DOUBLE_EQ(d.output[1], 4) << "day " << day + 1;
    EXPECT_DOUBLE_EQ(d.final_delivered[1], 4) << "day " << day + 1;
    EXPECT_LE(d.output[0], 2.5) << "day " << day + 1;
  }
  const auto& d = services.step(labour, c, zero, e, FreightCapacity{0.25, 0.5});
  EXPECT_DOUBLE_EQ(d.output[1], 10);
  EXPECT_DOUBLE_EQ(d.final_delivered[1], 10);
  EXPECT_DOUBLE_EQ(d.output[0], 2.5);  // its goods input still is
}

// The criticality rule (input_criticality.hpp) on the national table: goods producers depend on their large goods
// inputs and on utilities; services only on the goods they consume as they serve.
TEST(InputCriticality, RuleOnTheNationalTable) {
  Params p;
  const IoTable io = load_io_table(p);
  std::array<double, kSectors> workers{};
  for (int i = 0; i < kSectors; ++i) workers[i] = io.employment[i];
  const IoBaseline b = regional_baseline(io, workers);
  auto c = [&](int from, int to) { return b.criticality[static_cast<std::size_t>((from - 1) * kSectors + (to - 1))]; };
  EXPECT_EQ(c(14, 15), Criticality::Critical);     // metals for metal products
  EXPECT_EQ(c(24, 14), Criticality::Critical);     // electricity for smelting
  EXPECT_EQ(c(24, 42), Criticality::Important);    // electricity for public administration
  EXPECT_EQ(c(29, 6), Criticality::Important);     // transport for any buyer
  EXPECT_EQ(c(32, 18), Criticality::NonCritical);  // finance (a service) for transport equipment
  EXPECT_EQ(c(11, 29), Criticality::Critical);     // fuel for transport
  EXPECT_EQ(c(12, 40), Criticality::Critical);     // medicines for health care
  EXPECT_EQ(c(6, 30), Criticality::Critical);      // food for catering
  EXPECT_EQ(c(8, 42), Criticality::NonCritical);   // uniforms for public administration: 6% of its inputs
  EXPECT_EQ(c(10, 32), Criticality::NonCritical);  // paper for finance: 5%
  EXPECT_EQ(c(12, 35), Criticality::Important);    // reagents for research: 13%
}

// Government consumption is paid at cost: with no labour income for long, households' consumption falls to the
// budget 1 - m (m: labour's share of value added) while the government's stays at its baseline.
TEST(HouseholdDemand, GovernmentConsumptionStaysWhenHouseholdsCutBack) {
  const double m = 0.5;
  std::vector<double> households(kSectors, 1.0), government(kSectors, 0.0), investment(kSectors, 1.0), exports(kSectors, 2.0);
  households[0] = 10, government[0] = 5, households[1] = 20;  // agriculture and coal: no venue or fear shock
  HouseholdDemand demand(households, government, investment, exports, m);
  Params p;
  DemandConditions x;
  x.labour_income = 0;
  x.venue_open.fill(1.0);
  for (int day = 0; day < 2000; ++day) demand.update(x, p);
  const double kappa = 1 - m;
  EXPECT_NEAR(demand.budget(), kappa, 1e-9);
  EXPECT_NEAR(demand.consumption()[0], 5 + 10 * kappa, 1e-8);
  EXPECT_NEAR(demand.consumption()[1], 20 * kappa, 1e-8);
  EXPECT_NEAR(demand.household_index(), kappa, 1e-9);
  EXPECT_DOUBLE_EQ(demand.investment()[0], 1.0);
  EXPECT_THROW(HouseholdDemand({10, 20}, {5, 0}, {1, 1}, {2, 2}, m), std::invalid_argument);  // not the 42 sectors
}

// The baseline of a region balances: every sector's inputs and value added make its output, and its output goes to
// the region's producers and to final uses.
TEST(RegionalEconomy, BaselineBalances) {
  Params p;
  const IoTable io = load_io_table(p);
  std::array<double, kSectors> workers{};
  for (int i = 0; i < kSectors; ++i) workers[i] = io.employment[i] * (i % 3 == 0 ? 0.03 : 0.01);  // a region unlike the nation
  const IoBaseline b = regional_baseline(io, workers);
  const DynamicIo model(b, IoSettings{});
  const auto& x = model.baseline().output;
  for (int i = 0; i < kSectors; ++i) {
    double inputs = 0, local_sales = 0;
    for (int j = 0; j < kSectors; ++j) {
      inputs += b.a[static_cast<std::size_t>(j * kSectors + i)] * x[static_cast<std::size_t>(i)];
      local_sales += b.local_share[static_cast<std::size_t>(i * kSectors + j)] * b.a[static_cast<std::size_t>(i * kSectors + j)] * x[static_cast<std::size_t>(j)];
    }
    const auto s = static_cast<std::size_t>(i);
    EXPECT_NEAR(inputs + b.value_added_share[s] * x[s], x[s], 1e-4 * x[s]) << "sector " << i + 1;
    EXPECT_NEAR(local_sales + b.consumption[s] + b.investment[s] + b.exports[s], x[s], 1e-9 * x[s]) << "sector " << i + 1;
    EXPECT_GE(b.consumption[s] + b.investment[s] + b.exports[s], 0.0);
    EXPECT_NEAR(x[s], io.gross_output[i] * workers[i] / io.employment[i] / 365.0, 1e-9 * x[s]);
  }
}

// A copy of the embedded tables under a data directory, with one edit per file.
std::filesystem::path broken_tables(const std::string& name, const std::function<void(std::string&, std::string&)>& edit) {
  const auto dir = std::filesystem::temp_directory_path() / ("tongchou_io_" + name);
  std::filesystem::create_directories(dir / "economy");
  std::string sectors(*find_embedded("data/economy/sectors42.csv")), flows(*find_embedded("data/economy/io42_flows_2018.csv"));
  edit(sectors, flows);
  std::ofstream(dir / "economy" / "sectors42.csv") << sectors;
  std::ofstream(dir / "economy" / "io42_flows_2018.csv") << flows;
  return dir;
}

std::vector<Diagnostic> load_problems(const std::filesystem::path& dir) {
  Params p;
  p.scenario_data_dir = dir.string();
  try {
    load_io_table(p);
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

//! Every problem on its own line, to search and to print when a search fails.
std::string joined(const std::vector<Diagnostic>& problems) {
  std::string all;
  for (const auto& x : problems) all += x.to_string() + "\n";
  return all;
}

void replace(std::string& s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  s.replace(at, from.size(), to);
}

TEST(IoTable, BadTablesAreReportedWithFileLineAndColumn) {
  // Gross output of sector 01 changed: it no longer balances.
  const auto dir = broken_tables("bad", [](std::string& sectors, std::string&) {
    replace(sectors, ",11126691.804,", ",12126691.804,");
  });
  const auto d = load_problems(dir);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].to_string().find("sectors42.csv:2: gross_output: sector 01 does not balance"), std::string::npos) << d[0].to_string();
  // A flow from an unknown sector and a negative flow: both reported (and no balance errors they would cause).
  const auto dir2 = broken_tables("flows", [](std::string&, std::string& flows) {
    replace(flows, "01,02,2041.841,5.389", "01,99,2041.841,5.389");
    replace(flows, "01,03,22.033,0.058", "01,03,-22.033,0.058");
  });
  const auto d2 = load_problems(dir2);
  ASSERT_EQ(d2.size(), 2u);
  const std::string all = joined(d2);
  EXPECT_NE(all.find("io42_flows_2018.csv:3:2: to: unknown sector code '99'"), std::string::npos) << all;
  EXPECT_NE(all.find("io42_flows_2018.csv:4:3: domestic:"), std::string::npos) << all;
}

TEST(IoTable, SectorCodesMustMatchAndStocksBePositive) {
  const auto dir = broken_tables("codes", [](std::string& sectors, std::string&) {
    replace(sectors, "\n02,", "\n2b,");
    replace(sectors, ",207720000,", ",-207720000,");
  });
  const auto d = load_problems(dir);
  const std::string all = joined(d);
  EXPECT_NE(all.find("sectors42.csv:3:1: code: expected sector 02 (codes 01..42 in order), found '2b'"), std::string::npos) << all;
  EXPECT_NE(all.find("sectors42.csv:2:5: employment_2018:"), std::string::npos) << all;
}

TEST(IoTable, GovernmentConsumptionWithinFinalConsumption) {
  // Sector 01: government consumption 327507.457 raised above final consumption 2877424.506.
  const auto dir = broken_tables("government", [](std::string& sectors, std::string&) {
    replace(sectors, ",327507.457\n", ",3000000\n");
  });
  const auto d = load_problems(dir);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].to_string().find("sectors42.csv:2:13: government_consumption: government consumption 3000000.000 exceeds "
                                  "final_consumption 2877424.506"),
            std::string::npos)
      << d[0].to_string();
}

}  // namespace
}  // namespace tongchou

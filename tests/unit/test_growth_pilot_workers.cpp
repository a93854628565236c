// The growth pilots' runs are shared out among worker threads (transmission/growth_pilot.hpp): whatever the number of
// workers, the pilot must measure exactly what the runs made one after another measure — the same window, the same
// infections and the same growth rate to the bit — including when a run reaches 4 S and cuts the window of the runs
// after it. (That a small population's fall-back to the eigenvalue basis is a warning: tests/e2e/test_growth_fallback.py.)
#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "scenario/scenario.hpp"
#include "sim/simulation.hpp"
#include "transmission/calibration.hpp"
#include "transmission/contact_rates.hpp"
#include "transmission/growth_pilot.hpp"

using namespace tongchou;

namespace {

struct ThreadsGuard {  // restores the thread count a test changes
  int before = omp_get_max_threads();
  ~ThreadsGuard() { omp_set_num_threads(before); }
};

void expect_same(const GrowthPilot& a, const GrowthPilot& b, const char* what) {
  EXPECT_EQ(a.ok, b.ok) << what;
  EXPECT_EQ(a.first_day, b.first_day) << what;
  EXPECT_EQ(a.last_day, b.last_day) << what;
  EXPECT_EQ(a.seeds, b.seeds) << what;
  EXPECT_EQ(a.infections, b.infections) << what;
  EXPECT_EQ(std::memcmp(&a.rate, &b.rate, sizeof a.rate), 0) << what << ": rate " << a.rate << " vs " << b.rate;
  EXPECT_EQ(std::memcmp(&a.se, &b.se, sizeof a.se), 0) << what << ": se " << a.se << " vs " << b.se;
}

}  // namespace

TEST(GrowthPilotWorkers, AnyNumberOfWorkersMeasuresWhatOneMeasures) {
  ThreadsGuard guard;
  auto sc = load_scenario("uncontrolled");
  apply_overrides(sc, {"population.people=30000", "scenario.days=1", "economy.enabled=false",
                       "transmission.r0_basis=next_generation", "transmission.growth_pilot_runs=12"});
  Simulation sim(sc);
  const auto& pop = sim.prepared_population()->population;
  const ContactRates rates = derive_contact_rates(pop, sim.prepared_population()->region, sim.params());
  ASSERT_GE(GrowthPilotWorkspace::workers_for(pop, 4, 12), 3) << "the test needs several workers";
  // At the scenario's rates (eigenvalue 2.5) the window is long; at twice the rate the runs reach 4 S early and cut
  // the window of the runs after them.
  for (double factor : {1.0, 2.0}) {
    TransmissionRates tr = sim.transmission_rates();
    tr.beta *= factor;
    tr.r0 *= factor;
    omp_set_num_threads(1);
    const GrowthPilot one = measure_early_growth(pop, rates, sim.natural_history(), tr, sim.params());
    EXPECT_EQ(one.seeds, 1);
    EXPECT_GT(one.infections, 0);
    omp_set_num_threads(4);
    const GrowthPilot four = measure_early_growth(pop, rates, sim.natural_history(), tr, sim.params());
    expect_same(one, four, factor == 1.0 ? "eigenvalue 2.5" : "eigenvalue 5");
    if (factor == 2.0) {  // the horizon as measure_early_growth() sets it: a window ending before it was cut by a run's 4 S
      const auto w = sim.natural_history().generation_time_pmf();
      const int horizon = std::max(one.first_day + 10, static_cast<int>(std::ceil(std::log(300.0) / growth_from_reproduction(tr.r0, w))));
      EXPECT_LT(one.last_day, horizon) << "no run reached 4 S: the cut is not tested";
    }
    omp_set_num_threads(3);  // runs do not divide evenly among the workers
    GrowthPilotWorkspace ws(pop, rates, sim.natural_history(), sim.params());
    expect_same(one, ws.measure(tr), "3 workers");
    expect_same(one, ws.measure(tr), "3 workers, the workspace used again");
  }
}

TEST(GrowthPilotWorkers, WorkersAreBoundedByThreadsRunsAndMemory) {
  auto sc = load_scenario("uncontrolled");
  apply_overrides(sc, {"population.people=30000", "scenario.days=1", "economy.enabled=false", "transmission.r0_basis=next_generation"});
  Simulation sim(sc);
  const auto& pop = sim.prepared_population()->population;
  EXPECT_EQ(GrowthPilotWorkspace::workers_for(pop, 1, 64), 1);
  EXPECT_EQ(GrowthPilotWorkspace::workers_for(pop, 2, 64), 2);
  EXPECT_EQ(GrowthPilotWorkspace::workers_for(pop, 8, 3), 3);
  const std::size_t each = GrowthPilotWorkspace::worker_bytes(pop);
  EXPECT_GT(each, 2 * pop.persons());
  const int many = GrowthPilotWorkspace::workers_for(pop, 1000, 1000);
  EXPECT_LE(static_cast<std::size_t>(many - 1) * each, GrowthPilotWorkspace::kExtraBytesPerPerson * pop.persons());
  EXPECT_GT(static_cast<std::size_t>(many) * each, GrowthPilotWorkspace::kExtraBytesPerPerson * pop.persons());
}

// r0_basis = growth measures its pilots on a grid of eigenvalues that does not depend on r0 (transmission/
// calibration.hpp): scenarios that differ only in r0 share pilots through the memo, and the memo never changes the
// rates (a scenario's rates do not depend on which pilots were measured before).
#include <gtest/gtest.h>

#include <map>

#include "scenario/scenario.hpp"
#include "sim/simulation.hpp"
#include "transmission/calibration.hpp"
#include "transmission/contact_rates.hpp"

using namespace tongchou;

TEST(GrowthPilotGrid, ScenariosDifferingOnlyInR0SharePilotsAndTheMemoChangesNothing) {
  auto sc = load_scenario("uncontrolled");
  apply_overrides(sc, {"population.people=30000", "scenario.days=1", "economy.enabled=false", "transmission.r0_basis=growth",
                       "transmission.r0=2.5"});
  Simulation sim(sc);
  const auto& prepared = *sim.prepared_population();
  const ContactRates rates = derive_contact_rates(prepared.population, prepared.region, sim.params());
  std::map<double, GrowthPilot> kept;
  int measured = 0;
  GrowthPilotMemo memo = [&](double eigenvalue, const std::function<GrowthPilot()>& measure) {
    if (auto it = kept.find(eigenvalue); it != kept.end()) return it->second;
    ++measured;
    return kept.emplace(eigenvalue, measure()).first->second;
  };
  Params p = sim.params();
  const auto first = calibrate_transmission(prepared.population, rates, sim.natural_history(), p, memo);
  const int after_first = measured;
  EXPECT_GE(after_first, 2) << "a bracket needs two grid points";
  EXPECT_DOUBLE_EQ(first.beta, sim.transmission_rates().beta) << "the memo changed the rates";
  p.transmission_r0 = 2.52;  // the same bracket as 2.5, or at most one grid point further
  const auto second = calibrate_transmission(prepared.population, rates, sim.natural_history(), p, memo);
  EXPECT_LE(measured - after_first, 1) << "r0 2.52 re-measured pilots that r0 2.5 had measured";
  const auto fresh = calibrate_transmission(prepared.population, rates, sim.natural_history(), p);
  EXPECT_DOUBLE_EQ(second.beta, fresh.beta) << "with and without the memo the rates differ";
  EXPECT_GT(second.beta, first.beta) << "a larger r0 must give a larger rate";
}

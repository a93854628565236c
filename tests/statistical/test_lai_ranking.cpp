// Lai et al., Nature 2020: early detection and isolation of cases averted more infections than contact reduction.
// "Comparable cost" is set as equal restricted person-days: the days people spent isolated as suspected or confirmed
// cases (in hospital, observation after discharge, medical observation of asymptomatic infections) under early
// detection are given to contact reduction as work-days lost (measure `work`, the same share every day for every
// worker). Counting every isolated day as a cost, even of patients who would be in hospital anyway, favours contact
// reduction, so the ranking is a conservative check.
#include <gtest/gtest.h>

#include <cstdio>

#include "scenario/scenario.hpp"
#include "sim/simulation.hpp"

using namespace tongchou;

namespace {
// The uncontrolled scenario (R0 2.5) in 200,000 people for 120 days from 30 imported infections; `work` < 1 adds the
// measure work at that share every day.
std::unique_ptr<Simulation> run(const std::vector<std::string>& sets, double work = 1.0) {
  auto sc = load_scenario("uncontrolled");
  apply_overrides(sc, {"population.people=200000", "scenario.days=120", "output.infections=false"});
  apply_overrides(sc, sets);
  sc.imports[0].infections = 30;
  if (work < 1.0) {
    MeasureEntry m;
    m.measure = "work";
    m.knob = find_knob("work");
    m.value = work;
    sc.measures.push_back(m);
  }
  auto sim = std::make_unique<Simulation>(std::move(sc));
  sim->run();
  return sim;
}

double infections(const Simulation& sim) { return static_cast<double>(sim.daily().back().cumulative_infections); }
}  // namespace

TEST(LaiRanking, EarlyDetectionAvertsMoreThanContactReductionOfEqualCost) {
  const auto none = run({});
  const auto early = run({"health.case_finding=true", "health.case_finding_start=2019-12-01", "health.onset_to_visit_mean=1"});
  double isolated_days = 0;
  for (const auto& r : early->daily()) {
    const auto& s = r.stocks;
    isolated_days += static_cast<double>(s.suspected_isolated + s.in_hospital + s.asymptomatic_observed + s.in_post_discharge_observation);
  }
  double workers = 0;
  const auto& pop = early->population();
  for (PersonId q = 0; q < pop.persons(); ++q)
    if (const GroupId g = pop.primary_group[q]; g != kNone && pop.group_kind[g] == GroupKind::WorkTeam) workers += 1;
  const double days = static_cast<double>(early->days());
  const double share_home = isolated_days / (workers * days);
  ASSERT_LT(share_home, 1.0);
  const auto contact = run({}, 1.0 - share_home);
  const double base = infections(*none), by_early = base - infections(*early), by_contact = base - infections(*contact);
  std::printf("no measures %.0f infections; early detection and isolation averts %.0f with %.0f isolated person-days; "
              "contact reduction (work share %.4f, the same person-days) averts %.0f\n",
              base, by_early, isolated_days, 1.0 - share_home, by_contact);
  EXPECT_GT(by_early, 0.2 * base);
  EXPECT_GT(by_early, by_contact);
}

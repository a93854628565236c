// Jobs lost (output/jobs_lost.hpp): worker-days not worked against the baseline's workers, by hand; and in a run, a
// longer work closure loses more jobs, and the figure a plan uses is the one summary.json holds.
#include <gtest/gtest.h>

#include <string>

#include "output/jobs_lost.hpp"
#include "plans/plan_figures.hpp"
#include "plans/sweep.hpp"
#include "run/scenario_runner.hpp"
#include "scenario/scenario.hpp"

namespace tongchou {
namespace {

EconomyDay at_work(double share) {
  EconomyDay d;
  d.workers_at_work_share = share;
  return d;
}

TEST(JobsLost, WorkerDaysNotWorkedByHand) {
  // 1000 workers: all at work, half, three quarters: 0 + 500 + 250 worker-days lost, 250 jobs on average over 3 days.
  const JobsLost lost = jobs_lost({at_work(1.0), at_work(0.5), at_work(0.75)}, 1000);
  EXPECT_DOUBLE_EQ(lost.worker_days_lost, 750);
  EXPECT_DOUBLE_EQ(lost.jobs_lost, 250);
  // More at work than the baseline (hiring) is no negative loss; no days or no workers: nothing lost.
  EXPECT_DOUBLE_EQ(jobs_lost({at_work(1.2), at_work(0.0)}, 10).worker_days_lost, 10);
  EXPECT_DOUBLE_EQ(jobs_lost({}, 1000).jobs_lost, 0);
  EXPECT_DOUBLE_EQ(jobs_lost({at_work(0.5)}, 0).jobs_lost, 0);
}

TEST(JobsLost, ALongerClosureLosesMoreJobs) {
  ScenarioRunner runner;
  auto figures = [&](const std::string& until) {
    Scenario sc = load_scenario(std::string(TONGCHOU_SOURCE_DIR) + "/examples/plans/reopening-synthetic.toml");
    apply_overrides(sc, {"population.people=3000", "scenario.days=20"});
    const auto sim = runner.simulate(sweep_member(sc, SweepPoint{{{"measure.lockdown.until", until}}}));
    const auto f = plan_figures(*sim);
    // The figure is the definition applied to the run's days and the economy's baseline workers.
    const JobsLost direct = jobs_lost(sim->economy()->days(), baseline_workers(*sim->economy()));
    EXPECT_DOUBLE_EQ(f.at("economy.jobs_lost"), direct.jobs_lost);
    EXPECT_DOUBLE_EQ(f.at("economy.worker_days_lost"), direct.worker_days_lost);
    EXPECT_DOUBLE_EQ(f.at("jobs_lost"), f.at("economy.jobs_lost"));
    EXPECT_DOUBLE_EQ(f.at("economy.jobs_lost") * 20, f.at("economy.worker_days_lost"));
    return f;
  };
  const auto short_closure = figures("2020-01-03"), long_closure = figures("2020-01-20");
  EXPECT_GT(long_closure.at("jobs_lost"), short_closure.at("jobs_lost"));
  EXPECT_GT(short_closure.at("jobs_lost"), 0);  // three days with work cut to 10%
}

}  // namespace
}  // namespace tongchou

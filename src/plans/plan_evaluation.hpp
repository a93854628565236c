#pragma once
// Evaluating plans of an optimisation (`tongchou optimise`): each plan (a point of the decision variables) is the
// base scenario with the point's values (sweep_member), run with seeds 1..k on one population (ensemble_member:
// common random numbers across plans), in memory; its figures' statistics over the seeds are the objectives and the
// constraints. One function takes the list of plans to evaluate and returns their results: the unit that a
// distributed run (MPI, issue 18 §4) spreads over ranks.
#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "plans/optimise_plan.hpp"
#include "plans/sweep.hpp"
#include "run/scenario_runner.hpp"

namespace tongchou {

struct PlanEvaluation {
  std::vector<double> objectives;   //!< the statistic of each objective's figure, in the plan's order (not negated)
  std::vector<double> constraints;  //!< the statistic of each constraint's figure
  std::vector<double> scorecard;    //!< the figures of scorecard_columns() (NaN where the runs have none)
  double violation = 0;             //!< sum of the constraints' violations (PlanConstraint::violation)
  bool feasible = true;
  std::string problem;              //!< not empty: the plan's scenario is invalid (not run; infeasible)
};

//! The key figures kept for every plan beside its objectives and constraints (the scorecard the report shows):
//! infections, deaths, confirmed, peak in hospital, beds, days to 清零, GDP loss, Q1 GDP change (medians over the runs)
//! and the probability of a rebound (mean), less those the plan already has as an objective or constraint.
std::vector<std::pair<std::string, Statistic>> scorecard_columns(const OptimisePlan& plan);

//! Evaluates the plans, `threads` in all (simulations of all plans and seeds in parallel, one thread or more each).
//! `on_done(i, result)` is called under a lock as plan i finishes. Results depend only on the plans, never on the
//! thread count or order. Throws RunCancelled when `stop` becomes true (plans reported done so far are whole), and
//! InputError when a figure is missing from a run's scorecard.
std::vector<PlanEvaluation> evaluate_plans(const Scenario& base, const OptimisePlan& plan, const std::vector<SweepPoint>& points,
                                           ScenarioRunner& runner, int threads, const std::atomic<bool>* stop,
                                           const std::function<void(std::size_t, const PlanEvaluation&)>& on_done = {});

//! A plan's evaluation as text and back, every number bit for bit (NaN included): what a process of an MPI launch
//! sends the others (spread_work), so that all continue the search with the same values.
std::string evaluation_text(const PlanEvaluation& e);
PlanEvaluation evaluation_from_text(const std::string& text);

}  // namespace tongchou

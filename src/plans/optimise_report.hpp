#pragma once
// An optimisation's report.html: the plans evaluated drawn by two objectives (health against economy), the front
// joined up, the scenario's own plan marked; a click on a plan shows its variables, scorecard figures and measure
// timeline. One self-contained file (ECharts inlined).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plans/optimise_plan.hpp"
#include "scenario/scenario.hpp"

namespace tongchou {

struct OptimiseReportPlan {
  int generation = 0;  //!< -1: the scenario's own plan
  std::vector<std::string> values;
  std::vector<double> objectives, constraints, scorecard;  //!< scorecard: of scorecard_columns(), NaN where none
  bool feasible = true, own = false;
  int front = 0;                 //!< its number on the front (front/NNN.toml), 0 when not on it
  nlohmann::json measures;       //!< measure_timeline() of its scenario (front plans and the own plan), else null
};

//! The scenario's [[measure]] entries as the page draws them: measure, place, value, from, until (dates; the run's
//! first and last day where the entry has none), trigger, id and label.
nlohmann::json measure_timeline(const Scenario& scenario);

std::string optimise_report_html(const Scenario& base, const OptimisePlan& plan, const std::vector<OptimiseReportPlan>& plans);

}  // namespace tongchou

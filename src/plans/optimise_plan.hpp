#pragma once
// PLAN.toml of `tongchou optimise` (issue 18 §3): the decision variables ([[variable]]: any sweep key within bounds),
// the objectives ([[objective]]: scorecard figures to minimise or maximise, by a statistic over the seeds), the
// constraints ([[constraint]]: a figure's statistic at most or at least a limit) and the search ([search]: algorithm,
// population, generations, runs per evaluation, seed). docs/plans.md describes the file.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenario/scenario.hpp"
#include "scenario/sweep_variable.hpp"

namespace tongchou {

struct PlanVariable {
  std::string key;       //!< a sweep key: measure.ID.from, schedule.DATE.section.name, a parameter ...
  //! More sweep keys of the same type that take the variable's value too (`also = [...]`): dates that move together,
  //! e.g. the end of closed management and of the checks at the gates.
  std::vector<std::string> also;
  VariableType type = VariableType::Real;
  double lo = 0, hi = 0;  //!< dates as days since 1970-01-01
  double step = 0;       //!< 0: continuous (numbers only); whole numbers and dates: 1 by default
  int line = 0;
  //! Values the variable takes when stepped: lo, lo + step, ... up to hi (0 when continuous).
  std::int64_t steps() const;
  //! The TOML text of the value at `x` (a real in lo..hi, or a step index when stepped).
  std::string text(double x) const;
  //! The other way: the value `value` (TOML text, as variable_value() gives it) as a decision component, clamped to
  //! the box (a real within lo..hi, or the nearest step index); nothing when it is not a value of the variable's type.
  std::optional<double> position(const std::string& value) const;
};

enum class Statistic { Median, Mean, P5, P95, Min, Max };
const char* statistic_name(Statistic s);

struct PlanObjective {
  std::string figure;  //!< a name of plan_figure_names()
  bool maximise = false;
  Statistic statistic = Statistic::Median;
  int line = 0;
  std::string column() const;  //!< "health.infections.median"
};

struct PlanConstraint {
  std::string figure;
  Statistic statistic = Statistic::Mean;
  std::optional<double> at_most, at_least;
  int line = 0;
  std::string column() const;
  //! How far the value is beyond its limit, relative to max(|limit|, 1); 0 when satisfied.
  double violation(double value) const;
};

struct OptimisePlan {
  std::string file;  //!< as given
  std::string text;  //!< the file's text (copied to DIR/plan.toml)
  std::vector<PlanVariable> variables;
  std::vector<PlanObjective> objectives;
  std::vector<PlanConstraint> constraints;
  std::string algorithm = "nsga2";  //!< nsga2 | moead (two objectives or more) | gaco (one objective: its default)
  int population = 16, generations = 5, runs = 3;
  std::uint64_t seed = 1;
};

//! The (key, value) pairs of a plan as `sweep_member` applies them: each variable's key with its value (TOML text), then
//! its `also` keys with the same value, in the plan's order.
std::vector<std::pair<std::string, std::string>> plan_assignments(const OptimisePlan& plan, const std::vector<std::string>& values);

//! Reads PLAN.toml and checks it against the scenario (variables name something of it, figures exist, the economy
//! is on where a figure needs it). Throws InputError with file:line, the key and the reason for every problem.
OptimisePlan load_plan(const std::string& path, const Scenario& base);

//! The same from text (`name` is the file's name in messages).
OptimisePlan parse_plan(const std::string& text, const std::string& name, const Scenario& base);

//! A statistic of the values (not empty): median and percentiles interpolated between order statistics.
double statistic_of(std::vector<double> values, Statistic s);

}  // namespace tongchou

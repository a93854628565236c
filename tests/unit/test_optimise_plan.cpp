// Unit tests of `tongchou optimise`'s pieces: PLAN.toml read and checked (every problem with line and key), the
// variables' values, statistics over seeds, constraint violations, the non-dominated filter, and the scorecard
// figures computed in memory against the list of names a plan may use (no drift from summary.json).
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "core/error.hpp"
#include "plans/optimise.hpp"
#include "plans/optimise_plan.hpp"
#include "plans/plan_figures.hpp"
#include "plans/sweep.hpp"
#include "run/scenario_runner.hpp"
#include "scenario/variable_value.hpp"

using namespace tongchou;

namespace {

Scenario base() { return load_scenario(std::string(TONGCHOU_SOURCE_DIR) + "/examples/plans/reopening-synthetic.toml"); }

const char* kVariable = "[[variable]]\nkey = \"measure.lockdown.until\"\nlo = 2020-01-10\nhi = 2020-03-20\nstep = 7\n";
const char* kObjectives = "[[objective]]\nfigure = \"health.infections\"\n[[objective]]\nfigure = \"gdp_loss\"\ngoal = \"minimize\"\n";

std::vector<Diagnostic> problems(const std::string& text) {
  try {
    parse_plan(text, "plan.toml", base());
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

bool has(const std::vector<Diagnostic>& d, int line, const std::string& key, const std::string& fragment) {
  return std::any_of(d.begin(), d.end(), [&](const Diagnostic& x) {
    return x.file == "plan.toml" && x.line == line && x.key == key && x.message.find(fragment) != std::string::npos;
  });
}

}  // namespace

TEST(OptimisePlan, ReadsVariablesObjectivesConstraintsAndSearch) {
  const auto plan = parse_plan(std::string(kVariable) + kObjectives +
                                   "[[constraint]]\nfigure = \"probability_of_rebound\"\nat_most = 0.1\n"
                                   "[[variable]]\nkey = \"transmission.r0\"\nlo = 1.5\nhi = 3\n"
                                   "[search]\nalgorithm = \"moead\"\npopulation = 6\ngenerations = 2\nruns = 4\nseed = 9\n",
                               "plan.toml", base());
  ASSERT_EQ(plan.variables.size(), 2u);
  const auto& d = plan.variables[0];
  EXPECT_EQ(d.type, VariableType::Date);
  EXPECT_EQ(d.steps(), 10);  // 2020-01-10 .. 2020-03-20 is 70 days: 11 values a week apart
  EXPECT_EQ(d.text(0), "2020-01-10");
  EXPECT_EQ(d.text(10), "2020-03-20");
  EXPECT_EQ(d.text(1.4), "2020-01-17");
  EXPECT_EQ(d.text(10.4), "2020-03-20");  // never beyond hi
  const auto& r = plan.variables[1];
  EXPECT_EQ(r.step, 0);
  EXPECT_EQ(r.text(2.25), "2.25");
  EXPECT_EQ(r.text(7), "3");  // clamped to hi
  // The other way (the scenario's own values as a first plan of the search): the nearest step, clamped to the box.
  EXPECT_EQ(d.position("2020-01-10"), 0.0);
  EXPECT_EQ(d.position("2020-02-10"), 4.0);  // 31 days after lo: the 4th week (28 days) is nearest
  EXPECT_EQ(d.position("2019-12-01"), 0.0);
  EXPECT_EQ(d.position("2020-06-01"), 10.0);
  EXPECT_FALSE(d.position("soon").has_value());
  EXPECT_EQ(r.position("2.25"), 2.25);
  EXPECT_EQ(r.position("0.5"), 1.5);
  EXPECT_FALSE(r.position("2.25x").has_value());
  ASSERT_EQ(plan.objectives.size(), 2u);
  EXPECT_EQ(plan.objectives[0].column(), "health.infections.median");
  EXPECT_FALSE(plan.objectives[1].maximise);
  ASSERT_EQ(plan.constraints.size(), 1u);
  EXPECT_EQ(plan.constraints[0].column(), "probability_of_rebound.mean");
  EXPECT_EQ(plan.algorithm, "moead");
  EXPECT_EQ(plan.population, 6);
  EXPECT_EQ(plan.generations, 2);
  EXPECT_EQ(plan.runs, 4);
  EXPECT_EQ(plan.seed, 9u);
}

TEST(OptimisePlan, EveryProblemWithLineAndKey) {
  // Bounds reversed, a measure id that does not exist, a figure not in the scorecard, a bad goal, runs 0.
  const auto d = problems("[[variable]]\nkey = \"measure.lockdown.until\"\nlo = 2020-03-10\nhi = 2020-01-10\n"
                          "[[variable]]\nkey = \"measure.lockdwn.from\"\nlo = 2020-01-10\nhi = 2020-01-20\n"
                          "[[objective]]\nfigure = \"infections\"\n[[objective]]\nfigure = \"gdp_loss\"\ngoal = \"least\"\n"
                          "[search]\nruns = 0\n");
  EXPECT_TRUE(has(d, 4, "measure.lockdown.until.hi", "bounds reversed")) << d.size();
  EXPECT_TRUE(has(d, 6, "measure.lockdwn.from", "did you mean \"lockdown\""));
  EXPECT_TRUE(has(d, 10, "objective.figure", "did you mean \"health.infections\""));
  EXPECT_TRUE(has(d, 13, "objective.goal", "minimise"));
  EXPECT_TRUE(has(d, 15, "search.runs", "at least 1"));
  EXPECT_TRUE(has(problems(kObjectives), 0, "variable", "no decision variable"));
  // One objective: gaco (single-objective) by default; the multi-objective searches refused for it, gaco for two.
  EXPECT_TRUE(problems(std::string(kVariable) + "[[objective]]\nfigure = \"health.deaths\"\n").empty());
  EXPECT_EQ(parse_plan(std::string(kVariable) + "[[objective]]\nfigure = \"health.deaths\"\n", "plan.toml", base()).algorithm, "gaco");
  EXPECT_TRUE(has(problems(std::string(kVariable) + "[[objective]]\nfigure = \"health.deaths\"\n[search]\nalgorithm = \"nsga2\"\n"), 9,
                  "search.algorithm", "multi-objective"));
  EXPECT_TRUE(has(problems(std::string(kVariable) + kObjectives + "[search]\nalgorithm = \"gaco\"\n"), 12, "search.algorithm",
                  "minimises one objective"));
  EXPECT_TRUE(has(problems(std::string(kVariable) + "[[objective]]\nfigure = \"health.deaths\"\n[search]\npopulation = 1\n"), 9,
                  "search.population", "gaco needs"));
  EXPECT_TRUE(has(problems(kVariable), 0, "objective", "found none"));
  EXPECT_TRUE(has(problems(std::string(kVariable) + kObjectives + "[search]\npopulation = 6\n"), 12, "search.population", "multiple of 4"));
  EXPECT_TRUE(has(problems(std::string(kVariable) + kObjectives + "[[constraint]]\nfigure = \"gdp_loss\"\n"), 11, "constraint", "at_most"));
  EXPECT_TRUE(has(problems(std::string(kVariable) + "stepp = 2\n" + kObjectives), 6, "variable.stepp", "unknown key"));
  std::string fixed = kVariable;
  fixed.replace(fixed.find("2020-03-20"), 10, "2020-01-10");
  EXPECT_TRUE(has(problems(fixed + kObjectives), 4, "measure.lockdown.until.hi", "lo equals hi"));
  // A figure that needs the economy, with the economy off.
  Scenario off = base();
  apply_overrides(off, {"economy.enabled=false"});
  try {
    parse_plan(std::string(kVariable) + kObjectives, "plan.toml", off);
    FAIL() << "gdp_loss accepted without an economy";
  } catch (const InputError& e) {
    EXPECT_NE(e.diagnostics().front().message.find("economy.enabled = false"), std::string::npos);
  }
}

TEST(OptimisePlan, StatisticsViolationsAndTheFront) {
  EXPECT_DOUBLE_EQ(statistic_of({3, 1, 2, 10}, Statistic::Median), 2.5);
  EXPECT_DOUBLE_EQ(statistic_of({3, 1, 2, 10}, Statistic::Mean), 4);
  EXPECT_DOUBLE_EQ(statistic_of({3, 1, 2, 10}, Statistic::Max), 10);
  EXPECT_DOUBLE_EQ(statistic_of({3, 1, 2, 10}, Statistic::Min), 1);
  PlanConstraint c;
  c.at_most = 0.1;
  EXPECT_DOUBLE_EQ(c.violation(0.1), 0);
  EXPECT_DOUBLE_EQ(c.violation(0.6), 0.5);  // relative to max(|limit|, 1)
  c.at_most.reset();
  c.at_least = 200;
  EXPECT_DOUBLE_EQ(c.violation(100), 0.5);
  // (1,5) (2,2) (5,1) are the front; (3,3) is dominated by (2,2); (2,2) twice: neither dominates the other.
  const std::vector<std::vector<double>> f = {{3, 3}, {1, 5}, {2, 2}, {5, 1}, {2, 2}, {5, 5}};
  EXPECT_EQ(non_dominated(f), (std::vector<std::size_t>{1, 2, 3, 4}));
}

namespace {

// A scenario with two closures that end together (a compound's closure and the checks at its gates) and a reopening.
Scenario two_closures() {
  std::string text = "[scenario]\nname = \"two\"\nstart = 2020-01-01\ndays = 60\n[population]\npeople = 2000\n"
                     "[[measure]]\nid = \"compounds\"\nmeasure = \"closed_management_days\"\nvalue = 2\nfrom = 2020-01-05\nuntil = 2020-02-10\n"
                     "[[measure]]\nid = \"gates\"\nmeasure = \"gate_screening\"\nvalue = 1\nfrom = 2020-01-05\nuntil = 2020-02-10\n"
                     "[[measure]]\nid = \"schools_closed\"\nmeasure = \"school.primary\"\nvalue = 0\nuntil = 2020-02-16\n"
                     "[[measure]]\nid = \"schools_back\"\nmeasure = \"school.primary\"\nvalue = 6\nfrom = 2020-02-17\n";
  return parse_scenario(text, "two.toml");
}

const MeasureEntry& entry(const Scenario& sc, const std::string& id) {
  for (const auto& e : sc.measures)
    if (e.id == id) return e;
  throw std::runtime_error("no measure " + id);
}

}  // namespace

TEST(OptimisePlan, AlsoKeysTakeTheVariablesValue) {
  const Scenario sc = two_closures();
  const auto plan = parse_plan("[[variable]]\nkey = \"measure.compounds.until\"\nalso = [\"measure.gates.until\"]\n"
                               "lo = 2020-01-06\nhi = 2020-03-31\n"
                               "[[variable]]\nkey = \"measure.schools_back.from\"\nlo = 2020-01-10\nhi = 2020-03-31\n" + std::string(kObjectives),
                               "plan.toml", sc);
  ASSERT_EQ(plan.variables.size(), 2u);
  EXPECT_EQ(plan.variables[0].also, (std::vector<std::string>{"measure.gates.until"}));
  EXPECT_TRUE(plan.variables[1].also.empty());
  const auto pairs = plan_assignments(plan, {"2020-01-20", "2020-01-25"});
  EXPECT_EQ(pairs, (std::vector<std::pair<std::string, std::string>>{
                       {"measure.compounds.until", "2020-01-20"}, {"measure.gates.until", "2020-01-20"}, {"measure.schools_back.from", "2020-01-25"}}));
  const Scenario moved = sweep_member(sc, SweepPoint{pairs});
  EXPECT_EQ(format_date(entry(moved, "compounds").until), "2020-01-20");
  EXPECT_EQ(format_date(entry(moved, "gates").until), "2020-01-20");  // moved with it
  EXPECT_EQ(format_date(entry(moved, "gates").from), "2020-01-05");
  EXPECT_EQ(format_date(entry(moved, "schools_back").from), "2020-01-25");
  EXPECT_EQ(format_date(entry(moved, "schools_closed").until), "2020-01-24");  // the closure before it ends the day before
  // Unmoved, the scenario keeps its own dates.
  EXPECT_EQ(format_date(entry(sc, "gates").until), "2020-02-10");
}

TEST(OptimisePlan, AlsoKeysWrongAreReportedWithLineAndKey) {
  const Scenario sc = two_closures();
  auto problems_of = [&](const std::string& also) {
    try {
      parse_plan("[[variable]]\nkey = \"measure.compounds.until\"\nlo = 2020-01-06\nhi = 2020-03-31\n" + also + std::string(kObjectives),
                 "plan.toml", sc);
    } catch (const InputError& e) {
      return e.diagnostics();
    }
    return std::vector<Diagnostic>{};
  };
  EXPECT_TRUE(has(problems_of("also = [\"measure.gats.until\"]\n"), 5, "measure.gats.until", "did you mean \"gates\""));
  EXPECT_TRUE(has(problems_of("also = [\"measure.gates.value\"]\n"), 5, "measure.gates.value", "is a whole number while"));
  EXPECT_TRUE(has(problems_of("also = [\"transmission.r0\"]\n"), 5, "transmission.r0", "is a number while measure.compounds.until is a date"));
  EXPECT_TRUE(has(problems_of("also = [\"measure.compounds.until\"]\n"), 5, "measure.compounds.until", "the same variable twice"));
  EXPECT_TRUE(has(problems_of("also = []\n"), 5, "measure.compounds.until.also", "expected an array of keys"));
  EXPECT_TRUE(has(problems_of("also = \"measure.gates.until\"\n"), 5, "measure.compounds.until.also", "expected an array of keys"));
  EXPECT_TRUE(has(problems_of("also = [3]\n"), 5, "measure.compounds.until.also", "expected a key"));
  // A key given as another variable's also, then as a key of its own.
  EXPECT_TRUE(has(problems_of("also = [\"measure.gates.until\"]\n[[variable]]\nkey = \"measure.gates.until\"\nlo = 2020-01-06\nhi = 2020-03-31\n"),
                  7, "measure.gates.until", "the same variable twice"));
  EXPECT_TRUE(problems_of("also = [\"measure.gates.until\", \"measure.gates.from\"]\n").empty());
}

TEST(OptimisePlan, TheScenarioOwnValues) {
  const Scenario sc = base();
  EXPECT_EQ(variable_value(sc, "measure.lockdown.until"), std::optional<std::string>("2020-02-10"));
  EXPECT_EQ(variable_value(sc, "measure.lockdown.value"), "0.1");
  EXPECT_EQ(variable_value(sc, "transmission.r0"), "2.5");
  EXPECT_EQ(variable_value(sc, "measure.nothing.from"), std::nullopt);
}

TEST(OptimisePlan, FiguresInMemoryAreTheNamesAPlanMayUse) {
  Scenario sc = base();
  apply_overrides(sc, {"population.people=2000", "scenario.days=5"});
  ScenarioRunner runner;
  const auto figures = plan_figures(*runner.simulate(sc));
  const auto& names = plan_figure_names();
  // Every figure computed has a name a plan may use (a new scorecard figure is added to the list) ...
  for (const auto& [name, value] : figures) EXPECT_TRUE(std::binary_search(names.begin(), names.end(), name)) << name;
  // ... and every name is computed, but for those of periods the run does not reach and the supplies it does not track.
  for (const auto& name : names) {
    const bool conditional = name.starts_with("economy.periods.march") || name.starts_with("economy.periods.april") ||
                             name.starts_with("health.supply_shortage_days") || name == "economy.spring_planted_share" ||
                             name == "economy.agriculture_season_output_index";  // null before the spring planting
    if (!conditional) {
      EXPECT_TRUE(figures.contains(name)) << name;
    }
  }
  EXPECT_EQ(figures.at("probability_of_rebound"), 0);
  EXPECT_DOUBLE_EQ(figures.at("gdp_loss"), -figures.at("economy.gdp_change"));
  EXPECT_EQ(figures.at("days_to_zero"), figures.at("health.zero_active_confirmed_date"));
}

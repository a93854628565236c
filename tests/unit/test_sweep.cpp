// Unit tests of the sweep's pieces: the Latin hypercube's strata, the variables (measure ids, schedule values,
// parameters) applied to a scenario, sweep.csv's flattening, and the command-line forms.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "plans/sweep.hpp"
#include "scenario/sweep_variable.hpp"

using namespace tongchou;

namespace {

std::string first_key(const InputError& e) { return e.diagnostics().empty() ? "" : e.diagnostics().front().key; }

const MeasureEntry& entry(const Scenario& sc, const std::string& id) {
  const MeasureEntry* e = find_measure_id(sc, id);
  EXPECT_NE(e, nullptr) << id;
  return *e;
}

}  // namespace

TEST(Sweep, LatinHypercubeHasOnePointPerStratum) {
  const Scenario sc = load_scenario("yunyang");
  const auto points = latin_hypercube(sc, {{"transmission.r0", "1", "3"}, {"measure.work_feb10.from", "2020-02-01", "2020-02-07"},
                                           {"scenario.days", "10", "16"}}, 7, 42);
  ASSERT_EQ(points.size(), 7u);
  std::set<int> r0_strata, days, whole;
  for (const auto& p : points) {
    ASSERT_EQ(p.values.size(), 3u);
    const double r0 = std::stod(p.values[0].second);
    EXPECT_GE(r0, 1.0);
    EXPECT_LE(r0, 3.0);
    r0_strata.insert(std::min(6, static_cast<int>((r0 - 1.0) / (2.0 / 7))));
    days.insert(parse_date(p.values[1].second)->days);  // 7 days, 7 strata: every day once
    whole.insert(std::stoi(p.values[2].second));
  }
  EXPECT_EQ(r0_strata.size(), 7u);
  EXPECT_EQ(days.size(), 7u);
  EXPECT_EQ(*days.begin(), parse_date("2020-02-01")->days);
  EXPECT_EQ(whole, (std::set<int>{10, 11, 12, 13, 14, 15, 16}));
  // Seeded: the same seed gives the same design, another seed another.
  const auto again = latin_hypercube(sc, {{"transmission.r0", "1", "3"}}, 7, 42);
  const auto other = latin_hypercube(sc, {{"transmission.r0", "1", "3"}}, 7, 43);
  EXPECT_EQ(again[3].values[0].second, points[3].values[0].second);
  EXPECT_NE(other[3].values[0].second, points[3].values[0].second);
}

TEST(Sweep, MeasureDatesKeepAdjacentEntriesBackToBack) {
  Scenario sc = load_scenario("yunyang");
  apply_variables(sc, {{"measure.senior3_back.from", "2020-04-06"}, {"measure.work_feb10.value", "0.25"}}, "--param");
  EXPECT_EQ(format_date(entry(sc, "senior3_back").from), "2020-04-06");
  EXPECT_EQ(format_date(entry(sc, "senior_closed").until), "2020-04-05");  // was 2020-04-19, the day before 04-20
  EXPECT_DOUBLE_EQ(entry(sc, "work_feb10").value, 0.25);
  apply_variables(sc, {{"measure.work_feb10.until", "2020-02-29"}}, "--param");
  EXPECT_EQ(format_date(entry(sc, "work_feb24").from), "2020-03-01");
}

TEST(Sweep, BothDatesOfAnEntryAreJudgedTogether) {
  // The lockdown runs 2020-01-01..2020-02-10: moving both dates past its end is one entry later, in either order.
  const Scenario base = load_scenario(std::string(TONGCHOU_SOURCE_DIR) + "/examples/plans/reopening-synthetic.toml");
  for (const bool from_first : {true, false}) {
    Scenario sc = base;
    std::vector<std::pair<std::string, std::string>> later = {{"measure.lockdown.from", "2020-03-01"}, {"measure.lockdown.until", "2020-03-20"}};
    if (!from_first) std::swap(later[0], later[1]);
    apply_variables(sc, later, "point");
    EXPECT_EQ(format_date(entry(sc, "lockdown").from), "2020-03-01");
    EXPECT_EQ(format_date(entry(sc, "lockdown").until), "2020-03-20");
  }
  // An entry that ends before it begins once every key is set is refused, once, named by the last key that moved it.
  Scenario sc = base;
  try {
    apply_variables(sc, {{"measure.lockdown.until", "2020-02-20"}, {"measure.lockdown.from", "2020-03-01"}}, "point");
    ADD_FAILURE() << "an entry ending before it begins was accepted";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(first_key(e), "measure.lockdown.from");
    EXPECT_NE(e.diagnostics().front().message.find("until 2020-02-20 is before from 2020-03-01"), std::string::npos)
        << e.diagnostics().front().to_string();
  }
}

TEST(Sweep, ScheduleValuesAndParameters) {
  Scenario sc = load_scenario("yunyang");
  apply_variables(sc, {{"schedule.2020-02-08.health.onset_to_visit_mean", "1.25"}, {"transmission.r0", "2.75"}}, "--param");
  EXPECT_DOUBLE_EQ(sc.params.transmission_r0, 2.75);
  bool found = false;
  for (const auto& e : sc.schedule)
    if (format_date(e.date) == "2020-02-08") {
      found = true;
      EXPECT_DOUBLE_EQ(e.values.health_onset_to_visit_mean, 1.25);
    }
  EXPECT_TRUE(found);
}

TEST(Sweep, BadVariablesNameTheKey) {
  const Scenario base = load_scenario("yunyang");
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"measure.nope.value", "1"}, {"measure.work_feb10.value", "1.5"}, {"measure.work_feb10.colour", "1"},
           {"measure.senior3_back.from", "2020-05-01"}, {"measure.work_feb10.from", "soon"},
           {"schedule.2020-02-09.health.onset_to_visit_mean", "1"}, {"transmission.rr0", "2"}, {"transmission.r0", "-1"}}) {
    Scenario sc = base;
    try {
      apply_variables(sc, {{key, value}}, "--param");
      ADD_FAILURE() << key << "=" << value << " was accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(first_key(e), key) << e.diagnostics().front().to_string();
      EXPECT_EQ(e.diagnostics().front().file, "--param");
    }
  }
  EXPECT_EQ(variable_type(base, "measure.work_feb10.from", "--range"), VariableType::Date);
  EXPECT_EQ(variable_type(base, "measure.work_feb10.value", "--range"), VariableType::Real);
  EXPECT_EQ(variable_type(base, "scenario.days", "--range"), VariableType::Int);
  EXPECT_EQ(variable_type(base, "zoning.high.work", "--range"), VariableType::Real);
}

TEST(Sweep, PointsCheckCountsAndBounds) {
  const Scenario base = load_scenario("yunyang");
  auto key_of = [&](SweepOptions o) {
    try {
      sweep_points(base, o);
    } catch (const InputError& e) {
      return first_key(e);
    }
    return std::string("accepted");
  };
  SweepOptions o;
  o.grid = {{"transmission.r0", {"1.5", "3"}}, {"zoning.high.work", {"0", "0.5", "1"}}};
  const auto grid = sweep_points(base, o);
  ASSERT_EQ(grid.size(), 6u);
  EXPECT_EQ(grid[1].values[0].second, "1.5");  // the first key varies slowest
  EXPECT_EQ(grid[1].values[1].second, "0.5");
  SweepOptions runs0 = o;
  runs0.runs = 0;
  EXPECT_EQ(key_of(runs0), "--runs");
  SweepOptions no_range;
  no_range.samples = 3;
  EXPECT_EQ(key_of(no_range), "--samples");
  SweepOptions reversed;
  reversed.samples = 3;
  reversed.ranges = {{"transmission.r0", "3", "1"}};
  EXPECT_EQ(key_of(reversed), "transmission.r0");
  reversed.ranges = {{"measure.work_feb10.from", "2020-02-20", "2020-02-10"}};
  EXPECT_EQ(key_of(reversed), "measure.work_feb10.from");
  EXPECT_EQ(key_of(SweepOptions{}), "--param");
}

TEST(Sweep, CsvFlattensScorecardsAndBands) {
  nlohmann::ordered_json run = {{"health", {{"infections", 10.0}, {"peak_date", "2020-02-01"}, {"never", nullptr}}},
                                {"economy", {{"periods", {{"q1", {{"gdp_change", -0.1}}}}}, {"by_sector", {1, 2}}}},
                                {"population", {{"persons", 5}}}};
  const std::string csv = sweep_csv({"transmission.r0"}, {SweepPoint{{{"transmission.r0", "2"}}}}, {run}, 1);
  EXPECT_EQ(csv, "point,transmission.r0,health.infections,health.peak_date,health.never,economy.periods.q1.gdp_change\n"
                 "0001,2,10.0,2020-02-01,,-0.1\n");
  nlohmann::ordered_json ens = {{"probability_of_rebound", 0.5},
                                {"bands", {{"health", {{"deaths", {{"median", 2.0}, {"p5", 1.0}, {"p95", 3.5}, {"runs", 4}}}}}}}};
  EXPECT_EQ(sweep_csv({"k"}, {SweepPoint{{{"k", "x,y"}}}}, {ens}, 4),
            "point,k,health.deaths,health.deaths_p5,health.deaths_p95,probability_of_rebound\n0001,\"x,y\",2.0,1.0,3.5,0.5\n");
}

TEST(Sweep, CommandLineForms) {
  const auto p = parse_param_option("measure.work_feb10.from=2020-02-10, 2020-02-17");
  EXPECT_EQ(p.first, "measure.work_feb10.from");
  EXPECT_EQ(p.second, (std::vector<std::string>{"2020-02-10", "2020-02-17"}));
  const auto r = parse_range_option("measure.work_feb10.from=2020-02-10:2020-02-17");
  EXPECT_EQ(r.lo, "2020-02-10");
  EXPECT_EQ(r.hi, "2020-02-17");
  EXPECT_THROW(parse_param_option("transmission.r0"), InputError);
  EXPECT_THROW(parse_param_option("transmission.r0=1,,2"), InputError);
  EXPECT_THROW(parse_range_option("transmission.r0=1"), InputError);
}

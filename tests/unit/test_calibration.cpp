// Unit tests of `tongchou calibrate`'s pieces: FIT.toml (every field, and its errors with file:line:key), the observed
// series (a column that does not exist, missing dates, negative counts), the loss (values computed by hand), the
// evaluations (one population, recalibrated for a fitted transmission parameter, runs cut at the last observed day
// equal to whole runs) and calibration.csv (resumed exactly, a row cut short dropped, another fit's refused).
#include <gtest/gtest.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "calibration/calibrate.hpp"
#include "calibration/calibration_log.hpp"
#include "calibration/fit_loss.hpp"
#include "calibration/fit_spec.hpp"
#include "calibration/observed_counts.hpp"
#include "core/error.hpp"
#include "plans/sweep.hpp"

using namespace tongchou;

namespace {

Scenario small_scenario(int days = 30) {
  Scenario sc = load_scenario("uncontrolled");
  apply_overrides(sc, {"population.people=3000", fmt::format("scenario.days={}", days), "health.case_finding=true",
                       "health.case_finding_start=2020-01-01"});
  return sc;
}

std::vector<Diagnostic> problems_of(const std::string& text, const Scenario& base, const std::string& source = "fit.toml") {
  try {
    parse_fit(text, source, base);
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

bool has(const std::vector<Diagnostic>& ds, const std::string& key, const std::string& fragment, int line = -1) {
  for (const auto& d : ds)
    if (d.key == key && d.message.find(fragment) != std::string::npos && (line < 0 || d.line == line)) return true;
  return false;
}

std::string dump(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds) s += d.to_string() + "\n";
  return s;
}

std::filesystem::path temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("tongchou-calibration-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

TEST(CalibrationFit, ReadsEveryField) {
  const Scenario sc = load_scenario("yunyang");
  const FitSpec f = parse_fit(R"(
[[parameter]]
key = "transmission.r0"
lo = 1.5
hi = 4
prior = "normal"
mean = 2.5
sd = 0.5
start = 2.2

[[parameter]]
key = "measure.work_feb10.from"
lo = 2020-02-03
hi = 2020-02-17

[[parameter]]
key = "health.care_seeking"
lo = 0.1
hi = 1
log = true
prior = "lognormal"
mu = -0.5
sigma = 0.3

[[observed]]
from = 2020-01-25
until = 2020-02-20
weight = 2

[loss]
cumulative_weight = 3

[evaluation]
seeds = [4, 9]

[search]
algorithm = "bobyqa"
budget = 40
seed = 7
step = 0.1

[report]
runs = 5
)", "dir/fit.toml", sc);
  ASSERT_EQ(f.parameters.size(), 3u);
  EXPECT_EQ(f.parameters[0].key, "transmission.r0");
  EXPECT_EQ(f.parameters[0].prior, PriorKind::Normal);
  EXPECT_DOUBLE_EQ(f.parameters[0].sd, 0.5);
  EXPECT_DOUBLE_EQ(*f.parameters[0].start, 2.2);
  EXPECT_EQ(f.parameters[1].type, VariableType::Date);
  EXPECT_EQ(f.parameters[1].lo, parse_date("2020-02-03")->days);
  EXPECT_TRUE(f.parameters[2].log);
  EXPECT_EQ(f.parameters[2].prior, PriorKind::LogNormal);
  ASSERT_EQ(f.observed.size(), 1u);
  EXPECT_TRUE(f.observed[0].file.empty());  // the region's series
  EXPECT_EQ(format_date(*f.observed[0].until), "2020-02-20");
  EXPECT_DOUBLE_EQ(f.observed[0].weight, 2);
  EXPECT_DOUBLE_EQ(f.loss.cumulative_weight, 3);
  EXPECT_EQ(f.seeds, (std::vector<std::int64_t>{4, 9}));
  EXPECT_EQ(f.algorithm, "bobyqa");
  EXPECT_EQ(f.budget, 40);
  EXPECT_EQ(f.search_seed, 7u);
  EXPECT_EQ(f.report_runs, 5);
  // Defaults: the region's series, seeds 1 and 2, sbplx.
  const FitSpec d = parse_fit("[[parameter]]\nkey = \"transmission.r0\"\nlo = 1\nhi = 3\n", "f.toml", sc);
  EXPECT_EQ(d.observed.size(), 1u);
  EXPECT_EQ(d.seeds, (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(d.algorithm, "sbplx");
}

TEST(CalibrationFit, ReportsEveryProblemWithLineAndKey) {
  const Scenario sc = load_scenario("yunyang");
  EXPECT_TRUE(has(problems_of("[search]\nbudget = 10\n", sc), "parameter", "no free parameter"));
  const auto ds = problems_of(R"([[parameter]]
key = "transmission.r0"
lo = 3
hi = 2

[[parameter]]
key = "transmision.r0"
lo = 1
hi = 2

[[parameter]]
key = "health.care_seeking"
lo = 1
hi = 2
prior = "normal"
mean = 1

[[observed]]
file = "no-such-file.csv"
value = "confirmed"
weight = -1

[evaluation]
seeds = 0

[serch]
budget = 3
)", sc, "/tmp/fit.toml");
  EXPECT_TRUE(has(ds, "transmission.r0.hi", "bounds reversed", 4)) << dump(ds);
  EXPECT_TRUE(has(ds, "transmision.r0", "transmission.r0", 7)) << dump(ds);  // a suggestion, on the key's line
  EXPECT_TRUE(has(ds, "health.care_seeking.sd", "needs sd", 11)) << dump(ds);
  EXPECT_TRUE(has(ds, "observed.file", "no such file", 19)) << dump(ds);
  EXPECT_TRUE(has(ds, "observed.weight", "greater than 0", 21)) << dump(ds);
  EXPECT_TRUE(has(ds, "evaluation.seeds", "1 to 1000", 24)) << dump(ds);
  EXPECT_TRUE(has(ds, "serch", "did you mean \"search\"", 26)) << dump(ds);
  for (const auto& d : ds) EXPECT_EQ(d.file, "/tmp/fit.toml") << d.to_string();
  EXPECT_TRUE(has(problems_of("[[parameter]]\nkey = \"transmission.r0\"\nlo = 1\n", sc), "transmission.r0.hi", "needs its bounds"));
  EXPECT_TRUE(has(problems_of("[[parameter]]\nkey = \"scenario.region\"\nlo = 1\nhi = 2\n", sc), "scenario.region", "cannot be fitted"));
  EXPECT_TRUE(has(problems_of("[[parameter]]\nkey = \"transmission.r0\"\nlo = 0\nhi = 2\nlog = true\n", sc), "transmission.r0.log", "lo > 0"));
  EXPECT_TRUE(has(problems_of("[[parameter]]\nkey = \"transmission.r0\"\nlo = 1\nhi = 2\nstart = 5\n", sc), "transmission.r0.start", "outside"));
  EXPECT_TRUE(has(problems_of("[[parameter]]\nkey = \"transmission.r0\"\nlo = 1\nhi = 2\n[search]\nalgorithm = \"magic\"\n", sc),
                  "search.algorithm", "unknown algorithm"));
  EXPECT_TRUE(has(problems_of("[[parameter]]\nkey = \"transmission.r0\"\nlo = 1\nhi = 2\n[[observed]]\nfrom = 2020-03-01\nuntil = 2020-02-01\n", sc),
                  "observed.until", "before"));
  EXPECT_FALSE(problems_of("[[parameter]]\nkey = \"transmission.r0\"\nlo = 1\nhi = 2\nkey2 = 1\n", sc).empty());
  EXPECT_TRUE(has(problems_of("[[parameter]\n", sc), "", "malformed TOML"));
}

TEST(CalibrationObserved, ChecksColumnsDatesAndCounts) {
  const Scenario sc = small_scenario(10);  // 2020-01-01 .. 2020-01-10
  const Simulation sim(sc);
  const auto dir = temp_dir("observed");
  auto series = [&](const std::string& csv, const std::string& extra = "") {
    std::ofstream(dir / "cases.csv") << csv;
    const FitSpec f = parse_fit("[[parameter]]\nkey = \"transmission.r0\"\nlo = 1\nhi = 2\n[[observed]]\nfile = \"cases.csv\"\nvalue = \"n\"\n" + extra,
                                (dir / "fit.toml").string(), sc);
    return read_observed_all(f, sim);
  };
  auto errors = [&](const std::string& csv, const std::string& extra = "") {
    try {
      series(csv, extra);
    } catch (const InputError& e) {
      return e.diagnostics();
    }
    return std::vector<Diagnostic>{};
  };
  const auto ok = series("date,n\n2019-12-31,4\n2020-01-02,1\n2020-01-03,0\n2020-01-04,7\n", "");
  ASSERT_EQ(ok.size(), 1u);
  EXPECT_EQ(ok[0].first_day, 1);  // 2020-01-02; the day before the scenario is outside the simulated days
  EXPECT_EQ(ok[0].daily, (std::vector<double>{1, 0, 7}));
  const auto cum = series("date,n\n2020-01-02,3\n2020-01-03,5\n2020-01-04,9\n", "kind = \"cumulative\"\nfrom = 2020-01-03\n");
  EXPECT_EQ(cum[0].first_day, 2);
  EXPECT_EQ(cum[0].daily, (std::vector<double>{2, 4}));  // differences from the row before the window
  auto d = errors("date,count\n2020-01-02,1\n");
  EXPECT_TRUE(has(d, "n", "no such column", 1)) << dump(d);
  d = errors("date,n\n2020-01-02,1\n2020-01-04,2\n");
  EXPECT_TRUE(has(d, "date", "missing dates", 3)) << dump(d);
  d = errors("date,n\n2020-01-02,1\n2020-01-03,-2\n");
  EXPECT_TRUE(has(d, "n", "negative count", 3)) << dump(d);
  EXPECT_EQ(d[0].column, 2);
  d = errors("date,n\n2020-01-02,5\n2020-01-03,2\n", "kind = \"cumulative\"\n");
  EXPECT_TRUE(has(d, "n", "falls", 3)) << dump(d);
  d = errors("date,n\n2020-01-02,1\n", "until = 2020-03-01\n");
  EXPECT_TRUE(has(d, "observed.until", "outside the simulated days")) << dump(d);
  // A synthetic region has no reported series: the default needs a file.
  const FitSpec f = parse_fit("[[parameter]]\nkey = \"transmission.r0\"\nlo = 1\nhi = 2\n", "fit.toml", sc);
  EXPECT_THROW(read_observed_all(f, sim), InputError);
  std::filesystem::remove_all(dir);
}

TEST(CalibrationLoss, ValuesComputedByHand) {
  // 2 * [ (0 - (0 - 1)) + (2 ln(2/2) - 0) + (5 ln(5/0.5) - (5 - 0.5)) ] = 2 * (1 + 5 ln 10 - 4.5)
  EXPECT_NEAR(poisson_deviance({0, 2, 5}, {1, 2, 0}), 2 * (1 + 5 * std::log(10.0) - 4.5), 1e-12);
  EXPECT_DOUBLE_EQ(poisson_deviance({3, 4}, {3, 4}), 0);
  EXPECT_NEAR(cumulative_log_ratio2(7, 3), std::pow(std::log(0.5), 2), 1e-15);
  ObservedCounts s;
  s.first_day = 1, s.daily = {0, 2, 5}, s.weight = 2;
  LossSpec loss;
  loss.cumulative_weight = 10;
  // The window takes simulated days 1..3; totals 7 observed, 3 simulated.
  EXPECT_NEAR(run_loss({s}, {9, 1, 2, 0, 9}, loss), 2 * (2 * (1 + 5 * std::log(10.0) - 4.5) + 10 * std::pow(std::log(0.5), 2)), 1e-12);
  FitParameter p;
  p.prior = PriorKind::Normal, p.mean = 2, p.sd = 0.5;
  EXPECT_DOUBLE_EQ(prior_penalty(p, 3), 4);
  p.prior = PriorKind::LogNormal, p.mean = 0, p.sd = 1;
  EXPECT_NEAR(prior_penalty(p, std::exp(1.0)), 1 + 2, 1e-12);
  p.prior = PriorKind::Uniform;
  EXPECT_DOUBLE_EQ(prior_penalty(p, 3), 0);
}

TEST(CalibrationEvaluation, PreparedBeforeTheRunsOnceForAll) {
  // What an ensemble does before its runs: the population and its calibration made once, found made by the runs.
  const Scenario sc = small_scenario(10);
  ScenarioRunner runner;
  runner.prepare(sc);
  EXPECT_EQ(runner.populations_made(), 1u);
  const auto a = runner.simulate(sc);
  EXPECT_EQ(a->timings().calibration_seconds, 0.0);  // not calibrated in the run: found made
  EXPECT_EQ(runner.populations_made(), 1u);
  const Simulation fresh(sc);
  EXPECT_GT(fresh.timings().calibration_seconds, 0.0);
  EXPECT_DOUBLE_EQ(a->transmission_rates().beta, fresh.transmission_rates().beta);
}

TEST(CalibrationEvaluation, OnePopulationRecalibratedAndCutRunsEqualWholeRuns) {
  const Scenario base = small_scenario(30);
  ScenarioRunner runner;
  const Scenario lo = sweep_member(base, SweepPoint{{{"transmission.r0", "1.5"}}});
  const Scenario hi = sweep_member(base, SweepPoint{{{"transmission.r0", "3"}}});
  const auto a = runner.simulate(lo);
  const auto b = runner.simulate(hi);
  EXPECT_EQ(runner.populations_made(), 1u);  // nothing re-synthesised
  // The fitted transmission parameter recalibrates: each run's rates are those of a run on its own population.
  EXPECT_NE(a->transmission_rates().beta, b->transmission_rates().beta);
  const Simulation fresh(hi);
  EXPECT_DOUBLE_EQ(b->transmission_rates().beta, fresh.transmission_rates().beta);
  EXPECT_DOUBLE_EQ(b->transmission_rates().r0, fresh.transmission_rates().r0);
  // Runs stopped on day 20 (the last observed day) equal the first 20 days of whole runs, and any thread count.
  const auto cut = simulate_seeds(hi, {1, 2}, 20, 2, runner, nullptr);
  const auto whole = simulate_seeds(hi, {1, 2}, 0, 1, runner, nullptr);
  ASSERT_EQ(cut.size(), 2u);
  ASSERT_EQ(cut[0].size(), 20u);
  ASSERT_EQ(whole[0].size(), 30u);
  double cases = 0;
  for (std::size_t s = 0; s < 2; ++s)
    for (std::size_t d = 0; d < 20; ++d) {
      EXPECT_EQ(cut[s][d], whole[s][d]) << "seed " << s + 1 << " day " << d;
      cases += cut[s][d];
    }
  EXPECT_GT(cases, 0);  // the comparison means something
  EXPECT_NE(cut[0], cut[1]);  // the seeds differ
  EXPECT_EQ(runner.populations_made(), 1u);
}

TEST(CalibrationLog, ResumesExactlyDropsACutRowRefusesAnotherFit) {
  const auto dir = temp_dir("log");
  const auto file = dir / "calibration.csv";
  {
    CalibrationLog log(file, {"transmission.r0", "measure.a.from"}, {1, 2}, "abc");
    log.append({1, {"2.5", "2020-02-10"}, 0.1 + 0.2, {1.0 / 3, 2e-300}});
    log.append({2, {"1.75", "2020-02-11"}, 12345.678, {7, 8}});
  }
  CalibrationLog again(file, {"transmission.r0", "measure.a.from"}, {1, 2}, "abc");
  ASSERT_EQ(again.rows().size(), 2u);
  EXPECT_EQ(again.rows()[0].values[1], "2020-02-10");
  EXPECT_EQ(again.rows()[0].loss, 0.1 + 0.2);  // every digit
  EXPECT_EQ(again.rows()[0].seed_losses[0], 1.0 / 3);
  EXPECT_EQ(again.rows()[0].seed_losses[1], 2e-300);
  std::ofstream(file, std::ios::app) << "3,2.0,2020-02";  // a crash in the middle of a row
  CalibrationLog cut(file, {"transmission.r0", "measure.a.from"}, {1, 2}, "abc");
  EXPECT_EQ(cut.rows().size(), 2u);
  EXPECT_THROW(CalibrationLog(file, {"transmission.r0", "measure.a.from"}, {1, 2}, "other"), OutputError);
  EXPECT_THROW(CalibrationLog(file, {"transmission.r0"}, {1, 2}, "abc"), OutputError);
  std::filesystem::remove_all(dir);
}

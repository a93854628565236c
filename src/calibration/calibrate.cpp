#include "calibration/calibrate.hpp"

#include <omp.h>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <exception>
#include <map>
#include <mutex>
#include <nlopt.hpp>
#include <set>
#include <thread>

#include "calibration/calibration_report.hpp"
#include "calibration/fit_loss.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "plans/ensemble.hpp"
#include "plans/parallel_runs.hpp"
#include "plans/sweep.hpp"

namespace tongchou {

namespace {

double to_value(const FitParameter& p, double u) {
  u = std::clamp(u, 0.0, 1.0);
  if (p.log) return std::exp(std::log(p.lo) + u * (std::log(p.hi) - std::log(p.lo)));
  return p.lo + u * (p.hi - p.lo);
}

double to_unit(const FitParameter& p, double x) {
  if (p.log) return (std::log(x) - std::log(p.lo)) / (std::log(p.hi) - std::log(p.lo));
  return (x - p.lo) / (p.hi - p.lo);
}

// The number a value's text stands for (a date: its day number).
double numeric_value(const FitParameter& p, const std::string& text) {
  if (p.type == VariableType::Date) return static_cast<double>(parse_date(text).value_or(Date{0}).days);
  double v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

nlohmann::ordered_json json_value(const FitParameter& p, double x) {
  if (p.type == VariableType::Date) return format_date(Date{static_cast<std::int32_t>(std::lround(x))});
  if (p.type == VariableType::Int) return static_cast<std::int64_t>(std::llround(x));
  return x;
}

nlopt::algorithm algorithm_of(const std::string& name) {
  if (name == "bobyqa") return nlopt::LN_BOBYQA;
  if (name == "neldermead") return nlopt::LN_NELDERMEAD;
  if (name == "cobyla") return nlopt::LN_COBYLA;
  return nlopt::LN_SBPLX;
}

// What decides an evaluation's losses: the scenario, the observed series, the loss, the seeds and the priors (not
// the bounds, the algorithm or the budget: a point's loss does not depend on them).
std::string setup_text(const Scenario& base, const FitSpec& fit, const std::vector<ObservedCounts>& observed) {
  std::string s = resolved_toml(base);
  for (const auto& o : observed) {
    s += fmt::format("observed {} {} {}:", o.name, o.first_day, o.weight);
    for (double y : o.daily) s += fmt::format(" {}", y);
    s += "\n";
  }
  s += fmt::format("loss {} {}\nseeds", fit.loss.kind, fit.loss.cumulative_weight);
  for (auto k : fit.seeds) s += fmt::format(" {}", k);
  for (const auto& p : fit.parameters) s += fmt::format("\nparameter {} prior {} {} {}", p.key, static_cast<int>(p.prior), p.mean, p.sd);
  return s;
}

double mean_of(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0 : s / static_cast<double>(v.size());
}

double standard_error(const std::vector<double>& v) {
  if (v.size() < 2) return 0;
  const double m = mean_of(v);
  double ss = 0;
  for (double x : v) ss += (x - m) * (x - m);
  return std::sqrt(ss / static_cast<double>(v.size() - 1)) / std::sqrt(static_cast<double>(v.size()));
}

std::string values_text(const FitSpec& fit, const std::vector<std::string>& values) {
  std::string s;
  for (std::size_t j = 0; j < values.size(); ++j) s += fmt::format("{}{}={}", j ? ", " : "", fit.parameters[j].key, values[j]);
  return s;
}

struct Search {
  const Scenario* base = nullptr;
  const FitSpec* fit = nullptr;
  const CalibrationOptions* options = nullptr;
  ScenarioRunner* runner = nullptr;
  const std::vector<ObservedCounts>* observed = nullptr;
  CalibrationLog* log = nullptr;
  int days = 0, budget = 0, calls = 0;
  std::set<std::size_t> kept_rows;  // rows of an earlier run looked up
  std::size_t rows_before = 0;
  std::map<std::vector<std::string>, std::size_t> memo;  // values -> row
  std::exception_ptr error;
  nlopt::opt* opt = nullptr;
  double best = HUGE_VAL;
  int best_index = 0;

  double evaluate(const std::vector<double>& u) {
    std::vector<std::string> values;
    double penalty = 0;
    for (std::size_t j = 0; j < u.size(); ++j) {
      const auto& p = fit->parameters[j];
      values.push_back(fitted_value_text(p, to_value(p, u[j])));
      penalty += prior_penalty(p, numeric_value(p, values.back()));
    }
    ++calls;
    const EvaluationRow* row = nullptr;
    bool was_kept = false;
    if (auto it = memo.find(values); it != memo.end()) {
      row = &log->rows()[it->second];
      was_kept = it->second < rows_before;
      if (was_kept) kept_rows.insert(it->second);
    } else {
      if (options->stop && options->stop->load()) throw RunCancelled();
      Scenario candidate = sweep_member(*base, SweepPoint{[&] {
        std::vector<std::pair<std::string, std::string>> point;
        for (std::size_t j = 0; j < values.size(); ++j) point.emplace_back(fit->parameters[j].key, values[j]);
        return point;
      }()});
      const auto runs = simulate_seeds(candidate, fit->seeds, days, options->threads, *runner, options->stop);
      EvaluationRow r;
      r.index = static_cast<int>(log->rows().size()) + 1;
      r.values = values;
      for (const auto& daily : runs) r.seed_losses.push_back(run_loss(*observed, daily, fit->loss));
      r.loss = mean_of(r.seed_losses) + penalty;
      log->append(r);
      memo.emplace(values, log->rows().size() - 1);
      row = &log->rows().back();
    }
    if (row->loss < best) best = row->loss, best_index = row->index;
    if (options->log)
      options->log(fmt::format("evaluation {}/{}: loss {:.6g}{}, best {:.6g} (evaluation {}): {}", calls, budget, row->loss,
                               was_kept ? " (kept)" : "", best, best_index, values_text(*fit, row->values)));
    return row->loss;
  }

  static double objective(const std::vector<double>& u, std::vector<double>&, void* data) {
    auto* s = static_cast<Search*>(data);
    if (s->error) return HUGE_VAL;
    try {
      return s->evaluate(u);
    } catch (...) {
      s->error = std::current_exception();
      s->opt->force_stop();
      return HUGE_VAL;
    }
  }
};

std::string csv_number(double v) { return std::isfinite(v) ? fmt::format("{:.6g}", v) : std::string(); }

}  // namespace

void check_calibration_folder(const std::filesystem::path& dir) {
  check_plan_folder(dir, "calibration", {"calibration.csv", "fitted.toml", "fitted_band.csv", "fit.json", "report.html"});
}

std::string fitted_value_text(const FitParameter& p, double x) {
  switch (p.type) {
    case VariableType::Date: return format_date(Date{static_cast<std::int32_t>(std::lround(std::clamp(x, p.lo, p.hi)))});
    case VariableType::Int: return fmt::format("{}", std::llround(std::clamp(x, p.lo, p.hi)));
    default: return fmt::format("{}", std::clamp(x, p.lo, p.hi));
  }
}

std::vector<std::vector<double>> simulate_seeds(const Scenario& candidate, const std::vector<std::int64_t>& seeds, int days, int threads,
                                                ScenarioRunner& runner, const std::atomic<bool>* stop) {
  std::vector<std::vector<double>> out(seeds.size());
  if (seeds.empty()) return out;
  const int workers = static_cast<int>(std::min<std::size_t>(seeds.size(), static_cast<std::size_t>(std::max(1, threads))));
  const int per_run = std::max(1, std::max(1, threads) / workers);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex m;
  auto work = [&] {
    omp_set_num_threads(per_run);
    for (;;) {
      const std::size_t i = next++;
      if (i >= seeds.size() || failed.load()) return;
      try {
        Scenario sc = ensemble_member(candidate, seeds[i]);
        if (days > 0) sc.params.scenario_days = days;
        std::atomic<bool> stop_this{false};
        auto sim = runner.simulate(std::move(sc), [&](int, int) {
          if (failed.load() || (stop && stop->load())) stop_this = true;
        }, &stop_this);
        const double k = sim->population().scale;
        std::vector<double> daily;
        daily.reserve(sim->daily().size());
        for (const auto& r : sim->daily()) daily.push_back(static_cast<double>(r.cases.new_confirmed) * k);
        out[i] = std::move(daily);
      } catch (...) {
        std::lock_guard lock(m);
        if (!error) error = std::current_exception();
        failed = true;
        return;
      }
    }
  };
  if (workers == 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (int w = 0; w < workers; ++w) pool.emplace_back(work);
    for (auto& t : pool) t.join();
  }
  if (error) std::rethrow_exception(error);
  return out;
}

CalibrationResult run_calibration(const Scenario& base, const FitSpec& fit, const CalibrationOptions& o, ScenarioRunner& runner) {
  check_calibration_folder(o.dir);
  // The observed series on the scenario's calendar (a Simulation set up, not run, on the runner's population).
  std::vector<ObservedCounts> observed;
  {
    const Simulation calendar(ensemble_member(base, base.params.scenario_seed), runner.population(base));
    observed = read_observed_all(fit, calendar);
  }
  int days = 0;  // the runs stop on the last observed day: later days cannot change the loss
  for (const auto& s : observed) days = std::max(days, s.last_day() + 1);
  prepare_output_directory(o.dir);

  std::vector<std::string> keys;
  for (const auto& p : fit.parameters) keys.push_back(p.key);
  CalibrationLog log(o.dir / "calibration.csv", keys, fit.seeds, fingerprint(setup_text(base, fit, observed)));

  Search s;
  s.base = &base, s.fit = &fit, s.options = &o, s.runner = &runner, s.observed = &observed, s.log = &log;
  s.days = days;
  s.budget = o.budget > 0 ? o.budget : fit.budget;
  s.rows_before = log.rows().size();
  for (std::size_t i = 0; i < log.rows().size(); ++i) s.memo.emplace(log.rows()[i].values, i);

  const std::size_t n = fit.parameters.size();
  nlopt::opt opt(algorithm_of(fit.algorithm), static_cast<unsigned>(n));
  s.opt = &opt;
  opt.set_lower_bounds(std::vector<double>(n, 0.0));
  opt.set_upper_bounds(std::vector<double>(n, 1.0));
  opt.set_maxeval(s.budget);
  opt.set_xtol_abs(1e-6);
  opt.set_initial_step(std::vector<double>(n, fit.step));
  opt.set_min_objective(&Search::objective, &s);
  nlopt::srand(fit.search_seed);  // the derivative-free local algorithms draw nothing; set for any that would
  std::vector<double> u(n, 0.5);
  for (std::size_t j = 0; j < n; ++j)
    if (fit.parameters[j].start) u[j] = std::clamp(to_unit(fit.parameters[j], *fit.parameters[j].start), 0.0, 1.0);
  double fmin = 0;
  try {
    opt.optimize(u, fmin);
  } catch (const std::exception&) {
    if (!s.error) {
      if (log.rows().empty()) throw;
      // nlopt gave up (round-off, a degenerate box): the evaluations made so far are the fit.
    }
  }
  if (s.error) std::rethrow_exception(s.error);
  if (log.rows().empty()) throw std::runtime_error("the optimiser made no evaluation");

  CalibrationResult result;
  result.evaluations = static_cast<int>(log.rows().size());
  result.kept = static_cast<int>(s.kept_rows.size());
  result.csv = log.path();
  const auto& rows = log.rows();
  std::size_t best = 0;
  for (std::size_t i = 1; i < rows.size(); ++i)
    if (rows[i].loss < rows[best].loss) best = i;
  result.best = rows[best];
  result.noise = standard_error(result.best.seed_losses);
  const double threshold = result.best.loss + 2 * result.noise;
  for (const auto& r : rows)
    if (r.loss <= threshold) result.within.push_back(r.index);

  // The fitted scenario, and its runs for the report: seeds 1..N, every day.
  std::vector<std::pair<std::string, std::string>> point;
  for (std::size_t j = 0; j < n; ++j) point.emplace_back(keys[j], result.best.values[j]);
  const Scenario fitted = sweep_member(base, SweepPoint{point});
  std::vector<std::int64_t> report_seeds;
  for (int i = 1; i <= fit.report_runs; ++i) report_seeds.push_back(i);
  if (o.log) o.log(fmt::format("the fitted scenario: {} runs for the report", fit.report_runs));
  const auto runs = simulate_seeds(fitted, report_seeds, 0, o.threads, runner, o.stop);
  const std::size_t sim_days = runs.front().size();
  std::vector<double> p5(sim_days), med(sim_days), p95(sim_days), c5(sim_days), cmed(sim_days), c95(sim_days);
  {
    std::vector<double> cum(runs.size(), 0.0);
    for (std::size_t d = 0; d < sim_days; ++d) {
      std::vector<double> day;
      for (std::size_t r = 0; r < runs.size(); ++r) day.push_back(runs[r][d]), cum[r] += runs[r][d];
      std::vector<double> c = cum;
      std::sort(day.begin(), day.end());
      std::sort(c.begin(), c.end());
      p5[d] = quantile_of_sorted(day, 0.05), med[d] = quantile_of_sorted(day, 0.5), p95[d] = quantile_of_sorted(day, 0.95);
      c5[d] = quantile_of_sorted(c, 0.05), cmed[d] = quantile_of_sorted(c, 0.5), c95[d] = quantile_of_sorted(c, 0.95);
    }
  }
  // fitted_band.csv: one row per simulated day.
  std::string band = "date,simulated_p5,simulated_median,simulated_p95,simulated_cumulative_p5,simulated_cumulative_median,"
                     "simulated_cumulative_p95";
  for (std::size_t i = 0; i < observed.size(); ++i) band += observed.size() == 1 ? std::string(",observed") : fmt::format(",observed_{}", i + 1);
  band += "\n";
  for (std::size_t d = 0; d < sim_days; ++d) {
    band += fmt::format("{},{},{},{},{},{},{}", format_date(Date{base.params.scenario_start.days + static_cast<std::int32_t>(d)}),
                        csv_number(p5[d]), csv_number(med[d]), csv_number(p95[d]), csv_number(c5[d]), csv_number(cmed[d]), csv_number(c95[d]));
    for (const auto& ob : observed) {
      const int i = static_cast<int>(d) - ob.first_day;
      band += i >= 0 && i < static_cast<int>(ob.daily.size()) ? fmt::format(",{}", ob.daily[static_cast<std::size_t>(i)]) : std::string(",");
    }
    band += "\n";
  }

  // fit.json
  nlohmann::ordered_json j;
  j["scenario"] = base.params.scenario_name;
  j["source"] = base.source;
  j["fit"] = fit.source;
  j["algorithm"] = "nlopt LN_" + std::string(fit.algorithm == "sbplx" ? "SBPLX" : fit.algorithm == "bobyqa" ? "BOBYQA"
                                                                            : fit.algorithm == "neldermead" ? "NELDERMEAD" : "COBYLA");
  j["budget"] = s.budget;
  j["evaluations"] = result.evaluations;
  j["seeds"] = fit.seeds;
  j["loss"] = {{"kind", fit.loss.kind},
               {"cumulative_weight", fit.loss.cumulative_weight},
               {"formula", "per seed: sum over series s of w_s * (2 * sum_d (y_d ln(y_d / mu_d) - (y_d - mu_d)) + c * ln((M_s + 1) / (Y_s + 1))^2), "
                           "mu_d = max(m_d, 0.5); evaluation: mean over seeds + sum of the priors' -2 ln density"}};
  nlohmann::ordered_json obs = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < observed.size(); ++i) {
    const auto& ob = observed[i];
    double y = 0, in = 0;
    for (std::size_t k = 0; k < ob.daily.size(); ++k) {
      y += ob.daily[k];
      const std::size_t d = static_cast<std::size_t>(ob.first_day) + k;
      if (ob.daily[k] >= p5[d] && ob.daily[k] <= p95[d]) ++in;
    }
    obs.push_back({{"series", ob.name},
                   {"from", format_date(Date{base.params.scenario_start.days + ob.first_day})},
                   {"until", format_date(Date{base.params.scenario_start.days + ob.last_day()})},
                   {"weight", ob.weight},
                   {"observed_total", y},
                   {"fitted_median_total", cmed[static_cast<std::size_t>(ob.last_day())] -
                                               (ob.first_day > 0 ? cmed[static_cast<std::size_t>(ob.first_day - 1)] : 0.0)},
                   {"days_inside_band", in / static_cast<double>(ob.daily.size())}});
  }
  j["observed"] = obs;
  nlohmann::ordered_json bestj;
  bestj["evaluation"] = result.best.index;
  bestj["loss"] = result.best.loss;
  bestj["seed_losses"] = result.best.seed_losses;
  nlohmann::ordered_json values;
  for (std::size_t k = 0; k < n; ++k) values[keys[k]] = json_value(fit.parameters[k], numeric_value(fit.parameters[k], result.best.values[k]));
  bestj["values"] = values;
  j["best"] = bestj;
  j["noise"] = {{"standard_error", result.noise},
                {"threshold", threshold},
                {"rule", "the evaluations whose loss is at most the best's plus 2 standard errors of the best's seed losses"},
                {"evaluations_within", result.within}};
  nlohmann::ordered_json ranges;
  for (std::size_t k = 0; k < n; ++k) {
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (int idx : result.within) {
      const double v = numeric_value(fit.parameters[k], rows[static_cast<std::size_t>(idx - 1)].values[k]);
      lo = std::min(lo, v), hi = std::max(hi, v);
    }
    ranges[keys[k]] = {{"best", values[keys[k]]}, {"lo", json_value(fit.parameters[k], lo)}, {"hi", json_value(fit.parameters[k], hi)},
                       {"search_lo", json_value(fit.parameters[k], fit.parameters[k].lo)},
                       {"search_hi", json_value(fit.parameters[k], fit.parameters[k].hi)}};
  }
  j["uncertainty"] = ranges;
  j["fitted_runs"] = fit.report_runs;
  result.fit = j;

  // fitted.toml: the scenario with the best values, and what was fitted.
  std::string head = "# Fitted by `tongchou calibrate` (docs/calibration.md).\n# fitted:\n";
  for (std::size_t k = 0; k < n; ++k) {
    const auto& p = fit.parameters[k];
    head += fmt::format("#   {} = {}  (searched in {} .. {}; within the seed noise of the best: {} .. {})\n", p.key, result.best.values[k],
                        fitted_value_text(p, p.lo), fitted_value_text(p, p.hi), ranges[p.key]["lo"].dump(), ranges[p.key]["hi"].dump());
  }
  head += "# to:\n";
  for (const auto& ob : obs)
    head += fmt::format("#   {} {} .. {} (weight {})\n", ob["series"].get<std::string>(), ob["from"].get<std::string>(),
                        ob["until"].get<std::string>(), ob["weight"].dump());
  head += fmt::format("# loss {} + {} x squared log-ratio of the totals: {:.6g} (evaluation {} of {}; {} seeds, standard error {:.3g})\n",
                      fit.loss.kind, fit.loss.cumulative_weight, result.best.loss, result.best.index, result.evaluations, fit.seeds.size(),
                      result.noise);
  if (!o.command.empty()) head += "# refit: " + o.command + "\n";
  head += "\n";

  result.fitted = o.dir / "fitted.toml";
  result.fit_json = o.dir / "fit.json";
  result.report = o.dir / "report.html";
  write_file_atomically(o.dir / "fitted_band.csv", band);
  std::string body = resolved_toml(fitted);
  if (auto at = body.find("tongchou run scenario.resolved.toml"); at != std::string::npos)
    body.replace(at, 35, "tongchou run fitted.toml");
  write_file_atomically(result.fitted, head + body);
  CalibrationReportData data;
  data.scenario = base.params.scenario_name;
  data.start = base.params.scenario_start;
  data.keys = keys;
  data.observed = observed;
  data.p5 = p5, data.median = med, data.p95 = p95, data.cum_p5 = c5, data.cum_median = cmed, data.cum_p95 = c95;
  for (const auto& r : rows) {
    std::vector<double> v;
    for (std::size_t k = 0; k < n; ++k) v.push_back(numeric_value(fit.parameters[k], r.values[k]));
    data.evaluations.push_back({r.index, v, r.loss});
  }
  for (std::size_t k = 0; k < n; ++k) data.dates.push_back(fit.parameters[k].type == VariableType::Date);
  data.best = result.best.index;
  data.within = result.within;
  data.fit = j;
  write_file_atomically(result.report, calibration_report_html(data));
  write_file_atomically(result.fit_json, j.dump(2) + "\n");
  return result;
}

}  // namespace tongchou

#include "plans/plan_evaluation.hpp"

#include <omp.h>

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cmath>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

#include "core/error.hpp"
#include "plans/ensemble.hpp"
#include "plans/plan_figures.hpp"
#include "plans/work_spread.hpp"

namespace tongchou {

std::vector<std::pair<std::string, Statistic>> scorecard_columns(const OptimisePlan& plan) {
  static const char* kFigures[] = {"health.infections", "health.deaths", "health.confirmed", "health.peak_in_hospital",
                                   "peak_beyond_beds", "days_to_zero", "gdp_loss", "economy.gdp_loss_cny_million",
                                   "economy.periods.q1.gdp_change", "gdp_loss_yoy", "jobs_lost", "probability_of_rebound"};
  std::vector<std::pair<std::string, Statistic>> out;
  for (const char* f : kFigures) {
    const std::string figure = f;
    const Statistic s = figure == "probability_of_rebound" ? Statistic::Mean : Statistic::Median;
    bool taken = false;
    for (const auto& o : plan.objectives) taken = taken || (o.figure == figure && o.statistic == s);
    for (const auto& c : plan.constraints) taken = taken || (c.figure == figure && c.statistic == s);
    if (!taken) out.emplace_back(figure, s);
  }
  return out;
}

std::vector<PlanEvaluation> evaluate_plans(const Scenario& base, const OptimisePlan& plan, const std::vector<SweepPoint>& points,
                                           ScenarioRunner& runner, int threads, const std::atomic<bool>* stop,
                                           const std::function<void(std::size_t, const PlanEvaluation&)>& on_done) {
  const std::size_t n = points.size(), k = static_cast<std::size_t>(std::max(1, plan.runs));
  std::vector<PlanEvaluation> results(n);
  std::vector<Scenario> members(n);
  std::vector<std::size_t> valid;
  for (std::size_t i = 0; i < n; ++i) {
    try {
      members[i] = sweep_member(base, points[i]);
      valid.push_back(i);
    } catch (const InputError& e) {
      std::string text;
      for (const auto& d : e.diagnostics()) text += (text.empty() ? "" : "; ") + d.key + ": " + d.message;
      results[i].problem = text;
      results[i].feasible = false;
    }
  }
  // The figures every objective and constraint reads, per plan and seed.
  std::vector<std::string> wanted;
  for (const auto& o : plan.objectives) wanted.push_back(o.figure);
  for (const auto& c : plan.constraints) wanted.push_back(c.figure);
  const std::size_t required = wanted.size();  // figures past these (the scorecard's) may be missing: NaN
  const auto scorecard = scorecard_columns(plan);
  for (const auto& [figure, statistic] : scorecard) wanted.push_back(figure);
  std::vector<std::vector<std::vector<double>>> values(n, std::vector<std::vector<double>>(wanted.size(), std::vector<double>(k)));
  std::vector<std::size_t> left(n, k);
  std::mutex m;
  auto finish = [&](std::size_t i) {  // under the lock
    PlanEvaluation& r = results[i];
    for (std::size_t j = 0; j < plan.objectives.size(); ++j) r.objectives.push_back(statistic_of(values[i][j], plan.objectives[j].statistic));
    for (std::size_t j = 0; j < plan.constraints.size(); ++j) {
      const double v = statistic_of(values[i][plan.objectives.size() + j], plan.constraints[j].statistic);
      r.constraints.push_back(v);
      r.violation += plan.constraints[j].violation(v);
    }
    for (std::size_t j = 0; j < scorecard.size(); ++j) {
      const auto& v = values[i][required + j];
      const bool known = std::none_of(v.begin(), v.end(), [](double x) { return std::isnan(x); });
      r.scorecard.push_back(known ? statistic_of(v, scorecard[j].second) : std::nan(""));
    }
    r.feasible = r.violation == 0;
    if (on_done) on_done(i, r);
  };
  for (std::size_t i = 0; i < n; ++i)
    if (!results[i].problem.empty() && on_done) on_done(i, results[i]);

  std::vector<std::pair<std::size_t, std::size_t>> tasks;  // (plan, seed index)
  for (std::size_t i : valid)
    for (std::size_t s = 0; s < k; ++s) tasks.emplace_back(i, s);
  if (tasks.empty()) return results;
  const int all = std::max(1, threads);
  const int workers = static_cast<int>(std::min<std::size_t>(tasks.size(), static_cast<std::size_t>(all)));
  const int per_run = std::max(1, all / workers);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  auto stopped = [&] { return failed.load() || (stop && stop->load()); };
  auto work = [&] {
    omp_set_num_threads(per_run);
    for (;;) {
      const std::size_t t = next++;
      if (t >= tasks.size() || stopped()) return;
      const auto [i, s] = tasks[t];
      try {
        std::atomic<bool> stop_this{false};
        auto sim = runner.simulate(ensemble_member(members[i], static_cast<std::int64_t>(s + 1)), [&](int, int) {
          if (stopped()) stop_this = true;
        }, &stop_this);
        const auto figures = plan_figures(*sim);
        sim.reset();
        std::lock_guard lock(m);
        for (std::size_t j = 0; j < wanted.size(); ++j) {
          const auto it = figures.find(wanted[j]);
          if (it == figures.end() && j >= required) {
            values[i][j][s] = std::nan("");
            continue;
          }
          if (it == figures.end())
            throw InputError({{plan.file, 0, 0, wanted[j],
                               fmt::format("this scenario's runs have no figure {} in their scorecard (a section it turns off?)", wanted[j])}});
          values[i][j][s] = it->second;
        }
        if (--left[i] == 0) finish(i);
      } catch (...) {
        std::lock_guard lock(m);
        if (!error) error = std::current_exception();
        failed = true;
        return;
      }
    }
  };
  std::vector<std::thread> pool;
  for (int w = 0; w < workers; ++w) pool.emplace_back(work);
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  if (stop && stop->load()) throw RunCancelled();
  return results;
}

namespace {

// Doubles as the hexadecimal of their bits, comma-separated: exact, NaN and its sign included.
std::string doubles_text(const std::vector<double>& values) {
  std::string out;
  for (double v : values) out.append(out.empty() ? "" : ",").append(fmt::format("{:x}", std::bit_cast<std::uint64_t>(v)));
  return out;
}

std::vector<double> doubles_from_text(const std::string& text) {
  std::vector<double> out;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    std::uint64_t bits = 0;
    const auto [q, ec] = std::from_chars(p, end, bits, 16);
    if (ec != std::errc() || (q != end && *q != ',')) throw std::runtime_error("unreadable plan evaluation from another process");
    out.push_back(std::bit_cast<double>(bits));
    p = q == end ? q : q + 1;
  }
  return out;
}

}  // namespace

std::string evaluation_text(const PlanEvaluation& e) {
  return pack_texts({doubles_text(e.objectives), doubles_text(e.constraints), doubles_text(e.scorecard), doubles_text({e.violation}),
                     e.feasible ? "1" : "0", e.problem});
}

PlanEvaluation evaluation_from_text(const std::string& text) {
  const std::vector<std::string> parts = unpack_texts(text);
  if (parts.size() != 6) throw std::runtime_error("unreadable plan evaluation from another process");
  PlanEvaluation e;
  e.objectives = doubles_from_text(parts[0]);
  e.constraints = doubles_from_text(parts[1]);
  e.scorecard = doubles_from_text(parts[2]);
  const auto violation = doubles_from_text(parts[3]);
  if (violation.size() != 1) throw std::runtime_error("unreadable plan evaluation from another process");
  e.violation = violation.front();
  e.feasible = parts[4] == "1";
  e.problem = parts[5];
  return e;
}

}  // namespace tongchou

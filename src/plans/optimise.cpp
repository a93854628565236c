#include "plans/optimise.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <tuple>

#include "core/atomic_file.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "output/run_outputs.hpp"
#include "plans/ensemble.hpp"
#include "plans/optimise_report.hpp"
#include "plans/pagmo_search.hpp"
#include "plans/parallel_runs.hpp"
#include "scenario/variable_value.hpp"

namespace tongchou {

namespace {

constexpr int kOwnPlan = -1;  // the generation of the scenario's own plan in evaluations.csv ("scenario")
// Penalties that put every infeasible plan behind every feasible one (static penalty: objectives are far below).
constexpr double kInfeasible = 1e12, kInvalid = 1e15;

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string number(double v) { return fmt::format("{}", v); }  // shortest text that reads back to the same double

std::optional<double> parse_number(const std::string& text) {
  double v = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return v;
}

struct Row {
  int generation = 0, member = 0, runs = 0;
  std::vector<std::string> values;
  PlanEvaluation eval;
};

std::string memo_key(const std::vector<std::string>& values, int runs) {
  std::string key = std::to_string(runs);
  for (const auto& v : values) key.append("\x1f").append(v);
  return key;
}

std::vector<std::string> header_of(const OptimisePlan& plan) {
  std::vector<std::string> h = {"generation", "member", "runs"};
  for (const auto& v : plan.variables) h.push_back(v.key);
  for (const auto& o : plan.objectives) h.push_back(o.column());
  for (const auto& c : plan.constraints) h.push_back(c.column());
  for (const auto& [figure, statistic] : scorecard_columns(plan)) h.push_back(figure + "." + statistic_name(statistic));
  h.insert(h.end(), {"feasible", "violation", "problem"});
  return h;
}

std::string header_line(const std::vector<std::string>& h) {
  std::string s;
  for (const auto& c : h) s.append(s.empty() ? "" : ",").append(csv_field(c));
  return s + "\n";
}

std::string row_cells(const Row& r) {
  std::string s = r.generation == kOwnPlan ? std::string("scenario") : std::to_string(r.generation);
  s.append(",").append(std::to_string(r.member)).append(",").append(std::to_string(r.runs));
  for (const auto& v : r.values) s.append(",").append(csv_field(v));
  for (double v : r.eval.objectives) s.append(",").append(number(v));
  for (double v : r.eval.constraints) s.append(",").append(number(v));
  for (double v : r.eval.scorecard) s.append(",").append(std::isnan(v) ? std::string() : number(v));
  return s;
}

class Search {
 public:
  Search(const Scenario& base, const OptimisePlan& plan, const OptimiseOptions& o, ScenarioRunner& runner)
      : base_(base), plan_(plan), o_(o), runner_(runner), header_(header_of(plan)) {}

  const std::vector<std::string>& header() const { return header_; }

  // Rows of an earlier run of this optimisation (same scenario, same columns): looked up, not run again.
  void load(const std::filesystem::path& file, const std::string& contents) {
    const CsvTable t = CsvTable::parse(file.string(), contents);
    if (t.columns() != header_)
      throw OutputError(fmt::format("{} holds the evaluations of another plan (its columns differ from this plan's variables, "
                                    "objectives and constraints): give -o a new folder, or remove it (nothing was written)",
                                    file.string()));
    const std::size_t nv = plan_.variables.size(), no = plan_.objectives.size(), nc = plan_.constraints.size();
    const std::size_t ns = scorecard_columns(plan_).size();
    for (std::size_t i = 0; i < t.rows(); ++i) {
      Row r;
      const std::string& g = t.text(i, "generation");
      r.generation = g == "scenario" ? kOwnPlan : static_cast<int>(t.integer(i, "generation"));
      r.member = static_cast<int>(t.integer(i, "member"));
      r.runs = static_cast<int>(t.integer(i, "runs"));
      for (std::size_t j = 0; j < nv; ++j) r.values.push_back(t.text(i, header_[3 + j]));
      r.eval.problem = t.text(i, "problem");
      auto read = [&](std::size_t col, std::vector<double>& out) {
        const std::string& text = t.text(i, header_[col]);
        if (text.empty()) return;
        const auto v = parse_number(text);
        if (!v) throw InputError({t.problem(i, header_[col], "expected a number")});
        out.push_back(*v);
      };
      for (std::size_t j = 0; j < no; ++j) read(3 + nv + j, r.eval.objectives);
      for (std::size_t j = 0; j < nc; ++j) read(3 + nv + no + j, r.eval.constraints);
      if (r.eval.problem.empty())
        for (std::size_t j = 0; j < ns; ++j) {
          std::vector<double> one;
          read(3 + nv + no + nc + j, one);
          r.eval.scorecard.push_back(one.empty() ? std::nan("") : one.front());
        }
      if (r.eval.problem.empty() && (r.eval.objectives.size() != no || r.eval.constraints.size() != nc))
        throw InputError({t.problem(i, "", "a row without every objective and constraint value (edited?)")});
      // Feasibility by this plan's limits (they may have changed since: the columns name figures, not limits).
      r.eval.violation = 0;
      for (std::size_t j = 0; j < r.eval.constraints.size(); ++j) r.eval.violation += plan_.constraints[j].violation(r.eval.constraints[j]);
      r.eval.feasible = r.eval.problem.empty() && r.eval.violation == 0;
      memo_.emplace(memo_key(r.values, r.runs), r.eval);
      rows_[{r.generation, r.member, r.runs}] = std::move(r);
    }
    loaded_ = rows_.size();
  }

  void write_journal() const {
    if (!leads(o_.spread)) return;  // under mpirun only the leader writes files
    std::string s = header_line(header_);
    for (const auto& [key, r] : rows_) {
      s += row_cells(r);
      if (!r.eval.problem.empty()) s += std::string(header_.size() - 6 - plan_.variables.size(), ',');
      s.append(",").append(r.eval.feasible ? "true" : "false").append(",").append(number(r.eval.violation));
      s.append(",").append(csv_field(r.eval.problem)).append("\n");
    }
    write_file_atomically(o_.dir / "evaluations.csv", s);
  }

  // Evaluates the plans of one generation (`values` per plan): looked up where known, the others run in parallel.
  std::vector<PlanEvaluation> batch(const std::vector<std::vector<std::string>>& values, int gen) {
    std::vector<PlanEvaluation> out(values.size());
    std::vector<SweepPoint> todo;
    std::vector<std::vector<std::size_t>> where;  // for each plan to run: the members of the batch that are it
    std::map<std::string, std::size_t> queued;
    int looked_up = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string key = memo_key(values[i], plan_.runs);
      if (auto it = memo_.find(key); it != memo_.end()) {
        out[i] = it->second;
        ++looked_up;
        if (resumed_.insert(key).second && loaded_ > 0) ++kept_;
        continue;
      }
      if (auto q = queued.find(key); q != queued.end()) {
        where[q->second].push_back(i);
        continue;
      }
      queued.emplace(key, todo.size());
      where.push_back({i});
      todo.push_back(SweepPoint{plan_assignments(plan_, values[i])});
    }
    // A generation may be asked for in several batches (MOEA/D asks for one plan at a time): members count on.
    const int base_member = asked_[gen];
    asked_[gen] += static_cast<int>(values.size());
    std::mutex recording;  // the leader records its own plans (its share's threads) and the others' (its main thread)
    auto record = [&](std::size_t j, const PlanEvaluation& e, bool write) {
      const std::lock_guard lock(recording);
      const std::size_t first = where[j].front();
      for (std::size_t i : where[j]) out[i] = e;
      memo_.emplace(memo_key(values[first], plan_.runs), e);
      resumed_.insert(memo_key(values[first], plan_.runs));
      Row r{gen, base_member + static_cast<int>(first), plan_.runs, values[first], e};
      rows_[{gen, r.member, r.runs}] = std::move(r);
      if (write) write_journal();
    };
    // Under mpirun the plans to run are spread over the processes (plan k to rank k % R) and every process gets
    // every result, bit for bit. The leader writes the journal as each plan finishes, its own (its share runs beside
    // its main thread) and the other processes' (each sent to it as it finishes, taken in by its main thread), and
    // again once the generation's batch is in: an interruption keeps every finished plan of every process. One
    // process alone writes it as each plan finishes.
    std::vector<std::size_t> items(todo.size());
    for (std::size_t j = 0; j < items.size(); ++j) items[j] = j;
    const std::vector<std::string> texts = spread_work_reporting(
        o_.spread, items,
        [&](const std::vector<std::size_t>& mine, const std::atomic<bool>* stop, const ItemFinished& finished) {
          std::vector<SweepPoint> points;
          for (std::size_t j : mine) points.push_back(todo[j]);
          std::vector<std::string> results(mine.size());
          evaluate_plans(base_, plan_, points, runner_, o_.threads, stop, [&](std::size_t j, const PlanEvaluation& e) {
            if (o_.spread) {
              results[j] = evaluation_text(e);
              finished(mine[j], results[j]);
            }
            if (leads(o_.spread)) record(mine[j], e, true);
          });
          return results;
        },
        o_.stop, [&](std::size_t j, const std::string& text) { record(j, evaluation_from_text(text), true); });
    if (o_.spread) {
      for (std::size_t j = 0; j < texts.size(); ++j) record(j, evaluation_from_text(texts[j]), false);
      write_journal();
    }
    evaluations_ += static_cast<int>(values.size());
    Tally& t = tally_[gen];
    t.plans += static_cast<int>(values.size());
    t.run += static_cast<int>(todo.size());
    t.looked_up += looked_up;
    for (const auto& e : out) t.feasible += e.feasible;
    return out;
  }

  // A progress line for a generation (or the scenario's own plan) once it is done.
  void report(int gen) const {
    if (!o_.log) return;
    const auto it = tally_.find(gen);
    const Tally t = it == tally_.end() ? Tally{} : it->second;
    o_.log(gen == kOwnPlan ? fmt::format("the scenario's own plan: {}", t.looked_up ? "looked up" : "evaluated")
                           : fmt::format("generation {}/{}: {} plans, {} run, {} looked up, {} feasible", gen, plan_.generations,
                                         t.plans, t.run, t.looked_up, t.feasible));
  }

  // The objectives as pagmo minimises them: maximised figures negated, infeasible plans behind every feasible one.
  std::vector<double> fitness(const PlanEvaluation& e) const {
    std::vector<double> f;
    for (std::size_t j = 0; j < plan_.objectives.size(); ++j) {
      if (!e.problem.empty()) {
        f.push_back(kInvalid);
        continue;
      }
      double v = plan_.objectives[j].maximise ? -e.objectives[j] : e.objectives[j];
      if (!e.feasible) v += kInfeasible * (1 + e.violation);
      f.push_back(v);
    }
    return f;
  }

  const std::map<std::tuple<int, int, int>, Row>& rows() const { return rows_; }
  int evaluations() const { return evaluations_; }
  int kept() const { return kept_; }
  int generation = 0;

 private:
  const Scenario& base_;
  const OptimisePlan& plan_;
  const OptimiseOptions& o_;
  ScenarioRunner& runner_;
  std::vector<std::string> header_;
  std::map<std::string, PlanEvaluation> memo_;
  std::set<std::string> resumed_;
  std::map<std::tuple<int, int, int>, Row> rows_;
  struct Tally {
    int plans = 0, run = 0, looked_up = 0, feasible = 0;
  };
  std::map<int, Tally> tally_;
  std::map<int, int> asked_;
  std::size_t loaded_ = 0;
  int evaluations_ = 0, kept_ = 0;
};

}  // namespace

std::vector<std::size_t> non_dominated(const std::vector<std::vector<double>>& f) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < f.size(); ++i) {
    bool dominated = false;
    for (std::size_t j = 0; j < f.size() && !dominated; ++j) {
      if (i == j) continue;
      bool no_worse = true, better = false;
      for (std::size_t m = 0; m < f[i].size(); ++m) {
        no_worse = no_worse && f[j][m] <= f[i][m];
        better = better || f[j][m] < f[i][m];
      }
      dominated = no_worse && better;
    }
    if (!dominated) out.push_back(i);
  }
  return out;
}

void check_optimise_folder(const std::filesystem::path& dir) {
  check_plan_folder(dir, "optimisation", {"evaluations.csv", "pareto.csv", "front", "plan.toml", "report.html", "scenario.resolved.toml"});
}

OptimiseResult run_optimise(const Scenario& base, const OptimisePlan& plan, const OptimiseOptions& o, ScenarioRunner& runner) {
  const std::string resolved = resolved_toml(base);
  std::error_code ec;
  const auto resolved_file = o.dir / "scenario.resolved.toml", journal_file = o.dir / "evaluations.csv";
  Search search(base, plan, o, runner);
  // The folder's checks and the journal of an earlier run: on the leader, which sends the journal to the others
  // ("+" and its text; empty when there is none) so that every process looks up the same plans.
  const std::string journal = leader_step(o.spread, [&] {
    check_optimise_folder(o.dir);
    if (std::filesystem::exists(resolved_file, ec) && read_text(resolved_file) != resolved)
      throw OutputError(fmt::format("{} holds an optimisation of another scenario (its scenario.resolved.toml differs: other options "
                                    "or --set?): give -o a new folder, or the same scenario and options (nothing was written)",
                                    o.dir.string()));
    std::string text;
    if (std::filesystem::exists(journal_file, ec)) {
      const std::string contents = read_text(journal_file);
      search.load(journal_file, contents);
      text.append("+").append(contents);
    }
    prepare_output_directory(o.dir);
    write_file_atomically(resolved_file, resolved);
    write_file_atomically(o.dir / "plan.toml", plan.text);
    return text;
  });
  if (!leads(o.spread) && !journal.empty()) search.load(journal_file, journal.substr(1));

  OptimiseResult result;
  // The scenario's own plan, evaluated the same way, when it gives every variable a value.
  std::vector<std::string> own;
  std::string own_differs;  // a key of `also` whose value in the scenario is not its variable's
  for (const auto& v : plan.variables)
    if (auto x = variable_value(base, v.key)) {
      own.push_back(*x);
      for (const auto& k : v.also)
        if (auto y = variable_value(base, k); own_differs.empty() && y != x)
          own_differs = fmt::format("{} is {} in the scenario, {} is {}", k, y.value_or("unset"), v.key, *x);
    }
  if (own.size() == plan.variables.size() && own_differs.empty()) {
    search.generation = kOwnPlan;
    search.batch({own}, kOwnPlan);
    search.report(kOwnPlan);
    result.own_plan = true;
  } else if (o.log) {
    o.log(own_differs.empty() ? std::string("the scenario's own plan is not marked: it leaves a variable unset")
                              : "the scenario's own plan is not marked: " + own_differs + " (also takes the variable's value)");
  }

  // The problem as pagmo sees it (src/plans/pagmo_search.hpp). Decision vector: the continuous variables first, then
  // the stepped ones (a step index; pagmo's integer part, for NSGA-II); `order` maps its components to the plan's variables.
  std::vector<std::size_t> order;
  PagmoSearch ps;
  for (std::size_t i = 0; i < plan.variables.size(); ++i)
    if (plan.variables[i].step <= 0) order.push_back(i);
  for (std::size_t i = 0; i < plan.variables.size(); ++i)
    if (plan.variables[i].step > 0) order.push_back(i), ps.integers += plan.algorithm != "moead";
  for (std::size_t i : order) {
    const auto& v = plan.variables[i];
    ps.lo.push_back(v.step > 0 ? 0.0 : v.lo);
    ps.hi.push_back(v.step > 0 ? static_cast<double>(v.steps()) : v.hi);
  }
  // The first generation begins with the scenario's own plan (every variable's value in the scenario, clamped to the
  // box; when it gives each one), then the box's corners of every variable at its lowest and at its highest value,
  // each once; pagmo draws the rest at random. The same on every process (docs/plans.md, "Search").
  {
    std::vector<std::vector<double>> first;
    if (own.size() == plan.variables.size()) {
      std::vector<double> x;
      for (std::size_t i : order)
        if (const auto p = plan.variables[i].position(own[i])) x.push_back(*p);
      if (x.size() == order.size()) first.push_back(std::move(x));
    }
    first.push_back(ps.lo);
    first.push_back(ps.hi);
    for (std::size_t k = 0; k < first.size(); ++k)
      if (std::find(first.begin(), first.begin() + static_cast<std::ptrdiff_t>(k), first[k]) == first.begin() + static_cast<std::ptrdiff_t>(k))
        ps.first.insert(ps.first.end(), first[k].begin(), first[k].end());
  }
  ps.algorithm = plan.algorithm;
  ps.seed = static_cast<unsigned>(plan.seed);
  ps.population = plan.population;
  ps.generations = plan.generations;
  ps.variables = plan.variables.size();
  ps.objectives = plan.objectives.size();
  ps.batch_fitness = [&](const std::vector<double>& xs) {
    const std::size_t d = order.size();
    std::vector<std::vector<std::string>> all;
    for (std::size_t i = 0; i + d <= xs.size(); i += d) {
      std::vector<std::string> v(plan.variables.size());
      for (std::size_t k = 0; k < d; ++k) v[order[k]] = plan.variables[order[k]].text(xs[i + k]);
      all.push_back(std::move(v));
    }
    const auto evals = search.batch(all, search.generation);
    std::vector<double> f;
    for (const auto& e : evals) {
      const auto fe = search.fitness(e);
      f.insert(f.end(), fe.begin(), fe.end());
    }
    return f;
  };
  ps.generation_begins = [&](int g) { search.generation = g; };
  ps.generation_ends = [&](int g) { search.report(g); };
  try {
    run_pagmo_search(ps);
  } catch (const std::invalid_argument& e) {  // pagmo's refusal of the settings
    throw InputError({{plan.file, 0, 0, "search", std::string("the search cannot run with these settings: ") + e.what()}});
  }

  if (!leads(o.spread)) return result;  // the leader writes the front, the journal and the report

  // The front: the non-dominated feasible plans of the search (the scenario's own plan is marked apart).
  std::vector<const Row*> candidates;
  std::vector<std::vector<double>> f;
  for (const auto& [key, r] : search.rows()) {
    if (r.generation == kOwnPlan || r.runs != plan.runs || !r.eval.feasible || !r.eval.problem.empty()) continue;
    candidates.push_back(&r);
    f.push_back(search.fitness(r.eval));
  }
  std::vector<const Row*> front;
  for (std::size_t i : non_dominated(f)) front.push_back(candidates[i]);
  std::stable_sort(front.begin(), front.end(), [&](const Row* a, const Row* b) {
    if (a->eval.objectives != b->eval.objectives) return a->eval.objectives < b->eval.objectives;
    return a->values < b->values;
  });
  std::string pareto = "plan," + header_line(search.header());
  const auto front_dir = o.dir / "front";
  prepare_output_directory(front_dir);
  std::set<std::string> names;
  for (std::size_t i = 0; i < front.size(); ++i) {
    const Row& r = *front[i];
    const std::string name = fmt::format("{:03}", i + 1);
    pareto += name + "," + row_cells(r) + ",true," + number(r.eval.violation) + ",\n";
    const SweepPoint p{plan_assignments(plan, r.values)};
    // Its population seed fixed as in the evaluation: `tongchou run NNN.toml --seed S` repeats the evaluation's run S.
    Scenario sc = ensemble_member(sweep_member(base, p), base.params.scenario_seed);
    sc.params.scenario_name = base.params.scenario_name + "-front-" + name;
    write_file_atomically(front_dir / (name + ".toml"), resolved_toml(sc));
    names.insert(name + ".toml");
  }
  for (const auto& entry : std::filesystem::directory_iterator(front_dir, ec))
    if (!names.contains(entry.path().filename().string())) std::filesystem::remove(entry.path(), ec);
  write_file_atomically(o.dir / "pareto.csv", pareto);
  search.write_journal();

  std::vector<OptimiseReportPlan> shown;
  for (const auto& [key, r] : search.rows()) {
    if (r.runs != plan.runs || !r.eval.problem.empty()) continue;
    OptimiseReportPlan s;
    s.generation = r.generation;
    s.values = r.values;
    s.objectives = r.eval.objectives;
    s.constraints = r.eval.constraints;
    s.scorecard = r.eval.scorecard;
    s.feasible = r.eval.feasible;
    s.own = r.generation == kOwnPlan;
    for (std::size_t i = 0; i < front.size(); ++i)
      if (front[i] == &r) s.front = static_cast<int>(i + 1);
    const SweepPoint p{plan_assignments(plan, r.values)};
    if (s.front > 0 || s.own) s.measures = measure_timeline(sweep_member(base, p));
    shown.push_back(std::move(s));
  }
  write_file_atomically(o.dir / "report.html", optimise_report_html(base, plan, shown));
  result.evaluations = static_cast<int>(search.rows().size());
  result.kept = search.kept();
  result.front = static_cast<int>(front.size());
  result.report = o.dir / "report.html";
  return result;
}

}  // namespace tongchou

#include "transmission/growth_pilot.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>

#include "core/rng.hpp"
#include "state/sim_state.hpp"
#include "transmission/transmission.hpp"

namespace tongchou {

double reproduction_from_growth(double r, const std::vector<double>& w) {
  double s = 0;
  for (std::size_t d = 0; d < w.size(); ++d) s += w[d] * std::exp(-r * static_cast<double>(d));
  return s > 0 ? 1.0 / s : 0.0;
}

double growth_from_reproduction(double R, const std::vector<double>& w) {
  if (!(R > 0)) return 0;
  double lo = -2, hi = 3;  // reproduction_from_growth increases with r
  for (int it = 0; it < 200; ++it) {
    const double r = 0.5 * (lo + hi);
    (reproduction_from_growth(r, w) < R ? lo : hi) = r;
  }
  return 0.5 * (lo + hi);
}

double poisson_log_linear_slope(const std::vector<double>& days, const std::vector<double>& counts) {
  double total = 0;
  for (double y : counts) total += y;
  if (days.size() < 2 || total <= 0) return 0;
  const double t0 = days.front();
  // The score of the slope b with the intercept profiled out: sum t y - sum t e^(bt) x sum y / sum e^(bt), decreasing in b.
  auto score = [&](double b) {
    double ty = 0, e = 0, te = 0;
    for (std::size_t i = 0; i < days.size(); ++i) {
      const double t = days[i] - t0, x = std::exp(b * t);
      ty += t * counts[i], e += x, te += t * x;
    }
    return ty - te * total / e;
  };
  double lo = -2, hi = 2;
  for (int it = 0; it < 200; ++it) {
    const double mid = 0.5 * (lo + hi);
    (score(mid) > 0 ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

namespace {
// What one pilot run saw: the infections of each day from day 0 until it ended by itself (no infectious person left,
// the horizon passed, or 4 S infections reached: that day is the last entry). The window's cut by earlier runs
// (`last`) is applied afterwards, in run order, exactly as if the runs had been made one after another.
using RunCounts = std::vector<std::int64_t>;
}  // namespace

struct GrowthPilotWorkspace::Worker {
  Transmission tx;
  SimState st;
  std::vector<Candidate> candidates;
  Worker(const Population& pop, const NaturalHistory& nh, const ContactRates& rates, const TransmissionRates& tr, const Params& q)
      : tx(pop, nh, rates, tr, q) {
    st.state.assign(pop.persons(), DiseaseState::Susceptible);
    st.status.assign(pop.persons(), 0);  // st.record stays empty: the transmission step does not read it
  }
};

GrowthPilotWorkspace::GrowthPilotWorkspace(const Population& pop, const ContactRates& rates, const NaturalHistory& nh, const Params& p)
    : pop_(pop), rates_(rates), nh_(nh), p_(p), q_(p) {
  q_.scenario_seed = static_cast<std::int64_t>(population_seed(p));  // the transmission step draws from scenario.seed
}

GrowthPilotWorkspace::~GrowthPilotWorkspace() = default;

std::size_t GrowthPilotWorkspace::worker_bytes(const Population& pop) {
  // The person states (2 bytes) and the transmission step's place tables (weight and list head per household and
  // per group, and the groups' hazard bound).
  return 2 * pop.persons() + 8 * pop.households() + 12 * pop.groups();
}

int GrowthPilotWorkspace::workers_for(const Population& pop, int threads, std::int64_t runs) {
  // One worker is what a pilot always took; the others may add up to kExtraBytesPerPerson (at most about 10% of a
  // run's peak: chongqing at --scale 10 on 2 threads peaks at 248 MB instead of 232, uncontrolled 1 M is unchanged).
  const std::size_t each = std::max<std::size_t>(1, worker_bytes(pop));
  const auto extra = static_cast<std::int64_t>(kExtraBytesPerPerson * pop.persons() / each);
  return static_cast<int>(std::max<std::int64_t>(1, std::min<std::int64_t>({threads, runs, 1 + extra})));
}

GrowthPilot GrowthPilotWorkspace::measure(const TransmissionRates& tr) {
  const Population& pop = pop_;
  const NaturalHistory& nh = nh_;
  const Params& p = p_;
  tr_ = tr;  // the workers' transmission steps read the rates from here
  GrowthPilot out;
  const std::uint64_t seed = population_seed(p);
  const std::size_t n = pop.persons();
  DayControls c;
  const auto week = weekly_layer_factors(p);
  for (int l = 0; l < kLayers; ++l) c.layer[l] = static_cast<float>(week[l]);

  const auto stop = std::max<std::int64_t>(2, std::min<std::int64_t>(static_cast<std::int64_t>(n / 100), 30000));
  out.seeds = std::max<std::int64_t>(1, stop / 1000);
  // The first generations after random seeding are not yet in the stable early distribution (of types, and of
  // infections shared within households and groups): the window starts after 2.5 mean generation intervals.
  const auto w = nh.generation_time_pmf();
  double mean_gi = 0;
  for (std::size_t d = 0; d < w.size(); ++d) mean_gi += static_cast<double>(d) * w[d];
  const int transient = static_cast<int>(std::ceil(2.5 * mean_gi));
  // Every run lasts the same days (the horizon), so that the daily infections summed over the runs estimate the
  // expected incidence, extinct runs included: in the branching phase it grows exactly at the early growth rate,
  // whatever each run's chance start (the mean of a supercritical branching process). Fitting each run alone and
  // averaging the slopes (before) gave runs that barely survived — a few cases a day for weeks, slope near 0 — the
  // weight of runs that took off, and their share falls with the seeds per run: the correction was 0.84 at 200,000
  // people (2 seeds a run), 0.94 at 1 M (10 seeds). The horizon: S / seeds infections per seed at the growth rate
  // that the eigenvalue implies (above the true one, so the runs mostly stay below S); a run reaching 4 S ends the
  // window for all the day before.
  const double r_bound = growth_from_reproduction(tr.r0, w);
  if (!(r_bound > 0)) return out;
  int horizon = std::min(400, static_cast<int>(std::ceil(std::log(static_cast<double>(stop) / static_cast<double>(out.seeds)) / r_bound)));
  horizon = std::max(horizon, transient + 10);

  // Runs enough for 160 seeds in all, at least 8 (in a region of many townships the spread also comes from where
  // the seeds fall), at most growth_pilot_runs; they are pooled in up to 8 batches (run number modulo 8) whose
  // jackknife (delete one batch) gives the standard error.
  const std::int64_t runs = std::min<std::int64_t>(p.transmission_growth_pilot_runs, std::max<std::int64_t>(8, (160 + out.seeds - 1) / out.seeds));
  const std::int64_t batches = std::min<std::int64_t>(8, runs);

  // One run on one worker. Runs are independent: each starts from a susceptible population, its seeds and courses
  // draw from (population seed, run) and its transmission from (seed, place, day) with its own days (run r starts on
  // day 1000 r). `bound`: the last day it need reach (the horizon, or a day before an earlier run's 4 S).
  auto one_run = [&](Worker& wk, std::int64_t run, int bound) {
    SimState& st = wk.st;
    RunCounts counts;
    const auto stream = static_cast<std::uint32_t>(run + 1);
    auto infect = [&](PersonId who, int day) {
      InfectionRecord rec;
      rec.person = who;
      rec.day = static_cast<std::int16_t>(day - st.day_zero);  // the day within the run, under 1000
      Rng rng(seed, Purpose::Course, who, static_cast<std::uint32_t>(day + 1000));
      rec.set_course(nh.draw(pop.age[who], rng));
      st.infectious.push_back(static_cast<std::uint32_t>(st.infections.size()));
      st.infections.push_back(rec);
      st.state[who] = DiseaseState::Latent;
    };
    // Transmission draws from (seed, place, day): runs differ by their day numbers (each starts 1000 days later).
    const int base = static_cast<int>(run) * 1000;
    st.day_zero = base;  // the records' days count from the run's first day
    Rng rng(seed, Purpose::Calibration, stream);
    for (std::int64_t k = 0; k < out.seeds;) {
      const auto who = static_cast<PersonId>(rng.below(n));
      if (st.state[who] != DiseaseState::Susceptible) continue;
      infect(who, base);
      ++k;
    }
    std::int64_t cumulative = out.seeds;
    for (int day = 0; day <= bound && !st.infectious.empty(); ++day) {
      for (std::uint32_t r : st.infectious) {
        const auto& rec = st.infections[r];
        if (const int severe = rec.course().severe; severe != Course::kNever && day - rec.day >= severe)
          st.status[rec.person] |= kHospitalised;
      }
      wk.tx.run(base + day, c, st, wk.candidates);
      for (const auto& cand : wk.candidates) infect(cand.person, base + day);
      const auto today = static_cast<std::int64_t>(wk.candidates.size());
      cumulative += today;
      counts.push_back(today);
      if (cumulative >= 4 * stop) break;
      std::erase_if(st.infectious, [&](std::uint32_t r) {
        const auto& rec = st.infections[r];
        return day + 1 - rec.day >= nh.window().end(rec.course());
      });
    }
    for (const auto& rec : st.infections) {  // back to a susceptible population for the next run
      st.state[rec.person] = DiseaseState::Susceptible;
      st.status[rec.person] = 0;
    }
    st.infections.clear();
    st.infectious.clear();
    return counts;
  };

  // The runs, on as many workers as threads (and memory, workers_for) allow, each worker's steps on one thread; on
  // one worker the step itself uses the threads. A run that reaches 4 S tells the runs after it where to stop.
  const int threads = omp_get_max_threads();
  const int nw = workers_for(pop, threads, runs);
  while (static_cast<int>(workers_.size()) < nw) workers_.push_back(std::make_unique<Worker>(pop, nh, rates_, tr_, q_));
  std::vector<RunCounts> run_counts(static_cast<std::size_t>(runs));
  std::vector<int> cut(static_cast<std::size_t>(runs), horizon);  // the day before its 4 S, for runs that reached it
  std::vector<char> done(static_cast<std::size_t>(runs), 0);
  std::mutex cut_mutex;
  auto bound_for = [&](std::int64_t run) {  // the horizon, or the least cut among the earlier runs finished so far
    std::lock_guard lock(cut_mutex);
    int b = horizon;
    for (std::int64_t j = 0; j < run; ++j)
      if (done[static_cast<std::size_t>(j)]) b = std::min(b, cut[static_cast<std::size_t>(j)]);
    return b;
  };
  auto finish = [&](std::int64_t run, RunCounts rc) {
    std::lock_guard lock(cut_mutex);
    std::int64_t cumulative = out.seeds;
    for (std::size_t d = 0; d < rc.size(); ++d)
      if ((cumulative += rc[d]) >= 4 * stop) {
        cut[static_cast<std::size_t>(run)] = static_cast<int>(d) - 1;
        break;
      }
    run_counts[static_cast<std::size_t>(run)] = std::move(rc);
    done[static_cast<std::size_t>(run)] = 1;
  };
  if (nw == 1) {
    for (std::int64_t run = 0; run < runs; ++run) finish(run, one_run(*workers_[0], run, bound_for(run)));
  } else {
    std::atomic<std::int64_t> next{0};
#pragma omp parallel num_threads(nw)
    {
      omp_set_num_threads(1);  // this thread's transmission steps run on it alone
      Worker& wk = *workers_[static_cast<std::size_t>(omp_get_thread_num())];
      for (std::int64_t run = next++; run < runs; run = next++) finish(run, one_run(wk, run, bound_for(run)));
    }
    omp_set_num_threads(threads);
  }

  // The runs in order, as made one after another: run r stops at the day before the first 4 S of the runs before it.
  std::vector<std::vector<double>> daily(static_cast<std::size_t>(batches), std::vector<double>(static_cast<std::size_t>(horizon) + 1, 0.0));
  int last = horizon;
  for (std::int64_t run = 0; run < runs; ++run) {
    const auto& rc = run_counts[static_cast<std::size_t>(run)];
    auto& sums = daily[static_cast<std::size_t>(run % batches)];
    std::int64_t cumulative = out.seeds;
    for (int day = 0; day <= std::min(horizon, last) && static_cast<std::size_t>(day) < rc.size(); ++day) {
      const std::int64_t today = rc[static_cast<std::size_t>(day)];
      cumulative += today;
      sums[static_cast<std::size_t>(day)] += static_cast<double>(today);
      if (cumulative >= 4 * stop) {
        last = std::min(last, day - 1);
        break;
      }
    }
    out.infections += cumulative;
  }
  out.first_day = transient;
  out.last_day = last;
  if (last - transient < 5) return out;
  auto slope = [&](const std::vector<double>& counts) {
    std::vector<double> xs, ys;
    for (int d = transient; d <= last; ++d) xs.push_back(d), ys.push_back(counts[static_cast<std::size_t>(d)]);
    return poisson_log_linear_slope(xs, ys);
  };
  std::vector<double> all(static_cast<std::size_t>(horizon) + 1, 0.0);
  for (const auto& b : daily)
    for (std::size_t d = 0; d < b.size(); ++d) all[d] += b[d];
  out.rate = slope(all);
  if (batches >= 2) {  // delete-one-batch jackknife
    std::vector<double> slopes;
    for (const auto& b : daily) {
      std::vector<double> rest(all);
      for (std::size_t d = 0; d < b.size(); ++d) rest[d] -= b[d];
      slopes.push_back(slope(rest));
    }
    const double k = static_cast<double>(slopes.size());
    double m = 0, ss = 0;
    for (double x : slopes) m += x / k;
    for (double x : slopes) ss += (x - m) * (x - m);
    out.se = std::sqrt(ss * (k - 1) / k);
  }
  out.ok = out.rate > 0;
  return out;
}

GrowthPilot measure_early_growth(const Population& pop, const ContactRates& rates, const NaturalHistory& nh,
                                 const TransmissionRates& tr, const Params& p) {
  GrowthPilotWorkspace ws(pop, rates, nh, p);
  return ws.measure(tr);
}

}  // namespace tongchou

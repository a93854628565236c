#include "transmission/growth_pilot.hpp"

#include <algorithm>
#include <cmath>

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

GrowthPilot measure_early_growth(const Population& pop, const ContactRates& rates, const NaturalHistory& nh,
                                 const TransmissionRates& tr, const Params& p) {
  GrowthPilot out;
  const std::uint64_t seed = population_seed(p);
  Params q = p;  // the transmission step draws from scenario.seed: use the population's seed
  q.scenario_seed = static_cast<std::int64_t>(seed);
  Transmission tx(pop, nh, rates, tr, q);
  const std::size_t n = pop.persons();
  SimState st;
  st.state.assign(n, DiseaseState::Susceptible);
  st.record.assign(n, kNone);
  st.status.assign(n, 0);
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
  std::vector<std::vector<double>> daily(static_cast<std::size_t>(batches), std::vector<double>(static_cast<std::size_t>(horizon) + 1, 0.0));
  int last = horizon;
  std::vector<Candidate> candidates;
  for (std::int64_t run = 0; run < runs; ++run) {
    const auto stream = static_cast<std::uint32_t>(run + 1);
    auto infect = [&](PersonId who, int day) {
      InfectionRecord rec;
      rec.person = who;
      rec.day = day;
      Rng rng(seed, Purpose::Course, who, static_cast<std::uint32_t>(day + 1000));
      rec.course = nh.draw(pop.age[who], rng);
      rec.household = pop.household[who];
      rec.township = pop.township_of(who);
      rec.primary_group = pop.primary_group[who];
      rec.transport = pop.transport_of(who);
      st.record[who] = static_cast<std::uint32_t>(st.infections.size());
      st.infectious.push_back(static_cast<std::uint32_t>(st.infections.size()));
      st.infections.push_back(rec);
      st.state[who] = DiseaseState::Latent;
    };
    // Transmission draws from (seed, place, day): runs differ by their day numbers (each starts 1000 days later).
    const int base = static_cast<int>(run) * 1000;
    Rng rng(seed, Purpose::Calibration, stream);
    for (std::int64_t k = 0; k < out.seeds;) {
      const auto who = static_cast<PersonId>(rng.below(n));
      if (st.state[who] != DiseaseState::Susceptible) continue;
      infect(who, base);
      ++k;
    }
    auto& sums = daily[static_cast<std::size_t>(run % batches)];
    std::int64_t cumulative = out.seeds;
    for (int day = 0; day <= std::min(horizon, last) && !st.infectious.empty(); ++day) {
      for (std::uint32_t r : st.infectious) {
        const auto& rec = st.infections[r];
        if (rec.course.severe != Course::kNever && base + day - rec.day >= rec.course.severe) st.status[rec.person] |= kHospitalised;
      }
      tx.run(base + day, c, st, candidates);
      for (const auto& cand : candidates) infect(cand.person, base + day);
      const auto today = static_cast<std::int64_t>(candidates.size());
      cumulative += today;
      sums[static_cast<std::size_t>(day)] += static_cast<double>(today);
      if (cumulative >= 4 * stop) {
        last = std::min(last, day - 1);
        break;
      }
      std::erase_if(st.infectious, [&](std::uint32_t r) {
        const auto& rec = st.infections[r];
        return base + day + 1 - rec.day >= rec.course.infectious_end;
      });
    }
    out.infections += cumulative;
    for (const auto& rec : st.infections) {  // back to a susceptible population for the next run
      st.state[rec.person] = DiseaseState::Susceptible;
      st.record[rec.person] = kNone;
      st.status[rec.person] = 0;
    }
    st.infections.clear();
    st.infectious.clear();
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

}  // namespace tongchou

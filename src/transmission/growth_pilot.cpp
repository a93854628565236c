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

namespace {
struct Fit {
  double rate = 0, se = 0;
  int first = 0, last = 0;
  bool ok = false;
};

Fit least_squares(const std::vector<double>& xs, const std::vector<double>& ys) {
  Fit f;
  if (xs.size() < 5) return f;
  const double k = static_cast<double>(xs.size());
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) mx += xs[i] / k, my += ys[i] / k;
  double sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) sxx += (xs[i] - mx) * (xs[i] - mx), sxy += (xs[i] - mx) * (ys[i] - my);
  f.rate = sxy / sxx;
  double rss = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) rss += std::pow(ys[i] - my - f.rate * (xs[i] - mx), 2);
  f.se = std::sqrt(rss / (k - 2) / sxx);
  f.first = static_cast<int>(xs.front());
  f.last = static_cast<int>(xs.back());
  f.ok = true;
  return f;
}
}  // namespace

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

  std::vector<double> slopes;
  std::vector<Candidate> candidates;
  // Runs enough for 160 seeds in all (the spread between runs falls with their seeds), at least 8 (in a region of
  // many townships the spread also comes from where the seeds fall), at most growth_pilot_runs.
  const std::int64_t runs = std::min<std::int64_t>(p.transmission_growth_pilot_runs, std::max<std::int64_t>(8, (160 + out.seeds - 1) / out.seeds));
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
    std::vector<double> xs, ys;
    std::int64_t cumulative = out.seeds;
    for (int day = 0; day < 400 && cumulative < stop && !st.infectious.empty(); ++day) {
      for (std::uint32_t r : st.infectious) {
        const auto& rec = st.infections[r];
        if (rec.course.severe != Course::kNever && base + day - rec.day >= rec.course.severe) st.status[rec.person] |= kHospitalised;
      }
      tx.run(base + day, c, st, candidates);
      for (const auto& cand : candidates) infect(cand.person, base + day);
      const auto today = static_cast<std::int64_t>(candidates.size());
      cumulative += today;
      if (day >= transient && cumulative < stop && today > 0) {
        xs.push_back(day);
        ys.push_back(std::log(static_cast<double>(today)));
      }
      std::erase_if(st.infectious, [&](std::uint32_t r) {
        const auto& rec = st.infections[r];
        return base + day + 1 - rec.day >= rec.course.infectious_end;
      });
    }
    out.infections += cumulative;
    const auto f = least_squares(xs, ys);
    if (f.ok) {
      slopes.push_back(f.rate);
      out.first_day = f.first;
      out.last_day = f.last;
    }
    for (const auto& rec : st.infections) {  // back to a susceptible population for the next run
      st.state[rec.person] = DiseaseState::Susceptible;
      st.record[rec.person] = kNone;
      st.status[rec.person] = 0;
    }
    st.infections.clear();
    st.infectious.clear();
  }
  if (slopes.size() < 2) return out;
  // The runs' slopes vary more than each fit's residuals say (each run's early chains differ): the standard error is
  // taken from their spread.
  const double k = static_cast<double>(slopes.size());
  for (double x : slopes) out.rate += x / k;
  double ss = 0;
  for (double x : slopes) ss += (x - out.rate) * (x - out.rate);
  out.se = std::sqrt(ss / (k - 1) / k);
  out.ok = out.rate > 0;
  return out;
}

}  // namespace tongchou

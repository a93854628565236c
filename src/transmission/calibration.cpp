#include "transmission/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <unordered_map>
#include <stdexcept>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "transmission/growth_pilot.hpp"

namespace tongchou {

std::array<double, kLayers> weekly_layer_factors(const Params& p) {
  std::array<double, kLayers> f{};
  f.fill(1.0);
  const double work = (5.0 + 2.0 * p.calendar_weekend_work_factor) / 7.0;
  const double school = (5.0 + 2.0 * p.calendar_weekend_school_factor) / 7.0;
  f[static_cast<int>(Layer::Workplace)] = work;
  f[static_cast<int>(Layer::Transport)] = work;
  f[static_cast<int>(Layer::Class)] = school;
  f[static_cast<int>(Layer::School)] = school;
  return f;
}

int person_type(const Population& pop, PersonId q) {
  const auto o = pop.occupation[q];
  const int role = (o == Occupation::Student || o == Occupation::Teacher) ? 0
                   : (o == Occupation::Worker || o == Occupation::HealthWorker || o == Occupation::InstitutionStaff ||
                      o == Occupation::InstitutionResident)
                       ? 1
                       : 2;
  return contact_band(pop.age[q]) * 3 + role;
}

namespace {

// Expected infections of one contact over a whole course: the hazard x is per unit of total infectiousness;
// courses differ by symptoms (asymptomatic factor) and individual gamma(k) variation: E[1 - exp(-x f tau)].
struct InfectionProbability {
  double asym_share, asym_factor, k;
  double operator()(double x) const {
    auto g = [&](double y) { return k >= 1000 ? 1.0 - std::exp(-y) : 1.0 - std::pow(1.0 + y / k, -k); };
    return (1.0 - asym_share) * g(x) + asym_share * g(asym_factor * x);
  }
};

// Exposures of the sampled infectors, aggregated: `count` contacts from infector type `from` to type `to` with
// hazard coef x rate each. Non-household coefficients are binned on a log scale (steps of 0.5%), so evaluating
// the matrix for a new rate costs O(cells), not O(contacts); the binning error in R is below 1e-4 (second order in the bin width).
struct Cell {
  std::uint32_t from_to;
  double coef;
  double count;
  std::uint32_t bin = 0;  //!< index of coef in Sample::household_coefs or Sample::other_coefs
};

// Many cells share a coefficient (the same log bin between different types): an evaluation of the matrix computes
// the infection probability once per distinct coefficient (a few thousand) instead of once per cell (hundreds of
// thousands). The same double goes in, so the same probability comes out: the matrix is unchanged to the bit.
struct Sample {
  std::vector<double> sampled;       // sampled infectors per type
  std::vector<Cell> household;       // rate beta_household
  std::vector<Cell> other;           // rate beta
  std::vector<double> household_coefs, other_coefs;  // the distinct coefficients of each list's cells
};

constexpr double kLogStep = 0.005;

Sample collect(const Population& pop, const ContactRates& rates, const NaturalHistory& nh, const Params& p) {
  constexpr int T = NextGeneration::kTypes;
  const auto week = weekly_layer_factors(p);
  const std::size_t n = pop.persons();
  const auto wanted = static_cast<std::size_t>(std::min<std::int64_t>(p.transmission_calibration_sample, static_cast<std::int64_t>(n)));
  // Persons per band and type in each community mixing unit: townships, districts, the region.
  const std::size_t units = pop.townships.size() + pop.districts.size() + 1;
  // Counted as integers, townships in parallel (each task its own township's counts), districts and the region then
  // summed from the townships: sums of integers, so the same for any order and number of threads. They are kept as
  // the floats that adding 1 person by person gave before: exact up to 2^24, where such a float sum stops growing.
  std::vector<std::array<std::uint64_t, kContactBands>> band_n(units);
  std::vector<std::array<std::uint64_t, T>> type_n(units);
  for (auto& x : band_n) x.fill(0);
  for (auto& x : type_n) x.fill(0);
  const auto townships = static_cast<std::ptrdiff_t>(pop.townships.size());
#pragma omp parallel for schedule(dynamic, 4)
  for (std::ptrdiff_t t = 0; t < townships; ++t) {
    const auto& tw = pop.townships[static_cast<std::size_t>(t)];
    for (PersonId q = tw.first_person; q < tw.first_person + tw.person_count; ++q) {
      band_n[static_cast<std::size_t>(t)][contact_band(pop.age[q])] += 1;
      type_n[static_cast<std::size_t>(t)][person_type(pop, q)] += 1;
    }
  }
  for (std::size_t t = 0; t < pop.townships.size(); ++t)
    for (const std::size_t u : {pop.townships.size() + pop.townships[t].district, units - 1}) {
      for (int b = 0; b < kContactBands; ++b) band_n[u][b] += band_n[t][b];
      for (int b = 0; b < T; ++b) type_n[u][b] += type_n[t][b];
    }
  static constexpr std::uint64_t kFloatOnes = std::uint64_t{1} << 24;  // 2^24 + 1 rounds back to 2^24 in a float
  auto as_float_sum = [](std::uint64_t count) { return static_cast<float>(std::min(count, kFloatOnes)); };
  std::vector<std::array<float, kContactBands>> band_count(units);
  std::vector<std::array<float, T>> type_count(units);
  for (std::size_t u = 0; u < units; ++u) {
    for (int b = 0; b < kContactBands; ++b) band_count[u][b] = as_float_sum(band_n[u][b]);
    for (int b = 0; b < T; ++b) type_count[u][b] = as_float_sum(type_n[u][b]);
  }
  const auto level_share = community_level_shares(p);
  Sample s;
  s.sampled.assign(T, 0.0);
  using Cells = std::unordered_map<std::uint64_t, double>;
  Cells household, other;
  household.reserve(1 << 12);
  other.reserve(1 << 18);
  auto cell_key = [](int from, int to, std::int64_t bin) {
    return (static_cast<std::uint64_t>(from * T + to) << 32) | static_cast<std::uint32_t>(static_cast<std::int32_t>(bin));
  };
  auto add = [&](Cells& m, int from, int to, double coef, double count) {
    if (coef <= 0 || count <= 0) return;
    m[cell_key(from, to, std::llround(std::log(coef) / kLogStep))] += count;
  };
  // The persons are drawn first, serially (the generator's sequence), with their community tallies; the member types
  // of every group the sample visits are then counted once, in parallel by group (each group by one task, in member
  // order: the counts of the serial loop, for any number of threads); the exposures are added serially in sample order.
  // (Added in parallel chunks of samples, each into its own cells, the cells held at once took 10 MB more at yunyang
  // --scale 8 for about 0.04 s: left serial.)
  std::vector<double> community_tally(units * T, 0.0);
  std::vector<PersonId> sample(wanted);
  std::vector<GroupId> visited;  // groups of two or more whose member types the sample needs
  visited.reserve(wanted * 4);
  auto visit = [&](GroupId g) {
    if (pop.group_size(g) >= 2) visited.push_back(g);
  };
  Rng rng(population_seed(p), Purpose::Calibration, 0);
  for (std::size_t k = 0; k < wanted; ++k) {
    const auto i = static_cast<PersonId>(rng.below(n));
    sample[k] = i;
    const int a = person_type(pop, i);
    s.sampled[a] += 1;
    const GroupId g = pop.primary_group[i];
    if (g != kNone) {
      visit(g);
      if (pop.group_kind[g] == GroupKind::Class) visit(pop.group_parent[g]);
    }
    for (int v = 0; v < kVenueTypes; ++v)
      if (const GroupId vg = pop.venue_of(i, v); vg != kNone) visit(vg);
    if (const GroupId tg = pop.transport_of(i); tg != kNone) visit(tg);
    // Community exposures depend only on (mixing unit, type): tally now, add once per tally below.
    const auto t = pop.township_of(i);
    const std::size_t ids[3] = {t, pop.townships.size() + pop.townships[t].district, units - 1};
    for (int level = 0; level < 3; ++level) community_tally[ids[level] * T + a] += 1;
  }
  std::sort(visited.begin(), visited.end());
  visited.erase(std::unique(visited.begin(), visited.end()), visited.end());
  std::vector<std::array<float, T>> histogram(visited.size());
  const auto groups_visited = static_cast<std::ptrdiff_t>(visited.size());
#pragma omp parallel for schedule(dynamic, 16)
  for (std::ptrdiff_t k = 0; k < groups_visited; ++k) {
    auto& h = histogram[static_cast<std::size_t>(k)];
    h.fill(0);
    for (const PersonId q : pop.members[visited[static_cast<std::size_t>(k)]]) h[person_type(pop, q)] += 1;
  }
  auto types_in = [&](GroupId g) -> const std::array<float, T>& {
    return histogram[static_cast<std::size_t>(std::lower_bound(visited.begin(), visited.end(), g) - visited.begin())];
  };
  for (std::size_t k = 0; k < wanted; ++k) {
    const PersonId i = sample[k];
    const int a = person_type(pop, i);
    auto add_group = [&](GroupId g, Layer layer, double pair_factor) {
      if (pop.group_size(g) < 2) return;
      const auto& members = types_in(g);
      for (int b = 0; b < T; ++b) {  // a type fixes the band, hence the contact rate and the susceptibility
        const double others = members[b] - (b == a ? 1.0 : 0.0);  // i is a member of its own groups
        add(other, a, b, pair_factor * rates.per_band[static_cast<int>(layer)][b / 3] * nh.susceptibility(b / 3 * 5), others);
      }
    };
    const auto h = pop.household[i];
    if (!pop.household_collective[h])
      for (PersonId j = pop.household_first[h]; j < pop.household_first[h + 1]; ++j)
        if (j != i) add(household, a, person_type(pop, j), nh.susceptibility(pop.age[j]), 1.0);
    const GroupId g = pop.primary_group[i];
    if (g != kNone) {
      const auto kind = pop.group_kind[g];
      const Layer layer = layer_of(kind);
      add_group(g, layer, week[static_cast<int>(layer)] / (pop.group_size(g) - 1.0));
      if (kind == GroupKind::Class) {
        const GroupId school = pop.group_parent[g];
        add_group(school, Layer::School, week[static_cast<int>(Layer::School)] / (pop.group_size(school) - 1.0));
      }
    }
    for (int v = 0; v < kVenueTypes; ++v) {
      const GroupId vg = pop.venue_of(i, v);
      if (vg == kNone) continue;
      const double visit_p = p.population_venue_visit_probability[v];
      add_group(vg, Layer::Venue, visit_p * visit_p / std::max(1.0, visit_p * pop.group_size(vg) - 1.0));
    }
    const GroupId tg = pop.transport_of(i);
    if (tg != kNone) add_group(tg, Layer::Transport, week[static_cast<int>(Layer::Transport)] / (pop.group_size(tg) - 1.0));
  }
  for (std::size_t u = 0; u < units; ++u) {
    const int level = u < pop.townships.size() ? 0 : (u + 1 < units ? 1 : 2);
    if (level_share[level] <= 0) continue;
    for (int a = 0; a < T; ++a) {
      const double sampled = community_tally[u * T + a];
      const int band = a / 3;
      if (sampled <= 0 || band_count[u][band] <= 0) continue;
      for (int b = 0; b < kContactBands; ++b) {
        const double coef = level_share[level] * rates.community[b][band] / band_count[u][band] * nh.susceptibility(b * 5);
        for (int role = 0; role < 3; ++role) add(other, a, b * 3 + role, coef, sampled * type_count[u][b * 3 + role]);
      }
    }
  }
  auto flatten = [](const std::unordered_map<std::uint64_t, double>& m, std::vector<Cell>& out) {
    for (const auto& [key, count] : m)
      out.push_back({static_cast<std::uint32_t>(key >> 32), std::exp(static_cast<std::int32_t>(key & 0xFFFFFFFFu) * kLogStep), count});
    std::sort(out.begin(), out.end(), [](const Cell& x, const Cell& y) { return x.from_to != y.from_to ? x.from_to < y.from_to : x.coef < y.coef; });
  };
  auto index_coefs = [](std::vector<Cell>& cells, std::vector<double>& coefs) {
    for (const auto& c : cells) coefs.push_back(c.coef);
    std::sort(coefs.begin(), coefs.end());
    coefs.erase(std::unique(coefs.begin(), coefs.end()), coefs.end());
    for (auto& c : cells) c.bin = static_cast<std::uint32_t>(std::lower_bound(coefs.begin(), coefs.end(), c.coef) - coefs.begin());
  };
  flatten(household, s.household);
  flatten(other, s.other);
  index_coefs(s.household, s.household_coefs);
  index_coefs(s.other, s.other_coefs);
  return s;
}

NextGeneration next_generation(const Sample& s, double beta, double beta_h, const InfectionProbability& prob) {
  constexpr int T = NextGeneration::kTypes;
  NextGeneration ng;
  ng.matrix.assign(T * T, 0.0);
  // In parallel, deterministically: the probabilities of each distinct coefficient (each a pure function of it), then
  // the matrix by row (infector type): a row's cells lie together in each list (sorted by from_to) and one task adds
  // them in list order, the household cells before the others, as the serial loop did: the same matrix to the bit.
  auto rows_of = [](const std::vector<Cell>& cells) {
    std::array<std::size_t, T + 1> at{};
    for (int a = 0; a <= T; ++a)
      at[a] = static_cast<std::size_t>(std::lower_bound(cells.begin(), cells.end(), static_cast<std::uint32_t>(a * T),
                                                        [](const Cell& c, std::uint32_t from_to) { return c.from_to < from_to; }) -
                                       cells.begin());
    return at;
  };
  const auto household_rows = rows_of(s.household);
  const auto other_rows = rows_of(s.other);
  std::vector<double> p_household(s.household_coefs.size()), p_other(beta > 0 ? s.other_coefs.size() : 0);
  const auto nh_coefs = static_cast<std::ptrdiff_t>(p_household.size()), no_coefs = static_cast<std::ptrdiff_t>(p_other.size());
#pragma omp parallel
  {
#pragma omp for schedule(static)
    for (std::ptrdiff_t i = 0; i < nh_coefs; ++i)
      p_household[static_cast<std::size_t>(i)] = prob(beta_h * s.household_coefs[static_cast<std::size_t>(i)]);
#pragma omp for schedule(static)
    for (std::ptrdiff_t i = 0; i < no_coefs; ++i) p_other[static_cast<std::size_t>(i)] = prob(beta * s.other_coefs[static_cast<std::size_t>(i)]);
#pragma omp for schedule(dynamic, 1)
    for (int a = 0; a < T; ++a) {
      for (std::size_t k = household_rows[a]; k < household_rows[a + 1]; ++k) {
        const auto& c = s.household[k];
        ng.matrix[c.from_to] += c.count * p_household[c.bin];
      }
      if (beta > 0)
        for (std::size_t k = other_rows[a]; k < other_rows[a + 1]; ++k) {
          const auto& c = s.other[k];
          ng.matrix[c.from_to] += c.count * p_other[c.bin];
        }
    }
  }
  for (int a = 0; a < T; ++a)
    if (s.sampled[a] > 0)
      for (int b = 0; b < T; ++b) ng.matrix[a * T + b] /= s.sampled[a];
  // Dominant eigenvalue by power iteration on the vector of infections by type.
  std::vector<double> v(T, 1.0 / T), w(T);
  double lambda = 0;
  for (int it = 0; it < 1000; ++it) {
    std::fill(w.begin(), w.end(), 0.0);
    for (int a = 0; a < T; ++a)
      for (int b = 0; b < T; ++b) w[b] += v[a] * ng.matrix[a * T + b];
    double norm = 0;
    for (double x : w) norm += x;
    if (norm <= 0) break;
    for (double& x : w) x /= norm;
    const bool done = std::abs(norm - lambda) < 1e-13 * std::max(1.0, norm);
    lambda = norm;
    v.swap(w);
    if (done) break;
  }
  ng.r0 = lambda;
  ng.eigenvector = v;
  return ng;
}

void solve_beta(TransmissionRates& out, const Sample& s, const InfectionProbability& prob, double target);

}  // namespace

TransmissionRates calibrate_transmission(const Population& pop, const ContactRates& rates, const NaturalHistory& nh,
                                         const Params& p, const GrowthPilotMemo& memo) {
  TransmissionRates out;
  const InfectionProbability prob{p.disease_asymptomatic_share, p.disease_asymptomatic_infectiousness, nh.dispersion_k()};
  const InfectionProbability symptomatic{0.0, 1.0, nh.dispersion_k()};
  const Sample s = collect(pop, rates, nh, p);

  // Household rate: mean over sampled symptomatic index cases and their household members of P(infection) = SAR.
  double pairs = 0;
  for (const auto& c : s.household) pairs += c.count;
  auto sar = [&](double bh) {
    double sum = 0;
    for (const auto& c : s.household) sum += c.count * symptomatic(bh * c.coef);
    return pairs > 0 ? sum / pairs : 0.0;
  };
  double lo = 0, hi = 1;
  if (pairs > 0 && p.transmission_household_sar > 0 && !p.transmission_homogeneous) {
    while (sar(hi) < p.transmission_household_sar && hi < 1e6) hi *= 2;
    for (int it = 0; it < 100; ++it) {
      const double mid = 0.5 * (lo + hi);
      (sar(mid) < p.transmission_household_sar ? lo : hi) = mid;
    }
    out.beta_household = 0.5 * (lo + hi);
  }
  out.household_sar = sar(out.beta_household);

  // Per-contact rate: R(beta) increases with beta; bracket, then bisection to 1e-9 relative.
  out.r0_household_only = next_generation(s, 0.0, out.beta_household, prob).r0;
  solve_beta(out, s, prob, p.transmission_r0);
  // r0_basis = growth: pilots measure the early growth rate at the rates of eigenvalues on a fixed grid (multiples
  // of kGrowthPilotGridStep); Euler-Lotka turns each into a reproduction number R_g. The eigenvalue whose R_g,
  // interpolated linearly between the two grid points that bracket r0, equals r0 sets beta (docs/model.md,
  // Calibration). The grid does not depend on r0, so the scenarios of a calibration or sweep that vary r0 share
  // their pilots through the memo, and a scenario's rates do not depend on which pilots were measured before.
  if (p.transmission_r0_basis == "growth" && !p.transmission_homogeneous && p.transmission_r0 > 0) {
    const auto w = nh.generation_time_pmf();
    const double target = p.transmission_r0;
    std::unique_ptr<GrowthPilotWorkspace> workspace;  // made at the first pilot measured, kept for the others
    struct Point {
      bool ok = false;
      double lambda = 0, beta = 0, rate = 0, se = 0, R = 0;
    };
    std::vector<Point> seen;  // the grid points looked at, in order (for the warning when they bracket nothing)
    auto at = [&](int g) {
      Point pt;
      pt.lambda = g * kGrowthPilotGridStep;
      TransmissionRates t = out;
      solve_beta(t, s, prob, pt.lambda);
      pt.beta = t.beta;
      auto measure = [&] {
        if (!workspace) workspace = std::make_unique<GrowthPilotWorkspace>(pop, rates, nh, p);
        return workspace->measure(t);
      };
      const GrowthPilot pilot = memo ? memo(pt.lambda, measure) : measure();
      pt.ok = pilot.ok;
      pt.rate = pilot.rate;
      pt.se = pilot.se;
      pt.R = pilot.ok ? reproduction_from_growth(pilot.rate, w) : 0.0;
      seen.push_back(pt);
      return pt;
    };
    const int lowest = static_cast<int>(std::floor(out.r0_household_only / kGrowthPilotGridStep)) + 1;
    int g = std::max(lowest, static_cast<int>(std::floor(target / kGrowthPilotGridStep)));
    Point below = at(g), above;
    bool bracket = false;
    if (below.ok && below.R > target) {  // R_g above the eigenvalue: walk down
      for (int k = 0; k < 40 && g > lowest; ++k) {
        above = below;
        below = at(--g);
        if (!below.ok || below.R <= target) break;
      }
      bracket = below.ok && above.ok && below.R <= target && above.R > target;
    } else {
      for (int k = 0; k < 40; ++k) {
        above = at(++g);
        if (above.ok && above.R >= target) break;
        below = above;
      }
      bracket = below.ok && above.ok && below.R <= target && above.R >= target && above.R > below.R;
    }
    // No bracket (no growth at the grid point below r0: r0 near 1; or too few persons for the pilots to grow or to
    // rank the grid points, as in 20,000 people): c stays 1, the eigenvalue basis, and the run says so.
    if (!bracket) {
      std::string points;  // "2.50: 2.31, 2.75-12.50: no growth" (neighbouring points without growth as one range)
      for (std::size_t i = 0; i < seen.size(); ++i) {
        std::size_t j = i;
        while (!seen[i].ok && j + 1 < seen.size() && !seen[j + 1].ok && std::abs(std::abs(seen[j + 1].lambda - seen[j].lambda) - kGrowthPilotGridStep) < 1e-9) ++j;
        points += points.empty() ? "" : ", ";
        points += j > i ? fmt::format("{:.2f}-{:.2f}: no growth", seen[i].lambda, seen[j].lambda)
                        : fmt::format("{:.2f}: {}", seen[i].lambda, seen[i].ok ? fmt::format("{:.2f}", seen[i].R) : std::string("no growth"));
        i = j;
      }
      out.growth_fallback = fmt::format(
          "transmission.r0_basis = \"growth\" fell back to \"next_generation\": the growth pilots in {} persons did not "
          "bracket r0 = {:g} (R from the growth rate at eigenvalue {}), so r0 is the next-generation eigenvalue; use more "
          "people or r0_basis = \"next_generation\"",
          pop.persons(), target, points);
    }
    if (bracket) {
      const double f = (target - below.R) / (above.R - below.R);
      solve_beta(out, s, prob, below.lambda + f * kGrowthPilotGridStep);
      out.growth_correction = target / out.r0;
      out.pilot_growth_rate = below.rate + f * (above.rate - below.rate);
      out.pilot_growth_se = std::hypot((1 - f) * below.se, f * above.se);
      out.beta_se = above.rate != below.rate ? std::abs((above.beta - below.beta) / (above.rate - below.rate)) * out.pilot_growth_se : 0.0;
    }
  }
  return out;
}

namespace {
void solve_beta(TransmissionRates& out, const Sample& s, const InfectionProbability& prob, double target) {
  double lo = 0, hi = 1;
  if (target < out.r0_household_only)
    throw InputError({{"", 0, 0, "transmission.r0",
                       "r0 = " + std::to_string(target) + " is below the reproduction number of household transmission alone (" +
                           std::to_string(out.r0_household_only) + ") implied by transmission.household_sar"}});
  // R(beta) is nearly linear: a first evaluation predicts the root, and a bracket around the prediction is refined
  // by regula falsi (Illinois variant) to 1e-9 relative.
  auto r_of = [&](double beta) { return next_generation(s, beta, out.beta_household, prob).r0; };
  const double probe = 0.05, r_probe = r_of(probe);
  double guess = r_probe > out.r0_household_only ? probe * (target - out.r0_household_only) / (r_probe - out.r0_household_only) : 1.0;
  lo = 0.9 * guess;
  hi = 1.1 * guess;
  double r_lo = r_of(lo), r_hi = r_of(hi);
  while (r_lo > target && lo > 1e-12) hi = lo, r_hi = r_lo, lo *= 0.5, r_lo = r_of(lo);
  while (r_hi < target && hi < 1e6) lo = hi, r_lo = r_hi, hi *= 2, r_hi = r_of(hi);
  int side = 0;
  for (int it = 0; it < 100 && hi - lo > 1e-12 * hi; ++it) {
    const double mid = r_hi == r_lo ? 0.5 * (lo + hi) : lo + (target - r_lo) * (hi - lo) / (r_hi - r_lo);
    const double r_mid = r_of(mid);
    if (std::abs(r_mid - target) < 1e-9 * target) {
      lo = hi = mid;
      break;
    }
    if (r_mid < target) {
      lo = mid, r_lo = r_mid;
      if (side == -1) r_hi = target + (r_hi - target) * 0.5;
      side = -1;
    } else {
      hi = mid, r_hi = r_mid;
      if (side == 1) r_lo = target + (r_lo - target) * 0.5;
      side = 1;
    }
  }
  out.beta = 0.5 * (lo + hi);
  const auto ng = next_generation(s, out.beta, out.beta_household, prob);
  out.r0 = ng.r0;
  constexpr int T = NextGeneration::kTypes;
  out.offspring_by_type.assign(T, 0.0);
  for (int a = 0; a < T; ++a)
    for (int b = 0; b < T; ++b) out.offspring_by_type[a] += ng.matrix[a * T + b];
  out.early_share_by_type = ng.eigenvector;
}
}  // namespace

}  // namespace tongchou

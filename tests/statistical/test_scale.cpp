// population.scale = k makes one agent stand for k people. It must not change the answer beyond seed noise: the mean
// of a figure over seeds at scale 4 agrees with the mean at scale 1 (docs/validation.md, "Scale").
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "sim/simulation.hpp"

using namespace tongchou;

namespace {

// A controlled epidemic in a synthetic region of 120,000 people: 40 seeded infections, cases found at fever clinics,
// contacts traced and quarantined, 60 days. Everything that depends on the scale is used: imports, the person counts
// of groups, hospital beds, quarantine rooms, laboratory capacity.
struct Figures {
  double infections, confirmed, peak_in_hospital;
};

Figures run(double scale, int seed) {
  auto sc = parse_scenario(
      "[scenario]\nregion = \"synthetic\"\nstart = 2020-01-01\ndays = 60\nseed = " + std::to_string(seed) +
          "\n[population]\npeople = 120000\nsynthetic_district_size = 40000\nscale = " + std::to_string(scale) +
          "\n[calendar]\nholiday_days = 0\nschool_term_start = 2019-09-01\n"
          "[transmission]\nr0 = 2.5\n"
          "[health]\ncase_finding = true\ncase_finding_start = 2020-01-01\nonset_to_visit_mean = 3.0\n"
          "tracing = true\ntracing_start = 2020-01-01\n"
          "[[imports]]\ndate = 2020-01-01\ninfections = 40\ndistrict = \"*\"\norigin = \"seed\"\n",
      "scale.toml");
  Simulation sim(std::move(sc));
  sim.run();
  const double k = sim.population().scale;
  std::int64_t peak = 0;
  for (const auto& d : sim.daily()) peak = std::max(peak, d.stocks.in_hospital);
  const auto& last = sim.daily().back();
  return {static_cast<double>(last.cumulative_infections) * k, static_cast<double>(last.stocks.cumulative_confirmed) * k,
          static_cast<double>(peak) * k};
}

struct Moments {
  double mean = 0, var = 0;
};
Moments moments(const std::vector<double>& x) {
  Moments m;
  for (double v : x) m.mean += v;
  m.mean /= static_cast<double>(x.size());
  for (double v : x) m.var += (v - m.mean) * (v - m.mean);
  m.var /= static_cast<double>(x.size() - 1);
  return m;
}

}  // namespace

TEST(Scale, FourPeoplePerAgentAgreesWithOneWithinSeedNoise) {
  constexpr int kSeeds = 12;
  std::vector<double> inf1, inf4, conf1, conf4, hosp1, hosp4;
  for (int s = 1; s <= kSeeds; ++s) {
    const auto a = run(1, s), b = run(4, s);
    inf1.push_back(a.infections), conf1.push_back(a.confirmed), hosp1.push_back(a.peak_in_hospital);
    inf4.push_back(b.infections), conf4.push_back(b.confirmed), hosp4.push_back(b.peak_in_hospital);
  }
  // Welch's difference of means with 3.5 standard errors (two-sided p about 5e-4 per figure when the means agree):
  // the seed noise is measured, not assumed. A scale that moved the mean by a factor (imports not divided by k,
  // capacities not divided by k, groups k times too large) exceeds it: the epidemic here is far from its final size.
  auto check = [&](const char* name, const std::vector<double>& x1, const std::vector<double>& x4) {
    const Moments m1 = moments(x1), m4 = moments(x4);
    const double se = std::sqrt(m1.var / kSeeds + m4.var / kSeeds);
    std::printf("%-17s scale 1: mean %9.1f sd %8.1f | scale 4: mean %9.1f sd %8.1f | difference %8.1f, 3.5 se %8.1f\n",
                name, m1.mean, std::sqrt(m1.var), m4.mean, std::sqrt(m4.var), m4.mean - m1.mean, 3.5 * se);
    EXPECT_GT(m1.mean, 0) << name;
    EXPECT_LE(std::abs(m4.mean - m1.mean), 3.5 * se) << name << ": scale 4 differs from scale 1 beyond seed noise";
  };
  check("infections", inf1, inf4);
  check("confirmed", conf1, conf4);
  check("peak in hospital", hosp1, hosp4);
  // The test can fail: the epidemic must be large enough that a bias of a factor 2 would show (mean at least 6 se).
  const Moments m1 = moments(inf1);
  EXPECT_GT(m1.mean, 6 * std::sqrt(m1.var / kSeeds + moments(inf4).var / kSeeds))
      << "the epidemic is too noisy for this test to detect a doubling";
}

// Sampled incubation periods, durations and outcome probabilities against their parameters.
// Course days are whole days: a continuous draw X becomes max(1, round(X)), so P(day <= k) = F(k + 0.5) for k >= 1,
// and the Kolmogorov-Smirnov distance of the discrete sample to that CDF is tested against the continuous
// critical value 1.63 / sqrt(n) (alpha = 0.01), which is conservative for discrete distributions.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

#include "disease/natural_history.hpp"
#include "scenario/parameters.hpp"

using namespace tongchou;

namespace {
double ks_distance(std::vector<int> days, const std::function<double(int)>& cdf) {
  std::sort(days.begin(), days.end());
  const double n = static_cast<double>(days.size());
  double d = 0;
  for (std::size_t i = 0; i < days.size();) {
    std::size_t j = i;
    while (j < days.size() && days[j] == days[i]) ++j;
    d = std::max(d, std::abs(static_cast<double>(j) / n - cdf(days[i])));
    d = std::max(d, std::abs(static_cast<double>(i) / n - cdf(days[i] - 1)));
    i = j;
  }
  return d;
}
double lognormal_cdf(double x, double m, double s) { return x <= 0 ? 0 : 0.5 * std::erfc(-(std::log(x) - m) / (s * std::sqrt(2.0))); }
double gamma_cdf(double x, double mean, double cv) { return x <= 0 ? 0 : gamma_p(1.0 / (cv * cv), x / (mean * cv * cv)); }
std::function<double(int)> rounded(std::function<double(double)> f) {
  return [f](int k) { return k < 1 ? 0.0 : f(k + 0.5); };
}

struct Draws {
  std::vector<Course> courses;
  explicit Draws(const Params& p, int age, int n) {
    NaturalHistory nh(p);
    for (int i = 0; i < n; ++i) {
      Rng rng(11, Purpose::Course, static_cast<std::uint64_t>(i), static_cast<std::uint32_t>(age));
      courses.push_back(nh.draw(age, rng));
    }
  }
};
}  // namespace

TEST(Distributions, IncubationMatchesLognormal) {
  Params p;
  Draws d(p, 40, 40000);
  std::vector<int> onset;
  for (const auto& c : d.courses) onset.push_back(c.onset);
  const double D = ks_distance(onset, rounded([&](double x) { return lognormal_cdf(x, p.disease_incubation_meanlog, p.disease_incubation_sdlog); }));
  EXPECT_LT(D, 1.63 / std::sqrt(onset.size())) << "KS distance of onset days";
  std::printf("incubation: KS distance %.4f, critical value %.4f (n %zu)\n", D, 1.63 / std::sqrt(onset.size()), onset.size());
}

TEST(Distributions, DurationsMatchGammas) {
  Params p;
  Draws d(p, 85, 60000);  // at 85 many courses are severe or critical
  std::vector<int> mild, stay, to_hospital;
  for (const auto& c : d.courses) {
    if (c.severity == Severity::Mild || c.severity == Severity::Asymptomatic) mild.push_back(c.end - c.onset);
    if (c.severity == Severity::Severe) stay.push_back(c.end - c.severe);
    if (c.severe != Course::kNever) to_hospital.push_back(c.severe - c.onset + 1);
  }
  ASSERT_GT(stay.size(), 1000u);
  auto check = [](const std::vector<int>& v, double mean, double cv, const char* what) {
    const double D = ks_distance(v, rounded([&](double x) { return gamma_cdf(x, mean, cv); }));
    EXPECT_LT(D, 1.63 / std::sqrt(v.size())) << what << " (n = " << v.size() << ")";
    std::printf("%s: KS distance %.4f, critical value %.4f (n %zu)\n", what, D, 1.63 / std::sqrt(v.size()), v.size());
  };
  check(mild, p.disease_mild_recovery_days, 0.3, "onset to recovery, mild and asymptomatic");
  check(stay, p.disease_hospital_stay_mean, 0.45, "hospital stay of severe cases");
  check(to_hospital, p.disease_onset_to_hospital_mean, 0.5, "onset to admission");
}

TEST(Distributions, SeverityAndFatalityFollowVerity) {
  // Binomial tests at 5 sd: asymptomatic share, and hospitalised and fatal shares at ages 45 and 85.
  Params p;
  for (int age : {45, 85}) {
    const int n = 60000;
    Draws d(p, age, n);
    double asym = 0, severe = 0, dead = 0;
    for (const auto& c : d.courses) {
      asym += c.severity == Severity::Asymptomatic;
      severe += c.severe != Course::kNever;
      dead += c.dies;
    }
    const int decade = std::min(age / 10, 8);
    auto near = [&](double count, double prob, const char* what) {
      EXPECT_NEAR(count / n, prob, 5 * std::sqrt(prob * (1 - prob) / n) + 1e-12) << what << " at age " << age;
    };
    std::printf("age %d: asymptomatic %.4f (%.4f), hospitalised %.4f (%.4f), fatal %.5f (%.5f)\n", age, asym / n,
                p.disease_asymptomatic_share, severe / n, p.disease_hospitalised_by_age[decade] / 100, dead / n,
                p.disease_ifr_by_age[decade] / 100);
    near(asym, p.disease_asymptomatic_share, "asymptomatic share");
    near(severe, p.disease_hospitalised_by_age[decade] / 100, "hospitalised share (Verity)");
    near(dead, p.disease_ifr_by_age[decade] / 100, "infection fatality ratio (Verity)");
  }
}

TEST(Distributions, InfectiousnessProfileCarriesHeShare) {
  // He et al. 2020: 44% (95% CI 25-69%) of transmission before onset. The profile is theirs, truncated to
  // [-5, +7] days around onset and to days after infection, which removes some pre-onset mass (about 0.04 with the
  // defaults): the share must lie in their interval and within 0.06 of their estimate.
  Params p;
  NaturalHistory nh(p);
  const double share = nh.presymptomatic_share();
  EXPECT_GT(share, 0.25);
  EXPECT_LT(share, 0.69);
  EXPECT_NEAR(share, 0.44, 0.06);
  std::printf("presymptomatic share of transmission %.3f (He et al. 0.44, 95%% CI 0.25-0.69)\n", share);
  double total = 0;
  for (double w : nh.generation_time_pmf()) total += w;
  EXPECT_NEAR(total, 1.0, 1e-9);
}

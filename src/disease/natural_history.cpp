#include "disease/natural_history.hpp"

#include <algorithm>
#include <cmath>

namespace tongchou {

double gamma_p(double a, double x) {
  if (x <= 0) return 0.0;
  const double log_prefix = a * std::log(x) - x - std::lgamma(a);
  if (x < a + 1.0) {  // series
    double sum = 1.0 / a, term = sum;
    for (int n = 1; n < 1000; ++n) {
      term *= x / (a + n);
      sum += term;
      if (std::abs(term) < std::abs(sum) * 1e-15) break;
    }
    return sum * std::exp(log_prefix);
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  double b = x + 1.0 - a, c = 1e300, d = 1.0 / b, h = d;
  for (int i = 1; i < 1000; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    if (std::abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (std::abs(c) < 1e-300) c = 1e-300;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::abs(delta - 1.0) < 1e-15) break;
  }
  return 1.0 - std::exp(log_prefix) * h;
}

DiseaseState InfectiousWindow::state_on(const Course& c, int offset) const {
  if (offset >= c.end) return c.dies ? DiseaseState::Dead : DiseaseState::Recovered;
  if (offset >= c.critical) return DiseaseState::Critical;
  if (offset >= c.severe) return DiseaseState::Severe;
  const bool infectious = offset >= start(c);
  if (c.severity == Severity::Asymptomatic) return infectious ? DiseaseState::Asymptomatic : DiseaseState::Latent;
  if (offset >= c.onset) return DiseaseState::Mild;
  return infectious ? DiseaseState::Presymptomatic : DiseaseState::Latent;
}

NaturalHistory::NaturalHistory(const Params& p)
    : p_(p),
      window_(p),
      asymptomatic_share_(p.disease_asymptomatic_share),
      asymptomatic_factor_(p.disease_asymptomatic_infectiousness),
      k_(p.disease_dispersion_k) {
  // Daily mass of He et al.'s shifted gamma around onset. Onset happens at the start of its day, so day k after
  // onset covers [k, k + 1) days from onset and the days before it carry the pre-symptomatic share.
  auto cdf = [&](double t) { return gamma_p(p.disease_infectiousness_shape, (t + p.disease_infectiousness_shift) * p.disease_infectiousness_rate); };
  for (int k = -window_.before(); k <= window_.after(); ++k) profile_.push_back(static_cast<float>(cdf(k + 1.0) - cdf(k)));
  // Onset day: the lognormal incubation period rounded to whole days, at least 1.
  auto lcdf = [&](double t) { return t <= 0 ? 0.0 : 0.5 * std::erfc(-(std::log(t) - p.disease_incubation_meanlog) / (p.disease_incubation_sdlog * std::sqrt(2.0))); };
  for (int d = 0; d < 60; ++d) {
    const double lo = d == 1 ? 0.0 : d - 0.5, hi = d + 0.5;
    onset_pmf_.push_back(d == 0 ? 0.0 : (d == 59 ? 1.0 - lcdf(lo) : lcdf(hi) - lcdf(lo)));
  }
  // Each course carries total infectiousness 1 (times its factor): divide by the window actually available.
  normaliser_.assign(onset_pmf_.size(), 1.0);
  for (std::size_t o = 1; o < onset_pmf_.size(); ++o) {
    double s = 0;
    for (int k = -window_.before(); k <= window_.after(); ++k)
      if (static_cast<int>(o) + k >= 1) s += profile_[static_cast<std::size_t>(k + window_.before())];
    normaliser_[o] = s;
  }
  for (int i = 0; i < 3; ++i) sus_[i] = static_cast<float>(p.disease_susceptibility_by_age[i]);
  const double symptomatic = std::max(1e-9, 1.0 - p.disease_asymptomatic_share);
  for (int a = 0; a < 9; ++a) {
    const double hosp = p.disease_hospitalised_by_age[a] / 100.0, ifr = p.disease_ifr_by_age[a] / 100.0;
    p_severe_[a] = std::min(1.0, hosp / symptomatic);
    double crit = hosp > 0 ? ifr / (hosp * p.disease_critical_fatality) : 0.0;
    double death = p.disease_critical_fatality;
    if (crit > 1.0) {  // the IFR needs more deaths than critical cases give: all severe become critical
      crit = 1.0;
      death = std::min(1.0, ifr / hosp);
    }
    p_critical_[a] = crit;
    p_death_[a] = death;
  }
}

Course NaturalHistory::draw(int age, Rng& rng) const {
  auto gamma_days = [&](double mean, double cv) {
    return std::max(1.0, std::round(rng.gamma(1.0 / (cv * cv), mean * cv * cv)));
  };
  Course c;
  const double incubation = rng.lognormal(p_.disease_incubation_meanlog, p_.disease_incubation_sdlog);
  const int onset = std::clamp(static_cast<int>(std::lround(incubation)), 1, static_cast<int>(onset_pmf_.size()) - 1);
  c.onset = static_cast<std::int16_t>(onset);  // the infectious window follows from it (window())
  const bool asymptomatic = rng.bernoulli(asymptomatic_share_);
  const double individual = k_ >= 1000 ? 1.0 : rng.gamma(k_, 1.0 / k_);
  c.infectiousness = static_cast<float>(individual * (asymptomatic ? asymptomatic_factor_ : 1.0) / normaliser_[static_cast<std::size_t>(onset)]);
  if (asymptomatic) {
    c.severity = Severity::Asymptomatic;
    c.end = static_cast<std::int16_t>(onset + gamma_days(p_.disease_mild_recovery_days, 0.3));
  } else if (!rng.bernoulli(p_severe(age))) {
    c.severity = Severity::Mild;
    c.end = static_cast<std::int16_t>(onset + gamma_days(p_.disease_mild_recovery_days, 0.3));
  } else {
    c.severity = Severity::Severe;
    c.severe = static_cast<std::int16_t>(onset + gamma_days(p_.disease_onset_to_hospital_mean, 0.5) - 1);
    if (rng.bernoulli(p_critical_given_severe(age))) {
      c.severity = Severity::Critical;
      c.critical = static_cast<std::int16_t>(c.severe + gamma_days(p_.disease_severe_to_critical_mean, 0.5));
      c.dies = rng.bernoulli(p_death_given_critical(age));
      if (c.dies) c.end = static_cast<std::int16_t>(std::max<double>(c.critical + 1, onset + gamma_days(p_.disease_onset_to_death_mean, 0.45)));
      else c.end = static_cast<std::int16_t>(c.critical + gamma_days(p_.disease_icu_stay_mean, 0.6) + gamma_days(0.5 * p_.disease_hospital_stay_mean, 0.45));
    } else {
      c.end = static_cast<std::int16_t>(c.severe + gamma_days(p_.disease_hospital_stay_mean, 0.45));
    }
  }
  c.end = std::max<std::int16_t>(c.end, static_cast<std::int16_t>(c.onset + 1));
  return c;
}

std::vector<double> NaturalHistory::generation_time_pmf() const {
  std::vector<double> w(onset_pmf_.size() + static_cast<std::size_t>(window_.after()) + 2, 0.0);
  for (std::size_t o = 1; o < onset_pmf_.size(); ++o)
    for (int k = -window_.before(); k <= window_.after(); ++k) {
      const int d = static_cast<int>(o) + k;
      if (d >= 1) w[static_cast<std::size_t>(d)] += onset_pmf_[o] * profile_[static_cast<std::size_t>(k + window_.before())] / normaliser_[o];
    }
  return w;
}

double NaturalHistory::presymptomatic_share() const {
  double before = 0, total = 0;
  for (std::size_t o = 1; o < onset_pmf_.size(); ++o)
    for (int k = -window_.before(); k <= window_.after(); ++k) {
      if (static_cast<int>(o) + k < 1) continue;
      const double m = onset_pmf_[o] * profile_[static_cast<std::size_t>(k + window_.before())] / normaliser_[o];
      total += m;
      if (k < 0) before += m;
    }
  return before / total;
}

}  // namespace tongchou

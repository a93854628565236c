#pragma once
// Natural history of an infection: the course (latent, infectious window, onset, severity, outcome) is drawn
// once at infection; states then follow from the day (covasim-style dates), and transitions are events.
#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "core/rng.hpp"
#include "scenario/parameters.hpp"

namespace tongchou {

enum class DiseaseState : std::uint8_t {
  Susceptible,
  Latent,          //!< infected, not yet infectious
  Presymptomatic,  //!< infectious before onset
  Asymptomatic,    //!< infectious, never symptomatic
  Mild,            //!< symptomatic, not in need of hospital care
  Severe,          //!< in hospital
  Critical,        //!< in intensive care
  Recovered,
  Dead,
};
inline constexpr int kDiseaseStates = 9;
//! Whether a person in state s has symptoms (mild, severe or critical).
inline constexpr bool symptomatic(DiseaseState s) {
  return s == DiseaseState::Mild || s == DiseaseState::Severe || s == DiseaseState::Critical;
}
inline constexpr std::array<const char*, kDiseaseStates> kDiseaseStateNames = {
    "susceptible", "latent", "presymptomatic", "asymptomatic", "mild", "severe", "critical", "recovered", "dead"};

enum class Severity : std::uint8_t { Asymptomatic, Mild, Severe, Critical };
inline constexpr std::array<const char*, 4> kSeverityNames = {"asymptomatic", "mild", "severe", "critical"};

//! Days are offsets from the day of infection; kNever if the step does not happen. The infectious window is not
//! stored: it follows from the onset by the constants of the natural history (InfectiousWindow), so an infection
//! record holds 32 bytes (state/sim_state.hpp). The float first, then the days, then the bytes: no padding inside.
struct Course {
  static constexpr std::int16_t kNever = 0x7FFF;
  float infectiousness = 0;           //!< multiplies profile(day - onset); includes individual variation
  std::int16_t onset = 1;             //!< symptom onset (a virtual onset for asymptomatic courses)
  std::int16_t severe = kNever;       //!< admission to hospital
  std::int16_t critical = kNever;     //!< admission to intensive care
  std::int16_t end = 1;               //!< recovery or death
  Severity severity = Severity::Mild;
  bool dies = false;
};

//! The infectious window of a course, from its onset and the parameters disease.infectious_days_before_onset and
//! disease.infectious_days_after_onset: infectious from max(1, onset - before) to onset + after, both included.
//! Everything that needs the window or the state of a course on a day asks this, not the course.
class InfectiousWindow {
 public:
  explicit InfectiousWindow(const Params& p)
      : before_(static_cast<int>(p.disease_infectious_days_before_onset)),
        after_(static_cast<int>(p.disease_infectious_days_after_onset)) {}
  //! First infectious day (end of latency), at least the day after infection.
  int start(const Course& c) const { return std::max(1, c.onset - before_); }
  //! First day no longer infectious.
  int end(const Course& c) const { return c.onset + after_ + 1; }
  //! Days infectious before the onset and after it (the window's constants).
  int before() const { return before_; }
  int after() const { return after_; }
  //! Whether the course is within its infectious window on day `offset` after infection.
  bool contains(const Course& c, int offset) const { return offset >= start(c) && offset < end(c); }
  //! The state the course gives on day `offset` after infection.
  DiseaseState state_on(const Course& c, int offset) const;

 private:
  int before_, after_;
};

//! Everything about the disease that does not change during a run, precomputed from parameters.
class NaturalHistory {
 public:
  explicit NaturalHistory(const Params& p);

  //! Draws the course of a person of the given age infected on a given day.
  Course draw(int age, Rng& rng) const;
  //! The infectious window of courses (from their onset) and their state on a day.
  const InfectiousWindow& window() const { return window_; }
  //! Infectiousness of the course on day `offset` after infection (0 outside the infectious window).
  float infectiousness(const Course& c, int offset) const {
    const int k = offset - c.onset + window_.before();
    if (!window_.contains(c, offset) || k < 0 || k >= static_cast<int>(profile_.size())) return 0.0f;
    return c.infectiousness * profile_[static_cast<std::size_t>(k)];
  }
  //! Relative susceptibility by age (Zhang et al. 2020).
  float susceptibility(int age) const { return age < 15 ? sus_[0] : age < 65 ? sus_[1] : sus_[2]; }
  float max_susceptibility() const { return std::max({sus_[0], sus_[1], sus_[2]}); }
  //! Mean total infectiousness of an infection (individual variation has mean 1).
  double mean_total_infectiousness() const { return 1.0 - asymptomatic_share_ + asymptomatic_share_ * asymptomatic_factor_; }
  double dispersion_k() const { return k_; }
  //! Generation-time distribution of the model: expected share of an infection's transmission on day d after
  //! infection, d = 0, 1, ...; sums to 1. Used by the growth-rate test and docs.
  std::vector<double> generation_time_pmf() const;
  //! Share of transmission before onset among symptomatic courses.
  double presymptomatic_share() const;
  //! P(onset on day d after infection), d = 0..max.
  const std::vector<double>& onset_pmf() const { return onset_pmf_; }
  //! Probability that an infection at this age becomes severe / critical / fatal.
  double p_severe(int age) const { return p_severe_[age_decade(age)]; }
  double p_critical_given_severe(int age) const { return p_critical_[age_decade(age)]; }
  double p_death_given_critical(int age) const { return p_death_[age_decade(age)]; }

 private:
  static int age_decade(int age) { return age >= 80 ? 8 : age / 10; }
  const Params& p_;
  InfectiousWindow window_;
  std::vector<float> profile_;          //!< relative infectiousness at day onset-before_ .. onset+after_
  std::vector<double> normaliser_;      //!< per onset day: sum of the profile over the infectious window
  std::vector<double> onset_pmf_;
  std::array<float, 3> sus_;
  std::array<double, 9> p_severe_{}, p_critical_{}, p_death_{};
  double asymptomatic_share_, asymptomatic_factor_, k_;
};

//! Regularised lower incomplete gamma function P(a, x).
double gamma_p(double a, double x);

}  // namespace tongchou

#pragma once
// Discharge of confirmed patients (rule R8): a patient who has recovered clinically stays in the designated hospital
// until health.discharge_negative_tests consecutive PCR tests, health.discharge_test_interval_days apart, are negative
// (a test after recovery is still positive with probability health.post_recovery_positive: prolonged shedding of
// viral RNA); the patient is then discharged — cured (治愈) — and observed, isolated, for
// health.post_discharge_observation_days from the day of discharge.
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/rng.hpp"
#include "scenario/parameters.hpp"
#include "state/sim_state.hpp"

namespace tongchou {

struct DischargeDay {
  std::int64_t tests = 0, discharged = 0;
};

class Discharge {
 public:
  Discharge(const Params& p, int days);

  //! Whether a confirmed patient who recovers today stays for discharge tests (else leaves at once).
  bool tests_needed() const { return p_.health_discharge_negative_tests > 0; }
  //! A confirmed patient recovered today in hospital: the first test is taken today.
  void on_recovered(PersonId q, int day);
  //! Today's discharge tests (at most `kits`; the others wait a day) and the observations that end today;
  //! `discharged(q)` for each patient discharged.
  template <class Discharged>
  void step(int day, std::int64_t kits, SimState& st, DischargeDay& counts, Discharged&& discharged) {
    auto& ends = observation_end_[static_cast<std::size_t>(day)];
    for (PersonId q : ends) {
      st.status[q] &= static_cast<std::uint8_t>(~kIsolated);
      --in_observation_;
    }
    ends.clear();
    auto& due = tests_[static_cast<std::size_t>(day)];
    for (std::size_t i = 0; i < due.size(); ++i) {
      const PersonId q = due[i];
      if (counts.tests >= kits) {  // no test kit left today
        schedule_test(q, day + 1);
        continue;
      }
      ++counts.tests;
      auto& negatives = negatives_[q];
      Rng rng(seed_, Purpose::Discharge, q, static_cast<std::uint32_t>(day));
      negatives = rng.bernoulli(p_.health_post_recovery_positive) ? 0 : negatives + 1;
      if (negatives < p_.health_discharge_negative_tests) {
        schedule_test(q, day + static_cast<int>(p_.health_discharge_test_interval_days));
        continue;
      }
      negatives_.erase(q);
      ++counts.discharged;
      discharged(q);
      const int end = day + static_cast<int>(p_.health_post_discharge_observation_days);  // observed from today
      if (end > day) {
        st.status[q] |= kIsolated;
        ++in_observation_;
        if (end < static_cast<int>(observation_end_.size())) observation_end_[static_cast<std::size_t>(end)].push_back(q);
      }
    }
    due.clear();
  }
  //! Discharged patients under observation now.
  std::int64_t in_observation() const { return in_observation_; }

 private:
  void schedule_test(PersonId q, int day) {
    if (day < static_cast<int>(tests_.size())) tests_[static_cast<std::size_t>(day)].push_back(q);
  }

  const Params& p_;
  std::uint64_t seed_;
  std::vector<std::vector<PersonId>> tests_;            //!< per day: patients tested
  std::vector<std::vector<PersonId>> observation_end_;  //!< per day: observations that end (before the day's contacts)
  std::unordered_map<PersonId, std::int64_t> negatives_;  //!< consecutive negative tests so far, per patient in testing
  std::int64_t in_observation_ = 0;
};

}  // namespace tongchou

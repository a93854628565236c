#include "health/case_finding.hpp"

#include <cmath>

namespace tongchou {

CaseFinding::CaseFinding(const Params& p, int days)
    : p_(p),
      seed_(static_cast<std::uint64_t>(p.scenario_seed)),
      due_(static_cast<std::size_t>(days) + 1) {}

void CaseFinding::schedule(int day, Event e) {
  if (day >= 0 && day < static_cast<int>(due_.size())) due_[static_cast<std::size_t>(day)].push_back(e);
}

void CaseFinding::test(PersonId q, int day, Route route) {
  schedule(day + static_cast<int>(p_.health_test_turnaround_days), {q, Action::QuarantineResult, 1, route});
}

void CaseFinding::on_onset(PersonId q, int day, bool quarantined) {
  if (!p_.health_case_finding) return;
  if (quarantined) {  // observed daily: tested at once (suspected, isolated)
    schedule(day, {q, Action::Visit, 1, Route::Quarantine});
    return;
  }
  Rng rng(seed_, Purpose::CaseFinding, q);
  if (!rng.bernoulli(p_.health_care_seeking)) return;
  int delay = 0;
  const double mean = p_.health_onset_to_visit_mean, cv = p_.health_onset_to_visit_cv;
  if (mean > 0) delay = static_cast<int>(std::lround(cv > 0 ? rng.gamma(1.0 / (cv * cv), mean * cv * cv) : mean));
  // Clinics open on case_finding_start: earlier onsets are found from then on, after the remaining delay.
  schedule(std::max(day + delay, p_.health_case_finding_start.days - p_.scenario_start.days), {q, Action::Visit, 1});
}

bool CaseFinding::positive(const InfectionRecord& rec, int day, PersonId q, std::uint8_t test) const {
  const auto state = rec.course.state_on(day - rec.day);
  if (state == DiseaseState::Recovered || state == DiseaseState::Dead) return false;
  Rng rng(seed_, Purpose::CaseFinding, q, static_cast<std::uint32_t>(day * 4 + test));
  return rng.bernoulli(p_.health_test_sensitivity);
}

void CaseFinding::step(int day, SimState& st, CaseFindingDay& counts) {
  auto& bucket = due_[static_cast<std::size_t>(day)];
  // Events may add same-day events (a zero turnaround): index, not iterators.
  for (std::size_t i = 0; i < bucket.size(); ++i) {
    const Event e = bucket[i];
    const PersonId q = e.person;
    auto& rec = st.infections[st.record[q]];
    if (st.state[q] == DiseaseState::Dead) {
      if (e.action == Action::Result) ++counts.suspected_died;
      continue;
    }
    if (e.action == Action::Visit) {
      if (rec.confirmed_day != InfectionRecord::kNever) continue;
      ++counts.visits;
      ++counts.tests;
      ++counts.new_suspected;
      if (rec.isolated_day == InfectionRecord::kNever) rec.isolated_day = static_cast<std::int16_t>(day);
      st.status[q] |= kIsolated;  // a suspected case waits for the result in a single room (R8)
      schedule(day + static_cast<int>(p_.health_test_turnaround_days), {q, Action::Result, 1, e.route});
      continue;
    }
    if (e.action == Action::QuarantineResult) {
      ++counts.tests;
      if (rec.confirmed_day != InfectionRecord::kNever ||
          !positive(rec, day - static_cast<int>(p_.health_test_turnaround_days), q, static_cast<std::uint8_t>(3)))
        continue;  // negative: stays in (or has left) quarantine
    } else if (!positive(rec, day - static_cast<int>(p_.health_test_turnaround_days), q, e.test)) {
      if (e.test == 1) {  // the second test, a day or more later
        ++counts.tests;
        const int retest = day + static_cast<int>(p_.health_retest_interval_days);
        schedule(retest + static_cast<int>(p_.health_test_turnaround_days), {q, Action::Result, 2, e.route});
        continue;
      }
      ++counts.excluded;  // two negatives: released
      st.status[q] &= static_cast<std::uint8_t>(~kIsolated);
      continue;
    }
    {
      ++counts.positives;
      ++counts.new_confirmed;
      if (e.route == Route::Tracing) ++counts.confirmed_tracing;
      if (e.route == Route::Quarantine) ++counts.confirmed_quarantine;
      rec.confirmed_day = static_cast<std::int16_t>(day);
      if (rec.isolated_day == InfectionRecord::kNever) rec.isolated_day = static_cast<std::int16_t>(day);
      confirmed_.push_back(q);
      st.status[q] &= static_cast<std::uint8_t>(~kIsolated);  // to hospital (and out of quarantine) by on_confirmed
    }
  }
  bucket.clear();
  bucket.shrink_to_fit();
}

}  // namespace tongchou

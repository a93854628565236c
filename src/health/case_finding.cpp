#include "health/case_finding.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace tongchou {

namespace {
// Probability that PCR detects an infection, by days since infection, relative to its best (day 8, 3 days after a
// typical onset): Kucirka et al., Ann Intern Med 2020 — false negatives 100% on day 1, 67% on day 4, 38% on day 5,
// 20% on day 8, 21% on day 9, 66% on day 21. Linear between these points, flat after day 21.
constexpr std::array<std::pair<int, double>, 7> kSensitivityShape = {
    {{0, 0.0}, {1, 0.0}, {4, 0.33 / 0.80}, {5, 0.62 / 0.80}, {8, 1.0}, {9, 0.79 / 0.80}, {21, 0.34 / 0.80}}};
}  // namespace

CaseFinding::CaseFinding(const Params& p, int days)
    : p_(p),
      seed_(static_cast<std::uint64_t>(p.scenario_seed)),
      window_(p),
      due_(static_cast<std::size_t>(days) + 1) {}

double CaseFinding::sensitivity(int days) const {
  if (p_.health_test_sensitivity_curve == "constant") return p_.health_test_sensitivity;
  if (days >= kSensitivityShape.back().first) return p_.health_test_sensitivity * kSensitivityShape.back().second;
  if (days <= 0) return 0.0;
  std::size_t k = 1;
  while (kSensitivityShape[k].first < days) ++k;
  const auto [d0, s0] = kSensitivityShape[k - 1];
  const auto [d1, s1] = kSensitivityShape[k];
  return p_.health_test_sensitivity * (s0 + (s1 - s0) * (days - d0) / static_cast<double>(d1 - d0));
}

void CaseFinding::schedule(int day, Event e) {
  if (day >= 0 && day < static_cast<int>(due_.size())) due_[static_cast<std::size_t>(day)].push_back(e);
}

void CaseFinding::sample(Event e, int day) {
  e.sampled = static_cast<std::int16_t>(day);
  lab_.push_back(e);
}

void CaseFinding::test(PersonId q, int day, Route route) {
  Event e{q, Action::QuarantineResult, 1, route};
  if (day < static_cast<int>(due_.size())) sample(e, day);
}

void CaseFinding::on_onset(PersonId q, int day, bool quarantined) {
  if (!p_.health_case_finding) return;
  if (quarantined) {  // observed daily: tested at once (suspected, isolated)
    schedule(day, {q, Action::Visit, 1, Route::Quarantine});
    return;
  }
  symptomatic_.push_back(q);
  Rng rng(seed_, Purpose::CaseFinding, q);
  if (!rng.bernoulli(p_.health_care_seeking)) return;
  int delay = 0;
  const double mean = p_.health_onset_to_visit_mean, cv = p_.health_onset_to_visit_cv;
  if (mean > 0) delay = static_cast<int>(std::lround(cv > 0 ? rng.gamma(1.0 / (cv * cv), mean * cv * cv) : mean));
  // Clinics open on case_finding_start: earlier onsets are found from then on, after the remaining delay.
  schedule(std::max(day + delay, p_.health_case_finding_start.days - p_.scenario_start.days), {q, Action::Visit, 1});
}

void CaseFinding::on_admission(PersonId q, int day) {
  if (!p_.health_case_finding) return;
  schedule(std::max(day, p_.health_case_finding_start.days - p_.scenario_start.days), {q, Action::Visit, 1});
}

bool CaseFinding::positive(const SimState& st, PersonId q, int sampled, std::uint8_t test) const {
  if (st.record[q] == kNone) return false;  // fever from another cause
  const auto& rec = st.infections[st.record[q]];
  const int since = sampled - rec.day;
  if (since < 0) return false;  // infected after the sample was taken
  const auto state = window_.state_on(rec.course(), since);
  if (state == DiseaseState::Recovered || state == DiseaseState::Dead) return false;
  Rng rng(seed_, Purpose::CaseFinding, q, static_cast<std::uint32_t>(sampled * 4 + test));
  return rng.bernoulli(sensitivity(since));
}

void CaseFinding::background_visits(int day, const SimState& st) {
  const double rate = p_.health_fever_background_rate;
  const auto persons = st.state.size();
  if (rate <= 0 || persons == 0) return;
  Rng rng(seed_, Purpose::Background, 0, static_cast<std::uint32_t>(day));
  const auto n = rng.poisson(rate * static_cast<double>(persons));
  for (std::uint64_t i = 0; i < n; ++i) {
    const auto q = static_cast<PersonId>(rng.below(persons));
    // People away, isolated, in hospital or in quarantine do not come to a clinic.
    if (st.state[q] == DiseaseState::Dead || st.status[q] != 0) continue;
    Event e{q, Action::Visit, 1, Route::Clinic};
    e.background = true;
    schedule(day, e);
  }
}

void CaseFinding::screen(int day, const SimState& st) {
  // Symptomatic people not found yet; the screening draws only for those who go out today.
  std::erase_if(symptomatic_, [&](PersonId q) {
    return st.state[q] != DiseaseState::Mild || (st.status[q] & (kIsolated | kHospitalised)) ||
           st.infections[st.record[q]].confirmed_day != InfectionRecord::kNever;
  });
  if (!p_.health_screening && !extra_screening_) return;
  for (PersonId q : symptomatic_) {
    if (st.status[q] & (kAway | kQuarantinedCentral | kQuarantinedHome)) continue;
    double p = p_.health_screening ? p_.health_screening_detection : 0.0;
    if (extra_screening_) p = 1.0 - (1.0 - p) * (1.0 - extra_screening_(q, day));
    if (p <= 0.0) continue;
    Rng rng(seed_, Purpose::Screening, q, static_cast<std::uint32_t>(day));
    if (rng.bernoulli(p)) schedule(day, {q, Action::Visit, 1, Route::Screening});
  }
}

void CaseFinding::handle(const Event& e, int day, SimState& st, CaseFindingDay& counts) {
  const PersonId q = e.person;
  InfectionRecord* rec = st.record[q] == kNone ? nullptr : &st.infections[st.record[q]];
  const bool found = rec && rec->confirmed_day != InfectionRecord::kNever;
  if (st.state[q] == DiseaseState::Dead) {
    if (e.action != Action::Visit && e.action != Action::QuarantineResult) ++counts.suspected_died, ++counts.suspected_resolved;
    return;
  }
  switch (e.action) {
    case Action::Visit:
      if (found || (st.status[q] & kIsolated)) return;  // already found, or waiting for a result
      ++counts.visits;
      counts.background_visits += e.background;
      ++counts.new_suspected;
      if (rec && rec->isolated_day == InfectionRecord::kNever) rec->isolated_day = static_cast<std::int16_t>(day);
      st.status[q] |= kIsolated;  // a suspected case waits for the result in a single room (R8)
      if (on_suspected_) on_suspected_(q, day);
      sample({q, Action::Result, 1, e.route}, day);
      return;
    case Action::Retest:
      sample({q, Action::Result, 2, e.route}, day);
      return;
    case Action::QuarantineResult:
      if (found || !positive(st, q, e.sampled, 3)) return;  // negative: stays in (or has left) quarantine
      break;
    case Action::Result:
      if (found) {  // confirmed meanwhile by another route
        ++counts.suspected_resolved;
        return;
      }
      if (!positive(st, q, e.sampled, e.test)) {
        if (e.test == 1) {  // the second test, a day or more later
          schedule(day + static_cast<int>(p_.health_retest_interval_days), {q, Action::Retest, 2, e.route});
          return;
        }
        ++counts.excluded;  // two negatives: released
        ++counts.suspected_resolved;
        st.status[q] &= static_cast<std::uint8_t>(~kIsolated);
        return;
      }
      ++counts.suspected_resolved;
      break;
  }
  // Positive (an infected person: positive() is false without an infection record).
  ++counts.positives;
  const bool asymptomatic = rec->course().severity == Severity::Asymptomatic;
  if (asymptomatic) {
    ++counts.new_asymptomatic;
  } else {
    ++counts.new_confirmed;
    if (e.route == Route::Screening) ++counts.confirmed_screening;
    if (e.route == Route::Tracing) ++counts.confirmed_tracing;
    if (e.route == Route::Quarantine) ++counts.confirmed_quarantine;
  }
  rec->confirmed_day = static_cast<std::int16_t>(day);
  if (rec->isolated_day == InfectionRecord::kNever) rec->isolated_day = static_cast<std::int16_t>(day);
  st.status[q] &= static_cast<std::uint8_t>(~kIsolated);  // to hospital or observation (and out of quarantine) by the caller
  positives_.emplace_back(q, asymptomatic);
}

void CaseFinding::step(int day, SimState& st, CaseFindingDay& counts) {
  const bool open = p_.health_case_finding && day >= p_.health_case_finding_start.days - p_.scenario_start.days;
  if (open) background_visits(day, st);
  if (p_.health_case_finding) screen(day, st);
  auto& bucket = due_[static_cast<std::size_t>(day)];
  std::int64_t capacity = std::min<std::int64_t>(p_.health_test_capacity, kits_);
  // Events may add same-day events (a zero turnaround, a visit sampled and processed today): index, not iterators.
  std::size_t i = 0;
  do {
    for (; i < bucket.size(); ++i) handle(Event(bucket[i]), day, st, counts);
    // The laboratory processes waiting samples in order of sampling, within its daily capacity.
    for (; capacity > 0 && !lab_.empty(); --capacity) {
      ++counts.tests;
      schedule(day + static_cast<int>(p_.health_test_turnaround_days), lab_.front());
      lab_.pop_front();
    }
  } while (i < bucket.size());
  bucket.clear();
  bucket.shrink_to_fit();
}

}  // namespace tongchou

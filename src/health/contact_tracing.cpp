#include "health/contact_tracing.hpp"

#include <algorithm>

#include "transmission/transmission.hpp"

namespace tongchou {

ContactTracing::ContactTracing(const Params& p, const Population& pop, const Transmission& transmission, int days)
    : p_(p),
      pop_(pop),
      transmission_(transmission),
      seed_(static_cast<std::uint64_t>(p.scenario_seed)),
      starts_(static_cast<std::size_t>(days) + 1),
      ends_(static_cast<std::size_t>(days) + 1) {}

void ContactTracing::on_confirmed(const InfectionRecord& rec, int day) {
  if (!p_.health_tracing || day < p_.health_tracing_start.days - p_.scenario_start.days) return;
  const Course course = rec.course();
  const bool symptomatic = course.severity != Severity::Asymptomatic;
  // Rule R6 looks back from onset, or from sampling when that came first (presymptomatic or asymptomatic cases
  // found by testing contacts).
  const int sampled = std::min<int>(rec.isolated_day, day - static_cast<int>(p_.health_test_turnaround_days));
  const int reference = symptomatic ? std::min(rec.day + course.onset, sampled) : sampled;
  const int first = p_.health_tracing_rule == "after_onset" ? reference : reference - static_cast<int>(p_.health_tracing_lookback_days);
  const int last = rec.isolated_day - 1;  // no unprotected contacts once isolated
  if (last >= first) queue_.push_back({rec.person, std::max<int>(first, rec.day), last});
}

bool ContactTracing::found(PersonId index, PersonId contact, Layer layer) const {
  const double coverage = p_.health_tracing_coverage[static_cast<std::size_t>(layer)];
  return coverage > 0 && hash_uniform(seed_, Purpose::Tracing, (static_cast<std::uint64_t>(index) << 32) | contact,
                                      static_cast<std::uint64_t>(layer)) < coverage;
}

void ContactTracing::find_contacts(const Index& index, std::vector<std::pair<PersonId, std::uint8_t>>& out) const {
  const PersonId i = index.person;
  auto take = [&](PersonId j, Layer layer) {
    if (j != i && found(i, j, layer)) out.emplace_back(j, static_cast<std::uint8_t>(layer));
  };
  auto take_group = [&](GroupId g, Layer layer) {
    for (const PersonId j : pop_.members[g]) take(j, layer);
  };
  const auto h = pop_.household[i];
  if (!pop_.household_collective[h])
    for (PersonId j = pop_.household_first[h]; j < pop_.household_first[h + 1]; ++j) take(j, Layer::Household);
  const GroupId g = pop_.primary_group[i];
  if (g != kNone) {
    take_group(g, layer_of(pop_.group_kind[g]));
    if (pop_.group_kind[g] == GroupKind::Class) take_group(pop_.group_parent[g], Layer::School);
  }
  const GroupId t = pop_.transport_of(i);
  if (t != kNone) take_group(t, Layer::Transport);
  // Venues: co-visitors on the days both visited.
  for (int v = 0; v < kVenueTypes; ++v) {
    const GroupId vg = pop_.venue_of(i, v);
    if (vg == kNone || p_.health_tracing_coverage[static_cast<std::size_t>(Layer::Venue)] <= 0) continue;
    for (int day = index.first_day; day <= index.last_day; ++day) {
      if (!(transmission_.visits(i, day) & (1u << v))) continue;
      for (const PersonId j : pop_.members[vg]) {
        if (transmission_.visits(j, day) & (1u << v)) take(j, Layer::Venue);
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first == b.first; }), out.end());
}

void ContactTracing::quarantine_arrival(PersonId q, int start, int until, bool central) {
  if (start >= 0 && start < static_cast<int>(starts_.size()) && start <= until)
    starts_[static_cast<std::size_t>(start)].push_back({q, until, central ? Kind::ArrivalCentral : Kind::ArrivalHome});
}

void ContactTracing::leave_quarantine(PersonId q, SimState& st) {
  if (!(st.status[q] & (kQuarantinedCentral | kQuarantinedHome))) return;
  (st.status[q] & kQuarantinedCentral ? in_central_ : in_home_)--;
  st.status[q] &= static_cast<std::uint8_t>(~(kQuarantinedCentral | kQuarantinedHome));
  if (!quarantine_until_.empty()) quarantine_until_[q] = -1;
}

void ContactTracing::step(int day, SimState& st, TracingDay& counts, const TestRequest& test) {
  if (quarantine_until_.empty() && (p_.health_tracing || !queue_.empty() || !starts_[static_cast<std::size_t>(day)].empty()))
    quarantine_until_.assign(pop_.persons(), -1);
  // Quarantines whose last day was yesterday: an exit test, then release.
  for (PersonId q : ends_[static_cast<std::size_t>(day)]) {
    if (quarantine_until_[q] != day - 1 || !(st.status[q] & (kQuarantinedCentral | kQuarantinedHome))) continue;
    leave_quarantine(q, st);
    ++counts.quarantine_released;
    if (st.state[q] != DiseaseState::Susceptible) test(q, day, true);
  }
  ends_[static_cast<std::size_t>(day)].clear();
  // Quarantines starting today: an entry test for the infected (the uninfected test negative anyway).
  for (const auto& [q, until, kind] : starts_[static_cast<std::size_t>(day)]) {
    const auto s = st.status[q];
    // The dead, the hospitalised and cases already found are skipped; a suspected case waiting for its tests is
    // quarantined too, so that an excluded one stays in.
    if (st.state[q] == DiseaseState::Dead || (s & kHospitalised) || until < day ||
        (st.record[q] != kNone && st.infections[st.record[q]].confirmed_day != InfectionRecord::kNever))
      continue;
    if (quarantine_until_[q] >= until) continue;  // already quarantined at least as long
    const bool already = s & (kQuarantinedCentral | kQuarantinedHome);
    quarantine_until_[q] = static_cast<std::int16_t>(until);
    if (until + 1 < static_cast<int>(ends_.size())) ends_[static_cast<std::size_t>(until + 1)].push_back(q);
    if (already) continue;
    const bool wants_central = kind == Kind::Contact ? hash_uniform(seed_, Purpose::Tracing, q, 0xC3u) < p_.health_quarantine_central_share
                                                     : kind == Kind::ArrivalCentral;
    const bool central = wants_central && in_central_ < p_.health_quarantine_rooms;
    st.status[q] |= central ? kQuarantinedCentral : kQuarantinedHome;
    (central ? in_central_ : in_home_)++;
    ++counts.quarantine_started;
    if (kind == Kind::Contact && on_contact_) on_contact_(q, day);
    if (st.state[q] != DiseaseState::Susceptible && st.state[q] != DiseaseState::Recovered) test(q, day, kind != Kind::Contact);
  }
  starts_[static_cast<std::size_t>(day)].clear();
}

void ContactTracing::trace(int day, TracingDay& counts) {
  // Index cases in order of confirmation, within the day's capacity.
  std::int64_t budget = p_.health_tracing_capacity;
  std::vector<std::pair<PersonId, std::uint8_t>> contacts;
  while (!queue_.empty()) {
    contacts.clear();
    find_contacts(queue_.front(), contacts);
    if (static_cast<std::int64_t>(contacts.size()) > budget && counts.index_cases > 0) break;  // tomorrow
    budget -= static_cast<std::int64_t>(contacts.size());
    const int last_exposure = queue_.front().last_day;
    queue_.pop_front();
    ++counts.index_cases;
    counts.contacts_traced += static_cast<std::int64_t>(contacts.size());
    const int start = day + static_cast<int>(p_.health_tracing_delay_days);
    const int until = last_exposure + static_cast<int>(p_.health_quarantine_days);
    if (start < static_cast<int>(starts_.size()) && start <= until)
      for (const auto& c : contacts) starts_[static_cast<std::size_t>(start)].push_back({c.first, until, Kind::Contact});
  }
}

}  // namespace tongchou

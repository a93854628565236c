#include "health/health_workforce.hpp"

namespace tongchou {

HealthWorkforce::HealthWorkforce(const Population& pop) : pop_(pop) {
  for (PersonId q = 0; q < static_cast<PersonId>(pop.persons()); ++q)
    if (is_worker(q)) workers_.push_back(q);
  on_duty_ = static_cast<std::int64_t>(workers_.size());
}

bool HealthWorkforce::is_worker(PersonId q) const {
  const GroupId g = pop_.primary_group[q];
  return g != kNone && pop_.group_kind[g] == GroupKind::Hospital;
}

void HealthWorkforce::count(const SimState& st) {
  constexpr std::uint8_t off = kAway | kHospitalised | kIsolated | kQuarantinedCentral | kQuarantinedHome | kCodeHold;
  on_duty_ = 0;
  for (PersonId q : workers_) {
    const auto s = st.state[q];
    // Symptomatic workers stay off work; presymptomatic and asymptomatic ones do not know they are infected.
    const bool sick = symptomatic(s) || s == DiseaseState::Dead;
    on_duty_ += !sick && !(st.status[q] & off);
  }
}

}  // namespace tongchou

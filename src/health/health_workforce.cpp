#include "health/health_workforce.hpp"

#include <algorithm>

namespace tongchou {

HealthWorkforce::HealthWorkforce(const Population& pop) : pop_(pop) {
  for (PersonId q = 0; q < static_cast<PersonId>(pop.persons()); ++q) {
    const GroupId g = pop.primary_group[q];
    if (g != kNone && pop.group_kind[g] == GroupKind::Hospital) workers_.push_back(q);
  }
  on_duty_ = static_cast<std::int64_t>(workers_.size());
}

bool HealthWorkforce::is_worker(PersonId q) const { return std::binary_search(workers_.begin(), workers_.end(), q); }

void HealthWorkforce::count(const SimState& st) {
  constexpr std::uint8_t off = kAway | kHospitalised | kIsolated | kQuarantinedCentral | kQuarantinedHome;
  on_duty_ = 0;
  for (PersonId q : workers_) {
    const auto s = st.state[q];
    // Symptomatic workers stay off work; presymptomatic and asymptomatic ones do not know they are infected.
    const bool sick = s == DiseaseState::Mild || s == DiseaseState::Severe || s == DiseaseState::Critical || s == DiseaseState::Dead;
    on_duty_ += !sick && !(st.status[q] & off);
  }
}

}  // namespace tongchou

#include "health/health_workforce.hpp"

#include <algorithm>

namespace tongchou {

HealthWorkforce::HealthWorkforce(const Population& pop) : pop_(pop) {
  // The persons scanned in parallel in fixed chunks (not by thread count), each chunk's workers kept apart and the
  // chunks' lists joined in chunk order: the list of the serial scan, in person order, for any number of threads.
  constexpr std::size_t kChunk = std::size_t{1} << 16;
  const std::size_t n = pop.persons();
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  std::vector<std::vector<PersonId>> part(chunks);
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t c = 0; c < chunks; ++c) {
    const auto end = static_cast<PersonId>(std::min(n, (c + 1) * kChunk));
    for (auto q = static_cast<PersonId>(c * kChunk); q < end; ++q)
      if (is_worker(q)) part[c].push_back(q);
  }
  std::size_t total = 0;
  for (const auto& w : part) total += w.size();
  workers_.reserve(total);
  for (const auto& w : part) workers_.insert(workers_.end(), w.begin(), w.end());
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

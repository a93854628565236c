#pragma once
// Health workers (一线医务人员) are agents, members of their hospital's staff group. Each day the share of them on
// duty — not sick, isolated, quarantined, in hospital or away — scales the designated hospitals' capacity: infected
// workers take beds and intensive-care places out of service.
#include <cstdint>
#include <vector>

#include "population/population.hpp"
#include "state/sim_state.hpp"

namespace tongchou {

class HealthWorkforce {
 public:
  explicit HealthWorkforce(const Population& pop);

  //! Counts the workers on duty today.
  void count(const SimState& st);
  std::int64_t workers() const { return static_cast<std::int64_t>(workers_.size()); }
  std::int64_t on_duty() const { return on_duty_; }
  //! Share on duty (1 without health workers).
  double on_duty_share() const { return workers_.empty() ? 1.0 : static_cast<double>(on_duty_) / static_cast<double>(workers_.size()); }
  bool is_worker(PersonId q) const;

 private:
  const Population& pop_;
  std::vector<PersonId> workers_;
  std::int64_t on_duty_ = 0;
};

}  // namespace tongchou

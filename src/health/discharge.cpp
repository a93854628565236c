#include "health/discharge.hpp"

namespace tongchou {

Discharge::Discharge(const Params& p, int days)
    : p_(p),
      seed_(static_cast<std::uint64_t>(p.scenario_seed)),
      tests_(static_cast<std::size_t>(days) + 1),
      observation_end_(static_cast<std::size_t>(days) + 1) {}

void Discharge::on_recovered(PersonId q, int day) {
  negatives_[q] = 0;
  schedule_test(q, day);
}

}  // namespace tongchou

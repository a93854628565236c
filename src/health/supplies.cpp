#include "health/supplies.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tongchou {

Supplies::Supplies(const Params& p, double persons) : p_(p), per_1000_(persons / 1000.0) {
  day_[static_cast<int>(Supply::Masks)].stock = p.supplies_masks_stock * per_1000_;
  day_[static_cast<int>(Supply::Suits)].stock = p.supplies_suits_stock * per_1000_;
  day_[static_cast<int>(Supply::Kits)].stock = p.supplies_kits_stock * per_1000_;
}

void Supplies::produce() {
  if (!tracked()) return;
  const double made[kSupplies] = {p_.supplies_masks_production, p_.supplies_suits_production, p_.supplies_kits_production};
  for (int i = 0; i < kSupplies; ++i) {
    day_[i].produced = made[i] * per_1000_;
    day_[i].stock += day_[i].produced;
  }
}

std::int64_t Supplies::kits_available() const {
  if (!tracked()) return std::numeric_limits<std::int64_t>::max();
  return static_cast<std::int64_t>(std::floor(day_[static_cast<int>(Supply::Kits)].stock));
}

void Supplies::use(Supply s, double needed) {
  auto& d = day_[static_cast<int>(s)];
  const double used = std::min(d.stock, needed);
  d.needed += needed;
  d.used += used;
  d.stock -= used;
}

void Supplies::use_kits(std::int64_t tests) {
  if (!tracked()) return;
  use(Supply::Kits, static_cast<double>(tests));
  use(Supply::Suits, p_.supplies_suits_per_test * static_cast<double>(tests));  // sampling staff
}

double Supplies::use_protection(const SupplyNeeds& n) {
  if (!tracked()) return 0.0;
  // Health workers first: suits for patient care and sampling, masks for every worker on duty; then quarantine
  // sites and enterprises take what masks are left.
  use(Supply::Suits, p_.supplies_suits_per_patient * n.patients);
  const auto& suits = day_[static_cast<int>(Supply::Suits)];
  const double hw_masks = p_.supplies_masks_per_health_worker * n.health_workers_on_duty;
  auto& masks = day_[static_cast<int>(Supply::Masks)];
  const double masks_before = masks.stock;
  use(Supply::Masks, hw_masks);
  const double mask_shortage = hw_masks > 0 ? 1.0 - std::min(masks_before, hw_masks) / hw_masks : 0.0;
  use(Supply::Masks, p_.supplies_masks_per_quarantined * n.quarantined_central + p_.supplies_masks_per_worker * n.workers_at_work);
  return std::max(suits.shortage(), mask_shortage);
}

void Supplies::next_day() {
  for (auto& d : day_) d.produced = d.needed = d.used = 0;
}

}  // namespace tongchou

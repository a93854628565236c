#pragma once
// Medical supplies (物资保障): stocks of masks, protective suits and PCR test kits, with a reserve at the start,
// daily production and daily consumption by hospitals, quarantine sites, testing and enterprises. A shortage of
// suits or masks for health workers weakens their protection; a shortage of kits limits the tests done.
#include <array>
#include <cstdint>

#include "scenario/parameters.hpp"

namespace tongchou {

enum class Supply : std::uint8_t { Masks, Suits, Kits };
inline constexpr int kSupplies = 3;

//! One item on one day, in agents' units (outputs multiply by the scale).
struct SupplyDay {
  double stock = 0;     //!< at the end of the day
  double produced = 0, needed = 0, used = 0;
  double shortage() const { return needed > 0 ? 1.0 - used / needed : 0.0; }
};

//! What the day's users need, in units of the item's per-use parameters.
struct SupplyNeeds {
  double health_workers_on_duty = 0, patients = 0, quarantined_central = 0, workers_at_work = 0;
};

class Supplies {
 public:
  Supplies(const Params& p, double persons);

  bool tracked() const { return p_.supplies_track; }
  //! Adds today's production (call once a day, first).
  void produce();
  //! Test kits available for today's tests (unlimited when not tracked).
  std::int64_t kits_available() const;
  //! Takes the kits of the tests done today.
  void use_kits(std::int64_t tests);
  //! Takes masks and suits for today's needs; returns the shortage of protection for health workers (0..1).
  double use_protection(const SupplyNeeds& needs);
  const std::array<SupplyDay, kSupplies>& today() const { return day_; }
  //! Starts a new day's counts (stocks carry over).
  void next_day();

 private:
  void use(Supply s, double needed);

  const Params& p_;
  double per_1000_;  //!< thousands of agents: stocks and production are given per 1,000 people
  std::array<SupplyDay, kSupplies> day_{};
};

}  // namespace tongchou

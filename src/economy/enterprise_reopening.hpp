#pragma once
// Enterprises closing and reopening (复工复产, B1 and B2). On economy.shutdown_from the enterprises of non-essential
// sectors close. From economy.resumption_from, once today's measures let any of its workers work (work x work.NN
// above 0 where it is), a closed enterprise prepares for a time drawn per enterprise (exponential, mean by size
// class: large 规上 or small/medium/micro, or falling with size: economy.prepare_by_size) and then reopens: at once under commitment (变审批为承诺), or through a
// first-come queue that approves economy.approval_capacity of the region's enterprises per day under approval. The
// workers of a closed enterprise do not come to work (no contacts there, no labour).
#include <cstdint>
#include <deque>
#include <vector>

#include "core/date.hpp"
#include "measures/place_controls.hpp"
#include "population/population.hpp"
#include "scenario/parameters.hpp"

namespace tongchou {

class EnterpriseReopening {
 public:
  EnterpriseReopening(const Population& pop, std::uint64_t seed);

  //! Closes, prepares, approves and reopens enterprises for `day` (date `date`).
  void update(int day, Date date, const Params& params, const PlaceControls& places);

  //! Mean days enterprise e prepares (exponential): its class's mean, or with economy.prepare_by_size the log-linear
  //! interpolation in employees through (median large size, prepare_days_large) and (median small size,
  //! prepare_days_small), extended beyond them; the class means where the two medians or means do not allow it.
  double prepare_mean(std::uint32_t e, const Params& params) const;

  //! Per enterprise: 1 while closed. Empty while every enterprise is open.
  const std::vector<std::uint8_t>& closed() const { return closed_count_ > 0 ? closed_ : empty_; }
  bool is_closed(std::uint32_t e) const { return closed_count_ > 0 && closed_[e]; }
  std::int64_t waiting_for_approval() const { return static_cast<std::int64_t>(queue_.size()); }
  //! Enterprises approved so far and the days they waited in the queue in all.
  std::int64_t approved() const { return approved_; }
  double approval_wait_days() const { return wait_days_; }

 private:
  const Population& pop_;
  std::uint64_t seed_;
  double median_large_ = 0, median_small_ = 0;  //!< employees of the median large and small enterprise
  std::vector<std::uint8_t> closed_, empty_;
  std::vector<std::int32_t> ready_day_;  //!< day preparation ends; kNotPreparing while not preparing
  std::vector<std::uint8_t> queued_;
  std::deque<std::uint32_t> queue_;
  bool shut_ = false;
  std::int64_t closed_count_ = 0;
  double approval_credit_ = 0;  //!< fractional approvals carried to the next day
  std::int64_t approved_ = 0;
  double wait_days_ = 0;
  static constexpr std::int32_t kNotPreparing = -1;
};

}  // namespace tongchou

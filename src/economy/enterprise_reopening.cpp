#include "economy/enterprise_reopening.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/rng.hpp"
#include "economy/labour_supply.hpp"
#include "measures/work_resumption.hpp"

namespace tongchou {

namespace {
double median(std::vector<double> x) {
  if (x.empty()) return 0.0;
  const auto mid = x.begin() + static_cast<std::ptrdiff_t>(x.size() / 2);
  std::nth_element(x.begin(), mid, x.end());
  return *mid;
}
}  // namespace

EnterpriseReopening::EnterpriseReopening(const Population& pop, std::uint64_t seed)
    : pop_(pop), seed_(seed), closed_(pop.enterprises.size(), 0), ready_day_(pop.enterprises.size(), kNotPreparing),
      queued_(pop.enterprises.size(), 0) {
  std::vector<double> large, small;
  for (const auto& ent : pop.enterprises) (ent.size_class == SizeClass::Large ? large : small).push_back(ent.employees);
  median_large_ = median(std::move(large));
  median_small_ = median(std::move(small));
}

double EnterpriseReopening::prepare_mean(std::uint32_t e, const Params& params) const {
  const auto& ent = pop_.enterprises[e];
  const double large = params.economy_prepare_days_large, small = params.economy_prepare_days_small;
  const double by_class = ent.size_class == SizeClass::Large ? large : small;
  if (!params.economy_prepare_by_size || large <= 0 || small <= 0 || median_small_ <= 0 || median_large_ <= median_small_)
    return by_class;
  // mean = large x (n / n_large)^(-k), k such that the small median gets the small mean.
  const double k = std::log(small / large) / std::log(median_large_ / median_small_);
  return large * std::pow(std::max(1.0, static_cast<double>(ent.employees)) / median_large_, -k);
}

void EnterpriseReopening::update(int day, Date date, const Params& params, const PlaceControls& places) {
  const auto n = static_cast<std::uint32_t>(pop_.enterprises.size());
  if (!shut_ && date >= params.economy_shutdown_from) {
    shut_ = true;
    for (std::uint32_t e = 0; e < n; ++e)
      if (!essential_sector(pop_.enterprises[e].sector)) closed_[e] = 1, ++closed_count_;
  }
  if (closed_count_ == 0) return;
  const bool approval = params.economy_reopening == "approval";
  if (date >= params.economy_resumption_from) {
    for (std::uint32_t e = 0; e < n; ++e) {
      if (!closed_[e] || queued_[e]) continue;
      const auto& ent = pop_.enterprises[e];
      if (ready_day_[e] == kNotPreparing) {
        if (work_share(places.at(ent.township), ent.sector, ent.size_class) <= 0.0f) continue;
        const double mean = prepare_mean(e, params);
        const double u = hash_uniform(seed_, Purpose::Economy, e, 0);
        ready_day_[e] = day + static_cast<std::int32_t>(std::floor(-std::log1p(-u) * mean));
      }
      if (day < ready_day_[e]) continue;
      if (approval) {
        queued_[e] = 1;
        queue_.push_back(e);
      } else {
        closed_[e] = 0;
        --closed_count_;
      }
    }
  }
  // The approval offices work through the queue; a switch to commitment opens everyone waiting.
  double capacity = approval ? params.economy_approval_capacity * static_cast<double>(n) + approval_credit_ : static_cast<double>(queue_.size());
  while (!queue_.empty() && capacity >= 1.0) {
    const auto e = queue_.front();
    queue_.pop_front();
    queued_[e] = 0;
    closed_[e] = 0;
    --closed_count_;
    ++approved_;
    wait_days_ += day - ready_day_[e];
    capacity -= 1.0;
  }
  approval_credit_ = approval && !queue_.empty() ? capacity : 0.0;
}

}  // namespace tongchou

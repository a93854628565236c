#include "economy/household_demand.hpp"

#include <algorithm>
#include <stdexcept>

namespace tongchou {

namespace {
// 0-based NBS sectors touched by venue closures and fear.
constexpr int kWholesaleRetail = 27, kTransport = 28, kCatering = 29, kEducation = 38, kResidentServices = 37,
              kEntertainment = 40;
struct VenueLink {
  int sector;
  VenueType venue;
  double weight;  //!< share of the sector's household consumption bought at venues of this type (U)
};
constexpr std::array<VenueLink, 6> kVenueLinks = {{{kCatering, VenueType::Restaurant, 0.75},
                                                   {kCatering, VenueType::Hotel, 0.25},
                                                   {kWholesaleRetail, VenueType::Market, 0.3},
                                                   {kEntertainment, VenueType::Entertainment, 0.5},
                                                   {kEntertainment, VenueType::Gym, 0.2},
                                                   {kEducation, VenueType::TrainingSchool, 0.1}}};
constexpr double kPassengerShare = 0.3;  //!< share of transport's household consumption that is public passenger transport (U)
// Contact-intensive consumption that fear cuts, by sector (weight, U).
constexpr std::array<std::pair<int, double>, 5> kFearSensitivity = {
    {{kWholesaleRetail, 0.3}, {kTransport, 0.3}, {kCatering, 1.0}, {kResidentServices, 0.5}, {kEntertainment, 1.0}}};
}  // namespace

HouseholdDemand::HouseholdDemand(std::vector<double> households, std::vector<double> government, std::vector<double> investment,
                                 std::vector<double> exports, double labour_share)
    : h0_(std::move(households)), g0_(std::move(government)), v0_(std::move(investment)), e0_(std::move(exports)),
      c_(h0_.size(), 0.0), v_(v0_), e_(e0_), shock_(h0_.size(), 0.0), labour_share_(labour_share) {
  // The venue and fear links name sectors of the NBS 42-sector table.
  constexpr auto n = static_cast<std::size_t>(kSectors);
  if (h0_.size() != n || g0_.size() != n || v0_.size() != n || e0_.size() != n)
    throw std::invalid_argument("HouseholdDemand needs final demand for the 42 NBS sectors");
  for (std::size_t i = 0; i < h0_.size(); ++i) c_[i] = h0_[i] + g0_[i];
}

void HouseholdDemand::update(const DemandConditions& x, const Params& p) {
  const auto n = h0_.size();
  // Permanent income: the budget follows labour income slowly.
  const double target = 1.0 - labour_share_ * (1.0 - x.labour_income);
  kappa_ += (target - kappa_) / p.economy_consumption_adjustment_days;
  fear_ = x.cases_per_million > 0 ? p.economy_fear_max * x.cases_per_million / (x.cases_per_million + p.economy_fear_half_cases) : 0.0;
  std::fill(shock_.begin(), shock_.end(), 0.0);
  for (const auto& link : kVenueLinks)
    shock_[static_cast<std::size_t>(link.sector)] += link.weight * (1.0 - x.venue_open[static_cast<std::size_t>(link.venue)]);
  shock_[kTransport] += kPassengerShare * (1.0 - x.public_transport);
  for (const auto& [sector, weight] : kFearSensitivity) {
    auto& e = shock_[static_cast<std::size_t>(sector)];
    e += (1.0 - e) * weight * fear_;  // fear cuts what closures left
  }
  double cut = 0, unshocked = 0;
  for (std::size_t i = 0; i < n; ++i) {
    shock_[i] = std::clamp(shock_[i], 0.0, 1.0);
    const double planned = h0_[i] * kappa_;
    c_[i] = planned - shock_[i] * planned;
    cut += shock_[i] * planned;
    if (shock_[i] == 0.0) unshocked += h0_[i];
  }
  const double spent_elsewhere = (1.0 - p.economy_saved_share) * cut;
  if (spent_elsewhere > 0 && unshocked > 0)
    for (std::size_t i = 0; i < n; ++i)
      if (shock_[i] == 0.0) c_[i] += spent_elsewhere * (h0_[i] / unshocked);
  double households = 0, households0 = 0;
  for (std::size_t i = 0; i < n; ++i) {
    households += c_[i];
    households0 += h0_[i];
    c_[i] += g0_[i] * p.economy_government_demand;
  }
  household_index_ = households0 > 0 ? households / households0 : 1.0;
  for (std::size_t i = 0; i < n; ++i) {
    v_[i] = v0_[i] * p.economy_investment_share;
    e_[i] = e0_[i] * p.economy_export_demand;
  }
}

}  // namespace tongchou

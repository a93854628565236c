#include "economy/festival_migrants.hpp"

#include <algorithm>

namespace tongchou {

namespace {
// The survey's industries over the 42 NBS sectors (0-based): primary, manufacturing (06-23), construction (27),
// wholesale and retail (28), transport (29), accommodation and catering (30), resident services (38), the rest of the
// secondary industry (mining 02-05, utilities 24-26) and the rest of the tertiary industry.
enum Industry { Primary, Manufacturing, Construction, Trade, Transport, Catering, ResidentServices, OtherSecondary, OtherTertiary, kIndustries };

Industry industry_of(int s) {
  if (s == 0) return Primary;
  if (s >= 5 && s <= 22) return Manufacturing;
  if (s == 26) return Construction;
  if (s == 27) return Trade;
  if (s == 28) return Transport;
  if (s == 29) return Catering;
  if (s == 37) return ResidentServices;
  return s <= 25 ? OtherSecondary : OtherTertiary;
}
}  // namespace

std::array<double, kSectors> festival_migrant_shares(const std::vector<double>& workers, const Params& p) {
  std::array<double, kSectors> share{};
  share.fill(p.economy_ordinary_migrant_share);
  if (!p.economy_migrants_by_industry) return share;
  std::array<double, kIndustries> of_migrants{};
  of_migrants[Manufacturing] = p.economy_migrants_manufacturing;
  of_migrants[Construction] = p.economy_migrants_construction;
  of_migrants[OtherSecondary] = std::max(0.0, p.economy_migrants_secondary - p.economy_migrants_manufacturing - p.economy_migrants_construction);
  of_migrants[Trade] = p.economy_migrants_trade;
  of_migrants[Transport] = p.economy_migrants_transport;
  of_migrants[Catering] = p.economy_migrants_catering;
  of_migrants[ResidentServices] = p.economy_migrants_resident_services;
  of_migrants[OtherTertiary] = std::max(0.0, p.economy_migrants_tertiary - p.economy_migrants_trade - p.economy_migrants_transport -
                                                 p.economy_migrants_catering - p.economy_migrants_resident_services);
  of_migrants[Primary] = std::max(0.0, 1.0 - p.economy_migrants_secondary - p.economy_migrants_tertiary);
  std::array<double, kIndustries> in_industry{};
  double all = 0;
  for (int s = 0; s < kSectors && s < static_cast<int>(workers.size()); ++s) {
    in_industry[industry_of(s)] += workers[static_cast<std::size_t>(s)];
    all += workers[static_cast<std::size_t>(s)];
  }
  const double migrants = p.economy_ordinary_migrant_share * all;
  for (int s = 0; s < kSectors; ++s) {
    const double w = in_industry[industry_of(s)];
    share[static_cast<std::size_t>(s)] = w > 0 ? std::min(1.0, migrants * of_migrants[industry_of(s)] / w) : 0.0;
  }
  return share;
}

}  // namespace tongchou

#pragma once
// The ordinary year: the counterfactual of the changes year on year, computed inside the run. The region's economy
// alone (no epidemic, no measures, the same population and baseline) stepped by the same dynamic input-output model
// (dynamic_io.hpp) and household demand (household_demand.hpp) with ordinary inputs: nothing closed and no fear, and the labour of an ordinary Spring Festival
// of each year (spring_festival.hpp: the holiday by the lunar calendar, plant closures, migrant workers leaving and
// coming back; who goes home by industry: festival_migrants.hpp). Trend growth by industry (economy.growth_primary,
// _secondary, _tertiary; the primary's pig farming changing with the herd, economy.pig_herd_change) sets each year's level:
// the year the scenario starts is at the baseline, the year before at baseline / (1 + g), and so on. One series runs
// from 1 January of the year before the start to the later of the run's last day and 30 April of the start year, so
// that every simulated day has its day a year earlier and every published period (Jan-Feb, March, Q1, April) is
// covered in both years. The model restarts from the steady state on the run's first day and on the same calendar
// day a year earlier, as the run itself starts: the run has the same festival calendar (economy.cpp: the later of the
// ordinary holiday and the measures keeps workers away), so with no epidemic and no measures its days are the
// ordinary year's, and a period clear of both festivals changes by exactly the trend growth.
#include <array>
#include <vector>

#include "core/date.hpp"
#include "economy/dynamic_io.hpp"
#include "model/kinds.hpp"
#include "scenario/parameters.hpp"

namespace tongchou {

class OrdinaryYear {
 public:
  //! `large_share`: per sector, the share of its workers in large enterprises (规上), for value_added_large;
  //! `labour_share`: labour's share of value added (household demand). `params`: the scenario's starting values.
  OrdinaryYear(const IoBaseline& baseline, const IoSettings& settings, const Params& params,
               const std::array<double, kSectors>& large_share, double labour_share);

  Date first() const { return first_; }
  Date last() const { return Date{first_.days + static_cast<std::int32_t>(days_) - 1}; }
  bool covers(Date d) const { return d >= first_ && d <= last(); }
  //! Value added of sector s on date d in the ordinary year (CNY million a day); d must be covered.
  double value_added(Date d, int s) const { return va_[index(d, s)]; }
  double value_added_large(Date d, int s) const { return va_[index(d, s)] * large_share_[static_cast<std::size_t>(s)]; }
  //! The same calendar day a year earlier (29 February: 28 February).
  static Date year_before(Date d);

 private:
  std::size_t index(Date d, int s) const { return static_cast<std::size_t>(d.days - first_.days) * kSectors + static_cast<std::size_t>(s); }
  Date first_;
  std::size_t days_ = 0;
  std::array<double, kSectors> large_share_{};
  std::vector<double> va_;  //!< [day * kSectors + sector]
};

}  // namespace tongchou

#include "economy/ordinary_year.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "economy/festival_migrants.hpp"
#include "economy/household_demand.hpp"
#include "economy/spring_festival.hpp"

namespace tongchou {

namespace {
// Sectors (0-based) of the three industries: 0 primary, 1-26 secondary, 27-41 tertiary. The primary industry grows
// by its trend, and its pig farming (economy.pig_share of it) changes on top of it with the herd at the end of the
// year before (economy.pig_herd_change, a shock known before the run).
double growth(int s, const Params& p) {
  if (s == 0) return (1.0 + p.economy_growth_primary) * (1.0 + p.economy_pig_share * p.economy_pig_herd_change) - 1.0;
  return s <= 26 ? p.economy_growth_secondary : p.economy_growth_tertiary;
}
}  // namespace

Date OrdinaryYear::year_before(Date d) {
  const auto text = format_date(d);
  const int y = std::stoi(text.substr(0, 4));
  const auto m = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
  auto day = static_cast<unsigned>(std::stoi(text.substr(8, 2)));
  if (m == 2 && day == 29) day = 28;
  return make_date(y - 1, m, day);
}

OrdinaryYear::OrdinaryYear(const IoBaseline& baseline, const IoSettings& settings, const Params& params,
                           const std::array<double, kSectors>& large_share, double labour_share)
    : large_share_(large_share) {
  const int year = calendar_year(params.scenario_start);
  first_ = make_date(year - 1, 1, 1);
  const Date run_last{params.scenario_start.days + static_cast<std::int32_t>(params.scenario_days) - 1};
  const Date end = std::max(run_last, make_date(year, 4, 30));
  days_ = static_cast<std::size_t>(end.days - first_.days + 1);
  va_.resize(days_ * kSectors);
  DynamicIo model(baseline, settings);
  // Final demand as the run's households, government, investment and exports make it with nothing closed, no fear
  // and wages paid over the holiday (labour income 1), under the scenario's starting parameters.
  HouseholdDemand demand(baseline.households, baseline.government, baseline.investment, baseline.exports, labour_share);
  DemandConditions neutral;
  neutral.venue_open.fill(1.0);
  demand.update(neutral, params);
  const auto n = static_cast<std::size_t>(kSectors);
  std::vector<double> labour(n);
  const auto migrants = festival_migrant_shares(baseline.workers, params);
  const FreightCapacity freight{params.economy_freight_capacity, params.economy_freight_capacity};
  for (std::size_t d = 0; d < days_; ++d) {
    const Date date{first_.days + static_cast<std::int32_t>(d)};
    // The run starts in the steady state; so does its counterfactual on the same day, and the year before on the same
    // calendar day: the run's own days with no epidemic and no measures are the ordinary year's days (economy.cpp
    // applies the same calendar), and the two years differ only by where their festivals fall.
    if (date == params.scenario_start || date == year_before(params.scenario_start)) model = DynamicIo(baseline, settings);
    for (std::size_t i = 0; i < n; ++i) labour[i] = baseline.workers[i] * ordinary_labour_share(date, static_cast<int>(i), params, migrants[i]);
    const IoDay& x = model.step(labour, demand.consumption(), demand.investment(), demand.exports(), freight);
    const int years = calendar_year(date) - year;
    for (std::size_t i = 0; i < n; ++i)
      va_[d * n + i] = years == 0 ? x.value_added[i] : x.value_added[i] * std::pow(1.0 + growth(static_cast<int>(i), params), years);
  }
}

}  // namespace tongchou

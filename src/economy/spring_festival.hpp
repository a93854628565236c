#pragma once
// The Spring Festival (春节, first day of the first lunar month) by the Gregorian calendar, 2015-2030, and the
// ordinary year's labour around it: the statutory holiday from New Year's Eve (除夕), plant closures over it, and
// migrant workers leaving before the festival and coming back after it. Used by the ordinary year (ordinary_year.hpp).
#include <optional>

#include "core/date.hpp"
#include "scenario/parameters.hpp"

namespace tongchou {

inline constexpr int kSpringFestivalFirstYear = 2015, kSpringFestivalLastYear = 2030;

//! The Spring Festival of `year`; nothing outside 2015-2030. Source: Hong Kong Observatory, Gregorian-Lunar Calendar
//! Conversion Table (hko.gov.hk/en/gts/time/conversion.htm), the same as Purple Mountain Observatory's calendar.
std::optional<Date> spring_festival(int year);

//! The year of a date (proleptic Gregorian).
int calendar_year(Date d);

//! Share of a sector's workers at work on `date` in an ordinary year (1 away from the festival): migrant workers
//! (economy.ordinary_migrant_share) leave over economy.ordinary_departure_days before the festival, stay home through
//! the holiday (economy.ordinary_holiday_days from New Year's Eve) and are all back economy.ordinary_return_days after
//! the festival, linearly; over the holiday economy.ordinary_holiday_closure of the non-essential sectors' work stops.
//! Years without a table entry have no festival (1).
double ordinary_labour_share(Date date, int sector, const Params& params);
//! The same with the sector's share of migrant workers given (festival_migrants.hpp) instead of
//! economy.ordinary_migrant_share.
double ordinary_labour_share(Date date, int sector, const Params& params, double migrant_share);

}  // namespace tongchou

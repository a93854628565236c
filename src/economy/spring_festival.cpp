#include "economy/spring_festival.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "measures/work_resumption.hpp"

namespace tongchou {

namespace {
struct MonthDay {
  unsigned month, day;
};
// 正月初一, 2015-2030 (Hong Kong Observatory conversion tables).
constexpr std::array<MonthDay, kSpringFestivalLastYear - kSpringFestivalFirstYear + 1> kFestival{{
    {2, 19}, {2, 8}, {1, 28}, {2, 16}, {2, 5}, {1, 25}, {2, 12}, {2, 1},   // 2015-2022
    {1, 22}, {2, 10}, {1, 29}, {2, 17}, {2, 6}, {1, 26}, {2, 13}, {2, 3},  // 2023-2030
}};
}  // namespace

std::optional<Date> spring_festival(int year) {
  if (year < kSpringFestivalFirstYear || year > kSpringFestivalLastYear) return std::nullopt;
  const auto md = kFestival[static_cast<std::size_t>(year - kSpringFestivalFirstYear)];
  return make_date(year, md.month, md.day);
}

int calendar_year(Date d) { return std::stoi(format_date(d).substr(0, 4)); }

double ordinary_labour_share(Date date, int sector, const Params& params) {
  return ordinary_labour_share(date, sector, params, params.economy_ordinary_migrant_share);
}

double ordinary_labour_share(Date date, int sector, const Params& params, double migrant_share) {
  const auto sf = spring_festival(calendar_year(date));
  if (!sf) return 1.0;
  const int t = date.days - sf->days;  // days after the festival
  const int holiday_first = -1, holiday_last = holiday_first + static_cast<int>(params.economy_ordinary_holiday_days) - 1;
  const int leave = static_cast<int>(params.economy_ordinary_departure_days);
  const int back = std::max(holiday_last + 1, static_cast<int>(params.economy_ordinary_return_days));
  // Share of the migrant workers at home: rising to 1 by New Year's Eve, 1 through the holiday, 0 from `back` on.
  double home = 0;
  if (t < holiday_first) home = leave > 0 && t >= holiday_first - leave ? static_cast<double>(t - (holiday_first - leave) + 1) / (leave + 1) : 0.0;
  else if (t <= holiday_last) home = 1.0;
  else if (t < back) home = 1.0 - static_cast<double>(t - holiday_last) / (back - holiday_last);
  double share = 1.0 - migrant_share * home;
  if (t >= holiday_first && t <= holiday_last && !essential_sector(sector)) share *= 1.0 - params.economy_ordinary_holiday_closure;
  return share;
}

}  // namespace tongchou

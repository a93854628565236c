#include "core/date.hpp"

#include <chrono>
#include <cstdio>

namespace tongchou {

Date make_date(int year, unsigned month, unsigned day) {
  const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
  return Date{static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count())};
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  for (std::size_t i : {0u, 1u, 2u, 3u}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    y = y * 10 + (text[i] - '0');
  }
  for (std::size_t i : {5u, 6u}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    m = m * 10 + static_cast<unsigned>(text[i] - '0');
  }
  for (std::size_t i : {8u, 9u}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    d = d * 10 + static_cast<unsigned>(text[i] - '0');
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return make_date(y, m, d);
}

std::string format_date(Date d) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{d.days}}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

int weekday(Date d) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return static_cast<int>(((d.days % 7) + 7 + 3) % 7);
}

}  // namespace tongchou

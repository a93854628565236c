#pragma once
// Calendar dates as day numbers (days since 1970-01-01), ISO 8601 text.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tongchou {

//! A calendar date as a count of days since 1970-01-01.
struct Date {
  std::int32_t days = 0;
  friend auto operator<=>(const Date&, const Date&) = default;
};

Date make_date(int year, unsigned month, unsigned day);
//! Parses "YYYY-MM-DD"; nothing if malformed or not a real date.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date d);
//! 0 = Monday ... 6 = Sunday.
int weekday(Date d);

}  // namespace tongchou

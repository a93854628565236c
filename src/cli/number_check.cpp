#include "cli/number_check.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <fmt/format.h>

#include "scenario/parameters.hpp"

namespace tongchou::cli {

CLI::Validator number_check(const std::string& param, bool whole, double lo, double hi) {
  if (const ParamSpec* spec = find_param(param)) lo = spec->min().value_or(lo), hi = spec->max().value_or(hi);
  const std::string of = param.empty() ? "" : " (" + param + ")";
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        double v = 0;
        const char* end = text.data() + text.size();
        if (whole) {
          std::int64_t i = 0;
          const auto [p, ec] = std::from_chars(text.data(), end, i);
          if (ec == std::errc::result_out_of_range) return fmt::format("{} is too large: must be at most {:.0f}{}", text, hi, of);
          if (ec != std::errc() || p != end) return fmt::format("not an integer (\"{}\")", text);
          v = static_cast<double>(i);
        } else {
          const auto [p, ec] = std::from_chars(text.data(), end, v);
          if (ec != std::errc() || p != end) return fmt::format("not a number (\"{}\")", text);
          if (!std::isfinite(v)) return fmt::format("must be a finite number, not {}", text);
        }
        if (v < lo) return fmt::format("must be at least {}{}", lo, of);
        if (v > hi) return fmt::format("must be at most {}{}", hi, of);
        return {};
      },
      "");
}

}  // namespace tongchou::cli

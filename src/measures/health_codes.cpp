#include "measures/health_codes.hpp"

#include <algorithm>

namespace tongchou {

void HealthCodes::flag(PersonId q, CodeColour c, int days, int day) {
  const auto until = static_cast<std::int16_t>(std::min(day + days - 1, 0x7FFE));
  const CodeColour old = colour_[q];
  if (old == CodeColour::Green) {
    flagged_.push_back(q);
    colour_[q] = c;
    until_[q] = until;
    ++count_[static_cast<int>(c)];
    return;
  }
  if (c > old) {
    --count_[static_cast<int>(old)];
    ++count_[static_cast<int>(c)];
    colour_[q] = c;
    until_[q] = until;  // the redder colour's own count of check-ins
    return;
  }
  if (c == old) until_[q] = std::max(until_[q], until);
}

}  // namespace tongchou

#include "measures/health_codes.hpp"

#include <algorithm>

namespace tongchou {

void HealthCodes::flag(PersonId q, CodeColour c, int days, int day) {
  const auto until = static_cast<std::int16_t>(std::min(day + days - 1, 0x7FFE));
  const CodeColour old = colour_[q];
  if (old == CodeColour::Green) {
    if (!listed_[q]) flagged_.push_back(q), listed_[q] = true;
    colour_[q] = c;
    until_[q] = until;
    ++count_[static_cast<int>(c)];
  } else if (c > old) {
    --count_[static_cast<int>(old)];
    ++count_[static_cast<int>(c)];
    colour_[q] = c;
    until_[q] = until;  // the redder colour's own count of check-ins
  } else if (c == old && until > until_[q]) {
    until_[q] = until;
  } else {
    return;  // nothing changed
  }
  schedule(q);
}

void HealthCodes::on_arrival(PersonId q, const std::string& origin_risk, const Params& p, int day) {
  if (origin_risk == "high") flag(q, CodeColour::Red, static_cast<int>(p.codes_red_days), day);
  else if (origin_risk == "medium" || !p.codes_mutual_recognition) flag(q, CodeColour::Yellow, static_cast<int>(p.codes_yellow_days), day);
}

}  // namespace tongchou

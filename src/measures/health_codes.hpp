#pragma once
// Health codes (健康码, rule R4): every person has a colour each day. Red for confirmed and asymptomatic cases,
// traced close contacts and arrivals from high-risk areas; yellow for suspected cases, people who declare symptoms,
// arrivals from medium-risk areas and, without mutual recognition (R5), arrivals from anywhere else. A code turns
// green after codes.red_days / codes.yellow_days normal daily check-ins; a check-in while symptomatic is not normal
// and adds a day. Where the measure health_codes is on, people with a yellow or red code stay at home.
#include <array>
#include <cstdint>
#include <vector>

#include <string>

#include "population/population.hpp"
#include "scenario/parameters.hpp"
#include "sim/sim_state.hpp"

namespace tongchou {

enum class CodeColour : std::uint8_t { Green, Yellow, Red };
inline constexpr int kCodeColours = 3;

class HealthCodes {
 public:
  explicit HealthCodes(std::size_t persons) : colour_(persons, CodeColour::Green), until_(persons, 0) {}

  //! Gives q colour `c` for `days` check-ins from `day` (days day .. day+days-1); a redder colour or a later end
  //! already held is kept.
  void flag(PersonId q, CodeColour c, int days, int day);
  //! An arrival from a place of risk level `origin_risk` (low, medium, high): red from a high-risk origin, yellow from
  //! a medium-risk one, and yellow from a low-risk one unless codes are recognised between regions (R5).
  void on_arrival(PersonId q, const std::string& origin_risk, const Params& p, int day);
  //! Morning check-ins: codes whose last day has passed turn green, unless the person has symptoms today (state
  //! Mild, Severe or Critical), which adds a day. Then `hold(q)` decides, for each person not green, whether the
  //! code keeps them at home today (the measure health_codes where they live): sets or clears kCodeHold.
  template <class Hold>
  void step(int day, SimState& st, Hold&& hold) {
    std::size_t kept = 0;
    for (PersonId q : flagged_) {
      if (until_[q] < day && symptomatic(st.state[q])) until_[q] = static_cast<std::int16_t>(day);
      if (until_[q] < day || st.state[q] == DiseaseState::Dead) {
        --count_[static_cast<int>(colour_[q])];
        colour_[q] = CodeColour::Green;
        st.status[q] &= static_cast<std::uint8_t>(~kCodeHold);
        continue;
      }
      if (hold(q)) st.status[q] |= kCodeHold;
      else st.status[q] &= static_cast<std::uint8_t>(~kCodeHold);
      flagged_[kept++] = q;
    }
    flagged_.resize(kept);
  }
  CodeColour colour(PersonId q) const { return colour_[q]; }
  //! Persons with a yellow or red code.
  std::int64_t count(CodeColour c) const { return count_[static_cast<int>(c)]; }

 private:
  std::vector<CodeColour> colour_;
  std::vector<std::int16_t> until_;  //!< last day of the current colour
  std::vector<PersonId> flagged_;    //!< persons not green
  std::array<std::int64_t, kCodeColours> count_{};
};

}  // namespace tongchou

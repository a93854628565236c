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
#include <utility>

#include "population/population.hpp"
#include "scenario/parameters.hpp"
#include "state/sim_state.hpp"

namespace tongchou {

enum class CodeColour : std::uint8_t { Green, Yellow, Red };
inline constexpr int kCodeColours = 3;

class HealthCodes {
 public:
  explicit HealthCodes(std::size_t persons) : colour_(persons, CodeColour::Green), until_(persons, 0), listed_(persons, false) {}

  //! Gives q colour `c` for `days` check-ins from `day` (days day .. day+days-1); a redder colour or a later end
  //! already held is kept.
  void flag(PersonId q, CodeColour c, int days, int day);
  //! An arrival from a place of risk level `origin_risk` (low, medium, high): red from a high-risk origin, yellow from
  //! a medium-risk one, and yellow from a low-risk one unless codes are recognised between regions (R5).
  void on_arrival(PersonId q, const std::string& origin_risk, const Params& p, int day);
  //! Morning check-ins: codes whose last day has passed turn green, unless the person has symptoms today (state
  //! Mild, Severe or Critical), which adds a day. Then, if codes are `checked` anywhere today (or were yesterday),
  //! `hold(q)` decides for each person not green whether the code keeps them at home today (the measure health_codes
  //! where they live): sets or clears kCodeHold. Costs the codes due today, plus the people not green on days with
  //! checks.
  template <class Hold>
  void step(int day, SimState& st, bool checked, Hold&& hold) {
    for (; next_ <= day; ++next_) {
      if (static_cast<std::size_t>(next_) >= due_.size()) continue;
      const auto today = static_cast<std::size_t>(next_);
      read_due(today, st);
      for (std::size_t i = 0; i < action_.size(); ++i) {  // extensions go to later days (due_ may grow: index it)
        if (!action_[i]) continue;  // read as already green, or extended since: so it stays
        const PersonId q = due_[today][i];
        // Read again where read_due saw a code to change: an earlier entry of q today may have changed it.
        if (colour_[q] == CodeColour::Green || until_[q] >= next_) continue;  // already green, or extended since
        if (action_[i] == 2) {
          until_[q] = static_cast<std::int16_t>(next_);
          schedule(q);
        } else {
          clear(q, st);
        }
      }
      std::vector<PersonId>().swap(due_[today]);
    }
    if (!checked && !holding_) {
      if (flagged_.size() > 2 * static_cast<std::size_t>(count_[1] + count_[2]) + 1024) compact();
      return;
    }
    holding_ = checked;
    std::size_t kept = 0;
    for (PersonId q : flagged_) {
      if (colour_[q] == CodeColour::Green) {
        listed_[q] = false;
        continue;
      }
      if (hold(q)) st.status[q] |= kCodeHold;
      else st.status[q] &= static_cast<std::uint8_t>(~kCodeHold);
      flagged_[kept++] = q;
    }
    flagged_.resize(kept);
  }
  template <class Hold>
  void step(int day, SimState& st, Hold&& hold) {
    step(day, st, true, std::forward<Hold>(hold));
  }
  //! A person died today: their code is cleared.
  void on_death(PersonId q, SimState& st) {
    if (colour_[q] != CodeColour::Green) clear(q, st);
  }
  CodeColour colour(PersonId q) const { return colour_[q]; }
  //! Persons with a yellow or red code.
  std::int64_t count(CodeColour c) const { return count_[static_cast<int>(c)]; }

 private:
  std::vector<CodeColour> colour_;
  std::vector<std::int16_t> until_;  //!< last day of the current colour
  void schedule(PersonId q) {  // the check-in after the code's last day
    const auto at = static_cast<std::size_t>(until_[q]) + 1;
    if (due_.size() <= at) due_.resize(at + 1);
    due_[at].push_back(q);
  }
  void clear(PersonId q, SimState& st) {
    --count_[static_cast<int>(colour_[q])];
    colour_[q] = CodeColour::Green;
    st.status[q] &= static_cast<std::uint8_t>(~kCodeHold);
  }
  //! The check-ins due on day `today`, read in parallel (the random reads): action_[i] is 0 where entry i leaves the
  //! code as it is (already green, or extended since), 2 where it is extended (symptoms today), 1 where it turns green.
  //! Applying an entry only makes later entries of the same person leave the code: step() reads those it acts on again.
  void read_due(std::size_t today, const SimState& st) {
    const auto& list = due_[today];
    const auto n = static_cast<std::int64_t>(list.size());
    action_.resize(list.size());
    const int day = next_;
#pragma omp parallel for schedule(static) if (n >= 4096)
    for (std::int64_t i = 0; i < n; ++i) {
      const PersonId q = list[static_cast<std::size_t>(i)];
      action_[static_cast<std::size_t>(i)] = colour_[q] == CodeColour::Green || until_[q] >= day ? 0 : symptomatic(st.state[q]) ? 2 : 1;
    }
  }
  void compact() {
    std::erase_if(flagged_, [&](PersonId q) {
      if (colour_[q] != CodeColour::Green) return false;
      listed_[q] = false;
      return true;
    });
  }

  std::vector<bool> listed_;                      //!< per person: in flagged_
  std::vector<PersonId> flagged_;                 //!< persons not green (and some who turned green since), once each
  std::vector<std::vector<PersonId>> due_;        //!< per day: persons whose code may turn green that morning
  std::vector<std::uint8_t> action_;              //!< per entry due today: read_due()'s reading
  int next_ = 0;                                  //!< the first day whose check-ins are not done
  bool holding_ = false;                          //!< whether codes were checked at the last step
  std::array<std::int64_t, kCodeColours> count_{};
};

}  // namespace tongchou

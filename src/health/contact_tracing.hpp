#pragma once
// Tracing of close contacts (流调, 密切接触者) and their quarantine (隔离观察): when a case is confirmed, the people who
// shared its household, class, school, work team, venues (on days both visited) and transport group during the
// look-back window (rule R6) are found with a per-layer coverage, within a daily capacity, after a delay, and
// quarantined until quarantine_days after their last exposure, centralised or at home, with tests at entry and exit.
#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

#include "population/population.hpp"
#include "scenario/parameters.hpp"
#include "state/sim_state.hpp"

namespace tongchou {

class Transmission;

struct TracingDay {
  std::int64_t index_cases = 0, contacts_traced = 0, quarantine_started = 0, quarantine_released = 0;
};

class ContactTracing {
 public:
  //! `test(person, day, in_quarantine)` asks for a PCR test of a quarantined person: a traced contact's entry test
  //! (false), or an exit test or the entry test of an arrival (true: found in quarantine).
  using TestRequest = std::function<void(PersonId, int, bool)>;

  ContactTracing(const Params& p, const Population& pop, const Transmission& transmission, int days);

  //! A case confirmed today: its contacts will be traced (if tracing is on).
  void on_confirmed(const InfectionRecord& rec, int day);
  //! Starts and ends the quarantines due today (before today's test results are read).
  void step(int day, SimState& st, TracingDay& counts, const TestRequest& test);
  //! Traces queued index cases within today's capacity (after today's confirmations).
  void trace(int day, TracingDay& counts);
  //! Whether tracing finds `contact` of `index` in a layer: a pure function (coverage of the layer).
  bool found(PersonId index, PersonId contact, Layer layer) const;
  //! Quarantine of an arrival (closed loop) from `start` to `until` (inclusive), centralised if `central` and a room is
  //! free, else at home; tested at entry and exit.
  void quarantine_arrival(PersonId q, int start, int until, bool central);
  //! Called when a traced contact's quarantine starts (health codes turn red).
  void on_contact_quarantined(std::function<void(PersonId, int)> f) { on_contact_ = std::move(f); }
  //! A quarantined person confirmed as a case leaves quarantine for hospital.
  void leave_quarantine(PersonId q, SimState& st);
  //! People in centralised and in home quarantine now.
  std::int64_t in_central() const { return in_central_; }
  std::int64_t in_home() const { return in_home_; }

 private:
  struct Index {
    PersonId person;
    int first_day, last_day;  //!< contact window (days from the start), inclusive
  };
  void find_contacts(const Index& index, std::vector<std::pair<PersonId, std::uint8_t>>& out) const;

  const Params& p_;
  const Population& pop_;
  const Transmission& transmission_;
  std::uint64_t seed_;
  std::deque<Index> queue_;
  enum class Kind : std::uint8_t { Contact, ArrivalCentral, ArrivalHome };
  struct Start {
    PersonId person;
    std::int32_t until;  //!< last day of quarantine
    Kind kind;
  };
  std::vector<std::vector<Start>> starts_;                    //!< per day
  std::vector<std::vector<PersonId>> ends_;                   //!< per day: quarantines that may end
  std::vector<std::int16_t> quarantine_until_;                //!< per person (allocated when tracing is on)
  std::int64_t in_central_ = 0, in_home_ = 0;
  std::function<void(PersonId, int)> on_contact_;
};

}  // namespace tongchou

#pragma once
// Finding cases (四早: 早发现、早报告、早隔离): symptomatic people visit a fever clinic after a delay, are isolated as
// suspected cases while a PCR test is processed, and are confirmed and isolated in a designated hospital when
// positive; a negative result is repeated once, and two negatives exclude the case (rule R8).
#include <cstdint>
#include <vector>

#include "core/rng.hpp"
#include "scenario/parameters.hpp"
#include "sim/sim_state.hpp"

namespace tongchou {

//! Counts of one day.
//! How a confirmed case was found.
enum class Route : std::uint8_t { Clinic, Tracing, Quarantine };

struct CaseFindingDay {
  std::int64_t visits = 0, tests = 0, positives = 0, new_suspected = 0, new_confirmed = 0, excluded = 0;
  std::int64_t confirmed_tracing = 0;     //!< by the entry test of a traced contact
  std::int64_t confirmed_quarantine = 0;  //!< during or at the end of quarantine (二代病例 caught in quarantine)
  std::int64_t suspected_died = 0;  //!< suspected cases who died before a result
};

class CaseFinding {
 public:
  CaseFinding(const Params& p, int days);

  //! A person's symptoms started today (offset from the start); may schedule a clinic visit. A person in
  //! quarantine is tested at once.
  void on_onset(PersonId q, int day, bool quarantined);
  //! A PCR test of a quarantined person, sampled today (entry, exit); a positive result confirms the case.
  void test(PersonId q, int day, Route route);
  //! Visits and test results due today: updates the status of the people concerned and their records;
  //! `on_confirmed(person)` is called for each case confirmed today; it must admit the person to hospital.
  template <class OnConfirmed>
  void step(int day, SimState& st, CaseFindingDay& counts, OnConfirmed&& on_confirmed) {
    confirmed_.clear();
    step(day, st, counts);
    for (PersonId q : confirmed_) on_confirmed(q);
  }
  void step(int day, SimState& st, CaseFindingDay& counts);

 private:
  enum class Action : std::uint8_t { Visit, Result, QuarantineResult };
  struct Event {
    PersonId person;
    Action action;
    std::uint8_t test;  //!< 1 for the first test, 2 for the retest
    Route route = Route::Clinic;
  };
  void schedule(int day, Event e);
  bool positive(const InfectionRecord& rec, int day, PersonId q, std::uint8_t test) const;

  const Params& p_;
  std::uint64_t seed_;
  std::vector<std::vector<Event>> due_;
  std::vector<PersonId> confirmed_;
};

}  // namespace tongchou

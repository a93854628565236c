#pragma once
// Finding cases (四早: 早发现、早报告、早隔离): symptomatic people visit a fever clinic after a delay (or are detected
// by temperature screening at entrances), are isolated as suspected cases while a PCR test is processed, and are
// confirmed and isolated in a designated hospital when positive; a negative result is repeated once, and two
// negatives exclude the case (rule R8). Fever from other causes brings uninfected people to the clinics too.
// Samples wait for a laboratory with a daily capacity; sensitivity depends on the days since infection.
#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

#include "core/rng.hpp"
#include "scenario/parameters.hpp"
#include "state/sim_state.hpp"

namespace tongchou {

//! How a positive person was found.
enum class Route : std::uint8_t { Clinic, Screening, Tracing, Quarantine };

//! Counts of one day.
struct CaseFindingDay {
  std::int64_t visits = 0, tests = 0, positives = 0, new_suspected = 0, new_confirmed = 0, excluded = 0;
  std::int64_t background_visits = 0;     //!< clinic visits for fever from other causes (uninfected)
  std::int64_t confirmed_screening = 0;   //!< suspected after temperature screening at an entrance
  std::int64_t confirmed_tracing = 0;     //!< by the entry test of a traced contact
  std::int64_t confirmed_quarantine = 0;  //!< during or at the end of quarantine (二代病例 caught in quarantine)
  std::int64_t new_asymptomatic = 0;      //!< positives who never develop symptoms: reported apart (R9)
  std::int64_t suspected_resolved = 0;    //!< suspected cases confirmed, excluded or dead today
  std::int64_t suspected_died = 0;        //!< suspected cases who died before a result
};

class CaseFinding {
 public:
  CaseFinding(const Params& p, int days);

  //! A person's symptoms started today (offset from the start); may schedule a clinic visit. A person in
  //! quarantine is tested at once.
  void on_onset(PersonId q, int day, bool quarantined);
  //! A severe case admitted to hospital today is tested there (if clinics are open).
  void on_admission(PersonId q, int day);
  //! A person found with symptoms today by a check outside the clinics (arrivals' screening, community monitoring):
  //! isolated as a suspected case and tested today.
  void suspect(PersonId q, int day, Route route) { schedule(day, {q, Action::Visit, 1, route}); }
  //! Called for each new suspected case (health codes turn yellow).
  void on_suspected(std::function<void(PersonId, int)> f) { on_suspected_ = std::move(f); }
  //! A PCR test of a quarantined person, sampled today (entry, exit); a positive result confirms the case.
  void test(PersonId q, int day, Route route);
  //! Visits, screening and test results of today: updates the status of the people concerned and their records;
  //! `on_positive(person, asymptomatic)` is called for each person found positive today; it must admit the
  //! person to hospital.
  template <class OnPositive>
  void step(int day, SimState& st, CaseFindingDay& counts, OnPositive&& on_positive) {
    positives_.clear();
    step(day, st, counts);
    for (const auto& [q, asymptomatic] : positives_) on_positive(q, asymptomatic);
  }
  void step(int day, SimState& st, CaseFindingDay& counts);
  //! Screening set by measures (closed compounds' gates, schools): probability of finding a symptomatic person today.
  void set_extra_screening(std::function<double(PersonId, int)> f) { extra_screening_ = std::move(f); }
  //! Test kits in stock today: the laboratory does no more tests than this.
  void limit_tests(std::int64_t kits) { kits_ = kits; }
  //! Samples waiting for the laboratory at the end of the day.
  std::int64_t samples_waiting() const { return static_cast<std::int64_t>(lab_.size()); }
  //! Probability that a PCR test sampled `days` after infection is positive (while infected).
  double sensitivity(int days) const;

 private:
  enum class Action : std::uint8_t { Visit, Retest, Result, QuarantineResult };
  struct Event {
    PersonId person;
    Action action;
    std::uint8_t test;  //!< 1 for the first test, 2 for the retest
    Route route = Route::Clinic;
    std::int16_t sampled = 0;  //!< day the sample was taken (results)
    bool background = false;   //!< a visit for fever from another cause
  };
  void schedule(int day, Event e);
  void sample(Event e, int day);
  bool positive(const SimState& st, PersonId q, int sampled, std::uint8_t test) const;
  void background_visits(int day, const SimState& st);
  void screen(int day, const SimState& st);
  void handle(const Event& e, int day, SimState& st, CaseFindingDay& counts);

  const Params& p_;
  std::uint64_t seed_;
  InfectiousWindow window_;  //!< the state of a course on the day a sample is taken
  std::vector<std::vector<Event>> due_;
  std::deque<Event> lab_;                //!< samples waiting for the laboratory, in order of sampling
  std::vector<PersonId> symptomatic_;    //!< symptomatic people not yet found (for temperature screening)
  std::vector<std::pair<PersonId, bool>> positives_;
  std::int64_t kits_ = INT64_MAX;
  std::function<double(PersonId, int)> extra_screening_;
  std::function<void(PersonId, int)> on_suspected_;
};

}  // namespace tongchou

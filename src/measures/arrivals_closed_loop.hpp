#pragma once
// Arrivals from outside the region ([[arrivals]]) and the closed loop that receives them (防输入闭环, rule R11, seed
// 003): (1) transport intervention, (2) port quarantine — and road/rail checkpoints where the measure checkpoints is
// on (交通卡口, A5) —, (3) classified transfer of arrivals from risk areas, (4) centralised quarantine with tests at
// entry and exit, (5) designated treatment of those found, (6) community control of the others. Each stage finds a
// share of the infected arrivals that reach it; those it misses go on, and those who leave the loop unfound leak.
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "measures/health_codes.hpp"
#include "population/population.hpp"
#include "scenario/scenario.hpp"
#include "state/sim_state.hpp"

namespace tongchou {

inline constexpr int kLoopStages = 6;
inline constexpr std::array<std::string_view, kLoopStages> kLoopStageNames = {
    "transport_intervention", "port_quarantine", "classified_transfer", "centralised_quarantine", "designated_treatment",
    "community_control"};
inline constexpr std::array<std::string_view, kLoopStages> kLoopStageNamesZh = {"运输介入", "口岸检疫", "分类转运",
                                                                              "集中隔离", "定点救治", "社区防控"};

//! Infected arrivals at one stage over the run (docs/outputs.md, closed_loop.csv).
struct LoopStage {
  std::int64_t entered = 0, found = 0, leaked = 0;
};

struct ClosedLoopSummary {
  std::int64_t arrivals = 0, infected = 0, found_by_loop = 0, found_outside_loop = 0, never_found = 0;
  std::int64_t infections_caused = 0;            //!< local infections whose infector is an arrival
  std::int64_t infections_caused_unfound = 0;    //!< ... infected before the arrival was found (or never found)
  std::array<LoopStage, kLoopStages> stages{};
};

struct ArrivalsDay {
  std::int64_t arrivals = 0, infected = 0, transferred = 0;
  double checkpoint_delay_hours = 0;  //!< people-hours lost by travellers at checkpoints
};

//! What the simulation does on behalf of the loop.
struct ArrivalActions {
  std::function<void(PersonId, int infection_day, std::uint16_t origin)> infect;
  std::function<void(PersonId)> suspect;  //!< found with symptoms today: isolated and tested
  std::function<void(PersonId, int start, int until, bool central)> quarantine;
  std::function<void(PersonId, const std::string& origin_risk)> code;  //!< the health code of an arrival
  std::function<bool(PersonId)> checkpoints;  //!< whether the measure checkpoints is on where the person lives
};

class ArrivalsClosedLoop {
 public:
  //! Chooses the arriving persons of every entry (residents aged age_min..age_max of the entry's districts, not
  //! migrant workers), away until their day. `weights`: per entry, cumulative weights over districts. Infections of
  //! arrivals are labelled with origin index origin_base + entry.
  ArrivalsClosedLoop(const Scenario& sc, const Population& pop, const std::vector<std::vector<double>>& weights,
                     std::uint16_t origin_base, int days, std::vector<std::string>& warnings);

  //! Marks every arrival away until their day (called once, before the first day); returns their number.
  std::int64_t mark_away(SimState& st) const;
  //! Today's arrivals come home: infected ones with an infection of the past days; then the stages of the loop.
  void arrive(int day, const Params& p, SimState& st, const ArrivalActions& act, ArrivalsDay& counts);
  //! Symptom onset of q today: an arrival under community control may be reported (stage 6).
  void on_onset(PersonId q, int day, const Params& p, const ArrivalActions& act);
  //! q was found positive today (`in_quarantine`: while quarantined).
  void on_found(PersonId q, int day, bool in_quarantine);
  //! The stages over the run up to `last_day` (quarantines still running at its end are neither found nor leaked).
  ClosedLoopSummary summary(const SimState& st, int last_day) const;

 private:
  enum : std::uint8_t { kInfected = 1, kDue = 2, kTransferred = 4, kMonitored = 8 };
  static constexpr std::int16_t kNever = 0x7FFF;
  struct Arrival {
    PersonId person;
    std::uint16_t entry;
    std::int16_t day;
    std::int16_t monitored_until = -1;  //!< last day of community control
    std::int16_t quarantine_until = -1;
    std::int16_t found_day = kNever;
    std::uint8_t flags = 0;
    std::uint8_t reported = 0;  //!< stage (1, 2, 6) that sent the person to be tested
    std::uint8_t found = 0;     //!< stage that found the person (1..6), 7 another route, 0 not found
  };
  void report(Arrival& a, std::uint8_t stage, const ArrivalActions& act);

  const Scenario& sc_;
  std::uint64_t seed_;
  std::uint16_t origin_base_;
  InfectiousWindow window_;  //!< the state of a course on a day (symptoms on arrival, infected after quarantine)
  std::vector<Arrival> arrivals_;
  std::vector<std::vector<std::uint32_t>> by_day_;
  std::unordered_map<PersonId, std::uint32_t> index_;
};

}  // namespace tongchou

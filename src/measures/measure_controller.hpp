#pragma once
// Zoned, graded, dynamic control (分区分级, 因时因事): every morning the controller reads the reports up to yesterday,
// sets each district's and township's risk level (risk_zoning.hpp), switches triggered measures with hysteresis,
// and resolves the value of every measure in every township:
//   neutral -> the table of the place's risk level (zoning) -> [[measure]] entries in force, region-wide first, then
//   district, then township entries (more specific wins; among equals the later entry in the file).
// Every change is logged as an event (date, place, measure, old, new, reason), at the widest place that changed alike.
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "measures/place_controls.hpp"
#include "measures/risk_zoning.hpp"
#include "population/population.hpp"
#include "population/region_data.hpp"
#include "scenario/scenario.hpp"

namespace tongchou {

struct MeasureEvent {
  Date date;
  std::string place, place_code, measure, old_value, new_value, reason;
};

//! Region-wide figures a trigger can read (people, and the share of designated beds in use).
struct RegionIndicators {
  double active_confirmed = 0;
  double hospital_occupancy = 0;
};

//! Problems with the places named by [[measure]] entries (unknown districts or townships).
void check_measure_places(const Scenario& sc, const RegionData& region, std::vector<Diagnostic>& problems);

class MeasureController {
 public:
  //! Throws InputError if an entry names a place the population does not have.
  MeasureController(const Scenario& sc, const Population& pop, int days);

  //! A case found today (confirmed, or an asymptomatic infection): counts for risk levels and clusters.
  void on_found(PersonId q, int day, bool asymptomatic);
  //! Sets today's levels and measures from the reports up to yesterday.
  void update(int day, Date date, const Params& p, const RegionIndicators& region);

  const PlaceControls& controls() const { return controls_; }
  //! Enterprises closed today (per enterprise, 1 = closed; empty = none): their workers stay away from work.
  void set_closed_enterprises(const std::vector<std::uint8_t>& closed) {
    controls_.enterprise_closed = closed.empty() ? nullptr : &closed;
    if (controls_.enterprise_closed) controls_.any = true;
  }
  const std::vector<MeasureEvent>& events() const { return events_; }
  //! Risk level of each district on each day simulated so far.
  const std::vector<std::vector<std::uint8_t>>& district_levels() const { return district_level_days_; }
  RiskLevel district_level(std::size_t d) const { return static_cast<RiskLevel>(district_level_[d]); }
  RiskLevel township_level(std::size_t t) const { return static_cast<RiskLevel>(township_level_[t]); }

 private:
  struct Unit {
    std::vector<std::uint32_t> townships;
    int district = -1, township = -1;  //!< the unit is this district / township (else: the region or several)
    bool on = false;
    int streak = 0;
    std::string reason;
  };
  struct Entry {
    const MeasureEntry* spec;
    int place_kind;  //!< 0 region, 1 district, 2 township
    std::vector<Unit> units;
  };
  struct Source {
    std::int32_t entry = -1;  //!< -1 neutral, -2 - level for the zoning table, else the entry's index
    std::int32_t unit = 0;
  };
  double indicator(const Entry& e, const Unit& u, int day, const RegionIndicators& region) const;
  std::string reason_of(const Source& s) const;
  void log_changes(Date date, const std::vector<KnobValues>& before, const std::vector<std::vector<Source>>& before_source);

  const Scenario& sc_;
  const Population& pop_;
  double scale_;
  RiskRule rule_;
  std::vector<Entry> entries_;  //!< in order of application
  std::vector<std::vector<std::int32_t>> found_;  //!< per day, per township: confirmed cases (agents)
  std::vector<std::int64_t> cumulative_;           //!< per township: confirmed cases so far (agents)
  std::vector<int> township_cluster_day_, district_cluster_day_;
  std::vector<std::vector<std::uint32_t>> district_townships_;
  ClusterTracker clusters_;
  std::vector<std::uint8_t> township_level_, district_level_;
  std::vector<int> raised_day_;  //!< per township: last day its level (by zoning.unit) was medium or high
  std::vector<std::vector<std::uint8_t>> district_level_days_;
  PlaceControls controls_;
  std::vector<std::vector<Source>> source_;  //!< per township, per knob
  std::vector<MeasureEvent> events_;
};

}  // namespace tongchou

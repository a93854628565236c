#pragma once
// A scenario: every parameter (Params) plus the structured sections (the import schedule).
// Loaded from TOML, validated with every problem reported at once, overridable with --set.
#include <array>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "scenario/parameters.hpp"

namespace tongchou {

//! When people come from outside the region, whom they are, and where they go: the keys [[imports]] and [[arrivals]]
//! share.
struct Destination {
  Date date;
  std::string district = "*";       //!< adcode, Chinese or English name, or "*" for the whole region
  std::string distribute = "population";  //!< "*" only: weights across districts: population | observed_cases
  std::int64_t age_min = 18, age_max = 64;
  std::string origin = "outside";   //!< label written to infections.csv
  int line = 0;                     //!< where it was declared, for messages
  bool undated = false;             //!< the entry gives no date (reported on reading): the checks of dates skip it
};

//! How long before the first simulated day an [[imports]] entry may be dated: such infections start on the first day
//! with their course advanced. Bounds the days of infection records (16 bits, state/sim_state.hpp) and the dates
//! infections.csv prepares.
inline constexpr int kMaxImportDaysBeforeStart = 365;

//! Infections arriving from outside the region on one date ([[imports]] in a scenario).
struct ImportSpec : Destination {
  double infections = 0;            //!< people (divided by population.scale for agents)
};

//! Travellers arriving from outside the region ([[arrivals]]): residents coming home, of whom a share is infected
//! (the prevalence at their origin). They pass the closed loop when closed_loop.enabled, and checkpoints where on.
struct ArrivalSpec : Destination {
  int days = 1;                     //!< arrivals spread evenly over this many days from `date`
  double travellers = 0;            //!< people in all (divided by population.scale for agents)
  double prevalence = 0;            //!< share of travellers infected
  std::string origin_risk = "low";  //!< risk level of the origin: low | medium | high
  std::string mode = "road";        //!< road | rail | air | bus (point-to-point bus, 点对点)
};

//! Parameter changes that take effect on a date ([[schedule]] in a scenario): e.g. delays that shrink over time.
struct ScheduleEntry {
  Date date;
  Params values;                    //!< holds the new values of `keys`
  std::vector<std::string> keys;    //!< parameters changed, "section.name"
  int line = 0;
};

//! A measure set for a place by date and/or by a condition with hysteresis ([[measure]] in a scenario).
struct MeasureEntry {
  std::string measure;              //!< a name of knob_table()
  int knob = -1;
  double value = 0;
  std::string place = "*";          //!< "*" (the region), a district (adcode or name) or a township (code or name)
  bool has_from = false, has_until = false;
  Date from, until;                 //!< first and last day (inclusive) on which the entry may apply
  std::string trigger;              //!< "" (by date only), new_confirmed, active_confirmed, hospital_occupancy, risk_level
  std::string scope = "place";      //!< where the trigger is evaluated: the whole place, or each district/township of it
  double on_at = 1;                 //!< switch on when the indicator reaches this ...
  double off_below = -1;            //!< ... and off when below this (default on_at) ...
  int on_after_days = 1;            //!< ... for this many consecutive days
  int off_after_days = 1;
  int window_days = 14;             //!< new_confirmed: cases reported in the last window_days
  std::string label;                //!< written as the reason in events.csv
  std::string id;                   //!< stable name ([a-z0-9_]+, unique in the scenario) for `tongchou sweep`; may be empty
  int line = 0;
};

//! The [[measure]] entry with this id, or nullptr.
struct Scenario;
const MeasureEntry* find_measure_id(const Scenario& scenario, const std::string& id);

//! The reason events.csv gives for an entry without a label or trigger: "scheduled ([[measure]] of line N)".
std::string unlabelled_reason(const MeasureEntry& entry);

//! The measures of one risk level ([zoning.low], [zoning.medium], [zoning.high]).
struct LevelMeasures {
  bool given = false;
  int line = 0;
  std::vector<std::pair<int, double>> values;  //!< (knob, value)
};

//! Whether a parameter may change during a run (its users read it every day): the [health] section.
bool schedulable(const ParamSpec& spec);

struct Scenario {
  Params params;
  std::vector<ImportSpec> imports;
  std::vector<ArrivalSpec> arrivals;
  std::vector<ScheduleEntry> schedule;  //!< in date order
  std::vector<MeasureEntry> measures;   //!< in file order
  std::array<LevelMeasures, 3> levels;  //!< by risk level: low, medium, high
  std::string source;  //!< file path or "builtin:NAME"
};

//! Parses and validates scenario text; throws InputError with every problem found.
Scenario parse_scenario(std::string_view text, const std::string& source_name);
//! Loads a scenario from a file path, or a built-in scenario by name.
Scenario load_scenario(const std::string& path_or_name);
//! Applies "key=value" overrides (value in TOML syntax, bare words taken as text); throws InputError.
void apply_overrides(Scenario& scenario, const std::vector<std::string>& assignments);
//! Checks ranges and cross-parameter rules; returns every problem.
std::vector<Diagnostic> check_scenario(const Scenario& scenario);
//! Rules that involve several parameters or the import schedule (ranges of single values are checked on reading).
std::vector<Diagnostic> cross_checks(const Scenario& scenario);

//! Applies the schedule entries dated `date` to `params`; returns the keys changed.
std::vector<std::string> apply_schedule(const Scenario& scenario, Date date, Params& params);

//! Every parameter actually used, as a TOML document that loads back to the same scenario: the parameters at their
//! values on the first day (`start`, before any [[schedule]] entry applies) and every entry (resolved_toml.cpp).
std::string resolved_toml(const Scenario& scenario, const Params& start);
//! The same, with the scenario's parameters as the start values (a scenario not yet run).
std::string resolved_toml(const Scenario& scenario);

//! Names of the built-in scenarios, with one-line descriptions.
struct BuiltinScenario {
  std::string name;
  std::string description;
};
std::vector<BuiltinScenario> builtin_scenarios();
//! The TOML text of a built-in scenario, or empty if there is none of that name.
std::string builtin_scenario_text(const std::string& name);

}  // namespace tongchou

#pragma once
// The measures a command headquarters can set for a place (region, district or township): each is a number, its
// neutral value meaning "no restriction". Risk-level tables ([zoning.low] ...) and [[measure]] entries set them;
// the transmission engine reads them per township. One row of knob_table() per measure; docs/parameters.md lists them.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/kinds.hpp"

namespace tongchou {

enum class Knob : std::uint8_t {
  Work,                  //!< work_resumption.hpp
  WorkSectorFirst,       //!< work.<NN>: share by input-output sector, multiplies work (kSectors knobs)
  WorkLarge = WorkSectorFirst + kSectors,  //!< work.large: share in large (规上) enterprises, multiplies work
  WorkSmall,             //!< work.small: share in small, medium and micro enterprises, multiplies work
  VenueFirst,            //!< venue.<type>: capacity share, venue_rules.hpp (kVenueTypes knobs)
  VenueDisinfection = VenueFirst + kVenueTypes,
  SchoolFirst,           //!< school.<level>: grades open, school_reopening.hpp (kSchoolLevels knobs)
  ClassSize = SchoolFirst + kSchoolLevels,
  SchoolChecks,
  StudentsFromRiskAreasHome,
  ClosedManagementDays,  //!< closed_management.hpp
  GateScreening,
  PublicTransport,       //!< public_transport.hpp
  InstitutionsClosed,    //!< institution_closure.hpp
  HealthCodes,           //!< health_codes.hpp
  Checkpoints,           //!< arrivals_closed_loop.hpp
  StayAtHomeOutings,     //!< stay_at_home.hpp
  InterDistrictTravel,   //!< stay_at_home.hpp
  Count,
};
inline constexpr int kKnobs = static_cast<int>(Knob::Count);
inline constexpr Knob work_sector_knob(int s) { return static_cast<Knob>(static_cast<int>(Knob::WorkSectorFirst) + s); }
inline constexpr Knob venue_knob(int v) { return static_cast<Knob>(static_cast<int>(Knob::VenueFirst) + v); }
inline constexpr Knob school_knob(int level) { return static_cast<Knob>(static_cast<int>(Knob::SchoolFirst) + level); }

struct KnobSpec {
  std::string name;  //!< as written in scenarios and events.csv
  float neutral;     //!< the value that restricts nothing
  float min, max;
  bool integer;      //!< takes whole numbers only (days, grades, on/off)
  std::string_view unit;
  std::string meaning;
};

//! Every measure, indexed by Knob.
std::span<const KnobSpec> knob_table();
//! The knob of that name, or -1.
int find_knob(std::string_view name);
//! The knobs a group name stands for in a [[measure]] entry ("work.*": every work.NN; "work.essential": the work.NN
//! of the essential sectors; "venue.*": every venue type; "school.*": every school level); empty for another name.
std::vector<int> knob_group(std::string_view name);
//! The group names knob_group() knows, with what each stands for (for messages and docs).
std::span<const std::pair<std::string_view, std::string_view>> knob_groups();

using KnobValues = std::array<float, kKnobs>;
KnobValues neutral_knobs();
inline float knob(const KnobValues& v, Knob k) { return v[static_cast<std::size_t>(k)]; }

//! The measures as Markdown, for docs/parameters.md.
std::string knobs_markdown();
//! The measures as plain text for a terminal (`tongchou params`), in the layout of parameters_text().
std::string knobs_text();

}  // namespace tongchou

#pragma once
// The per-person and per-infection state of a running simulation. It sits below transmission, health, measures and
// the economy, which all read and write it; it includes nothing of theirs (PlaceControls is only pointed to).
#include <array>
#include <cstdint>
#include <vector>

#include "core/chunked_vector.hpp"
#include "disease/natural_history.hpp"
#include "population/population.hpp"

namespace tongchou {

struct PlaceControls;  // measures/place_controls.hpp: the measures in force per township

//! Bits of SimState::status: where a person is and what restricts their contacts.
enum StatusFlag : std::uint8_t {
  kAway = 1u << 0,                //!< outside the region (migrant workers)
  kHospitalised = 1u << 1,        //!< in hospital: meets only hospital staff
  kIsolated = 1u << 2,            //!< isolated as a case: no contacts
  kQuarantinedHome = 1u << 3,     //!< home quarantine: household contacts only
  kQuarantinedCentral = 1u << 4,  //!< centralised quarantine: no contacts
  kCodeHold = 1u << 5,            //!< a yellow or red health code where codes are checked: household contacts only
};

//! Whether a person with this status takes part in a layer today.
inline bool takes_part(std::uint8_t status, Layer layer) {
  if (status & (kAway | kIsolated | kQuarantinedCentral)) return false;
  if (status & kHospitalised) return layer == Layer::Hospital;
  if (status & (kQuarantinedHome | kCodeHold)) return layer == Layer::Household;
  return true;
}

inline constexpr std::uint8_t kImportedLayer = 255;

//! One infection: an edge of the infection tree and the course it takes. 32 bytes, without padding (the float of the
//! course at offset 20). There are as many as infections (70% of the persons in an uncontrolled
//! run), so each byte counts (docs/performance.md, Memory):
//! - the course is stored flat, not as a Course member: a Course holds 13 bytes in 16 (its float's alignment), and
//!   its padding could not be given to the record's own fields (36 bytes, not 32). course() and set_course() convert;
//! - its infectious window is not stored: it follows from the onset (InfectiousWindow, disease/natural_history.hpp);
//! - the day in 16 bits, like the course's days: a run has at most 3,650 days (scenario.days) and an import at most
//!   kMaxImportDaysBeforeStart days before the first day (scenario validation, scenario/scenario.hpp). The growth
//!   pilots, which number their runs' days from 1000 x run, count them from SimState::day_zero;
//! - the origin of an imported infection (layer kImportedLayer) in `place`, which has no other use for it;
//! - the severity and the outcome in one byte.
struct InfectionRecord {
  static constexpr std::int16_t kNever = 0x7FFF;
  PersonId person = 0;
  PersonId infector = kNone;  //!< kNone for imported infections
  std::uint32_t place = 0;    //!< group id, household index or township index, by layer; imported: the origin()
  std::int16_t day = 0;       //!< day of infection, relative to SimState::day_zero (the scenario start in a run)
  std::int16_t isolated_day = kNever;   //!< first day isolated as a suspected or confirmed case
  std::int16_t confirmed_day = kNever;  //!< day the case was confirmed (reported)
  std::uint8_t layer = kImportedLayer;

 private:  // the course, read and written as a whole by course() and set_course(); offsets 19 to 31
  std::uint8_t outcome_ = static_cast<std::uint8_t>(Severity::Mild);  //!< Course::severity in bits 0-1, dies in bit 2
  float infectiousness_ = 0;
  std::int16_t onset_ = 1, severe_ = Course::kNever, critical_ = Course::kNever, end_ = 1;
  static constexpr std::uint8_t kDiesBit = 1u << 2;

 public:
  //! The course of the infection, as NaturalHistory::draw() gave it (or as make_fatal changed it).
  Course course() const {
    Course c;
    c.infectiousness = infectiousness_;
    c.onset = onset_;
    c.severe = severe_;
    c.critical = critical_;
    c.end = end_;
    c.severity = static_cast<Severity>(outcome_ & 3u);
    c.dies = (outcome_ & kDiesBit) != 0;
    return c;
  }
  void set_course(const Course& c) {
    infectiousness_ = c.infectiousness;
    onset_ = c.onset;
    severe_ = c.severe;
    critical_ = c.critical;
    end_ = c.end;
    outcome_ = static_cast<std::uint8_t>(static_cast<unsigned>(c.severity) | (c.dies ? kDiesBit : 0u));
  }
  //! Index of the [[imports]] entry (or the [[arrivals]] entry after them) of an imported infection.
  std::uint16_t origin() const { return static_cast<std::uint16_t>(place); }
  //! An imported infection: no infector, no place; its origin is kept in `place`.
  void set_imported(std::uint16_t origin) {
    infector = kNone;
    layer = kImportedLayer;
    place = origin;
  }
};
static_assert(sizeof(InfectionRecord) == 32, "docs/performance.md counts 32 bytes per infection record");
static_assert(static_cast<unsigned>(Severity::Critical) <= 3u, "the severity takes bits 0-1 of InfectionRecord::outcome_");

//! Multipliers set for one day by the calendar and (later) by measures; 1 = normal contact.
struct DayControls {
  std::array<float, kLayers> layer{};
  std::array<float, kVenueTypes> venue{};
  std::array<float, kSchoolLevels> school{};
  float hospital_patient = 1.0f;  //!< patients' infectiousness towards staff (rises when protection is short)
  const PlaceControls* places = nullptr;  //!< measures in force per township; null when none restricts anything
  DayControls() {
    layer.fill(1.0f);
    venue.fill(1.0f);
    school.fill(1.0f);
  }
};

struct SimState {
  std::vector<DiseaseState> state;
  std::vector<std::uint32_t> record;  //!< index into infections, kNone if never infected
  std::vector<std::uint8_t> status;
  ChunkedVector<InfectionRecord> infections;  //!< in chunks: growing never copies them (docs/performance.md, Memory)
  std::vector<std::uint32_t> infectious;  //!< records whose infectious window may include today, ascending
  //! The day the records' days count from: 0 in a run (the scenario start); in a growth pilot the first day of the
  //! pilot run (1000 x run: beyond a record's 16 bits, transmission/growth_pilot.cpp).
  int day_zero = 0;
};

//! A proposed infection from one place; several may name the same person on a day, the lowest key wins.
struct Candidate {
  PersonId person;
  PersonId infector;
  std::uint32_t place;
  std::uint8_t layer;
  float key;
};

}  // namespace tongchou

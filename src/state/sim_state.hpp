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

//! One infection: an edge of the infection tree and the course it takes.
struct InfectionRecord {
  PersonId person = 0;
  PersonId infector = kNone;  //!< kNone for imported infections
  std::int32_t day = 0;       //!< day of infection, relative to the scenario start
  std::uint32_t place = 0;    //!< group id, household index or township index, by layer
  std::uint8_t layer = kImportedLayer;
  std::uint16_t origin = 0;   //!< index of the [[imports]] entry for imported infections
  Course course;
  static constexpr std::int16_t kNever = 0x7FFF;
  std::int16_t isolated_day = kNever;   //!< first day isolated as a suspected or confirmed case
  std::int16_t confirmed_day = kNever;  //!< day the case was confirmed (reported)
  // Where the person lives and meets is read from the population's arrays, not copied here (44 bytes a record, not
  // 60 with household, township, primary and transport group, nor 88 with the 7 venues: docs/performance.md, Memory).
};
static_assert(sizeof(InfectionRecord) == 44, "docs/performance.md counts 44 bytes per infection record");

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

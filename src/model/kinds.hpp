#pragma once
// Small enumerations shared by the population, transmission and outputs.
#include <array>
#include <cstdint>
#include <string_view>

namespace tongchou {

enum class TownshipType : std::uint8_t { Subdistrict, Town, Township, Other };

enum class SizeClass : std::uint8_t { Large, SmallMediumMicro };

enum class Occupation : std::uint8_t {
  None,                //!< pre-school child at home, retired, unemployed
  Student,
  Worker,              //!< employee of an enterprise (including farm collectives)
  Teacher,
  HealthWorker,
  InstitutionStaff,
  InstitutionResident,
  OutboundMigrant,     //!< home for the Spring Festival; works outside the region
};

//! Sectors of the NBS 2018 input-output table (data/economy/sectors42.csv).
inline constexpr int kSectors = 42;

enum class SchoolLevel : std::uint8_t { Kindergarten, Primary, Junior, Senior, University };
inline constexpr int kSchoolLevels = 5;
inline constexpr std::array<int, kSchoolLevels> kSchoolEntryAge = {3, 6, 12, 15, 18};
inline constexpr std::array<int, kSchoolLevels> kSchoolGrades = {3, 6, 3, 3, 4};

enum class VenueType : std::uint8_t { Restaurant, Market, Gym, TrainingSchool, Entertainment, Religious, Hotel };
inline constexpr int kVenueTypes = 7;
inline constexpr std::array<std::string_view, kVenueTypes> kVenueTypeNames = {
    "restaurant", "market", "gym", "training_school", "entertainment", "religious_site", "hotel"};

enum class InstitutionType : std::uint8_t { NursingHome, WelfareHome, Prison, MentalHealth };
inline constexpr int kInstitutionTypes = 4;
inline constexpr std::array<std::string_view, kInstitutionTypes> kInstitutionTypeNames = {
    "nursing_home", "welfare_home", "prison", "mental_health"};

//! What a group is; also tells which contact layer it belongs to.
enum class GroupKind : std::uint8_t {
  Class,
  School,
  WorkTeam,
  Venue,
  Transport,
  NursingHome,
  WelfareHome,
  Prison,
  MentalHealth,
  Hospital,
};

//! Contact layers. Household and Community are not groups: households and townships are id ranges.
enum class Layer : std::uint8_t {
  Household,
  Class,
  School,
  Workplace,
  Venue,
  Community,
  Transport,
  Institution,
  Hospital,
};
inline constexpr int kLayers = 9;
inline constexpr std::array<std::string_view, kLayers> kLayerNames = {
    "household", "class", "school", "workplace", "venue", "community", "transport", "institution", "hospital"};

inline constexpr Layer layer_of(GroupKind k) {
  switch (k) {
    case GroupKind::Class: return Layer::Class;
    case GroupKind::School: return Layer::School;
    case GroupKind::WorkTeam: return Layer::Workplace;
    case GroupKind::Venue: return Layer::Venue;
    case GroupKind::Transport: return Layer::Transport;
    case GroupKind::Hospital: return Layer::Hospital;
    default: return Layer::Institution;
  }
}

//! Age bands of the contact matrices: 0-4, 5-9, ..., 70-74, 75+.
inline constexpr int kContactBands = 16;
inline constexpr int contact_band(int age) { return age >= 75 ? 15 : age / 5; }

}  // namespace tongchou

#pragma once
// The part of the population built for one district, with district-local ids; merged into a Population.
#include <cstdint>
#include <functional>
#include <vector>

#include "core/rng.hpp"
#include "population/population.hpp"
#include "population/region_data.hpp"
#include "scenario/parameters.hpp"

namespace tongchou::synthesis {

struct PersonDraft {
  std::uint8_t age = 0;
  bool male = false;
};

//! A household before persons get their final ids.
struct HouseholdDraft {
  std::vector<std::uint32_t> members;  //!< indices into the district's PersonDraft pool
  bool urban = false;
  bool collective = false;   //!< institution quarters
  std::int32_t institution = -1;
  std::uint32_t township = 0;
};

struct InstitutionDraft {
  InstitutionType type;
  std::vector<std::uint32_t> residents;  //!< pool indices
};

struct DistrictFragment {
  std::uint16_t district_index = 0;
  std::uint64_t seed = 0;
  const DistrictInfo* info = nullptr;
  const Params* params = nullptr;
  const RegionData* region = nullptr;

  // Persons, in final (household) order.
  std::vector<std::uint8_t> age, flags, sector;
  std::vector<Occupation> occupation;
  std::vector<std::uint32_t> household;      // local household index
  std::vector<GroupId> primary_group;        // local group index
  // Places.
  std::vector<Township> townships;           // first_* fields local
  std::vector<Neighbourhood> neighbourhoods; // township local
  std::vector<PersonId> household_first;     // local, size households (no sentinel)
  std::vector<std::uint32_t> household_neighbourhood;
  std::vector<std::uint8_t> household_collective;
  // Groups, local ids.
  std::vector<GroupKind> group_kind;
  std::vector<std::uint32_t> group_parent;   // local group or enterprise index, or kNone
  std::vector<std::uint32_t> group_township;
  std::vector<std::uint8_t> class_grade;
  std::vector<std::uint64_t> group_offset;   // size groups (no sentinel), into members
  std::vector<PersonId> members;             // local person ids
  std::vector<GroupId> venue_first;          // per township*kVenueTypes, local group ids
  std::vector<std::uint32_t> venue_count;
  std::vector<GroupId> transport_first;      // per township
  std::vector<std::uint32_t> transport_count;
  PersonId first_person_global = 0;          // global id of local person 0 (known before building)
  //! Institution quarters (household index, type): their groups are emitted with staff in build_activities.
  std::vector<std::pair<std::uint32_t, InstitutionType>> institution_households;
  std::vector<Enterprise> enterprises;       // first_team local
  std::vector<Hospital> hospitals;           // group local

  std::size_t persons() const { return age.size(); }
  GroupId add_group(GroupKind kind, std::uint32_t parent, std::uint32_t township, std::uint8_t grade = 0) {
    group_kind.push_back(kind);
    group_parent.push_back(parent);
    group_township.push_back(township);
    class_grade.push_back(grade);
    group_offset.push_back(members.size());
    return static_cast<GroupId>(group_kind.size() - 1);
  }
  Rng rng(Purpose purpose, std::uint64_t index = 0) const {
    return Rng(seed, purpose, (static_cast<std::uint64_t>(district_index + 1) << 32) | index);
  }
};

//! Number of agents (before outbound migrants) for a district: population / scale, rounded.
std::uint32_t agents_in(const DistrictInfo& d, const Params& p);
//! Outbound migrants added on top of the resident population.
std::uint32_t outbound_migrants_in(const DistrictInfo& d, const Params& p);

//! Ages and sexes, institutions, households, townships and neighbourhoods; fills the person and place arrays.
void build_households(DistrictFragment& f);
//! Schools, work, institutions' staff, hospitals, venues and transport groups.
void build_activities(DistrictFragment& f);

//! synthesise() (population/synthesis.hpp), calling `inspect` (if set) with each district's fragment, as the builders
//! made it, and the id its first person gets, just before the fragment is merged into the population (for tests).
Population synthesise_inspected(const RegionData& region, const Params& params,
                                const std::function<void(const DistrictFragment&, PersonId)>& inspect);

}  // namespace tongchou::synthesis

#pragma once
// The synthetic population: persons as struct-of-arrays, indexed by a dense 32-bit id.
// Persons are stored contiguously by household, households by neighbourhood, neighbourhoods by township and
// townships by district, so each of these is a range of ids. Every other group (class, school, work team,
// venue, transport group, institution, hospital) has an explicit member list (GroupMembers: 2 bytes a membership in
// most groups).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/rng.hpp"
#include "population/group_members.hpp"
#include "population/household_index.hpp"
#include "model/kinds.hpp"

namespace tongchou {

using PersonId = std::uint32_t;
using GroupId = std::uint32_t;
inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

//! Which of `count` venues of type v person p patronises (or kNone): a pure function of its arguments.
inline std::uint32_t venue_choice(std::uint64_t seed, PersonId p, int v, double patron_share, std::uint32_t count) {
  if (count == 0 || hash_uniform(seed, Purpose::Venues, p, static_cast<std::uint64_t>(v)) >= patron_share) return 0xFFFFFFFFu;
  return static_cast<std::uint32_t>((static_cast<uint128>(hash_bits(seed, Purpose::Venues, p, 16u + static_cast<std::uint64_t>(v))) * count) >> 64);
}
//! Which of `count` transport groups a transit user rides in.
inline std::uint32_t transport_choice(std::uint64_t seed, PersonId p, std::uint32_t count) {
  return static_cast<std::uint32_t>((static_cast<uint128>(hash_bits(seed, Purpose::Transport, p, 0)) * count) >> 64);
}

//! Bits of Population::flags.
enum PersonFlag : std::uint8_t {
  kMale = 1u << 0,
  kUrban = 1u << 1,            //!< lives in an urban household
  kInboundMigrant = 1u << 2,   //!< works here, hukou in another province (外来务工)
  kOutboundMigrant = 1u << 3,  //!< local person working elsewhere, home for the Spring Festival (外出务工)
  kPoorLabour = 1u << 4,       //!< registered poor labour (建档立卡贫困劳动力)
  kTransitUser = 1u << 5,      //!< commutes by public transport or rural passenger line
};

struct District {
  std::int64_t adcode = 0;
  std::string name_zh, name_en;
  std::int64_t census_population = 0;  //!< people (not agents)
  std::uint32_t first_township = 0, township_count = 0;
  PersonId first_person = 0, person_count = 0;
  std::uint32_t first_hospital = 0, hospital_count = 0;  //!< group ids are first_hospital + k
};

struct Township {
  std::int64_t code = 0;
  std::string name;
  TownshipType type = TownshipType::Town;
  std::uint16_t district = 0;
  PersonId first_person = 0, person_count = 0;
  std::uint32_t first_neighbourhood = 0, neighbourhood_count = 0;
};

//! A compound (小区, urban; also one grid 网格) or a village (村, rural).
struct Neighbourhood {
  std::uint32_t township = 0;
  bool urban = false;
  std::uint32_t first_household = 0, household_count = 0;
};

struct Enterprise {
  std::uint8_t sector = 0;  //!< 0-based index of the 42 NBS input-output sectors
  SizeClass size_class = SizeClass::SmallMediumMicro;
  std::uint16_t district = 0;
  std::uint32_t township = 0;
  GroupId first_team = 0;
  std::uint32_t team_count = 0, employees = 0;
};

struct Hospital {
  std::uint16_t district = 0;
  GroupId group = 0;      //!< its health workers
  std::uint32_t beds = 0, icu_beds = 0;  //!< agents' beds (people's beds / scale)
};

//! Everyone in the region, their homes, and the groups they meet in.
struct Population {
  double scale = 1.0;  //!< people per agent

  // Persons (index = PersonId).
  std::vector<std::uint8_t> age;         //!< years, 0..100
  std::vector<std::uint8_t> flags;       //!< PersonFlag bits
  std::vector<Occupation> occupation;
  HouseholdIndex household;               //!< household index (from the id ranges: about 1 byte a person, not 4)
  std::vector<GroupId> primary_group;    //!< class, work team, institution or hospital; kNone if none
  std::vector<std::uint8_t> sector;      //!< IO sector of workers; 255 if none

  // Places.
  std::vector<District> districts;
  std::vector<Township> townships;
  std::vector<Neighbourhood> neighbourhoods;
  std::vector<PersonId> household_first;         //!< size households+1: persons of h are [first[h], first[h+1])
  std::vector<std::uint32_t> household_neighbourhood;
  std::vector<std::uint8_t> household_collective;  //!< 1 for institution quarters (no household layer)

  // Groups (index = GroupId).
  std::vector<GroupKind> group_kind;
  std::vector<std::uint32_t> group_parent;  //!< class -> school group; team -> enterprise; venue -> venue type; else kNone
  std::vector<std::uint32_t> group_township;
  GroupMembers members;                     //!< members of g: members[g] (in the order the builders gave)
  std::vector<std::uint8_t> class_grade;    //!< per group: grade (1-based) for classes, 0 otherwise

  // Lookups for memberships that are computed, not stored (venues and transport groups by township).
  //! Venue groups of each (township, venue type): [venue_first[i], venue_first[i] + venue_count[i]), i = t*kVenueTypes+v.
  std::vector<GroupId> venue_first;
  std::vector<std::uint32_t> venue_count;
  //! Transport groups of each township.
  std::vector<GroupId> transport_first;
  std::vector<std::uint32_t> transport_count;
  //! Venue patronage and transport groups are pure functions of (membership_seed, person): see venue_of.
  std::uint64_t membership_seed = 0;
  std::array<double, kVenueTypes> venue_patron_share{};

  std::vector<Enterprise> enterprises;
  std::vector<Hospital> hospitals;

  std::size_t persons() const { return age.size(); }
  std::size_t households() const { return household_neighbourhood.size(); }
  std::size_t groups() const { return group_kind.size(); }
  std::uint32_t township_of_household(std::uint32_t h) const { return neighbourhoods[household_neighbourhood[h]].township; }
  std::uint32_t township_of(PersonId p) const { return township_of_household(household[p]); }
  std::uint16_t district_of(PersonId p) const { return townships[township_of(p)].district; }
  std::uint32_t group_size(GroupId g) const { return members.size(g); }
  //! The venue of type v that person p patronises, or kNone. A pure function, also used to build the member lists.
  GroupId venue_of(PersonId p, int v) const { return venue_in(p, township_of(p), v); }
  //! venue_of() for a person of township t.
  GroupId venue_in(PersonId p, std::uint32_t t, int v) const;
  //! The transport group person p rides in, or kNone.
  GroupId transport_of(PersonId p) const { return transport_in(p, township_of(p)); }
  //! transport_of() for a person of township t.
  GroupId transport_in(PersonId p, std::uint32_t t) const;
  //! Bytes held by the population's arrays.
  std::size_t memory_bytes() const;
};

}  // namespace tongchou

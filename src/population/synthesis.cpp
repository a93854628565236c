#include "population/synthesis.hpp"

#include <omp.h>

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <string>

#include "population/district_fragment.hpp"

namespace tongchou {

namespace {

// The 16-bit units a fragment's member lists will take in the population (GroupMembers).
std::uint64_t member_units_of(const synthesis::DistrictFragment& f) {
  std::uint64_t units = 0;
  for (std::size_t g = 0; g < f.group_kind.size(); ++g) {
    const std::uint64_t end = g + 1 < f.group_kind.size() ? f.group_offset[g + 1] : f.members.size();
    units += GroupMembers::units_for(f.members.data() + f.group_offset[g], f.members.data() + end);
  }
  return units;
}

// Where a fragment's entries begin in each of the population's arrays: the counts of the fragments before it.
struct Offsets {
  std::size_t person = 0, household = 0, township = 0, hood = 0, group = 0, enterprise = 0, hospital = 0, venue = 0,
              transport = 0;
  std::uint64_t unit = 0;  // 16-bit units of the member lists
};

// The fragments' offsets (prefix sums of their counts, in district order); entry n holds the totals.
std::vector<Offsets> offsets_of(const std::vector<synthesis::DistrictFragment>& fragments) {
  std::vector<Offsets> at(fragments.size() + 1);
  for (std::size_t i = 0; i < fragments.size(); ++i) {
    const auto& f = fragments[i];
    const auto& o = at[i];
    at[i + 1] = {o.person + f.persons(),
                 o.household + f.household_neighbourhood.size(),
                 o.township + f.townships.size(),
                 o.hood + f.neighbourhoods.size(),
                 o.group + f.group_kind.size(),
                 o.enterprise + f.enterprises.size(),
                 o.hospital + f.hospitals.size(),
                 o.venue + f.venue_first.size(),
                 o.transport + f.transport_first.size(),
                 o.unit + member_units_of(f)};
  }
  return at;
}

// `to[at + k] = shift(from[k])` for every k.
template <class T, class Shift>
void copy_at(std::vector<T>& to, std::size_t at, std::vector<T>& from, Shift shift) {
  for (std::size_t k = 0; k < from.size(); ++k) to[at + k] = shift(std::move(from[k]));
}
constexpr auto same = [](auto x) { return x; };
// Frees a fragment's array once copied (the merge holds the fragments and the population at once only array by array).
template <class T>
void release(std::vector<T>& v) {
  std::vector<T>().swap(v);
}

// Moves every district's fragment into the population at its offsets, shifting its local ids: exactly the arrays the
// fragments appended one after another in district order would give. Sizes first (`at`), then each array made to its
// full size and every fragment's part of it written in parallel, the fragments' copies freed array group by array group
// (persons, groups and members, places) so that the fragments and the whole population are never resident at once.
// Deterministic by construction: each fragment writes only its own ranges, fixed by the counts, whatever thread runs it.
void merge(Population& pop, std::vector<synthesis::DistrictFragment>& fragments, const std::vector<std::size_t>& order) {
  const auto at = offsets_of(fragments);
  const auto n = fragments.size();
  const auto& all = at[n];
  if (all.unit > GroupMembers::kMaxUnits)
    throw std::runtime_error("population too large for the groups' 32-bit member offsets (" + std::to_string(all.unit) +
                             " 16-bit units): raise population.scale");
  for (std::size_t i = 0; i < n; ++i) {
    auto& d = pop.districts[fragments[i].district_index];
    d.first_township = static_cast<std::uint32_t>(at[i].township);
    d.township_count = static_cast<std::uint32_t>(fragments[i].townships.size());
    d.first_person = static_cast<PersonId>(at[i].person);
    d.person_count = static_cast<PersonId>(fragments[i].persons());
    d.first_hospital = static_cast<std::uint32_t>(at[i].hospital);
    d.hospital_count = static_cast<std::uint32_t>(fragments[i].hospitals.size());
  }

  // Persons. The fragments' households per person (4 bytes each) are not copied (the index is made from the
  // households' ranges below): freed before the population's arrays are made.
  for (auto& f : fragments) release(f.household);
  pop.age.resize(all.person);
  pop.flags.resize(all.person);
  pop.sector.resize(all.person);
  pop.occupation.resize(all.person);
  pop.primary_group.resize(all.person);
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t k = 0; k < n; ++k) {
    auto& f = fragments[order[k]];
    const auto& o = at[order[k]];
    const auto group0 = static_cast<GroupId>(o.group);
    copy_at(pop.age, o.person, f.age, same);
    copy_at(pop.flags, o.person, f.flags, same);
    copy_at(pop.sector, o.person, f.sector, same);
    copy_at(pop.occupation, o.person, f.occupation, same);
    copy_at(pop.primary_group, o.person, f.primary_group, [&](GroupId g) { return g == kNone ? kNone : g + group0; });
    release(f.age), release(f.flags), release(f.sector), release(f.occupation), release(f.primary_group);
  }

  // Groups and their members.
  pop.group_kind.resize(all.group);
  pop.group_parent.resize(all.group);
  pop.group_township.resize(all.group);
  pop.class_grade.resize(all.group);
  pop.members.resize(all.group, all.unit);
  std::vector<char> bad_member(n, 0);
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t k = 0; k < n; ++k) {
    auto& f = fragments[order[k]];
    const auto& o = at[order[k]];
    const auto person0 = static_cast<PersonId>(o.person);
    const auto township0 = static_cast<std::uint32_t>(o.township);
    const auto group0 = static_cast<GroupId>(o.group);
    const auto enterprise0 = static_cast<std::uint32_t>(o.enterprise);
    std::uint64_t unit = o.unit;
    for (std::size_t g = 0; g < f.group_kind.size(); ++g) {
      const auto kind = f.group_kind[g];
      auto parent = f.group_parent[g];
      if (kind == GroupKind::Class) parent += group0;
      else if (kind == GroupKind::WorkTeam) parent += enterprise0;
      pop.group_kind[o.group + g] = kind;
      pop.group_parent[o.group + g] = parent;
      pop.group_township[o.group + g] = f.group_township[g] + township0;
      const std::uint64_t end = g + 1 < f.group_kind.size() ? f.group_offset[g + 1] : f.members.size();
      const PersonId* first = f.members.data() + f.group_offset[g];
      const PersonId* last = f.members.data() + end;
      if (!pop.members.put(static_cast<std::uint32_t>(o.group + g), unit, first, last, person0)) bad_member[order[k]] = 1;
      unit += GroupMembers::units_for(first, last);
    }
    copy_at(pop.class_grade, o.group, f.class_grade, same);
    release(f.group_kind), release(f.group_parent), release(f.group_township), release(f.class_grade), release(f.group_offset),
        release(f.members);
  }
  for (std::size_t i = 0; i < n; ++i)
    if (bad_member[i])  // not reached: the ids were checked against kNone before the builds
      throw std::runtime_error("a group of district " + std::to_string(i) + " has a member that is not a person id");

  // Places.
  pop.townships.resize(all.township);
  pop.neighbourhoods.resize(all.hood);
  pop.household_first.resize(all.household + 1);
  pop.household_neighbourhood.resize(all.household);
  pop.household_collective.resize(all.household);
  pop.venue_first.resize(all.venue);
  pop.venue_count.resize(all.venue);
  pop.transport_first.resize(all.transport);
  pop.transport_count.resize(all.transport);
  pop.enterprises.resize(all.enterprise);
  pop.hospitals.resize(all.hospital);
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t k = 0; k < n; ++k) {
    auto& f = fragments[order[k]];
    const auto& o = at[order[k]];
    const auto person0 = static_cast<PersonId>(o.person);
    const auto household0 = static_cast<std::uint32_t>(o.household);
    const auto township0 = static_cast<std::uint32_t>(o.township);
    const auto hood0 = static_cast<std::uint32_t>(o.hood);
    const auto group0 = static_cast<GroupId>(o.group);
    copy_at(pop.townships, o.township, f.townships, [&](Township t) {
      t.first_person += person0;
      t.first_neighbourhood += hood0;
      return t;
    });
    copy_at(pop.neighbourhoods, o.hood, f.neighbourhoods, [&](Neighbourhood h) {
      h.township += township0;
      h.first_household += household0;
      return h;
    });
    copy_at(pop.household_first, o.household, f.household_first, [&](PersonId p) { return p + person0; });
    copy_at(pop.household_neighbourhood, o.household, f.household_neighbourhood, [&](std::uint32_t h) { return h + hood0; });
    copy_at(pop.household_collective, o.household, f.household_collective, same);
    copy_at(pop.venue_first, o.venue, f.venue_first, [&](GroupId g) { return g + group0; });
    copy_at(pop.venue_count, o.venue, f.venue_count, same);
    copy_at(pop.transport_first, o.transport, f.transport_first, [&](GroupId g) { return g + group0; });
    copy_at(pop.transport_count, o.transport, f.transport_count, same);
    copy_at(pop.enterprises, o.enterprise, f.enterprises, [&](Enterprise e) {
      e.first_team += group0;
      e.township += township0;
      return e;
    });
    copy_at(pop.hospitals, o.hospital, f.hospitals, [&](Hospital h) {
      h.group += group0;
      return h;
    });
    f = synthesis::DistrictFragment{};  // release memory early
  }
  pop.household_first[all.household] = static_cast<PersonId>(all.person);
  // Each person's household from the households' ranges (in parallel too: HouseholdIndex::from_first).
  pop.household = HouseholdIndex::from_first(pop.household_first);
}

}  // namespace

Population synthesise(const RegionData& region, const Params& params) { return synthesis::synthesise_inspected(region, params, {}); }

Population synthesis::synthesise_inspected(const RegionData& region, const Params& params,
                                           const std::function<void(const DistrictFragment&, PersonId)>& inspect) {
  Population pop;
  pop.scale = params.population_scale;
  pop.membership_seed = population_seed(params) * 0x9E3779B97F4A7C15ull + 0x5EED;
  for (int v = 0; v < kVenueTypes; ++v) pop.venue_patron_share[v] = params.population_venue_patron_share[v];

  const auto n = region.districts.size();
  std::vector<synthesis::DistrictFragment> fragments(n);
  std::size_t total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    auto& f = fragments[i];
    f.district_index = static_cast<std::uint16_t>(i);
    f.seed = pop.membership_seed;
    f.info = &region.districts[i];
    f.params = &params;
    f.region = &region;
    f.first_person_global = static_cast<PersonId>(total);
    total += synthesis::agents_in(region.districts[i], params) + synthesis::outbound_migrants_in(region.districts[i], params);
    District d;
    d.adcode = region.districts[i].adcode;
    d.name_zh = region.districts[i].name_zh;
    d.name_en = region.districts[i].name_en;
    d.census_population = static_cast<std::int64_t>(region.districts[i].population);
    pop.districts.push_back(d);
  }
  if (total >= kNone) throw std::runtime_error("population too large for 32-bit person ids: raise population.scale");

  // Largest districts first so the threads finish together.
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](auto a, auto b) { return region.districts[a].population > region.districts[b].population; });
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t k = 0; k < n; ++k) {
    auto& f = fragments[order[k]];
    synthesis::build_households(f);
    synthesis::build_activities(f);
  }

  if (inspect) {
    std::size_t person0 = 0;
    for (const auto& f : fragments) {
      inspect(f, static_cast<PersonId>(person0));
      person0 += f.persons();
    }
  }
  merge(pop, fragments, order);
  return pop;
}

}  // namespace tongchou

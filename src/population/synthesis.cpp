#include "population/synthesis.hpp"

#include <omp.h>

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <string>

#include "population/district_fragment.hpp"

namespace tongchou {

namespace {

template <class T>
void append(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

// The 16-bit units a fragment's member lists will take in the population (GroupMembers).
std::uint64_t member_units_of(const synthesis::DistrictFragment& f) {
  std::uint64_t units = 0;
  for (std::size_t g = 0; g < f.group_kind.size(); ++g) {
    const std::uint64_t end = g + 1 < f.group_kind.size() ? f.group_offset[g + 1] : f.members.size();
    units += GroupMembers::units_for(f.members.data() + f.group_offset[g], f.members.data() + end);
  }
  return units;
}

// Moves one district's fragment into the population, shifting its local ids.
void merge(Population& pop, synthesis::DistrictFragment& f) {
  const auto person0 = static_cast<PersonId>(pop.age.size());
  const auto household0 = static_cast<std::uint32_t>(pop.household_neighbourhood.size());
  const auto township0 = static_cast<std::uint32_t>(pop.townships.size());
  const auto hood0 = static_cast<std::uint32_t>(pop.neighbourhoods.size());
  const auto group0 = static_cast<GroupId>(pop.group_kind.size());
  const auto enterprise0 = static_cast<std::uint32_t>(pop.enterprises.size());

  auto& d = pop.districts[f.district_index];
  d.first_township = township0;
  d.township_count = static_cast<std::uint32_t>(f.townships.size());
  d.first_person = person0;
  d.person_count = static_cast<PersonId>(f.persons());
  d.first_hospital = static_cast<std::uint32_t>(pop.hospitals.size());
  d.hospital_count = static_cast<std::uint32_t>(f.hospitals.size());

  append(pop.age, f.age);
  append(pop.flags, f.flags);
  append(pop.sector, f.sector);
  append(pop.occupation, f.occupation);
  for (auto h : f.household) pop.household.push_back(h + household0);
  for (auto g : f.primary_group) pop.primary_group.push_back(g == kNone ? kNone : g + group0);
  for (auto t : f.townships) {
    t.first_person += person0;
    t.first_neighbourhood += hood0;
    pop.townships.push_back(std::move(t));
  }
  for (auto n : f.neighbourhoods) {
    n.township += township0;
    n.first_household += household0;
    pop.neighbourhoods.push_back(n);
  }
  for (auto first : f.household_first) pop.household_first.push_back(first + person0);
  for (auto n : f.household_neighbourhood) pop.household_neighbourhood.push_back(n + hood0);
  append(pop.household_collective, f.household_collective);
  for (std::size_t g = 0; g < f.group_kind.size(); ++g) {
    const auto kind = f.group_kind[g];
    auto parent = f.group_parent[g];
    if (kind == GroupKind::Class) parent += group0;
    else if (kind == GroupKind::WorkTeam) parent += enterprise0;
    pop.group_kind.push_back(kind);
    pop.group_parent.push_back(parent);
    pop.group_township.push_back(f.group_township[g] + township0);
    const std::uint64_t end = g + 1 < f.group_kind.size() ? f.group_offset[g + 1] : f.members.size();
    pop.members.add(f.members.data() + f.group_offset[g], f.members.data() + end, person0);
  }
  append(pop.class_grade, f.class_grade);
  for (auto v : f.venue_first) pop.venue_first.push_back(v + group0);
  append(pop.venue_count, f.venue_count);
  for (auto v : f.transport_first) pop.transport_first.push_back(v + group0);
  append(pop.transport_count, f.transport_count);
  for (auto e : f.enterprises) {
    e.first_team += group0;
    e.township += township0;
    pop.enterprises.push_back(e);
  }
  for (auto h : f.hospitals) {
    h.group += group0;
    pop.hospitals.push_back(h);
  }
  f = synthesis::DistrictFragment{};  // release memory early
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

  pop.age.reserve(total);
  pop.flags.reserve(total);
  pop.sector.reserve(total);
  pop.occupation.reserve(total);
  pop.household.reserve(total);
  pop.primary_group.reserve(total);
  // Every array exactly sized before the merge: grown by doubling, the member list (about 4 memberships a person) kept up to half
  // its capacity unused, over pages the merged fragments had touched, so resident through the run.
  std::size_t households = 0, groups = 0, venue_slots = 0, transport_slots = 0;
  std::uint64_t member_units = 0;
  for (const auto& f : fragments) {
    households += f.household_neighbourhood.size();
    groups += f.group_kind.size();
    member_units += member_units_of(f);
    venue_slots += f.venue_first.size();
    transport_slots += f.transport_first.size();
  }
  pop.household_first.reserve(households + 1);
  pop.household_neighbourhood.reserve(households);
  pop.household_collective.reserve(households);
  pop.group_kind.reserve(groups);
  pop.group_parent.reserve(groups);
  pop.group_township.reserve(groups);
  pop.class_grade.reserve(groups);
  if (member_units > GroupMembers::kMaxUnits)
    throw std::runtime_error("population too large for the groups' 32-bit member offsets (" + std::to_string(member_units) +
                             " 16-bit units): raise population.scale");
  pop.members.reserve(groups, member_units);
  pop.venue_first.reserve(venue_slots);
  pop.venue_count.reserve(venue_slots);
  pop.transport_first.reserve(transport_slots);
  pop.transport_count.reserve(transport_slots);
  for (auto& f : fragments) {
    if (inspect) inspect(f, static_cast<PersonId>(pop.age.size()));
    merge(pop, f);
  }
  pop.household_first.push_back(static_cast<PersonId>(pop.age.size()));
  return pop;
}

}  // namespace tongchou

// GroupMembers: every group's members read back as given, in order, from 16-bit offsets (narrow groups) or 32-bit
// ids (wide groups); and a synthesised population's member lists equal the lists its builders made.
#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "core/rng.hpp"
#include "population/district_fragment.hpp"
#include "population/group_members.hpp"
#include "population/region_data.hpp"
#include "scenario/scenario.hpp"

namespace tongchou {
namespace {

using Ids = std::vector<std::uint32_t>;

// Every group of `m` against the lists it was built from: size, by position, by iteration.
void expect_lists(const GroupMembers& m, const std::vector<Ids>& lists) {
  ASSERT_EQ(m.groups(), lists.size());
  for (std::uint32_t g = 0; g < lists.size(); ++g) {
    ASSERT_EQ(m.size(g), lists[g].size()) << "group " << g;
    ASSERT_EQ(m[g].size(), lists[g].size()) << "group " << g;
    for (std::uint32_t k = 0; k < lists[g].size(); ++k) ASSERT_EQ(m(g, k), lists[g][k]) << "group " << g << " member " << k;
    Ids read;
    for (const std::uint32_t p : m[g]) read.push_back(p);
    ASSERT_EQ(read, lists[g]) << "group " << g;
  }
}

TEST(GroupMembers, NarrowWideAndEmptyGroupsReadBackInTheirOrder) {
  const std::vector<Ids> lists = {
      {},                                  // empty
      {70000, 70001, 69999, 135534},       // narrow: spans exactly 65,535 ids, not sorted
      {5, 4'000'000'000u, 6},              // wide: ids far apart, the largest near 2^32
      {},                                  // empty between others
      {0},                                 // one member, id 0
      {100, 100 + 65536},                  // wide: spans 65,536 ids, one more than a narrow group may
      {4'294'967'294u, 4'294'967'200u},    // narrow near the largest person id
      {9, 3, 9, 1},                        // narrow, repeated ids kept
  };
  GroupMembers m;
  for (const auto& l : lists) m.add(l);
  expect_lists(m, lists);
  EXPECT_FALSE(m[1].wide());
  EXPECT_TRUE(m[2].wide());
  EXPECT_TRUE(m[5].wide());
  EXPECT_FALSE(m[6].wide());
  EXPECT_TRUE(m[0].empty());
  // Units: two for each member of a wide group, one for each of a narrow one.
  EXPECT_EQ(m.units().size(), 4u + 2 * 3 + 1 + 2 * 2 + 2 + 4);
  EXPECT_EQ(GroupMembers::units_for(lists[2].data(), lists[2].data() + 3), 6u);
  EXPECT_EQ(GroupMembers::units_for(lists[1].data(), lists[1].data() + 4), 4u);
}

TEST(GroupMembers, ShiftMovesTheIdsNotTheNarrowness) {
  const Ids local = {10, 3, 65538};  // spans 65,535: narrow wherever it is moved to
  const Ids wide = {0, 65536};
  GroupMembers m;
  m.add(local.data(), local.data() + local.size(), 1'000'000);
  m.add(wide.data(), wide.data() + wide.size(), 7);
  expect_lists(m, {{1'000'010, 1'000'003, 1'065'538}, {7, 65543}});
  EXPECT_FALSE(m[0].wide());
  EXPECT_TRUE(m[1].wide());
}

TEST(GroupMembers, ManyRandomGroupsAgreeWithThePlainLists) {
  Rng rng(11, Purpose::Venues, 0);
  std::vector<Ids> lists;
  GroupMembers m;
  for (int g = 0; g < 2000; ++g) {
    const std::uint32_t base = static_cast<std::uint32_t>(rng.below(4'000'000'000ull));
    const std::uint32_t span = g % 5 == 0 ? 1'000'000 : 1 + static_cast<std::uint32_t>(rng.below(65536));
    Ids l(rng.below(40));
    for (auto& p : l) p = base + static_cast<std::uint32_t>(rng.below(span));
    m.add(l);
    lists.push_back(std::move(l));
  }
  expect_lists(m, lists);
  // The arrays read back through from_arrays give the same lists.
  GroupMembers back;
  ASSERT_EQ(GroupMembers::from_arrays(m.offsets(), m.bases(), m.units(), back), "");
  EXPECT_TRUE(back == m);
  expect_lists(back, lists);
}

TEST(GroupMembers, RefusesListsPastItsOffsetsAndDamagedArrays) {
  GroupMembers m(10);  // a limit of 10 units instead of 2^32 - 1
  m.add(Ids{1, 2, 3, 4, 5, 6});
  EXPECT_THROW(m.add(Ids{0, 100000, 7}), std::length_error);  // wide: 6 units, 12 in all
  try {
    m.add(Ids{1, 2, 3, 4, 5});
    FAIL() << "11 units accepted";
  } catch (const std::length_error& e) {
    EXPECT_NE(std::string(e.what()).find("population.scale"), std::string::npos) << e.what();
  }
  m.add(Ids{1, 2, 3, 4});  // exactly 10: still fits
  EXPECT_THROW(GroupMembers().add(Ids{GroupMembers::kWide}), std::invalid_argument);  // not a person id
  const Ids last{0xFFFFFFFEu};
  EXPECT_THROW(GroupMembers().add(last.data(), last.data() + 1, 1), std::invalid_argument);
  expect_lists(m, {{1, 2, 3, 4, 5, 6}, {1, 2, 3, 4}});

  GroupMembers out;
  EXPECT_NE(GroupMembers::from_arrays({0, 2}, {}, {1, 2}, out), "");                       // offsets and bases disagree
  EXPECT_NE(GroupMembers::from_arrays({0, 3}, {0}, {1, 2}, out), "");                      // ends past the units
  EXPECT_NE(GroupMembers::from_arrays({0, 2, 1, 2}, {0, 0, 0}, {1, 2}, out), "");          // out of order
  EXPECT_NE(GroupMembers::from_arrays({0, 3}, {GroupMembers::kWide}, {1, 2, 3}, out), "");  // half a wide id
  EXPECT_EQ(out.groups(), 0u) << "left unchanged";
  EXPECT_EQ(GroupMembers::from_arrays({0, 2}, {GroupMembers::kWide}, {1, 2}, out), "");
  expect_lists(out, {{0x20001}});
}

// put() (the synthesis's parallel merge) writes each group exactly as add() appends it, whatever order the groups are
// put in; it refuses, changing nothing, an id that is not a person id and units past those resize() made.
TEST(GroupMembers, PutInAnyOrderGivesTheArraysAddGives) {
  const std::vector<Ids> lists = {{70000, 70001, 69999, 135534}, {}, {5, 4'000'000'000u, 6}, {0}, {100, 100 + 65536}, {7, 3, 9}};
  const std::uint32_t shift = 1000;
  GroupMembers added;
  std::vector<std::uint64_t> at;
  std::uint64_t units = 0;
  for (const auto& l : lists) {
    added.add(l.data(), l.data() + l.size(), shift);
    at.push_back(units);
    units += GroupMembers::units_for(l.data(), l.data() + l.size());
  }
  GroupMembers put;
  put.resize(lists.size(), units);
  for (std::uint32_t g = static_cast<std::uint32_t>(lists.size()); g-- > 0;)  // last group first
    ASSERT_TRUE(put.put(g, at[g], lists[g].data(), lists[g].data() + lists[g].size(), shift)) << "group " << g;
  EXPECT_TRUE(put == added);
  EXPECT_EQ(put.offsets(), added.offsets());

  const Ids not_a_person{0xFFFFFFFEu};
  EXPECT_FALSE(put.put(3, at[3], not_a_person.data(), not_a_person.data() + 1, 1));
  const Ids too_many{1, 2, 3, 4, 5, 6, 7, 8};
  EXPECT_FALSE(put.put(5, at[5], too_many.data(), too_many.data() + too_many.size(), shift));  // past the units
  EXPECT_TRUE(put == added) << "left unchanged";
  EXPECT_THROW(GroupMembers(10).resize(1, 11), std::length_error);
}

// The population's member lists, merged from the districts' fragments, against the lists the builders made: same
// members, same order (the transmission's skip sampling reads them by position).
TEST(GroupMembers, SynthesisedPopulationKeepsTheBuildersLists) {
  auto sc = load_scenario("yunyang");
  apply_overrides(sc, {"population.scale=50"});
  std::vector<Ids> built;
  const Population pop = synthesis::synthesise_inspected(load_region(sc.params), sc.params,
                                                        [&](const synthesis::DistrictFragment& f, PersonId person0) {
                                                          for (std::size_t g = 0; g < f.group_kind.size(); ++g) {
                                                            const auto end = g + 1 < f.group_kind.size() ? f.group_offset[g + 1] : f.members.size();
                                                            Ids l;
                                                            for (auto k = f.group_offset[g]; k < end; ++k) l.push_back(f.members[k] + person0);
                                                            built.push_back(std::move(l));
                                                          }
                                                        });
  ASSERT_EQ(pop.groups(), built.size());
  expect_lists(pop.members, built);
  std::size_t narrow = 0, memberships = 0;
  for (GroupId g = 0; g < pop.groups(); ++g) {
    narrow += pop.members[g].wide() ? 0 : pop.group_size(g);
    memberships += pop.group_size(g);
  }
  EXPECT_GT(memberships, pop.persons()) << "most persons are in some group";
  EXPECT_GT(narrow, memberships / 2) << "most memberships in 16-bit units";
}

// The population's household index, built from the households' ranges after the merge, against the households the
// builders gave each person (shifted by the households of the districts before).
TEST(GroupMembers, SynthesisedPopulationKeepsTheBuildersHouseholds) {
  auto sc = load_scenario("yunyang");
  apply_overrides(sc, {"population.scale=50"});
  Ids households;
  std::uint32_t household0 = 0;
  const Population pop = synthesis::synthesise_inspected(load_region(sc.params), sc.params,
                                                        [&](const synthesis::DistrictFragment& f, PersonId) {
                                                          for (const auto h : f.household) households.push_back(h + household0);
                                                          household0 += static_cast<std::uint32_t>(f.household_neighbourhood.size());
                                                        });
  ASSERT_EQ(pop.persons(), households.size());
  ASSERT_EQ(pop.household.size(), households.size());
  for (PersonId p = 0; p < pop.persons(); ++p) ASSERT_EQ(pop.household[p], households[p]) << "person " << p;
  EXPECT_EQ(pop.household_first.back(), pop.persons());
}

}  // namespace
}  // namespace tongchou

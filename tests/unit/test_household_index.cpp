// HouseholdIndex: each person's household from one byte a person, against the plain array it replaces.
#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/rng.hpp"
#include "population/household_index.hpp"

namespace tongchou {
namespace {

TEST(HouseholdIndex, GivesEveryPersonsHouseholdAcrossBlocksAndEmptyHouseholds) {
  // Households of 1..9 persons, some empty, over several blocks of 64 persons.
  Rng rng(7, Purpose::Household, 0);
  std::vector<std::uint32_t> first{0}, expected;
  for (std::uint32_t h = 0; h < 5000; ++h) {
    const auto size = static_cast<std::uint32_t>(h % 97 == 0 ? 0 : 1 + rng.below(9));
    for (std::uint32_t k = 0; k < size; ++k) expected.push_back(h);
    first.push_back(first.back() + size);
  }
  const HouseholdIndex index = HouseholdIndex::from_first(first);
  ASSERT_EQ(index.size(), expected.size());
  for (std::size_t p = 0; p < expected.size(); ++p) ASSERT_EQ(index[p], expected[p]) << "person " << p;
  HouseholdIndex pushed;
  for (auto h : expected) pushed.push_back(h);
  EXPECT_TRUE(pushed == index);
  EXPECT_LT(index.capacity_bytes(), 2 * expected.size()) << "about one byte a person, not four";
}

// from_first() fills chunks of 65,536 persons in parallel: across chunk boundaries, with empty households at a
// chunk's first person, it must give what push_back() gives person by person, and push_back()'s first error.
TEST(HouseholdIndex, FromFirstAcrossChunksEqualsPushBackAndRefusesTheSameGap) {
  std::vector<std::uint32_t> first{0}, households;
  Rng rng(11, Purpose::Household, 0);
  for (std::uint32_t h = 0; first.back() < 3 * HouseholdIndex::kChunk + 1000; ++h) {
    // Empty households just before each chunk's first person, else 1..6 persons.
    const bool at_chunk = first.back() % HouseholdIndex::kChunk > HouseholdIndex::kChunk - 8;
    const auto size = static_cast<std::uint32_t>(at_chunk && h % 2 ? 0 : 1 + rng.below(6));
    for (std::uint32_t k = 0; k < size; ++k) households.push_back(h);
    first.push_back(first.back() + size);
  }
  HouseholdIndex pushed;
  for (auto h : households) pushed.push_back(h);
  EXPECT_TRUE(HouseholdIndex::from_first(first) == pushed);

  // 300 empty households in a block of the second chunk: the error push_back() gives, for the same person.
  std::vector<std::uint32_t> gap(first.begin(), first.begin() + 20000);
  ASSERT_GT(gap.back(), HouseholdIndex::kChunk);
  if (gap.back() % 64 == 0) gap.push_back(gap.back() + 1);  // the gap inside a block, not at its first person
  const std::uint32_t at = gap.back();
  for (int k = 0; k < 300; ++k) gap.push_back(at);
  for (std::uint32_t p = at; p < at + 4000; ++p) gap.push_back(p + 1);
  HouseholdIndex by_push;
  std::string pushed_error, first_error;
  try {
    for (std::size_t h = 0; h + 1 < gap.size(); ++h)
      for (std::uint32_t p = gap[h]; p < gap[h + 1]; ++p) by_push.push_back(static_cast<std::uint32_t>(h));
  } catch (const std::invalid_argument& e) {
    pushed_error = e.what();
  }
  try {
    (void)HouseholdIndex::from_first(gap);
  } catch (const std::invalid_argument& e) {
    first_error = e.what();
  }
  EXPECT_FALSE(pushed_error.empty());
  EXPECT_EQ(first_error, pushed_error);
  EXPECT_THROW(HouseholdIndex::from_first({0, 5, 3, 6}), std::invalid_argument);  // not in order
}

TEST(HouseholdIndex, RefusesPersonsOutOfHouseholdOrderOrTooFarApart) {
  HouseholdIndex a;
  a.push_back(3);
  a.push_back(4);
  EXPECT_THROW(a.push_back(2), std::invalid_argument);
  HouseholdIndex b;
  b.push_back(10);
  EXPECT_NO_THROW(b.push_back(10 + 255));
  EXPECT_THROW(b.push_back(10 + 256), std::invalid_argument);  // one byte from the block's first household
  HouseholdIndex c;
  for (std::uint32_t p = 0; p < 64; ++p) c.push_back(p);
  c.push_back(1000);  // a new block starts from its own household
  EXPECT_EQ(c[64], 1000u);
  EXPECT_EQ(c[63], 63u);
}

}  // namespace
}  // namespace tongchou

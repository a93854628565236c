// HouseholdIndex: each person's household from one byte a person, against the plain array it replaces.
#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
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

// core/fit_capacity.hpp: day buffers give back what an epidemic's peak left them, and only that.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "core/fit_capacity.hpp"

using namespace tongchou;

namespace {
constexpr std::size_t kOverFloor = kFitCapacityFloorBytes / sizeof(std::uint32_t) * 4;  // elements: 4 times the floor
std::vector<std::uint32_t> filled(std::size_t n) {
  std::vector<std::uint32_t> v;
  for (std::size_t i = 0; i < n; ++i) v.push_back(static_cast<std::uint32_t>(i));
  return v;
}
}  // namespace

TEST(FitCapacity, GivesBackTheExcessOfABufferHeldBelowHalf) {
  auto v = filled(kOverFloor);
  const std::size_t peak = v.capacity();
  v.resize(peak / 10);  // a day after the peak: a tenth of it held
  const std::size_t held = v.size();
  const std::size_t freed = clear_and_fit(v);
  EXPECT_TRUE(v.empty());
  EXPECT_GE(v.capacity(), held + held / 4);  // room for the next day's like
  EXPECT_LT(v.capacity(), peak / 2);
  EXPECT_EQ(freed, (peak - v.capacity()) * sizeof(std::uint32_t));
}

TEST(FitCapacity, KeepsABufferHeldAtLeastHalfAndSmallBuffers) {
  auto v = filled(kOverFloor);
  const std::size_t capacity = v.capacity();
  v.resize(capacity / 2);  // exactly half: kept, growth from here reallocates nothing
  EXPECT_EQ(clear_and_fit(v), 0u);
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(v.capacity(), capacity);

  std::vector<std::uint32_t> small;
  small.reserve(kFitCapacityFloorBytes / sizeof(std::uint32_t));  // at the floor: never reallocated
  small.push_back(1);
  EXPECT_EQ(clear_and_fit(small), 0u);
  EXPECT_EQ(small.capacity(), kFitCapacityFloorBytes / sizeof(std::uint32_t));
}

TEST(FitCapacity, ALowerFloorFitsSmallBuffersToo) {
  auto v = filled(1000);  // 4,000 bytes: under the default floor
  v.resize(100);
  const std::size_t capacity = v.capacity();
  EXPECT_EQ(clear_and_fit(v), 0u);
  EXPECT_EQ(v.capacity(), capacity);
  v.resize(100);
  const std::size_t freed = clear_and_fit(v, 256);
  EXPECT_EQ(v.capacity(), 125u);  // 1.25 times what it held
  EXPECT_EQ(freed, (capacity - 125) * sizeof(std::uint32_t));
  std::vector<std::uint32_t> tiny;
  tiny.reserve(50);  // 200 bytes: under the lower floor, kept
  tiny.push_back(1);
  EXPECT_EQ(clear_and_fit(tiny, 256), 0u);
  EXPECT_EQ(tiny.capacity(), 50u);
}

TEST(FitCapacity, CapacityFollowsADecliningNeedWithFewReallocations) {
  std::vector<std::uint32_t> v;
  int reallocations = 0;
  for (std::size_t need = 1 << 20; need >= 1 << 14; need -= need / 20) {  // 5% less each day, 1 M down to 16,384
    v.resize(need);
    if (clear_and_fit(v) > 0) ++reallocations;
    EXPECT_LE(v.capacity(), 2 * need + need / 2) << need;  // never more than 2.5 times the last day's need
  }
  EXPECT_GT(reallocations, 3);
  EXPECT_LT(reallocations, 12);  // halving steps over a 64-fold decline, not one a day
}

TEST(FitCapacity, ReleaseFreesAll) {
  auto v = filled(1000);
  const std::size_t bytes = v.capacity() * sizeof(std::uint32_t);
  EXPECT_EQ(release(v), bytes);
  EXPECT_EQ(v.capacity(), 0u);
}

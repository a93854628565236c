// sim/ordered_appends.hpp: the day buckets filled in parallel hold what the serial loop of push_backs gives them.
#include <gtest/gtest.h>
#include <omp.h>

#include <cstdint>
#include <vector>

#include "core/rng.hpp"
#include "sim/ordered_appends.hpp"

using namespace tongchou;

namespace {
// Items spread over several blocks, with targets repeated within an item, missing (-1), and buckets already holding
// entries (as today's events_ do before transmit appends to them).
struct Case {
  std::vector<std::array<std::int32_t, 3>> targets;
  std::vector<std::vector<std::uint32_t>> buckets;
};
Case make_case(std::size_t n, std::int32_t first, std::int32_t days) {
  Case c;
  c.buckets.resize(static_cast<std::size_t>(days));
  for (std::int32_t d = 0; d < days; ++d) c.buckets[static_cast<std::size_t>(d)].assign(static_cast<std::size_t>(d % 3), 7u + static_cast<std::uint32_t>(d));
  Rng rng(42, Purpose::Course, 1);
  for (std::size_t k = 0; k < n; ++k) {
    std::array<std::int32_t, 3> t{};
    for (auto& d : t) d = rng.below(5) == 0 ? -1 : first + static_cast<std::int32_t>(rng.below(static_cast<std::uint64_t>(days - first)));
    if (k % 7 == 0) t[1] = t[0];  // the same bucket twice: kept in the order of the targets
    c.targets.push_back(t);
  }
  return c;
}
std::uint32_t value_of(std::size_t k) { return static_cast<std::uint32_t>(1000 + k); }
}  // namespace

TEST(OrderedAppends, BucketsHoldTheSerialLoopsContentsForAnyNumberOfThreads) {
  const std::int32_t first = 4, days = 40;
  const Case c = make_case(3 * kAppendBlock + 123, first, days);
  auto expected = c.buckets;
  for (std::size_t k = 0; k < c.targets.size(); ++k)
    for (const auto d : c.targets[k])
      if (d >= 0) expected[static_cast<std::size_t>(d)].push_back(value_of(k));
  const int before = omp_get_max_threads();
  for (const int threads : {1, 2, 3, 16}) {
    omp_set_num_threads(threads);
    OrderedAppends<3> appends;
    appends.targets = c.targets;
    auto buckets = c.buckets;
    appends.append(buckets, c.targets.size(), value_of, first);
    EXPECT_EQ(buckets, expected) << threads << " threads";
  }
  omp_set_num_threads(before);
}

TEST(OrderedAppends, NoTargetsLeavesTheBucketsAsTheyAre) {
  const Case c = make_case(2 * kAppendBlock, 0, 10);
  OrderedAppends<3> appends;
  appends.targets.assign(c.targets.size(), {-1, -1, -1});
  auto buckets = c.buckets;
  appends.append(buckets, c.targets.size(), value_of, 0);
  EXPECT_EQ(buckets, c.buckets);
}

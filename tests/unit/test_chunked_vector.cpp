// core/chunked_vector.hpp: indexing, order and addresses that never move as it grows.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "core/chunked_vector.hpp"

using namespace tongchou;

TEST(ChunkedVector, IndexesWalksAndNeverMovesElements) {
  ChunkedVector<std::uint64_t, 4> v;  // chunks of 16: many chunk boundaries
  EXPECT_TRUE(v.empty());
  std::vector<const std::uint64_t*> where;
  for (std::uint64_t i = 0; i < 1000; ++i) {
    v.push_back(i * i + 7);
    where.push_back(&v.back());
  }
  ASSERT_EQ(v.size(), 1000u);
  EXPECT_EQ(v.capacity(), 1008u);  // 63 chunks of 16
  for (std::size_t i = 0; i < v.size(); ++i) {
    EXPECT_EQ(v[i], i * i + 7) << i;
    EXPECT_EQ(&v[i], where[i]) << "element " << i << " moved";
  }
  std::uint64_t k = 0;
  for (const auto& x : v) {
    EXPECT_EQ(x, k * k + 7);
    ++k;
  }
  EXPECT_EQ(k, 1000u);
  v[500] = 1;
  EXPECT_EQ(*where[500], 1u);
  v.clear();
  EXPECT_EQ(v.size(), 0u);
  EXPECT_EQ(v.begin(), v.end());
  v.push_back(3);
  EXPECT_EQ(v[0], 3u);
}

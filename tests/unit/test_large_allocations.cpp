// core/large_allocations.hpp: freeing a large block does not raise malloc's mmap threshold, so the next large block is
// mapped as well (its pages go back when it is freed, leaving no hole in the heap).
#include <gtest/gtest.h>
#include <malloc.h>

#include <cstdlib>

#include "core/large_allocations.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define TONGCHOU_OWN_MALLOC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define TONGCHOU_OWN_MALLOC 0
#endif
#endif
#ifndef TONGCHOU_OWN_MALLOC
#define TONGCHOU_OWN_MALLOC 1
#endif

namespace {
constexpr std::size_t kBlock = std::size_t{1} << 20;  // like a day buffer at an epidemic's peak

// Allocates and touches a block (through a volatile pointer, so the allocation cannot be elided); returns the number
// of mapped blocks malloc reports while it is held.
std::size_t mapped_while_held() {
  volatile char* p = static_cast<volatile char*>(std::malloc(kBlock));
  EXPECT_NE(p, nullptr);
  p[0] = 1;
  p[kBlock - 1] = 1;
  const std::size_t mapped = mallinfo2().hblks;
  std::free(const_cast<char*>(p));
  return mapped;
}
}  // namespace

TEST(LargeAllocations, AFreedLargeBlockLeavesTheNextOneMappedToo) {
  if (!TONGCHOU_OWN_MALLOC) GTEST_SKIP() << "a sanitizer's allocator replaces glibc's malloc";
  tongchou::map_large_allocations();
  const std::size_t before = mallinfo2().hblks;
  EXPECT_EQ(mapped_while_held(), before + 1);
  // glibc's default would now have raised its threshold above the freed block's size: this one from the heap.
  EXPECT_EQ(mapped_while_held(), before + 1);
  EXPECT_EQ(mallinfo2().hblks, before);
}

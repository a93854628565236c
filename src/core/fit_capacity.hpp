#pragma once
// Buffers reused from day to day keep the capacity of their largest day (an epidemic's peak), while the infection
// records only grow until the last day: held together, the two peaks add up. clear_and_fit() empties a buffer and,
// once its capacity is more than twice what it last held, gives the excess back (docs/performance.md, Memory). Growth
// stays amortised (doubling up, halving down), and the contents are never changed: only the capacity.
#include <cstddef>
#include <utility>
#include <vector>

namespace tongchou {

//! Buffers below this many bytes are left as they are: too small to matter, reallocating them would only cost time.
inline constexpr std::size_t kFitCapacityFloorBytes = 64 * 1024;

//! Empties v. If it held less than half its capacity (and that capacity is over `floor_bytes`), it is reallocated with
//! room for 1.25 times what it held. Returns the bytes given back (0 when left as is). A lower floor is for buffers
//! that are many and small (one per community slot): each under the floor, together they hold megabytes.
template <class T, class A>
std::size_t clear_and_fit(std::vector<T, A>& v, std::size_t floor_bytes = kFitCapacityFloorBytes) {
  const std::size_t held = v.size(), capacity = v.capacity();
  v.clear();
  if (capacity * sizeof(T) <= floor_bytes || capacity <= 2 * held) return 0;
  std::vector<T, A>().swap(v);
  v.reserve(held + held / 4);
  return (capacity - v.capacity()) * sizeof(T);
}

//! Frees v's memory (an empty vector holds none).
template <class T, class A>
std::size_t release(std::vector<T, A>& v) {
  const std::size_t bytes = v.capacity() * sizeof(T);
  std::vector<T, A>().swap(v);
  return bytes;
}

}  // namespace tongchou

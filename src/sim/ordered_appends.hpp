#pragma once
// Appending items to day buckets in parallel, with the buckets' contents those of the serial loop
//   for k in 0..n-1: for j in 0..kTargets-1: if target(k, j) >= 0: buckets[target(k, j)].push_back(value(k))
// (Simulation::transmit: each new infection's course events, docs/performance.md "The day step on several threads").
// The items are cut into fixed blocks of kAppendBlock (by the data, never by the number of threads): each block counts
// its items per bucket in parallel; the counts are turned serially into each block's offset in each bucket (blocks in
// order); then each block writes its items at its offsets in parallel. A bucket thus receives the items in the order of
// k, and an item's targets in the order of j: the same contents for any number of threads.
#include <omp.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tongchou {

inline constexpr std::size_t kAppendBlock = 2048;  //!< items per block of the parallel appends

//! Up to K target buckets of each item, -1 where none.
template <std::size_t K>
struct OrderedAppends {
  std::vector<std::array<std::int32_t, K>> targets;  //!< per item, filled by the caller (in parallel if it likes)
  std::vector<std::uint32_t> offsets;                 //!< per block x bucket from `first` (reused between calls)
  std::vector<std::int32_t> block_last;               //!< per block: its largest target

  //! Appends value(k) to buckets[targets[k][j]] for k < n and every j, in that order (see the top of the file). The
  //! targets must lie in [first, buckets.size()) or be negative; value(k) must be safe to call in parallel.
  template <class T, class Value>
  void append(std::vector<std::vector<T>>& buckets, std::size_t n, const Value& value, std::int32_t first) {
    const std::size_t blocks = (n + kAppendBlock - 1) / kAppendBlock;
    const auto nb = static_cast<std::int64_t>(blocks);
    block_last.assign(blocks, first - 1);
#pragma omp parallel for schedule(static)
    for (std::int64_t b = 0; b < nb; ++b) {
      const auto ub = static_cast<std::size_t>(b);
      std::int32_t last = first - 1;
      for (std::size_t k = ub * kAppendBlock; k < std::min(n, (ub + 1) * kAppendBlock); ++k)
        for (const auto d : targets[k]) last = std::max(last, d);
      block_last[ub] = last;
    }
    std::int32_t last = first - 1;
    for (const auto l : block_last) last = std::max(last, l);
    if (last < first) return;
    const auto span = static_cast<std::size_t>(last - first + 1);
    offsets.assign(blocks * span, 0);
    // Counts of each block per bucket ...
#pragma omp parallel for schedule(static)
    for (std::int64_t b = 0; b < nb; ++b) {
      const auto ub = static_cast<std::size_t>(b);
      std::uint32_t* count = &offsets[ub * span];
      for (std::size_t k = ub * kAppendBlock; k < std::min(n, (ub + 1) * kAppendBlock); ++k)
        for (const auto d : targets[k])
          if (d >= first) ++count[d - first];
    }
    // ... turned into offsets, blocks in order (serial: blocks x span additions), the buckets grown once ...
    for (std::size_t s = 0; s < span; ++s) {
      auto& bucket = buckets[static_cast<std::size_t>(first) + s];
      std::size_t at = bucket.size();
      for (std::size_t b = 0; b < blocks; ++b) {
        const std::uint32_t c = offsets[b * span + s];
        offsets[b * span + s] = static_cast<std::uint32_t>(at);
        at += c;
      }
      if (at > bucket.size()) bucket.resize(at);
    }
    // ... and each block's items written at its offsets.
#pragma omp parallel for schedule(static)
    for (std::int64_t b = 0; b < nb; ++b) {
      const auto ub = static_cast<std::size_t>(b);
      std::uint32_t* at = &offsets[ub * span];
      for (std::size_t k = ub * kAppendBlock; k < std::min(n, (ub + 1) * kAppendBlock); ++k)
        for (const auto d : targets[k])
          if (d >= first) buckets[static_cast<std::size_t>(d)][at[d - first]++] = value(k);
    }
  }
};

}  // namespace tongchou

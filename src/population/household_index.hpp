#pragma once
// The household of each person, in about 1.06 bytes a person instead of 4. Persons are stored contiguously by
// household, so the households of 64 consecutive persons are at most 64 consecutive indices (more only where empty
// households lie between): the index keeps the household of the first person of each block of 64 and, per person,
// the difference to it in one byte.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace tongchou {

class HouseholdIndex {
 public:
  static constexpr unsigned kBlockBits = 6;  //!< blocks of 64 persons
  static constexpr std::size_t kChunk = std::size_t{1} << 16;  //!< persons a task of from_first() fills (1,024 blocks)

  //! The household of person p.
  std::uint32_t operator[](std::size_t p) const { return base_[p >> kBlockBits] + delta_[p]; }
  std::size_t size() const { return delta_.size(); }
  bool empty() const { return delta_.empty(); }

  //! Appends the next person's household; households must not decrease from person to person (else
  //! std::invalid_argument, as for a gap of more than 255 households within a block).
  void push_back(std::uint32_t h) {
    if (!delta_.empty() && h < (*this)[delta_.size() - 1]) throw std::invalid_argument("persons are not ordered by household");
    if (delta_.size() % (std::size_t{1} << kBlockBits) == 0) base_.push_back(h);
    if (h - base_.back() > 255)
      throw std::invalid_argument("household " + std::to_string(h) + " of person " + std::to_string(delta_.size()) +
                                  " is more than 255 from its block's first (" + std::to_string(base_.back()) + ")");
    delta_.push_back(static_cast<std::uint8_t>(h - base_.back()));
  }
  void reserve(std::size_t persons) {
    delta_.reserve(persons);
    base_.reserve((persons + (std::size_t{1} << kBlockBits) - 1) >> kBlockBits);
  }
  void clear() {
    base_.clear();
    delta_.clear();
  }
  //! The index of persons ordered by household, from the households' first persons (size households+1, from 0 and in
  //! order, else std::invalid_argument): the index push_back() would give person after person, and the same error for
  //! a gap of more than 255 households within a block. Built in parallel, deterministically: the persons are split in
  //! fixed chunks of kChunk (not by thread count); each chunk finds its first person's household by binary search and
  //! fills only its own entries, and of the chunks' errors the first chunk's is thrown (the one push_back() meets first).
  static HouseholdIndex from_first(const std::vector<std::uint32_t>& household_first) {
    HouseholdIndex index;
    if (household_first.empty()) return index;
    if (household_first.front() != 0 || !std::is_sorted(household_first.begin(), household_first.end()))
      throw std::invalid_argument("the households' first persons do not begin at 0 and ascend");
    const std::size_t n = household_first.back();
    index.delta_.resize(n);
    index.base_.resize((n + (std::size_t{1} << kBlockBits) - 1) >> kBlockBits);
    const std::size_t chunks = (n + kChunk - 1) / kChunk;
    std::vector<std::string> error(chunks);
#pragma omp parallel for schedule(dynamic, 1)
    for (std::size_t c = 0; c < chunks; ++c) {
      const std::size_t p0 = c * kChunk, p1 = p0 + kChunk < n ? p0 + kChunk : n;
      // The household whose range holds p0: the last whose first person is at most p0 (empty ones skipped).
      std::size_t h = static_cast<std::size_t>(std::upper_bound(household_first.begin(), household_first.end(), p0) -
                                               household_first.begin()) - 1;
      for (std::size_t p = p0; p < p1; ++p) {
        while (household_first[h + 1] <= p) ++h;
        if (p % (std::size_t{1} << kBlockBits) == 0) index.base_[p >> kBlockBits] = static_cast<std::uint32_t>(h);
        const std::size_t base = index.base_[p >> kBlockBits];
        if (h - base > 255) {
          error[c] = "household " + std::to_string(h) + " of person " + std::to_string(p) + " is more than 255 from its block's first (" +
                     std::to_string(base) + ")";
          break;
        }
        index.delta_[p] = static_cast<std::uint8_t>(h - base);
      }
    }
    for (const auto& e : error)
      if (!e.empty()) throw std::invalid_argument(e);
    return index;
  }
  std::size_t capacity_bytes() const { return base_.capacity() * sizeof(std::uint32_t) + delta_.capacity(); }

  bool operator==(const HouseholdIndex&) const = default;

 private:
  std::vector<std::uint32_t> base_;  //!< household of the first person of each block
  std::vector<std::uint8_t> delta_;  //!< per person: household minus its block's base
};

}  // namespace tongchou

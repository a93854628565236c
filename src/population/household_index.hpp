#pragma once
// The household of each person, in about 1.06 bytes a person instead of 4. Persons are stored contiguously by
// household, so the households of 64 consecutive persons are at most 64 consecutive indices (more only where empty
// households lie between): the index keeps the household of the first person of each block of 64 and, per person,
// the difference to it in one byte.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace tongchou {

class HouseholdIndex {
 public:
  static constexpr unsigned kBlockBits = 6;  //!< blocks of 64 persons

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
  //! The index of persons ordered by household, from the households' first persons (size households+1).
  static HouseholdIndex from_first(const std::vector<std::uint32_t>& household_first) {
    HouseholdIndex index;
    if (household_first.empty()) return index;
    index.reserve(household_first.back());
    for (std::size_t h = 0; h + 1 < household_first.size(); ++h)
      for (std::uint32_t p = household_first[h]; p < household_first[h + 1]; ++p) index.push_back(static_cast<std::uint32_t>(h));
    return index;
  }
  std::size_t capacity_bytes() const { return base_.capacity() * sizeof(std::uint32_t) + delta_.capacity(); }

  bool operator==(const HouseholdIndex&) const = default;

 private:
  std::vector<std::uint32_t> base_;  //!< household of the first person of each block
  std::vector<std::uint8_t> delta_;  //!< per person: household minus its block's base
};

}  // namespace tongchou

#pragma once
// The member lists of all groups (CSR), in 2 bytes a membership where a group's members lie close together.
// Persons are stored by district, township, neighbourhood and household, and a group draws its members from one
// township (venues, transport groups) or one district (schools, work teams, institutions, hospitals), so the ids of
// most groups span fewer than 65,536 persons. Such a group ("narrow") keeps its members as 16-bit offsets from its
// smallest member, its base; any other group ("wide", base kWide) keeps 32-bit ids, each in two consecutive 16-bit
// units, low half first. All groups' units lie in one array in group order; offset_[g] (32-bit, size groups+1) is
// where group g's units begin. A group costs 8 bytes (offset and base, as its 64-bit offset did before) and a
// membership 2 bytes instead of 4 in a narrow group. The member order is kept exactly as given: the transmission's
// skip sampling reads members by position. docs/performance.md ("Memory") has the sizes.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace tongchou {

class GroupMembers {
 public:
  static constexpr std::uint32_t kWide = 0xFFFFFFFFu;  //!< base_ of a group that keeps 32-bit ids
  static constexpr std::uint32_t kNarrowSpan = 65536;  //!< a group is narrow if largest - smallest member < this
  //! Most 16-bit units the 32-bit offsets can address: the member lists of about 2 to 4 billion memberships.
  //! Chongqing at scale 1 (38.1 M agents, 137 M memberships, 60% in wide groups) takes 220 M units.
  static constexpr std::uint64_t kMaxUnits = std::numeric_limits<std::uint32_t>::max();

  //! One group's members: a cheap view (pointer, base, size) for reading them by position or in order.
  class Group {
   public:
    Group(const std::uint16_t* units, std::uint32_t base, std::uint32_t size) : units_(units), base_(base), size_(size) {}
    std::uint32_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    bool wide() const { return base_ == kWide; }
    //! Member k (0-based, k < size()), in the order the group was given.
    std::uint32_t operator[](std::uint32_t k) const { return member(units_, base_, k); }
    class iterator {
     public:
      using iterator_category = std::input_iterator_tag;
      using value_type = std::uint32_t;
      using difference_type = std::ptrdiff_t;
      iterator(const std::uint16_t* units, std::uint32_t base, std::uint32_t k) : units_(units), base_(base), k_(k) {}
      std::uint32_t operator*() const { return member(units_, base_, k_); }
      iterator& operator++() {
        ++k_;
        return *this;
      }
      bool operator==(const iterator& o) const { return k_ == o.k_; }

     private:
      const std::uint16_t* units_;  // the group's, not the view's: an iterator may outlive its view
      std::uint32_t base_, k_;
    };
    iterator begin() const { return {units_, base_, 0}; }
    iterator end() const { return {units_, base_, size_}; }

   private:
    const std::uint16_t* units_;
    std::uint32_t base_, size_;
  };

  // A view is copied into every loop over a group's members: keep it to a pointer and two 32-bit words.
  static_assert(sizeof(Group) == 16);

  //! No groups.
  GroupMembers() : offset_{0} {}
  //! No groups, and a limit below kMaxUnits for add() (for tests of that error).
  explicit GroupMembers(std::uint64_t max_units) : offset_{0}, max_units_(max_units < kMaxUnits ? max_units : kMaxUnits) {}

  //! Member k of the group whose units begin at `units`, with base `base`.
  static std::uint32_t member(const std::uint16_t* units, std::uint32_t base, std::uint32_t k) {
    if (base == kWide) return units[2 * std::size_t{k}] | (std::uint32_t{units[2 * std::size_t{k} + 1]} << 16);
    return base + units[k];
  }

  std::size_t groups() const { return base_.size(); }
  //! Number of members of group g.
  std::uint32_t size(std::uint32_t g) const { return (offset_[g + 1] - offset_[g]) >> (base_[g] == kWide ? 1 : 0); }
  //! Member k of group g.
  std::uint32_t operator()(std::uint32_t g, std::uint32_t k) const { return (*this)[g][k]; }
  //! Group g's members.
  Group operator[](std::uint32_t g) const { return {units_.data() + offset_[g], base_[g], size(g)}; }

  //! 16-bit units the members [first, last) take: one each if they span fewer than kNarrowSpan ids, else two.
  static std::uint64_t units_for(const std::uint32_t* first, const std::uint32_t* last) {
    const auto n = static_cast<std::uint64_t>(last - first);
    return narrow_base(first, last) == kWide ? 2 * n : n;
  }
  //! Appends the next group, its members [first, last) each plus `shift` (a fragment's first person), in order.
  //! Throws std::length_error, before changing anything, if the offsets would pass the limit (kMaxUnits), and
  //! std::invalid_argument for an id (plus shift) of kWide or more (person ids are below kNone = kWide).
  void add(const std::uint32_t* first, const std::uint32_t* last, std::uint32_t shift = 0) {
    const std::uint32_t local = narrow_base(first, last);
    const auto n = static_cast<std::uint64_t>(last - first);
    for (auto p = first; p != last; ++p)
      if (std::uint64_t{*p} + shift >= kWide)
        throw std::invalid_argument("group member id " + std::to_string(std::uint64_t{*p} + shift) + " is not a person id");
    const std::uint64_t units = units_.size() + (local == kWide ? 2 * n : n);
    if (units > max_units_)
      throw std::length_error("the groups' member lists need " + std::to_string(units) + " 16-bit units, more than the " +
                              std::to_string(max_units_) + " their 32-bit offsets address (group " + std::to_string(groups()) +
                              "): raise population.scale");
    if (local == kWide) {
      for (auto p = first; p != last; ++p) {
        const std::uint32_t id = *p + shift;
        units_.push_back(static_cast<std::uint16_t>(id));
        units_.push_back(static_cast<std::uint16_t>(id >> 16));
      }
      base_.push_back(kWide);
    } else {
      for (auto p = first; p != last; ++p) units_.push_back(static_cast<std::uint16_t>(*p - local));
      base_.push_back(local + shift);
    }
    offset_.push_back(static_cast<std::uint32_t>(units));
  }
  void add(const std::vector<std::uint32_t>& ids) { add(ids.data(), ids.data() + ids.size()); }
  //! Makes room for `groups` groups in `units` 16-bit units in all (replacing any groups there were), for put() to
  //! fill. Throws std::length_error, before changing anything, if the units pass the limit (kMaxUnits).
  void resize(std::size_t groups, std::uint64_t units) {
    if (units > max_units_)
      throw std::length_error("the groups' member lists need " + std::to_string(units) + " 16-bit units, more than the " +
                              std::to_string(max_units_) + " their 32-bit offsets address: raise population.scale");
    offset_.assign(groups + 1, 0);
    base_.assign(groups, 0);
    units_.assign(units, 0);
    offset_[groups] = static_cast<std::uint32_t>(units);
  }
  //! Writes group g (of those resize() made room for), its members [first, last) each plus `shift`, exactly as add()
  //! would have appended it, at unit `at`: the units_for() of groups 0..g-1 summed. Each group is put once; calls for
  //! different groups touch different entries, so they may run on several threads at once (the synthesis's merge).
  //! Returns false, changing nothing, for an id (plus shift) of kWide or more or units past those resize() made.
  bool put(std::uint32_t g, std::uint64_t at, const std::uint32_t* first, const std::uint32_t* last, std::uint32_t shift = 0) {
    const std::uint32_t local = narrow_base(first, last);
    const auto n = static_cast<std::uint64_t>(last - first);
    for (auto p = first; p != last; ++p)
      if (std::uint64_t{*p} + shift >= kWide) return false;
    if (g >= base_.size() || at + (local == kWide ? 2 * n : n) > units_.size()) return false;
    std::uint16_t* out = units_.data() + at;
    if (local == kWide) {
      for (auto p = first; p != last; ++p) {
        const std::uint32_t id = *p + shift;
        *out++ = static_cast<std::uint16_t>(id);
        *out++ = static_cast<std::uint16_t>(id >> 16);
      }
      base_[g] = kWide;
    } else {
      for (auto p = first; p != last; ++p) *out++ = static_cast<std::uint16_t>(*p - local);
      base_[g] = local + shift;
    }
    offset_[g] = static_cast<std::uint32_t>(at);
    return true;
  }
  void reserve(std::size_t groups, std::uint64_t units) {
    offset_.reserve(groups + 1);
    base_.reserve(groups);
    units_.reserve(units);
  }
  std::size_t capacity_bytes() const {
    return offset_.capacity() * sizeof(std::uint32_t) + base_.capacity() * sizeof(std::uint32_t) + units_.capacity() * sizeof(std::uint16_t);
  }

  // The arrays as they are, for the population snapshot (population/snapshot.cpp).
  const std::vector<std::uint32_t>& offsets() const { return offset_; }
  const std::vector<std::uint32_t>& bases() const { return base_; }
  const std::vector<std::uint16_t>& units() const { return units_; }
  //! The lists from arrays that offsets(), bases() and units() gave; an empty string, or why they are not such arrays
  //! (then `out` is unchanged). Member ids are not checked against the persons: the caller knows how many there are
  //! (a narrow base near 2^32 wraps around to a small id, never past the ids the caller checks).
  static std::string from_arrays(std::vector<std::uint32_t> offset, std::vector<std::uint32_t> base, std::vector<std::uint16_t> units,
                                 GroupMembers& out) {
    if (offset.size() != base.size() + 1) return "member_offset does not have one entry more than member_base";
    if (offset.front() != 0 || offset.back() != units.size()) return "member_offset does not begin at 0 and end at the members' count";
    for (std::size_t g = 0; g < base.size(); ++g) {
      if (offset[g + 1] < offset[g]) return "member_offset is not in order (group " + std::to_string(g) + ")";
      const std::uint32_t span = offset[g + 1] - offset[g];
      if (base[g] == kWide && span % 2 != 0) return "wide group " + std::to_string(g) + " has an odd number of 16-bit units";
    }
    out.offset_ = std::move(offset);
    out.base_ = std::move(base);
    out.units_ = std::move(units);
    return {};
  }

  //! The same groups with the same members in the same order (and so the same arrays).
  bool operator==(const GroupMembers& o) const { return offset_ == o.offset_ && base_ == o.base_ && units_ == o.units_; }

 private:
  // The base of members [first, last) if they span fewer than kNarrowSpan ids (their smallest; 0 if none), else kWide.
  static std::uint32_t narrow_base(const std::uint32_t* first, const std::uint32_t* last) {
    if (first == last) return 0;
    std::uint32_t lo = *first, hi = *first;
    for (auto p = first; p != last; ++p) lo = *p < lo ? *p : lo, hi = *p > hi ? *p : hi;
    return hi - lo < kNarrowSpan ? lo : kWide;
  }

  std::vector<std::uint32_t> offset_;  //!< size groups+1: group g's units are units_[offset_[g] .. offset_[g+1])
  std::vector<std::uint32_t> base_;    //!< per group: its smallest member, or kWide
  std::vector<std::uint16_t> units_;   //!< narrow: member - base; wide: id low half, high half
  std::uint64_t max_units_ = kMaxUnits;
};

}  // namespace tongchou

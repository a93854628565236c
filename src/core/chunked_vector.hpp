#pragma once
// A growing array kept in chunks of 2^ChunkBits elements: it never moves its elements, so growing never holds an old
// and a new copy at once (std::vector's doubling does: at 1 M persons with 70% infected, the infection records'
// last reallocation alone was 46 MB, 46 bytes per person of peak memory). Each chunk's memory is reserved, not
// touched, until it is filled. Indexing is one shift and one mask. Elements are addressed by index or walked in order.
#include <cstddef>
#include <iterator>
#include <vector>

namespace tongchou {

template <class T, unsigned ChunkBits = 16>
class ChunkedVector {
 public:
  static constexpr std::size_t kChunk = std::size_t{1} << ChunkBits;

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  //! Elements that fit without a new chunk.
  std::size_t capacity() const { return chunks_.size() * kChunk; }
  T& operator[](std::size_t i) { return chunks_[i >> ChunkBits][i & (kChunk - 1)]; }
  const T& operator[](std::size_t i) const { return chunks_[i >> ChunkBits][i & (kChunk - 1)]; }
  T& back() { return (*this)[size_ - 1]; }
  const T& back() const { return (*this)[size_ - 1]; }

  void push_back(const T& x) {
    if (size_ == capacity()) chunks_.emplace_back().reserve(kChunk);
    chunks_.back().push_back(x);
    ++size_;
  }
  void clear() {
    chunks_.clear();
    size_ = 0;
  }

  template <class V, class C>
  class Iter {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = V*;
    using reference = V&;
    Iter(C* c, std::size_t i) : c_(c), i_(i) {}
    V& operator*() const { return (*c_)[i_]; }
    V* operator->() const { return &(*c_)[i_]; }
    Iter& operator++() {
      ++i_;
      return *this;
    }
    Iter operator++(int) {
      Iter t = *this;
      ++i_;
      return t;
    }
    bool operator==(const Iter& o) const { return i_ == o.i_; }
    bool operator!=(const Iter& o) const { return i_ != o.i_; }

   private:
    C* c_;
    std::size_t i_;
  };
  using iterator = Iter<T, ChunkedVector>;
  using const_iterator = Iter<const T, const ChunkedVector>;
  iterator begin() { return {this, 0}; }
  iterator end() { return {this, size_}; }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }

 private:
  std::vector<std::vector<T>> chunks_;  // each reserved to kChunk: never reallocated
  std::size_t size_ = 0;
};

}  // namespace tongchou

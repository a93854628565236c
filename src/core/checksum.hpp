#pragma once
// A fast 64-bit checksum of a byte stream (four independent multiply-rotate lanes over little-endian 8-byte words,
// in the manner of xxHash64): a few GB/s, to tell a truncated or corrupted binary file from a whole one. Not a
// cryptographic hash. Feeding the same bytes in any split gives the same value.
#include <array>
#include <cstddef>
#include <cstdint>

namespace tongchou {

class Checksum {
 public:
  void update(const void* data, std::size_t bytes);
  //! The checksum of every byte given so far (does not change the state).
  std::uint64_t value() const;

 private:
  std::array<std::uint64_t, 4> lanes_{0x9E3779B185EBCA87ull, 0xC2B2AE3D27D4EB4Full, 0x165667B19E3779F9ull, 0x85EBCA77C2B2AE63ull};
  std::array<unsigned char, 32> pending_{};  //!< bytes of a block not yet complete
  std::size_t pending_bytes_ = 0;
  std::uint64_t total_ = 0;
  void block(const unsigned char* p);
};

//! The checksum of one buffer.
std::uint64_t checksum(const void* data, std::size_t bytes);

}  // namespace tongchou

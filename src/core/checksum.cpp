#include "core/checksum.hpp"

#include <bit>
#include <cstring>

namespace tongchou {

namespace {
constexpr std::uint64_t kP1 = 0x9E3779B185EBCA87ull, kP2 = 0xC2B2AE3D27D4EB4Full, kP3 = 0x165667B19E3779F9ull;

std::uint64_t load_le64(const unsigned char* p) {
  std::uint64_t w = 0;
  for (int i = 7; i >= 0; --i) w = (w << 8) | p[i];  // compiles to one load on a little-endian machine
  return w;
}
}  // namespace

void Checksum::block(const unsigned char* p) {
  for (int k = 0; k < 4; ++k) lanes_[k] = std::rotl(lanes_[k] + load_le64(p + 8 * k) * kP2, 31) * kP1;
}

void Checksum::update(const void* data, std::size_t bytes) {
  const auto* p = static_cast<const unsigned char*>(data);
  total_ += bytes;
  if (pending_bytes_ > 0) {
    const std::size_t take = std::min(bytes, pending_.size() - pending_bytes_);
    std::memcpy(pending_.data() + pending_bytes_, p, take);
    pending_bytes_ += take, p += take, bytes -= take;
    if (pending_bytes_ < pending_.size()) return;
    block(pending_.data());
    pending_bytes_ = 0;
  }
  for (; bytes >= 32; p += 32, bytes -= 32) block(p);
  std::memcpy(pending_.data(), p, bytes);
  pending_bytes_ = bytes;
}

std::uint64_t Checksum::value() const {
  std::uint64_t h = std::rotl(lanes_[0], 1) + std::rotl(lanes_[1], 7) + std::rotl(lanes_[2], 12) + std::rotl(lanes_[3], 18);
  h += total_;
  for (std::size_t i = 0; i < pending_bytes_; ++i) h = std::rotl(h ^ (pending_[i] * kP3), 11) * kP1;
  h ^= h >> 33, h *= kP2, h ^= h >> 29, h *= kP3, h ^= h >> 32;
  return h;
}

std::uint64_t checksum(const void* data, std::size_t bytes) {
  Checksum c;
  c.update(data, bytes);
  return c.value();
}

}  // namespace tongchou

#include "service/data_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace tongchou::service {

DataLock::DataLock(const std::filesystem::path& data_dir) {
  const auto file = data_dir / "serve.lock";
  fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error(fmt::format("cannot open {}: {}", file.string(), std::strerror(errno)));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd_);
    fd_ = -1;
    if (err == EWOULDBLOCK)
      throw std::runtime_error(fmt::format("another tongchou serve uses {} (it holds {}); stop it first, or give another --data",
                                           data_dir.string(), file.string()));
    throw std::runtime_error(fmt::format("cannot lock {}: {}", file.string(), std::strerror(err)));
  }
}

DataLock::~DataLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the lock
}

}  // namespace tongchou::service

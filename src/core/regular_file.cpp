#include "core/regular_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace tongchou {

namespace {
std::string kind_of(mode_t mode) {
  if (S_ISREG(mode)) return "a regular file";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISLNK(mode)) return "a symbolic link";
  return "not a regular file";
}
}  // namespace

std::string errno_text(int code) { return code == 0 ? std::string("unknown error") : std::string(std::strerror(code)); }

std::string describe_path(const std::filesystem::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return errno == ENOENT ? "nothing" : "unreadable (" + errno_text(errno) + ")";
  if (S_ISLNK(st.st_mode)) {
    struct stat target {};
    if (::stat(path.c_str(), &target) != 0) return "a dangling symbolic link";
    return "a symbolic link to " + kind_of(target.st_mode);
  }
  return kind_of(st.st_mode);
}

std::string read_regular_chunks(const std::filesystem::path& path, const std::function<bool(std::string_view)>& chunk) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return errno == ENOENT ? "missing" : "cannot read: " + errno_text(errno);
  if (!S_ISREG(st.st_mode)) return "is " + kind_of(st.st_mode) + ", not a regular file";
  // O_NONBLOCK: should the path have become a FIFO since stat, opening it does not wait for a writer.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return "cannot open: " + errno_text(errno);
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return "is " + kind_of(st.st_mode) + ", not a regular file";
  }
  std::vector<char> buffer(1 << 16);
  while (true) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      const int e = errno;
      ::close(fd);
      return "cannot read: " + errno_text(e);
    }
    if (!chunk(std::string_view(buffer.data(), static_cast<std::size_t>(n)))) break;
  }
  ::close(fd);
  return "";
}

FileText read_regular_file(const std::filesystem::path& path, std::size_t max_bytes) {
  std::string text;
  std::string error = read_regular_chunks(path, [&](std::string_view bytes) {
    text.append(bytes.substr(0, max_bytes - text.size()));
    return text.size() < max_bytes;
  });
  if (!error.empty()) return {std::nullopt, std::move(error)};
  return {std::move(text), ""};
}

}  // namespace tongchou

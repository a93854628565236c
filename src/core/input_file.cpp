#include "core/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <limits>
#include <vector>

#include <fmt/format.h>

namespace tongchou {

namespace {

// What is at a path, for describe_path and a run folder's files: "a FIFO".
std::string kind_of(mode_t mode) {
  if (S_ISREG(mode)) return "a regular file";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISLNK(mode)) return "a symbolic link";
  return "not a regular file";
}

// What is at a path, for an input file's InputError: "is not a regular file (a named pipe)".
std::string input_kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "is a directory";
  if (S_ISFIFO(mode)) return "is not a regular file (a named pipe)";
  if (S_ISCHR(mode)) return "is not a regular file (a character device)";
  if (S_ISBLK(mode)) return "is not a regular file (a block device)";
  if (S_ISSOCK(mode)) return "is not a regular file (a socket)";
  return "is not a regular file";
}

// Where and why a reading stopped short.
enum class Stop { done, stat_failed, not_regular, open_failed, read_failed, too_large, grew };
struct Outcome {
  Stop stop = Stop::done;
  int error = 0;           // errno of a failed stat, open or read
  mode_t mode = 0;         // what is there instead of a regular file
  std::uint64_t size = 0;  // the file's size when opened
};

// Closes the descriptor on every path out.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// The one reading: stat, refuse what is not a regular file before opening it, open without blocking, check what was
// opened, then read in pieces, passing each to `chunk` (which returns false to stop). `opened` learns the size first. A
// file larger than `limit` bytes is refused before it is read, and reading stops once more than `limit` bytes came.
Outcome read_pieces(const char* path, std::uint64_t limit, const std::function<void(std::uint64_t)>& opened,
                    const std::function<bool(std::string_view)>& chunk) {
  struct stat st {};
  if (::stat(path, &st) != 0) return {Stop::stat_failed, errno, 0, 0};
  if (!S_ISREG(st.st_mode)) return {Stop::not_regular, 0, st.st_mode, 0};
  // O_NONBLOCK: should the path have become a FIFO since stat, opening it does not wait for a writer.
  Fd f{::open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (f.fd < 0) return {Stop::open_failed, errno, 0, 0};
  if (::fstat(f.fd, &st) != 0 || !S_ISREG(st.st_mode)) return {Stop::not_regular, 0, st.st_mode, 0};
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > limit) return {Stop::too_large, 0, st.st_mode, size};
  opened(size);
  std::vector<char> buffer(1 << 16);
  std::uint64_t total = 0;
  while (true) {
    const ssize_t n = ::read(f.fd, buffer.data(), buffer.size());
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return {Stop::read_failed, errno, st.st_mode, size};
    }
    total += static_cast<std::uint64_t>(n);
    if (!chunk(std::string_view(buffer.data(), static_cast<std::size_t>(n)))) break;
    if (total > limit) return {Stop::grew, 0, st.st_mode, size};
  }
  return {Stop::done, 0, st.st_mode, size};
}

}  // namespace

std::string errno_text(int code) { return code == 0 ? std::string("unknown error") : std::string(std::strerror(code)); }

PathKind path_kind(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return PathKind::Missing;
  if (S_ISREG(st.st_mode)) return PathKind::Regular;
  if (S_ISDIR(st.st_mode)) return PathKind::Directory;
  return PathKind::Other;
}

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

std::string read_input_file(const std::string& path, std::string_view what) {
  std::string text;
  const Outcome r = read_pieces(
      path.c_str(), kMaxInputFileBytes, [&](std::uint64_t size) { text.reserve(static_cast<std::size_t>(size)); },
      [&](std::string_view bytes) {
        text.append(bytes);
        return true;
      });
  const auto refuse = [&](std::string message) { throw InputError({{path, 0, 0, "", std::move(message)}}); };
  switch (r.stop) {
    case Stop::done: return text;
    case Stop::stat_failed:
    case Stop::open_failed:
    case Stop::read_failed: refuse(fmt::format("cannot read {}: {}", what, std::strerror(r.error))); break;
    case Stop::not_regular: refuse(fmt::format("{}; give the path of a {}", input_kind_of(r.mode), what)); break;
    case Stop::too_large:
      refuse(fmt::format("{} is {} MB, larger than the {} MB an input file may have: is this the right file?", what, r.size >> 20,
                         kMaxInputFileBytes >> 20));
      break;
    case Stop::grew: refuse(fmt::format("{} grew past {} MB while being read", what, kMaxInputFileBytes >> 20)); break;
  }
  return text;
}

std::string read_regular_chunks(const std::filesystem::path& path, const std::function<bool(std::string_view)>& chunk) {
  const Outcome r = read_pieces(path.c_str(), std::numeric_limits<std::uint64_t>::max(), [](std::uint64_t) {}, chunk);
  switch (r.stop) {
    case Stop::done: return "";
    case Stop::stat_failed: return r.error == ENOENT ? "missing" : "cannot read: " + errno_text(r.error);
    case Stop::not_regular: return "is " + kind_of(r.mode) + ", not a regular file";
    case Stop::open_failed: return "cannot open: " + errno_text(r.error);
    case Stop::read_failed: return "cannot read: " + errno_text(r.error);
    case Stop::too_large:
    case Stop::grew: break;  // no limit: neither happens
  }
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

std::optional<std::size_t> invalid_utf8_at(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0, min = 0;
    if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07, min = 0x10000;
    else return i;
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::nullopt;
}

void require_utf8_text(std::string_view text, const std::string& name) {
  std::optional<std::size_t> at = invalid_utf8_at(text);
  const std::size_t nul = text.find('\0');
  if (nul != std::string_view::npos && (!at || nul < *at)) at = nul;
  if (!at) return;
  int line = 1, column = 1;
  for (std::size_t i = 0; i < *at; ++i) {
    if (text[i] == '\n') ++line, column = 1;
    else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  throw InputError({{name, line, column, "",
                     fmt::format("not UTF-8 text (byte 0x{:02X} at offset {}): is this a binary file? Save it as UTF-8",
                                 static_cast<unsigned>(static_cast<unsigned char>(text[*at])), *at)}});
}

}  // namespace tongchou

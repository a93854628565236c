#include "core/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace tongchou {

namespace {

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "is a directory";
  if (S_ISFIFO(mode)) return "is not a regular file (a named pipe)";
  if (S_ISCHR(mode)) return "is not a regular file (a character device)";
  if (S_ISBLK(mode)) return "is not a regular file (a block device)";
  if (S_ISSOCK(mode)) return "is not a regular file (a socket)";
  return "is not a regular file";
}

[[noreturn]] void refuse(const std::string& path, std::string message) { throw InputError({{path, 0, 0, "", std::move(message)}}); }

// Closes the descriptor on every path out.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

PathKind path_kind(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return PathKind::Missing;
  if (S_ISREG(st.st_mode)) return PathKind::Regular;
  if (S_ISDIR(st.st_mode)) return PathKind::Directory;
  return PathKind::Other;
}

std::string read_input_file(const std::string& path, std::string_view what) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    refuse(path, fmt::format("cannot read {}: {}", what, std::strerror(errno)));
  if (!S_ISREG(st.st_mode)) refuse(path, fmt::format("{}; give the path of a {}", kind_of(st.st_mode), what));
  // O_NONBLOCK: should the path be swapped for a pipe between stat and open, open does not wait for a writer.
  Fd f{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (f.fd < 0) refuse(path, fmt::format("cannot read {}: {}", what, std::strerror(errno)));
  if (::fstat(f.fd, &st) != 0 || !S_ISREG(st.st_mode)) refuse(path, fmt::format("{}; give the path of a {}", kind_of(st.st_mode), what));
  if (static_cast<std::uint64_t>(st.st_size) > kMaxInputFileBytes)
    refuse(path, fmt::format("{} is {} MB, larger than the {} MB an input file may have: is this the right file?", what,
                             static_cast<std::uint64_t>(st.st_size) >> 20, kMaxInputFileBytes >> 20));
  std::string text;
  text.reserve(static_cast<std::size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    const ssize_t got = ::read(f.fd, buf, sizeof buf);
    if (got < 0) {
      if (errno == EINTR) continue;
      refuse(path, fmt::format("cannot read {}: {}", what, std::strerror(errno)));
    }
    if (got == 0) break;
    text.append(buf, static_cast<std::size_t>(got));
    if (text.size() > kMaxInputFileBytes) refuse(path, fmt::format("{} grew past {} MB while being read", what, kMaxInputFileBytes >> 20));
  }
  return text;
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

#include "core/atomic_file.hpp"

#include <fcntl.h>
#include <stdio.h>  // renameat2
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/error.hpp"
#include "core/input_file.hpp"

namespace tongchou {

namespace {
// The reason of the last failed call; read at once, before anything else can change errno.
std::string errno_text() { return tongchou::errno_text(errno); }
}  // namespace

AtomicFile::AtomicFile(std::filesystem::path final_path) : final_path_(std::move(final_path)) {
  temp_path_ = final_path_;
  temp_path_ += ".tmp." + std::to_string(::getpid());
  file_ = std::fopen(temp_path_.c_str(), "wb");
  if (!file_) throw OutputError("cannot create " + temp_path_.string() + ": " + errno_text());
  buffer_.reserve(1 << 20);
}

AtomicFile::~AtomicFile() {
  if (file_) {
    std::fclose(file_);
    std::error_code ec;
    std::filesystem::remove(temp_path_, ec);
  }
}

void AtomicFile::flush_buffer() {
  if (buffer_.empty()) return;
  errno = 0;
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
    throw OutputError("cannot write " + temp_path_.string() + ": " + errno_text());
  buffer_.clear();
}

void AtomicFile::write(std::string_view text) {
  if (buffer_.size() + text.size() < (1 << 20)) {
    buffer_.append(text);
    return;
  }
  flush_buffer();
  if (text.size() < (1 << 20)) {
    buffer_.append(text);
    return;
  }
  // A large text (report.html: MBs) is written as it is, not copied into the buffer first (the peak of a run).
  errno = 0;
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size())
    throw OutputError("cannot write " + temp_path_.string() + ": " + errno_text());
}

void AtomicFile::commit(bool replace) {
  flush_buffer();
  errno = 0;
  if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0)
    throw OutputError("cannot write " + temp_path_.string() + ": " + errno_text());
  errno = 0;
  if (std::fclose(file_) != 0) {
    file_ = nullptr;
    const std::string why = errno_text();
    std::error_code ec;
    std::filesystem::remove(temp_path_, ec);
    throw OutputError("cannot write " + temp_path_.string() + ": " + why);
  }
  file_ = nullptr;
  const int rc = replace ? ::rename(temp_path_.c_str(), final_path_.c_str())
                         : ::renameat2(AT_FDCWD, temp_path_.c_str(), AT_FDCWD, final_path_.c_str(), RENAME_NOREPLACE);
  if (rc != 0) {
    const std::string why = errno == EEXIST ? std::string("it already exists") : errno_text();
    std::error_code ec;
    std::filesystem::remove(temp_path_, ec);
    throw OutputError("cannot rename " + temp_path_.string() + " to " + final_path_.string() + ": " + why);
  }
}

void write_file_atomically(const std::filesystem::path& path, std::string_view text, bool replace) {
  AtomicFile f(path);
  f.write(text);
  f.commit(replace);
}

void prepare_output_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec))
    throw OutputError("output path " + dir.string() + " exists and is " + describe_path(dir) + ", not a directory");
  std::filesystem::create_directories(dir, ec);
  if (ec) throw OutputError("cannot create output directory " + dir.string() + ": " + ec.message());
  if (::access(dir.c_str(), W_OK) != 0)
    throw OutputError("output directory " + dir.string() + " is not writable: " + errno_text());
}

}  // namespace tongchou

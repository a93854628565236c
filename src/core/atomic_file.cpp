#include "core/atomic_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/error.hpp"

namespace tongchou {

namespace {
std::string errno_text() { return std::strerror(errno); }
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
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
    throw OutputError("cannot write " + temp_path_.string() + ": " + errno_text());
  buffer_.clear();
}

void AtomicFile::write(std::string_view text) {
  buffer_.append(text);
  if (buffer_.size() >= (1 << 20)) flush_buffer();
}

void AtomicFile::commit() {
  flush_buffer();
  if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0)
    throw OutputError("cannot write " + temp_path_.string() + ": " + errno_text());
  if (std::fclose(file_) != 0) {
    file_ = nullptr;
    throw OutputError("cannot close " + temp_path_.string() + ": " + errno_text());
  }
  file_ = nullptr;
  std::error_code ec;
  std::filesystem::rename(temp_path_, final_path_, ec);
  if (ec) {
    std::filesystem::remove(temp_path_, ec);
    throw OutputError("cannot rename " + temp_path_.string() + " to " + final_path_.string() + ": " + ec.message());
  }
}

void write_file_atomically(const std::filesystem::path& path, std::string_view text) {
  AtomicFile f(path);
  f.write(text);
  f.commit();
}

void prepare_output_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec))
    throw OutputError("output path " + dir.string() + " exists and is not a directory");
  std::filesystem::create_directories(dir, ec);
  if (ec) throw OutputError("cannot create output directory " + dir.string() + ": " + ec.message());
  if (::access(dir.c_str(), W_OK) != 0)
    throw OutputError("output directory " + dir.string() + " is not writable: " + errno_text());
}

}  // namespace tongchou

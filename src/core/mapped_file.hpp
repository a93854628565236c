#pragma once
// A whole file mapped read-only into memory (POSIX mmap), unmapped when the object goes.
#include <cstddef>
#include <filesystem>
#include <string>

namespace tongchou {

class MappedFile {
 public:
  //! Maps `path`; on failure throws InputError naming the file and the system's reason (key `key`).
  MappedFile(const std::filesystem::path& path, const std::string& key);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const unsigned char* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  const unsigned char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace tongchou

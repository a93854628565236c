#pragma once
// Output files are written to a temporary name in the same directory and renamed into place only when
// complete, so no half-written file is ever left under its final name.
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace tongchou {

//! A file being written; becomes visible under its final name only on commit().
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path final_path);
  ~AtomicFile();  //!< removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view text);
  //! Flushes, syncs and renames to the final name; throws OutputError (with the system's reason) on failure.
  //! With replace = false an existing final name is never replaced (renameat2 RENAME_NOREPLACE).
  void commit(bool replace = true);
  const std::filesystem::path& path() const { return final_path_; }

 private:
  std::filesystem::path final_path_;
  std::filesystem::path temp_path_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  void flush_buffer();
};

//! Writes a whole file atomically.
void write_file_atomically(const std::filesystem::path& path, std::string_view text, bool replace = true);

//! Creates the directory (and parents) and checks that it is writable; throws OutputError naming it.
void prepare_output_directory(const std::filesystem::path& dir);

}  // namespace tongchou

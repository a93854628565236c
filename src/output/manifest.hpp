#pragma once
// manifest.json: the last file written into a run (or compare) folder. It names the tongchou version, the scenario
// and seed, and every other file of the folder with its size and FNV-1a-64 checksum, so that a reader can tell one
// complete run from a mix of runs, an unfinished run or files edited afterwards (docs/outputs.md, "The run folder").
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace tongchou {

inline constexpr const char* kManifestName = "manifest.json";
inline constexpr const char* kGenerator = "tongchou 0.1.0";

struct ManifestFile {
  std::string name;  //!< file name inside the folder
  std::uint64_t bytes = 0;
  std::string fnv1a64;  //!< 16 hex digits
};

struct Manifest {
  std::string generator = kGenerator;
  std::string kind = "run";  //!< "run" or "compare"
  std::string scenario;      //!< scenario name (runs only)
  std::int64_t seed = -1;    //!< scenario seed (runs only)
  std::vector<ManifestFile> files;  //!< sorted by name

  const ManifestFile* find(std::string_view name) const;
};

//! FNV-1a 64-bit of the bytes, as 16 lower-case hex digits.
std::string fnv1a64_hex(std::string_view bytes);

//! Size and checksum of a regular file, read in pieces; throws nothing: `error` says why not ("missing", "is a FIFO,
//! not a regular file").
struct FileDigest {
  std::uint64_t bytes = 0;
  std::string fnv1a64;
  std::string error;
};
FileDigest digest_file(const std::filesystem::path& file);

std::string manifest_json(const Manifest& m);

//! Parses manifest.json text; on failure returns false and sets `error` (the reason, without the file name).
bool parse_manifest(std::string_view text, Manifest& out, std::string& error);

//! Every difference between the folder and its manifest, one sentence each ("daily.csv changed after the run:
//! 40197 bytes when written, 40201 now"; "notes.txt is not part of the run"); empty when they agree.
//! Hidden entries (starting with '.') and the file named `ignore` are ignored.
std::vector<std::string> manifest_mismatches(const Manifest& m, const std::filesystem::path& dir, std::string_view ignore = "");

}  // namespace tongchou

#pragma once
// Population snapshots: a synthesised population written to one binary file (`tongchou population`) and loaded
// instead of synthesising it again (population.snapshot, --population). The layout is memory-mappable: a header
// (magic "TCPOPSNP", format version, file size, checksum), the population key it was made for (population_key(),
// sim/prepared_population.hpp), a directory of named sections, then each of the population's arrays as a
// little-endian array of fixed-size elements at a 64-byte aligned offset. Loading maps the file, checks the header,
// the checksum, the key and every section's name, element size and count, then copies the arrays: no parsing.
// docs/performance.md ("Population snapshots") has the layout and the load and synthesis times.
#include <cstdint>
#include <filesystem>
#include <string>

#include "population/population.hpp"

namespace tongchou {

//! Version of the snapshot layout. Raise it whenever the layout or the synthesis changes what a snapshot holds:
//! a snapshot of another version is refused, never misread.
inline constexpr std::uint32_t kSnapshotFormatVersion = 3;  // 2: no per-person household (from household_first);
                                                            // 3: group members in 16-bit units (GroupMembers)

//! Writes `pop`, made for population key `key`, to `path` atomically (core/atomic_file). Throws OutputError.
void write_population_snapshot(const Population& pop, const std::string& key, const std::filesystem::path& path);

//! Checks that `path` may be written: absent, or an earlier snapshot (never a directory or another file, which -o
//! will not replace); creates its directory. Throws OutputError naming it.
void check_snapshot_output(const std::filesystem::path& path);

//! Loads the snapshot at `path`, which must have been made for population key `expected_key`. Throws InputError naming
//! the file and what is wrong: not a snapshot, another format version, truncated, corrupted (checksum), made for
//! another region, scale, seed or population parameters (the keys that differ), or inconsistent arrays.
Population read_population_snapshot(const std::filesystem::path& path, const std::string& expected_key);

}  // namespace tongchou

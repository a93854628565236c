#pragma once
// `tongchou init NAME --region DIR`: a scenario for a region folder (or a built-in region) with sensible defaults and
// no measures of another place: its first day and length from the region's case series, one seed of imports spread
// over its districts by population, a scale that keeps a run quick.
#include <filesystem>
#include <string>

namespace tongchou {

//! The text of the scenario for `region` (a folder path or a built-in region name) written to `file`; the region is
//! checked first (InputError with every problem of its files).
std::string region_scenario_text(const std::filesystem::path& file, const std::string& region);

//! Writes NAME.toml (NAME itself if it ends in .toml); never overwrites. Returns the path written.
std::filesystem::path write_region_scenario(const std::string& name, const std::string& region);

}  // namespace tongchou

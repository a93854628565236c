#pragma once
// The built-in regions: the region folders compiled into the binary (data/), which a scenario names by their code
// (scenario.region); any other value is the path of a region folder (docs/regions.md).
#include <string>
#include <string_view>
#include <vector>

namespace tongchou {

//! The built-in regions (embedded folders, yunyang and synthetic), in the order `tongchou scenarios` lists them.
const std::vector<std::string>& builtin_region_names();
bool is_builtin_region(std::string_view name);

}  // namespace tongchou

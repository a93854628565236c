#include "model/builtin_regions.hpp"

#include <algorithm>

namespace tongchou {

const std::vector<std::string>& builtin_region_names() {
  static const std::vector<std::string> names = {"chongqing", "yunyang", "bazhong", "lvliang", "tianmen", "synthetic"};
  return names;
}

bool is_builtin_region(std::string_view name) {
  const auto& n = builtin_region_names();
  return std::find(n.begin(), n.end(), name) != n.end();
}

}  // namespace tongchou

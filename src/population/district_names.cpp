#include "population/district_names.hpp"

#include <cctype>

namespace tongchou {

namespace {
std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

bool names_district(std::int64_t adcode, const std::string& name_zh, const std::string& name_en, const std::string& name) {
  return std::to_string(adcode) == name || name_zh == name || lower(name_en) == lower(name);
}

int find_district(const RegionData& region, const std::string& name) {
  for (std::size_t i = 0; i < region.districts.size(); ++i) {
    const auto& d = region.districts[i];
    if (names_district(d.adcode, d.name_zh, d.name_en, name)) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace tongchou

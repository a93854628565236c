#pragma once
// What the synthesiser needs to know about a region: per district its census figures, age-sex structure,
// employment by industry and township list. Read from the project's derived tables (data/, see
// data/SOURCES.md) or made up for a synthetic region.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/kinds.hpp"
#include "population/region_folder.hpp"
#include "scenario/parameters.hpp"

namespace tongchou {

inline constexpr int kIndustries = 20;  //!< GB/T 4754 sections A..T of the census

struct AgeSexBand {
  int age_lo = 0, age_hi = 0;  //!< inclusive
  double male = 0, female = 0; //!< people
};

struct TownshipInfo {
  std::int64_t code = 0;
  std::string name;
  TownshipType type = TownshipType::Town;
};

struct DistrictInfo {
  std::int64_t adcode = 0;
  std::string name_zh, name_en;
  double population = 0, urban_share = 0;
  double family_households = 0, family_household_pop = 0, one_person_households = 0;
  double hukou_other_province = 0;
  std::vector<AgeSexBand> age_sex;
  std::array<double, kIndustries> industry_share{};  //!< employed persons by census section A..T
  std::vector<TownshipInfo> townships;               //!< empty: synthetic townships
};

struct RegionData {
  std::string name;
  RegionInfo info;  //!< names, folder and files of the region (region.toml)
  std::vector<DistrictInfo> districts;
  //! Employment of each IO sector in the nation, and the census section each sector belongs to.
  std::array<double, kSectors> sector_employment{};
  std::array<int, kSectors> sector_industry{};
  std::array<std::string, kSectors> sector_name;
  //! Prem et al. 2017 China contacts per day, [setting][contactor band][contactee band]; settings home, work, school, others.
  std::array<std::array<std::array<double, kContactBands>, kContactBands>, 4> contacts{};
};

enum ContactSetting { kHome = 0, kWork = 1, kSchool = 2, kOthers = 3 };

//! Loads the region named by scenario.region: a built-in region (embedded tables), a region folder (docs/regions.md)
//! or the synthetic one. Throws InputError naming the table, line and column of every problem found.
RegionData load_region(const Params& params);

//! Path of a region table: the embedded copy ("data/..."), or the same relative path under scenario.data_dir.
std::string region_table_path(const Params& params, const char* embedded_path);
//! Index (0..19) of a census section letter, or -1.
int industry_index(char section);

//! IO sector indices (0-based) the synthesiser treats specially.
namespace sector {
inline constexpr int kAgriculture = 0;
inline constexpr int kWholesaleRetail = 27;
inline constexpr int kAccommodationCatering = 29;
inline constexpr int kEducation = 38;
inline constexpr int kHealthSocialWork = 39;
inline constexpr int kCultureSportsEntertainment = 40;
inline constexpr int kPublicAdministration = 41;
}  // namespace sector

}  // namespace tongchou

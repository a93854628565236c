#pragma once
// A region folder (docs/regions.md): region.toml (the region's names, kind of units, province, stated population,
// case series and outlines files) beside districts.csv, district_age_sex.csv, district_industry.csv, townships.csv
// and optionally district_outlines.json and daily_cases.csv. The built-in regions are folders under data/ compiled
// into tongchou; any other scenario.region is the path of such a folder.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "model/builtin_regions.hpp"
#include "scenario/parameters.hpp"

namespace tongchou {

struct RegionInfo {
  std::string code;                 //!< short code: a built-in name or region.toml's `code`
  std::string name_zh, name_en;     //!< e.g. 重庆市 / Chongqing
  std::string unit_kind = "区县";   //!< what its districts are: 区县 or 乡镇
  std::string province, sources;
  std::int64_t population = 0;      //!< stated total the districts must add up to; 0: not stated
  std::string dir;                  //!< "data/chongqing" (embedded) or a folder on disk
  bool from_disk = false;           //!< read the files from disk (a folder, or scenario.data_dir)
  std::int64_t only_adcode = 0;     //!< the region is this one district of the folder (yunyang); 0: all of them
  std::string cases_file;           //!< path of the reported case series; empty: none
  std::int64_t cases_total_adcode = 0;  //!< adcode of the whole region's row in the case series; 0: sum the districts
  std::string outlines_file;        //!< path of the district outlines (GeoJSON); empty: none
  int population_line = 0, population_column = 0;  //!< where region.toml states the population
  bool synthetic = false;

  std::string file(std::string_view name) const;  //!< path of a file of the folder
  std::string toml_path() const { return file("region.toml"); }
};

//! What scenario.region names: a built-in region (under scenario.data_dir when set) or a folder. Throws InputError
//! naming region.toml's line and column, or saying that no such region or folder exists. With `problems`, the
//! problems of region.toml are appended there instead (the folder's tables can still be checked).
RegionInfo region_info(const Params& params, std::vector<Diagnostic>* problems = nullptr);

//! Reads region.toml of a folder (embedded when !from_disk); problems are appended, file:line:column.
RegionInfo read_region_folder(const std::string& dir, bool from_disk, std::vector<Diagnostic>& problems);

//! Every problem of a region's own files that the loader does not already report: districts that do not add up to
//! the stated population, outlines that match no district, a case series with missing dates or negative counts.
std::vector<Diagnostic> check_region_extras(const RegionInfo& info, const std::vector<std::int64_t>& district_adcodes,
                                            double population_sum);

}  // namespace tongchou

// Region folders (src/population/region_folder): region.toml, the built-in regions and the checks of a folder's
// own files (stated population, outlines, case series).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "population/region_data.hpp"
#include "population/region_folder.hpp"

using namespace tongchou;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
}

fs::path fresh(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("tongchou_region_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

bool has(const std::vector<Diagnostic>& list, const std::string& file_end, int line, const std::string& fragment) {
  return std::any_of(list.begin(), list.end(), [&](const Diagnostic& d) {
    return d.file.ends_with(file_end) && d.line == line && d.message.find(fragment) != std::string::npos;
  });
}

}  // namespace

TEST(RegionFolder, BuiltInRegionsCarryTheirNames) {
  Params p;
  for (const auto& [name, zh, en, districts] :
       std::vector<std::tuple<std::string, std::string, std::string, std::size_t>>{{"chongqing", "重庆市", "Chongqing", 38},
                                                                                   {"yunyang", "云阳县", "Yunyang county", 1},
                                                                                   {"bazhong", "巴中市", "Bazhong", 5},
                                                                                   {"lvliang", "吕梁市", "Lüliang", 13},
                                                                                   {"tianmen", "天门市", "Tianmen", 1}}) {
    p.scenario_region = name;
    const RegionData r = load_region(p);
    EXPECT_EQ(r.info.name_zh, zh) << name;
    EXPECT_EQ(r.info.name_en, en) << name;
    EXPECT_EQ(r.districts.size(), districts) << name;
    EXPECT_FALSE(r.info.cases_file.empty()) << name;
    double people = 0;
    for (const auto& d : r.districts) people += d.population;
    if (r.info.population > 0) {
      EXPECT_EQ(people, static_cast<double>(r.info.population)) << name;
    }
  }
  EXPECT_TRUE(is_builtin_region("tianmen"));
  EXPECT_FALSE(is_builtin_region("beijing"));
}

TEST(RegionFolder, RegionTomlProblemsHaveLineAndColumn) {
  const auto dir = fresh("toml");
  write(dir / "region.toml", "name_zh = \"甲\"\nname_en = 5\nunit_kind = \"省\"\nextra = 1\ncases = \"../x.csv\"\n");
  std::vector<Diagnostic> problems;
  read_region_folder(dir.string(), true, problems);
  EXPECT_TRUE(has(problems, "region.toml", 2, "expected a non-empty string"));
  EXPECT_TRUE(has(problems, "region.toml", 3, "must be \"区县\""));
  EXPECT_TRUE(has(problems, "region.toml", 4, "unknown key"));
  EXPECT_TRUE(has(problems, "region.toml", 5, "not a path"));
  fs::remove_all(dir);
}

TEST(RegionFolder, ExtrasFindPopulationOutlinesAndCaseSeriesProblems) {
  const auto dir = fresh("extras");
  write(dir / "region.toml", "name_zh = \"甲\"\nname_en = \"A\"\npopulation = 1000\ncases = \"c.csv\"\noutlines = \"o.json\"\n");
  write(dir / "c.csv", "date,adcode,confirmed,new_confirmed\n2020-01-01,1,1,1\n2020-01-02,1,3,2\n2020-01-04,1,2,-1\n"
                       "2020-01-05,1,-1,-3\n2020-01-05,1,0,\n");
  write(dir / "o.json", "{\"type\":\"FeatureCollection\",\"features\":[\n{\"properties\":{\"adcode\":1}},\n"
                        "{\"properties\":{\"adcode\":7}}]}\n");
  std::vector<Diagnostic> problems;
  const RegionInfo info = read_region_folder(dir.string(), true, problems);
  ASSERT_TRUE(problems.empty()) << problems.front().to_string();
  const auto found = check_region_extras(info, {1, 2}, 900);
  EXPECT_TRUE(has(found, "region.toml", 3, "add up to 900 people, not the 1000"));
  EXPECT_TRUE(has(found, "o.json", 3, "adcode 7, which matches no district"));
  EXPECT_FALSE(has(found, "o.json", 2, "matches no district"));
  EXPECT_TRUE(has(found, "c.csv", 4, "1 day missing between 2020-01-02 and 2020-01-04"));
  EXPECT_FALSE(has(found, "c.csv", 4, "not the change"));  // a fall of the cumulative count is a negative new_confirmed
  EXPECT_TRUE(has(found, "c.csv", 5, "negative count"));
  EXPECT_TRUE(has(found, "c.csv", 6, "a second row for adcode 1"));
  // Within 0.1 % the districts add up.
  EXPECT_FALSE(has(check_region_extras(info, {1}, 999.5), "region.toml", 3, "add up"));
  fs::remove_all(dir);
}

// The report module: reading an output directory, the page's data, the terminal scorecard, `init` copies.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "report/report_html.hpp"
#include "report/run_directory.hpp"
#include "report/scorecard.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_copy.hpp"

using namespace tongchou;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
}

// A minimal output directory: two days, one district of Chongqing, a summary and a tree the report must skip.
fs::path make_run(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("tongchou_report_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  write(dir / "daily.csv", "date,new_local,new_imported,cumulative_infections,rt_case,gdp_index\n"
                           "2020-01-21,0,2,2,1.5,1\n2020-01-22,3,0,5,,0.8125\n");
  write(dir / "districts.csv", "date,adcode,district,risk_level\n2020-01-21,500101,Wanzhou,low\n2020-01-22,500101,Wanzhou,high\n");
  write(dir / "events.csv", "date,place,measure,old,new,reason,place_code\n"
                            "2020-01-22,region,work,1,0.2,\"essential only, </script> (S5)\",*\n");
  write(dir / "infections.csv", "not,read\n");
  write(dir / "summary.json", R"({"scenario": {"name": "tiny"}, "health": {"infections": 5, "local_infections": 3,
    "imported_infections": 2, "confirmed": 1, "deaths": 0, "zero_active_confirmed_date": null},
    "economy": {"gdp_change": -0.0412, "periods": {"q1": {"gdp_change": -0.065}}}})");
  return dir;
}

}  // namespace

TEST(RunDirectory, ReadsEveryTableButTheTreeAndTheSummary) {
  const auto run = read_run_directory(make_run("read"));
  EXPECT_EQ(run.label, "tiny");
  ASSERT_EQ(run.tables.size(), 3u);  // daily, districts, events: sorted, infections.csv skipped
  EXPECT_EQ(run.tables[0].first, "daily");
  EXPECT_EQ(run.tables[2].first, "events");
  EXPECT_EQ(run.table("infections"), nullptr);
  EXPECT_EQ(run.summary["health"]["infections"], 5);
  EXPECT_TRUE(run.warnings.empty());
}

TEST(RunDirectory, ColumnsAsNumbersStringsAndNulls) {
  const auto run = read_run_directory(make_run("json"));
  const auto j = table_json(*run.table("daily"));
  EXPECT_TRUE(j["date"][0].is_string());
  EXPECT_TRUE(j["new_local"][1].is_number_integer());
  EXPECT_EQ(j["new_local"][1], 3);
  EXPECT_DOUBLE_EQ(j["rt_case"][0].get<double>(), 1.5);
  EXPECT_TRUE(j["rt_case"][1].is_null());
  EXPECT_DOUBLE_EQ(j["gdp_index"][1].get<double>(), 0.8125);
  const auto codes = table_json(CsvTable::parse("sectors.csv", "sector,share\n01,0.5\n42,0\n"));
  EXPECT_EQ(codes["sector"][0], "01");  // a code keeps its leading zero
  EXPECT_EQ(codes["sector"][1], "42");
  EXPECT_DOUBLE_EQ(codes["share"][0].get<double>(), 0.5);
  const auto e = table_json(*run.table("events"));
  EXPECT_TRUE(e["old"][0].is_number());
  EXPECT_EQ(e["reason"][0], "essential only, </script> (S5)");
}

TEST(RunDirectory, BadInputNamesFileAndLine) {
  const fs::path dir = make_run("bad");
  EXPECT_THROW(read_run_directory(dir / "missing"), InputError);
  fs::remove(dir / "daily.csv");
  try {
    read_run_directory(dir);
    FAIL() << "no error without daily.csv";
  } catch (const InputError& e) {
    EXPECT_NE(e.diagnostics()[0].file.find("daily.csv"), std::string::npos);
  }
  write(dir / "daily.csv", "date,a\n2020-01-21,1\n2020-01-22,1,2\n");
  write(dir / "summary.json", "{\n \"a\": [1,\n}\n");
  try {
    read_run_directory(dir);
    FAIL() << "no error for a malformed daily.csv and summary.json";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[0].line, 3);
    EXPECT_NE(e.diagnostics()[1].file.find("summary.json"), std::string::npos);
    EXPECT_EQ(e.diagnostics()[1].line, 3);
  }
  fs::remove(dir / "summary.json");
  write(dir / "daily.csv", "date,a\n2020-01-21,1\n");
  const auto run = read_run_directory(dir);  // no summary: a warning, not an error
  EXPECT_EQ(run.label, "tongchou_report_test_bad");
  EXPECT_EQ(run.warnings.size(), 1u);
}

TEST(ReportHtml, SelfContainedWithDataAndOutlines) {
  const auto run = read_run_directory(make_run("html"));
  const auto data = report_data({run});
  EXPECT_EQ(data["kind"], "run");
  ASSERT_TRUE(data["outlines"].is_object());  // Wanzhou's outline from data/chongqing/district_outlines.json
  ASSERT_EQ(data["outlines"]["features"].size(), 1u);
  EXPECT_EQ(data["outlines"]["features"][0]["properties"]["name"], "500101");
  const std::string html = report_html({run});
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html.find("/*@"), std::string::npos);
  EXPECT_NE(html.find("echarts"), std::string::npos);
  EXPECT_NE(html.find("TONGCHOU_I18N"), std::string::npos);
  EXPECT_EQ(html.find("</script> (S5)"), std::string::npos);  // "</" inside the data is escaped
  EXPECT_NE(html.find("<\\/script> (S5)"), std::string::npos);
  EXPECT_EQ(report_data({run, run})["kind"], "compare");
}

TEST(ReportHtml, NoOutlinesForASyntheticRegion) {
  const fs::path dir = make_run("synthetic");
  write(dir / "districts.csv", "date,adcode,district,risk_level\n2020-01-21,900001,Synthetic 1,low\n");
  EXPECT_TRUE(report_data({read_run_directory(dir)})["outlines"].is_null());
}

TEST(Scorecard, HealthAndEconomyWhenPresent) {
  const auto text = scorecard_text(read_run_directory(make_run("score")));
  EXPECT_NE(text.find("infections 5 (local 3, imported 2)"), std::string::npos) << text;
  EXPECT_NE(text.find("last local infection 2020-01-22"), std::string::npos) << text;
  EXPECT_NE(text.find("(清零) not reached"), std::string::npos) << text;
  EXPECT_NE(text.find("GDP index lowest 0.812 (2020-01-22)"), std::string::npos) << text;
  EXPECT_NE(text.find("GDP -4.1% over the run"), std::string::npos) << text;
  EXPECT_NE(text.find("Q1 -6.5%"), std::string::npos) << text;
}

TEST(ScenarioCopy, NamedAfterTheFileAndValid) {
  EXPECT_EQ(scenario_copy_path("my"), fs::path("my.toml"));
  EXPECT_EQ(scenario_copy_path("dir/my.toml"), fs::path("dir/my.toml"));
  const std::string text = scenario_copy_text("my-city.toml", "yunyang");
  EXPECT_EQ(text.rfind("# my-city.toml: an editable copy of the built-in scenario \"yunyang\"", 0), 0u);
  const Scenario sc = parse_scenario(text, "my-city.toml");
  EXPECT_EQ(sc.params.scenario_name, "my-city");
  EXPECT_EQ(sc.params.scenario_region, "yunyang");
  EXPECT_THROW(scenario_copy_text("x.toml", "atlantis"), InputError);
  EXPECT_THROW(scenario_copy_text("a b.toml", "yunyang"), InputError);
}

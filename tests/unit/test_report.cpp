// The report module: reading an output directory, the page's data, the terminal scorecard, `init` copies.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "core/error.hpp"
#include "report/report_data_text.hpp"
#include "report/report_html.hpp"
#include "report/run_directory.hpp"
#include "report/scorecard.hpp"
#include "report/script_json.hpp"
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
    "economy": {"gdp_change": -0.0412, "periods": {"q1": {"gdp_change": -0.065, "gdp_change_yoy": -0.072}}}})");
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
  EXPECT_NE(html.find("\\u003c/script> (S5)"), std::string::npos);  // as script_safe writes it
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
  EXPECT_NE(text.find("Q1 -7.2% year on year"), std::string::npos) << text;
}

// A run with a reported series and hospital figures: simulated SIM against REPORTED cumulative confirmed on the last
// day; IN_HOSPITAL people in hospital on day 2 against 100 beds.
fs::path make_replay(const std::string& name, int sim, int reported, int in_hospital) {
  const fs::path dir = make_run(name);
  write(dir / "daily.csv", fmt::format("date,new_local,in_hospital,bed_capacity\n2020-01-21,1,50,100\n2020-01-22,1,{},100\n"
                                       "2020-01-23,0,{},100\n", in_hospital, in_hospital));
  write(dir / "comparison.csv", fmt::format("date,observed_cumulative_confirmed,simulated_cumulative_confirmed\n"
                                            "2020-01-21,10,10\n2020-01-22,{},{}\n2020-01-23,,{}\n", reported, sim, sim + 5));
  return dir;
}

TEST(Scorecard, WarnsWhenFarFromTheReportedSeries) {
  // 3,719 simulated against 579 reported (chongqing, issue 15): far, said plainly, on the last day with a reported figure.
  const auto far = read_run_directory(make_replay("far", 3719, 579, 10));
  const auto text = scorecard_text(far);
  EXPECT_NE(text.find("WARNING  far from the reported series: 3,719 confirmed simulated against 579 reported on 2020-01-22"),
            std::string::npos) << text;
  const auto alerts = report_data({far})["runs"][0]["alerts"];
  ASSERT_EQ(alerts.size(), 1u) << alerts.dump();
  EXPECT_EQ(alerts[0]["kind"], "far_from_reported");
  EXPECT_EQ(alerts[0]["date"], "2020-01-22");
  EXPECT_NEAR(alerts[0]["ratio"].get<double>(), 3719.0 / 579.0, 1e-9);
  // Too few is as far as too many; within [0.5x, 2x] (both ends) there is no warning.
  EXPECT_NE(scorecard_text(read_run_directory(make_replay("few", 200, 579, 10))).find("WARNING  far"), std::string::npos);
  for (int sim : {290, 579, 1158}) {
    const auto near = read_run_directory(make_replay("near" + std::to_string(sim), sim, 579, 10));
    EXPECT_EQ(scorecard_text(near).find("WARNING"), std::string::npos) << sim << ": " << scorecard_text(near);
    EXPECT_TRUE(report_data({near})["runs"][0]["alerts"].empty());
  }
  // Only summary.json's "comparison": the same rule, without a date.
  const fs::path dir = make_run("far_summary");
  write(dir / "summary.json", R"({"scenario": {"name": "s"}, "comparison": {"observed_confirmed": 100, "simulated_confirmed": 250}})");
  EXPECT_NE(scorecard_text(read_run_directory(dir)).find("WARNING  far from the reported series: 250 confirmed simulated against 100 reported, 2.50x (outside 0.5x-2x)"),
            std::string::npos) << scorecard_text(read_run_directory(dir));
}

TEST(Scorecard, WarnsWhenTheBedsAreExceeded) {
  const auto over = read_run_directory(make_replay("beds", 10, 10, 130));
  const auto text = scorecard_text(over);
  EXPECT_NE(text.find("WARNING  beds overrun: 130 in hospital on 2020-01-22 against 100 designated beds that day; over on 2 days from 2020-01-22"),
            std::string::npos) << text;
  const auto alerts = report_data({over})["runs"][0]["alerts"];
  ASSERT_EQ(alerts.size(), 1u) << alerts.dump();
  EXPECT_EQ(alerts[0]["kind"], "beds_exceeded");
  EXPECT_EQ(alerts[0]["days_over"], 2);
  // A hand-edited cell that is not a number is an error naming its file, line and column (issue 15 §1), not a
  // warning computed from what is left.
  const fs::path edited = make_replay("beds_edited", 10, 10, 130);
  write(edited / "daily.csv", "date,new_local,in_hospital,bed_capacity\n2020-01-21,1,n/a,100\n2020-01-22,1,130,100\n");
  try {
    read_run_directory(edited);
    ADD_FAILURE() << "a cell \"n/a\" in a column of numbers was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(e.diagnostics().front().to_string().find("daily.csv:2:3"), std::string::npos) << e.diagnostics().front().to_string();
  }
  const auto full = read_run_directory(make_replay("beds_full", 10, 10, 100));  // every bed taken, none short
  EXPECT_EQ(scorecard_text(full).find("WARNING"), std::string::npos) << scorecard_text(full);
  // summary.json alone: peak_in_hospital above designated_beds.
  const fs::path dir = make_run("beds_summary");
  write(dir / "summary.json", R"({"scenario": {"name": "s"}, "health": {"peak_in_hospital": 1500, "designated_beds": 1200}})");
  EXPECT_NE(scorecard_text(read_run_directory(dir)).find("WARNING  beds overrun: 1,500 in hospital against 1,200 designated beds\n"),
            std::string::npos) << scorecard_text(read_run_directory(dir));
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

// The page's data written from the tables cell by cell is the dump of report_data's tree, byte for byte: strings,
// codes with a leading zero, integers, reals, empty cells, a repeated column, "</" to escape, one run and two.
TEST(ReportHtml, DataTextIsTheTreeDumped) {
  const fs::path dir = make_run("datatext");
  write(dir / "sectors.csv",
        "date,sector,name,share,count,share\n2020-01-21,01,\"a, b\",0.5,12,0.25\n2020-01-22,42,x</script>y,,-3,1e-7\n");
  const auto run = read_run_directory(dir);
  for (const std::vector<RunDirectory>& runs : {std::vector<RunDirectory>{run}, std::vector<RunDirectory>{run, run}}) {
    std::string text;
    append_report_data(runs, text);
    EXPECT_EQ(text, script_safe(report_data(runs).dump()));
  }
  std::string table;
  append_table_json(*run.table("sectors"), table);
  EXPECT_EQ(table, script_safe(table_json(*run.table("sectors")).dump()));
  EXPECT_NE(table.find(R"("sector":["01","42"])"), std::string::npos);  // codes stay strings
  EXPECT_EQ(table.find(R"("share")"), table.rfind(R"("share")"));  // a repeated column is one key
  EXPECT_NE(table.find(R"("count":[12,-3])"), std::string::npos);
  EXPECT_NE(table.find(R"(x\u003c/script>y)"), std::string::npos);
}

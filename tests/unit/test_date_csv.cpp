#include <gtest/gtest.h>

#include "core/csv.hpp"
#include "core/date.hpp"

using namespace tongchou;

TEST(Date, ParseFormatRoundTrip) {
  auto d = parse_date("2020-01-21");
  ASSERT_TRUE(d);
  EXPECT_EQ(format_date(*d), "2020-01-21");
  EXPECT_EQ(parse_date("2020-02-29")->days - parse_date("2020-02-28")->days, 1);
  EXPECT_FALSE(parse_date("2019-02-29"));
  EXPECT_FALSE(parse_date("2020-13-01"));
  EXPECT_FALSE(parse_date("20-01-01"));
  EXPECT_EQ(weekday(*parse_date("2020-01-21")), 1);  // a Tuesday
}

TEST(Csv, ParsesQuotedFieldsAndReportsLocations) {
  auto t = CsvTable::parse("t.csv", "code,name,value\n01,\"Agriculture, forestry\",3.5\n02,Mining,x\n");
  ASSERT_EQ(t.rows(), 2u);
  EXPECT_EQ(t.text(0, "name"), "Agriculture, forestry");
  EXPECT_DOUBLE_EQ(t.real(0, "value"), 3.5);
  try {
    t.real(1, "value");
    FAIL();
  } catch (const InputError& e) {
    const auto& d = e.diagnostics().at(0);
    EXPECT_EQ(d.file, "t.csv");
    EXPECT_EQ(d.line, 3);
    EXPECT_EQ(d.column, 3);
    EXPECT_EQ(d.key, "value");
  }
}

TEST(Csv, ReportsEveryMalformedRow) {
  try {
    CsvTable::parse("t.csv", "a,b\n1,2\n1\n\"open,3\n4,5,6\n");
    FAIL();
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 3u);
    EXPECT_EQ(e.diagnostics()[0].line, 3);
    EXPECT_EQ(e.diagnostics()[1].line, 4);
    EXPECT_EQ(e.diagnostics()[2].line, 5);
  }
}

TEST(Csv, MissingColumnsAreNamed) {
  auto t = CsvTable::parse("t.csv", "a,b\n1,2\n");
  try {
    t.require_columns({"a", "c", "d"});
    FAIL();
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[0].key, "c");
  }
}

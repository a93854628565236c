// The head and base style the plan pages share (src/report/page_shell.hpp).
#include <gtest/gtest.h>

#include "report/page_shell.hpp"

namespace tongchou {

TEST(PageShell, TitleBaseCssThenThePagesOwnRulesWriterAndTitleBar) {
  const std::string head = page_shell_head({"demo", ".own { color: red; }\n", "src/x/demo.cpp", "the demo's data"});
  EXPECT_EQ(head.rfind("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n", 0), 0u) << head;
  EXPECT_NE(head.find("<title>tongchou demo</title>"), std::string::npos) << head;
  const auto base = head.find(".card { background: #fff;");
  const auto own = head.find(".own { color: red; }\n</style>\n</head>\n<body>\n");
  ASSERT_NE(base, std::string::npos) << head;
  ASSERT_NE(own, std::string::npos) << head;
  EXPECT_LT(base, own) << "the page's rules come after the base ones, so they can override them";
  EXPECT_NE(head.find("h2 { font-size: 16px; margin: 0 0 8px; }"), std::string::npos) << head;
  EXPECT_NE(head.find("<!-- Written by tongchou (src/x/demo.cpp). Self-contained: ECharts (Apache License 2.0,\n"
                      "     https://echarts.apache.org) and the demo's data are inlined; no network is used. -->"),
            std::string::npos)
      << head;
  const std::string bar = "<header><h1 id=\"title\"></h1><div id=\"subtitle\"></div></header>\n";
  ASSERT_GE(head.size(), bar.size());
  EXPECT_EQ(head.substr(head.size() - bar.size()), bar) << "the page's <main> follows the title bar";
}

}  // namespace tongchou

#pragma once
// The head and base style of the plan pages (the sweep's, the calibration's and the optimisation's report.html):
// the document's <head>, the shared CSS (page, header bar, headings, cards, tables), the comment naming the writer and
// the title bar. Each page adds its own CSS rules, its <main> and its scripts (ECharts and its data, script_json.hpp).
#include <string>
#include <string_view>

namespace tongchou {

struct PageShell {
  std::string_view title;    //!< "<title>tongchou TITLE</title>"
  std::string_view css;      //!< the page's own rules, after the base ones (each line ending in '\n')
  std::string_view writer;   //!< the source file that writes the page, named in the page's comment
  std::string_view inlined;  //!< what the page inlines besides ECharts, as the comment says ("the sweep's sweep.csv")
};

//! The page from "<!DOCTYPE html>" to its title bar (`<header>` with the empty #title and #subtitle the page's script
//! fills), ending in a newline: what follows is the page's <main>.
std::string page_shell_head(const PageShell& page);

}  // namespace tongchou

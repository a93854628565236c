#pragma once
// The report's front end and charting library, compiled into the binary (cmake/WebAssets.cmake).
#include <string_view>

namespace tongchou {

//! The files report.html is assembled from.
enum class WebAsset {
  echarts_js,     //!< web/node_modules/echarts/dist/echarts.min.js (Apache-2.0)
  template_html,  //!< web/report/template.html: the page, with /*@NAME@*/ placeholders
  report_js,      //!< web/report/report.js: charts, map, scorecard
  report_css,     //!< web/report/report.css
  i18n_js,        //!< web/report/i18n.js: Chinese and English labels
};

//! The contents of an embedded asset.
std::string_view web_asset(WebAsset asset);

}  // namespace tongchou

#pragma once
// The report's front end and charting library (and the service's dashboard), compiled into the binary (cmake/WebAssets.cmake).
#include <string_view>

namespace tongchou {

//! The files report.html is assembled from.
enum class WebAsset {
  echarts_js,     //!< web/node_modules/echarts/dist/echarts.min.js (Apache-2.0)
  template_html,  //!< web/report/template.html: the page, with /*@NAME@*/ placeholders
  report_js,      //!< web/report/report.js: opens the report's script (data, language, formats, tables); the parts
                  //!< below follow it in this order and report_page_js closes it (report_html.cpp, kReportParts)
  report_charts_js,     //!< web/report/report_charts.js: the time charts
  report_scorecard_js,  //!< web/report/report_scorecard.js: the scorecard, header and alerts
  report_timeline_js,   //!< web/report/report_timeline.js: the measure timeline
  report_map_js,        //!< web/report/report_map.js: the district map
  report_page_js,       //!< web/report/report_page.js: the whole page, the switches, window.tongchouReport
  report_css,     //!< web/report/report.css
  i18n_js,        //!< web/report/i18n.js: Chinese and English labels
  service_html,   //!< web/service/index.html: the dashboard of `tongchou serve`
  service_js,     //!< web/service/dashboard.js
  service_css,    //!< web/service/dashboard.css
};

//! The contents of an embedded asset.
std::string_view web_asset(WebAsset asset);

}  // namespace tongchou

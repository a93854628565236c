#include "service/dashboard.hpp"

#include <httplib.h>

#include <string>

#include "report/assets.hpp"

namespace tongchou::service {

void install_dashboard(httplib::Server& server) {
  auto serve = [&server](const char* path, WebAsset asset, const char* type) {
    server.Get(path, [asset, type](const httplib::Request&, httplib::Response& res) {
      const std::string_view body = web_asset(asset);
      res.set_header("Cache-Control", "no-cache");
      res.set_content(std::string(body), type);
    });
  };
  serve("/", WebAsset::service_html, "text/html; charset=utf-8");
  serve("/index.html", WebAsset::service_html, "text/html; charset=utf-8");
  serve("/dashboard.js", WebAsset::service_js, "application/javascript; charset=utf-8");
  serve("/dashboard.css", WebAsset::service_css, "text/css; charset=utf-8");
  serve("/echarts.min.js", WebAsset::echarts_js, "application/javascript; charset=utf-8");
  // No icon: an empty answer rather than a 404 for the browser's own request (also from the jobs' reports).
  server.Get("/favicon.ico", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
}

}  // namespace tongchou::service

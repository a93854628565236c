#pragma once
// The dashboard at / : web/service/ (index.html, dashboard.js, dashboard.css) and ECharts, compiled into the binary as
// the report's assets are (cmake/WebAssets.cmake), served from memory: no path of a request reaches the disk.
namespace httplib {
class Server;
}

namespace tongchou::service {

void install_dashboard(httplib::Server& server);

}  // namespace tongchou::service

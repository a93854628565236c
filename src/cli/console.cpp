#include "cli/console.hpp"

#include <cstdio>
#include <fmt/format.h>

namespace tongchou::cli {

std::function<void(const std::string&)> progress_log(std::chrono::steady_clock::time_point t0, std::string label) {
  return [t0, label = std::move(label)](const std::string& line) {
    std::fprintf(stderr, "  %s%s (%.0f s)\n", label.c_str(), line.c_str(), std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  };
}

std::string process_label(const WorkSpread* spread) {
  return spread && spread->ranks() > 1 ? fmt::format("rank {}/{}: ", spread->rank(), spread->ranks()) : std::string();
}

void print_warnings(const RunDirectory& run) {
  for (const auto& w : run.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
}

}  // namespace tongchou::cli

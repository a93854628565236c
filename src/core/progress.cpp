#include "core/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace tongchou {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

ProgressBar::ProgressBar(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

void ProgressBar::message(const std::string& text) {
  if (enabled_) std::fprintf(stderr, "%s\n", text.c_str());
}

void ProgressBar::update(int done, int total) {
  if (!enabled_ || total <= 0) return;
  const int percent = done * 100 / total;
  if (percent == last_percent_) return;
  last_percent_ = percent;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double eta = done > 0 ? elapsed * (total - done) / done : 0.0;
  constexpr int width = 30;
  const int filled = done * width / total;
  std::string bar(static_cast<std::size_t>(filled), '=');
  if (filled < width) bar += '>' + std::string(static_cast<std::size_t>(width - filled - 1), ' ');
  std::fprintf(stderr, "\r  [%s] day %d/%d  %3d%%  elapsed %.1fs  ETA %.1fs ", bar.c_str(), done, total, percent, elapsed, eta);
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (enabled_) std::fprintf(stderr, "\n");
}

}  // namespace tongchou

#include "core/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

namespace tongchou {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

double progress_interval_seconds() {
  const char* v = std::getenv("TONGCHOU_PROGRESS_SECONDS");
  char* end = nullptr;
  const double s = v ? std::strtod(v, &end) : 5.0;
  return v && end != v && s >= 0 && s < 1e6 ? s : 5.0;
}

ProgressBar::ProgressBar(bool enabled) : ProgressBar(enabled ? Style::Terminal : Style::Off, 5.0) {}

ProgressBar::ProgressBar(Style style, double interval_seconds)
    : style_(style),
      interval_(interval_seconds),
      start_(std::chrono::steady_clock::now()),
      run_start_(start_),
      phase_start_(start_),
      last_line_(start_) {}

double ProgressBar::since(std::chrono::steady_clock::time_point t) const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

void ProgressBar::message(const std::string& text) {
  if (enabled()) std::fprintf(stderr, "%s\n", text.c_str());
}

void ProgressBar::end_phase() {
  if (current_.empty()) return;
  phases_.push_back({current_, since(phase_start_)});
  current_.clear();
}

void ProgressBar::phase(const std::string& name) {
  end_phase();
  current_ = name;
  phase_start_ = std::chrono::steady_clock::now();
  if (!enabled()) return;
  std::fprintf(stderr, "  %s ... (%.1f s elapsed)\n", name.c_str(), since(run_start_));
  std::fflush(stderr);
  last_line_ = phase_start_;
}

void ProgressBar::update(int done, int total) {
  if (!enabled() || total <= 0) return;
  const double elapsed = since(start_);
  const double eta = done > 0 ? elapsed * (total - done) / done : 0.0;
  const int percent = done * 100 / total;
  if (style_ == Style::Plain) {
    if (since(last_line_) < interval_ && done < total) return;
    if (done == total && percent == last_percent_) return;
    last_percent_ = percent;
    last_line_ = std::chrono::steady_clock::now();
    std::fprintf(stderr, "  day %d/%d (%d%%), %.0f s elapsed, ETA %.0f s\n", done, total, percent, since(run_start_), eta);
    std::fflush(stderr);
    return;
  }
  if (percent == last_percent_) return;
  last_percent_ = percent;
  constexpr int width = 30;
  const int filled = done * width / total;
  std::string bar(static_cast<std::size_t>(filled), '=');
  if (filled < width) bar += '>' + std::string(static_cast<std::size_t>(width - filled - 1), ' ');
  std::fprintf(stderr, "\r  [%s] day %d/%d  %3d%%  elapsed %.1fs  ETA %.1fs ", bar.c_str(), done, total, percent, elapsed, eta);
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (style_ == Style::Terminal) std::fprintf(stderr, "\n");
}

void ProgressBar::summary() {
  end_phase();
  if (!enabled() || phases_.empty()) return;
  double total = 0;
  for (const auto& p : phases_) total += p.seconds;
  std::string line;
  for (const auto& p : phases_)
    line += fmt::format("{}{} {:.1f} s {:.0f}%", line.empty() ? "" : ", ", p.name, p.seconds, total > 0 ? 100 * p.seconds / total : 0.0);
  std::fprintf(stderr, "  done in %.1f s: %s\n", total, line.c_str());
  std::fflush(stderr);
}

}  // namespace tongchou

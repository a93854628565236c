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
      start_(Clock::now()),
      run_start_(start_),
      phase_start_(start_),
      last_line_(start_) {
  if (style_ == Style::Plain && interval_ > 0) ticker_ = std::thread([this] { heartbeat(); });
}

ProgressBar::~ProgressBar() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
}

double ProgressBar::since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// While nothing else is printed for an interval (a long synthesis, a long day), say what is going on.
void ProgressBar::heartbeat() {
  std::unique_lock lock(mutex_);
  const auto interval = std::chrono::duration<double>(interval_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::duration_cast<Clock::duration>(interval));
    if (stopping_ || current_.empty() || since(last_line_) < interval_) continue;
    if (current_ == "days" && total_ > 0)
      std::fprintf(stderr, "  day %d/%d (%d%%), %.0f s elapsed\n", done_, total_, done_ * 100 / total_, since(run_start_));
    else
      std::fprintf(stderr, "  %s ... %.1f s (%.1f s elapsed)\n", current_.c_str(), since(phase_start_), since(run_start_));
    std::fflush(stderr);
    last_line_ = Clock::now();
  }
}

void ProgressBar::message(const std::string& text) {
  if (!enabled()) return;
  std::lock_guard lock(mutex_);
  std::fprintf(stderr, "%s\n", text.c_str());
  last_line_ = Clock::now();
}

void ProgressBar::end_phase() {
  if (current_.empty()) return;
  phases_.push_back({current_, since(phase_start_)});
  current_.clear();
}

void ProgressBar::phase(const std::string& name) {
  std::lock_guard lock(mutex_);
  end_phase();
  current_ = name;
  phase_start_ = Clock::now();
  if (!enabled()) return;
  std::fprintf(stderr, "  %s ... (%.1f s elapsed)\n", name.c_str(), since(run_start_));
  std::fflush(stderr);
  last_line_ = phase_start_;
}

void ProgressBar::restart() {
  std::lock_guard lock(mutex_);
  start_ = Clock::now();
}

void ProgressBar::update(int done, int total) {
  if (!enabled() || total <= 0) return;
  std::lock_guard lock(mutex_);
  done_ = done;
  total_ = total;
  const double elapsed = since(start_);
  const double eta = done > 0 ? elapsed * (total - done) / done : 0.0;
  const int percent = done * 100 / total;
  if (style_ == Style::Plain) {
    if (since(last_line_) < interval_ && done < total) return;
    if (done == total && percent == last_percent_) return;
    last_percent_ = percent;
    last_line_ = Clock::now();
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
  if (style_ != Style::Terminal) return;
  std::lock_guard lock(mutex_);
  std::fprintf(stderr, "\n");
}

void ProgressBar::summary() {
  std::lock_guard lock(mutex_);
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

std::vector<ProgressBar::Phase> ProgressBar::phases() const {
  std::lock_guard lock(mutex_);
  return phases_;
}

}  // namespace tongchou

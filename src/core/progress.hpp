#pragma once
// A progress bar with ETA on a terminal (stderr); silent when stderr is not a terminal.
#include <chrono>
#include <string>

namespace tongchou {

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled);
  //! Prints a status line (e.g. "synthesising population") when enabled.
  void message(const std::string& text);
  //! Starts the clock that elapsed time and the ETA are measured from (when the counted work begins).
  void restart() { start_ = std::chrono::steady_clock::now(); }
  void update(int done, int total);
  void finish();
  bool enabled() const { return enabled_; }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  int last_percent_ = -1;
};

//! True if stderr is a terminal.
bool stderr_is_terminal();

}  // namespace tongchou

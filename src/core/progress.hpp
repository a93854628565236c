#pragma once
// Progress of a run on standard error, covering the whole of it: the setup phases (region data, synthesis,
// calibration), the simulated days, the outputs. On a terminal: a line per phase and a bar with the ETA over the days.
// When standard error is not a terminal (logs, services, CI): the same phase lines, and a plain line every few seconds
// ("day 40/101 (40%), 12 s elapsed, ETA 18 s"). At the end, each phase's share of the whole time. Off: silent (-q).
// Progress never goes to standard output or to files, so outputs stay byte-identical.
#include <chrono>
#include <string>
#include <vector>

namespace tongchou {

class ProgressBar {
 public:
  enum class Style { Off, Terminal, Plain };
  //! enabled: Terminal style (the former behaviour); disabled: Off.
  explicit ProgressBar(bool enabled);
  //! Plain lines come at most every `interval_seconds`.
  ProgressBar(Style style, double interval_seconds);

  //! Prints a status line (e.g. "tongchou: scenario ...") when enabled.
  void message(const std::string& text);
  //! Ends the current phase (if any) and starts `name` (e.g. "synthesis"); prints it with its step of the setup.
  void phase(const std::string& name);
  //! Starts the clock that elapsed time and the ETA are measured from (when the counted work begins).
  void restart() { start_ = std::chrono::steady_clock::now(); }
  void update(int done, int total);
  //! Ends the bar's line (terminal).
  void finish();
  //! Ends the last phase and prints every phase's seconds and share of the whole ("synthesis 12.1 s 29%").
  void summary();
  bool enabled() const { return style_ != Style::Off; }
  Style style() const { return style_; }

  //! Seconds and share of the total of each phase ended so far, in order.
  struct Phase {
    std::string name;
    double seconds = 0;
  };
  const std::vector<Phase>& phases() const { return phases_; }

 private:
  double since(std::chrono::steady_clock::time_point t) const;
  void end_phase();

  Style style_;
  double interval_;
  std::chrono::steady_clock::time_point start_, run_start_, phase_start_, last_line_;
  std::string current_;
  std::vector<Phase> phases_;
  int last_percent_ = -1;
};

//! True if stderr is a terminal.
bool stderr_is_terminal();
//! Seconds between plain progress lines: the environment's TONGCHOU_PROGRESS_SECONDS, else 5.
double progress_interval_seconds();

}  // namespace tongchou

#pragma once
// Progress of a run on standard error, covering the whole of it: the setup phases (region data, synthesis,
// calibration), the simulated days, the outputs. On a terminal: a line per phase and a bar with the ETA over the days.
// When standard error is not a terminal (logs, services, CI): the same phase lines, and a plain line every few seconds
// ("day 40/101 (40%), 12 s elapsed, ETA 18 s"), also while a long phase such as synthesis runs ("synthesis ... 10 s").
// At the end, each phase's share of the whole time. Off: silent (-q). Progress never goes to standard output or to
// files, so outputs stay byte-identical.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tongchou {

class ProgressBar {
 public:
  enum class Style { Off, Terminal, Plain };
  //! enabled: Terminal style (the former behaviour); disabled: Off.
  explicit ProgressBar(bool enabled);
  //! Plain lines come at most every `interval_seconds`; with an interval above 0, a heartbeat line comes when nothing
  //! was printed for that long (a phase without counted steps, or a day longer than the interval).
  ProgressBar(Style style, double interval_seconds);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  //! Prints a status line (e.g. "tongchou: scenario ...") when enabled.
  void message(const std::string& text);
  //! Ends the current phase (if any) and starts `name` (e.g. "synthesis"); prints it.
  void phase(const std::string& name);
  //! Starts the clock that elapsed time and the ETA are measured from (when the counted work begins).
  void restart();
  void update(int done, int total);
  //! Ends the bar's line (terminal).
  void finish();
  //! Ends the last phase and prints every phase's seconds and share of the whole ("synthesis 12.1 s 29%").
  void summary();
  bool enabled() const { return style_ != Style::Off; }
  Style style() const { return style_; }

  //! Seconds of each phase ended so far, in order.
  struct Phase {
    std::string name;
    double seconds = 0;
  };
  std::vector<Phase> phases() const;

 private:
  using Clock = std::chrono::steady_clock;
  static double since(Clock::time_point t);
  void end_phase();   // with mutex_ held
  void heartbeat();   // the thread of Plain style

  const Style style_;
  const double interval_;
  mutable std::mutex mutex_;  // guards everything below, and the writes to stderr
  std::condition_variable wake_;
  bool stopping_ = false;
  Clock::time_point start_, run_start_, phase_start_, last_line_;
  std::string current_;
  std::vector<Phase> phases_;
  int last_percent_ = -1, done_ = 0, total_ = 0;
  std::thread ticker_;  // last: started once the members above are set
};

//! True if stderr is a terminal.
bool stderr_is_terminal();
//! Seconds between plain progress lines: the environment's TONGCHOU_PROGRESS_SECONDS, else 5.
double progress_interval_seconds();

}  // namespace tongchou

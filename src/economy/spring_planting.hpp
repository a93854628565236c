#pragma once
// Spring planting (春耕, B9): within the planting window each day plants 1/window of the season's fields, times the
// share of farm work that can be done that day: the lesser of agriculture's labour at work and its inputs (seed,
// fertiliser: the input limit of the input-output model) relative to normal. Fields not planted in the window are
// lost for the season: the season's crop output is the planted share (economy.crop_share of agriculture's output).
#include <algorithm>

#include "core/date.hpp"
#include "scenario/parameters.hpp"

namespace tongchou {

class SpringPlanting {
 public:
  //! `work_share`: agriculture's labour at work / baseline; `input_share`: its input limit / baseline output.
  void day(Date date, const Params& p, double work_share, double input_share) {
    const int into = date.days - p.economy_planting_start.days;
    if (into < 0 || into >= p.economy_planting_days) return;
    in_window_ = true;
    planted_ += std::clamp(std::min(work_share, input_share), 0.0, 1.0) / static_cast<double>(p.economy_planting_days);
    planned_ += 1.0 / static_cast<double>(p.economy_planting_days);
  }
  //! Share of the season's fields planted so far.
  double planted() const { return planted_; }
  //! Share of the fields due by today that are planted (1 before the window).
  double on_schedule() const { return planned_ > 0 ? planted_ / planned_ : 1.0; }
  bool started() const { return in_window_; }

 private:
  double planted_ = 0, planned_ = 0;
  bool in_window_ = false;
};

}  // namespace tongchou

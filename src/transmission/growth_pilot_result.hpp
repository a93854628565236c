#pragma once
// What a growth pilot measured (transmission/growth_pilot.hpp): its own header so that the calibration's memo of
// pilots (transmission/calibration.hpp) can name it.
#include <cstdint>

namespace tongchou {

struct GrowthPilot {
  bool ok = false;     //!< false when the window held too few days or the epidemic did not grow
  double rate = 0;     //!< growth rate of the runs' summed daily infections over the window, per day
  double se = 0;       //!< its standard error (jackknife over batches of runs)
  int first_day = 0, last_day = 0;  //!< the days fitted (from the transient to the horizon)
  std::int64_t seeds = 0, infections = 0;  //!< seeds per run; infections in all runs
};

}  // namespace tongchou

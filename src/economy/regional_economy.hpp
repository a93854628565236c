#pragma once
// The region's economy in its baseline, scaled from the national input-output table (docs/model.md, economy):
//   - each sector's output per worker is the nation's: x0_i = X_i r_i / 365, r_i = region's workers of sector i over
//     the nation's (the region's workers are its synthetic population's, by sector, from the census by county);
//   - input coefficients A_ji are the nation's (domestic plus imported inputs per unit of output);
//   - the share of input j bought inside the region is the simple location quotient LQ_j = r_j / r (r: all workers),
//     at most 1, and at most what lets sector j keep the nation's share of its output for final uses; imports and
//     the rest come from outside, by freight;
//   - what the region's producers of j do not sell to the region's producers goes to final demand, split as the
//     nation's final demand of j between consumption, investment (gross capital formation, if positive) and exports
//     (here: every sale outside the region); consumption's government part has the nation's share of j's final
//     consumption (the project's table, from the OECD table's GGFC).
#include <array>
#include <vector>

#include "economy/dynamic_io.hpp"
#include "economy/io_table.hpp"

namespace tongchou {

//! The baseline of a region whose workers by sector (persons) are `workers`.
IoBaseline regional_baseline(const IoTable& io, const std::array<double, kSectors>& workers);

}  // namespace tongchou

#pragma once
// Who goes home for the Spring Festival, sector by sector (economy.migrants_by_industry): the migrant workers who
// leave (economy.ordinary_migrant_share of all the region's workers) are spread over industries as NBS's 2019
// migrant-worker survey finds them (economy.migrants_*: manufacturing, construction, trade, transport, catering,
// resident services, the rest of the secondary and of the tertiary industry, the primary industry), and inside an
// industry over its sectors by their workers. A sector's share is its migrant workers over its workers, at most 1.
// Off: the same share in every sector. Used by the ordinary year and the run's own festival (spring_festival.hpp).
#include <array>
#include <vector>

#include "model/kinds.hpp"
#include "scenario/parameters.hpp"

namespace tongchou {

//! Share of each sector's workers who go home for the Spring Festival; `workers`: the region's workers by sector.
std::array<double, kSectors> festival_migrant_shares(const std::vector<double>& workers, const Params& params);

}  // namespace tongchou

#pragma once
// Builds a Population from region data and parameters. Districts are built independently (in parallel)
// with random streams keyed by district, so the result does not depend on the thread count.
#include "population/population.hpp"
#include "population/region_data.hpp"
#include "scenario/parameters.hpp"

namespace tongchou {

Population synthesise(const RegionData& region, const Params& params);

}  // namespace tongchou

#pragma once
// How much memory a run will need, estimated before the population is synthesised, and the check that refuses a run
// the machine cannot hold (exit 2 with the figures and the remedy) instead of failing after minutes of synthesis.
//
// The model (docs/performance.md, "Memory"): a fixed part, bytes per agent, and bytes per district and day. Measured on
// the release build with /usr/bin/time -v (peak resident set): uncontrolled --people 1000000 (70% infected over 200
// days) 190 MB, --people 3000000 --days 120 441 MB, yunyang 103 MB, chongqing --scale 8 --days 30 371 MB, that is at
// most about 140 bytes per agent with most agents infected. The estimate takes 170 bytes per agent (+20%), so it is an
// upper bound for the runs measured; a run is refused when the estimate exceeds the memory available.
#include <cstdint>
#include <optional>
#include <string>

#include "population/region_data.hpp"
#include "scenario/parameters.hpp"

namespace tongchou {

struct MemoryEstimate {
  double agents = 0;     //!< persons synthesised: residents and returning migrants, divided by population.scale
  double districts = 0;  //!< districts of the region
  double bytes = 0;      //!< peak memory the run is expected to need
};

inline constexpr double kMemoryFixedBytes = 64.0 * (1 << 20);  //!< program, tables, economy, outputs
inline constexpr double kMemoryBytesPerAgent = 170.0;          //!< person arrays, groups, infection records
inline constexpr double kMemoryBytesPerDistrictDay = 512.0;    //!< district series kept for districts.csv
//! Agents are numbered by 32-bit ids (PersonId), one value of which means "nobody".
inline constexpr double kMaxAgents = 4294967294.0;

//! The estimate for a run of `params` over `region` (loaded, not yet synthesised).
MemoryEstimate estimate_memory(const Params& params, const RegionData& region);
//! The estimate for a synthetic region from its parameters alone (population.people, synthetic_district_size), before
//! the region is built (a region of millions of districts is large already).
MemoryEstimate estimate_synthetic_memory(const Params& params);

//! Memory this process may still use, in bytes: MemAvailable of /proc/meminfo, bounded by the cgroup's limit
//! (memory.max less memory.current, or cgroup v1 memory.limit_in_bytes) where one is set; nullopt if unknown.
std::optional<double> available_memory_bytes();

//! Throws InputError (key population.people or population.scale) when the run has more agents than ids can number, or
//! when `available` is known and the estimate exceeds it; the message gives both figures in GB and the remedy.
void check_memory(const Params& params, const MemoryEstimate& estimate, std::optional<double> available,
                  const std::string& source = "");

//! "12.3 GB", "850 MB": a byte count for people.
std::string format_bytes(double bytes);

}  // namespace tongchou

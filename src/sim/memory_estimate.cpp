#include "sim/memory_estimate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>

#include "core/error.hpp"

namespace tongchou {

MemoryEstimate estimate_memory(const Params& p, const RegionData& region) {
  MemoryEstimate e;
  double people = 0;
  for (const auto& d : region.districts) people += d.population;
  // Returning migrants (migrants.outbound_per_resident) are synthesised as extra persons.
  e.agents = people * (1.0 + std::max(0.0, p.migrants_outbound_per_resident)) / std::max(1.0, p.population_scale);
  e.districts = static_cast<double>(region.districts.size());
  e.bytes = kMemoryFixedBytes + kMemoryBytesPerAgent * e.agents +
            kMemoryBytesPerDistrictDay * e.districts * static_cast<double>(std::max<std::int64_t>(1, p.scenario_days));
  return e;
}

MemoryEstimate estimate_synthetic_memory(const Params& p) {
  RegionData none;
  MemoryEstimate e = estimate_memory(p, none);
  const double people = static_cast<double>(p.population_people);
  e.agents = people * (1.0 + std::max(0.0, p.migrants_outbound_per_resident)) / std::max(1.0, p.population_scale);
  e.districts = std::max(1.0, std::ceil(people / static_cast<double>(std::max<std::int64_t>(1, p.population_synthetic_district_size))));
  e.bytes += kMemoryBytesPerAgent * e.agents +
             kMemoryBytesPerDistrictDay * e.districts * static_cast<double>(std::max<std::int64_t>(1, p.scenario_days));
  return e;
}

namespace {
// The first number of a file (cgroup files hold "max" when there is no limit: nullopt).
std::optional<double> number_in(const char* path) {
  std::ifstream in(path);
  std::string word;
  if (!(in >> word)) return std::nullopt;
  try {
    std::size_t used = 0;
    const double v = std::stod(word, &used);
    if (used != word.size() || !std::isfinite(v) || v <= 0) return std::nullopt;
    return v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}
}  // namespace

std::optional<double> available_memory_bytes() {
  std::optional<double> avail;
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  double kb = 0;
  std::string unit;
  while (meminfo >> key >> kb) {
    std::getline(meminfo, unit);
    if (key == "MemAvailable:") {
      avail = kb * 1024.0;
      break;
    }
  }
  auto bound = [&](std::optional<double> limit, std::optional<double> used) {
    if (!limit || *limit > 1e18) return;  // cgroup v1 writes a huge number for "no limit"
    const double left = std::max(0.0, *limit - used.value_or(0.0));
    avail = avail ? std::min(*avail, left) : left;
  };
  bound(number_in("/sys/fs/cgroup/memory.max"), number_in("/sys/fs/cgroup/memory.current"));
  bound(number_in("/sys/fs/cgroup/memory/memory.limit_in_bytes"), number_in("/sys/fs/cgroup/memory/memory.usage_in_bytes"));
  return avail;
}

std::string format_bytes(double bytes) {
  if (bytes >= 1e9) return fmt::format("{:.1f} GB", bytes / 1e9);
  return fmt::format("{:.0f} MB", std::ceil(bytes / 1e6));
}

void check_memory(const Params& p, const MemoryEstimate& e, std::optional<double> available, const std::string& source) {
  const bool synthetic = p.scenario_region == "synthetic";
  const std::string key = synthetic ? "population.people" : "population.scale";
  if (e.agents > kMaxAgents)
    throw InputError({{source, 0, 0, key,
                       fmt::format("{:.0f} agents are more than the {:.0f} that 32-bit person ids can number; run fewer agents "
                                   "(--scale{})", e.agents, kMaxAgents, synthetic ? " or --people" : "")}});
  if (!available || e.bytes <= *available) return;
  // The scale at which the agents would fit in what is available (the fixed and per-district parts stay).
  const double per_agent = kMemoryBytesPerAgent * e.agents;
  const double room = *available - (e.bytes - per_agent);
  std::string remedy;
  if (room > 0) {
    const double scale = std::ceil(p.population_scale * per_agent / room * 1.1);
    remedy = synthetic ? fmt::format("run fewer people (--people {:.0f}) or let each agent stand for more people (--scale {:.0f})",
                                     std::floor(static_cast<double>(p.population_people) * room / per_agent / 1.1), scale)
                       : fmt::format("let each agent stand for more people (--scale {:.0f})", scale);
  } else {
    remedy = synthetic ? "fewer districts (a larger population.synthetic_district_size) or fewer days would make room"
                       : "fewer days would make room, or free memory";
  }
  throw InputError({{source, 0, 0, key,
                     fmt::format("this run needs about {} of memory ({:.0f} agents), more than the {} available; {}",
                                 format_bytes(e.bytes), e.agents, format_bytes(*available), remedy)}});
}

}  // namespace tongchou

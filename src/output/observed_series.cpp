#include "output/observed_series.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "population/region_folder.hpp"
#include "sim/imports.hpp"

namespace tongchou {

std::vector<double> observed_cumulative_confirmed(const Simulation& sim) {
  const auto& p = sim.params();
  const auto& pop = sim.population();
  std::vector<double> out(static_cast<std::size_t>(sim.days()), -1.0);
  const RegionInfo info = region_info(p);
  if (info.cases_file.empty()) return out;
  const auto t = reported_cases_table(p);
  t.require_columns({"date", "adcode", "confirmed"});
  std::set<std::int64_t> codes;
  for (const auto& d : pop.districts) codes.insert(d.adcode);
  // The whole region: its total row (cases_total_adcode of region.toml; district rows leave some cases unassigned);
  // else the districts' rows.
  const bool whole = info.only_adcode == 0 && info.cases_total_adcode != 0;
  std::map<std::int32_t, std::map<std::int64_t, double>> by_date;  // date -> adcode -> cumulative
  for (std::size_t i = 0; i < t.rows(); ++i) {
    const auto code = t.integer(i, "adcode");
    if (whole ? code != info.cases_total_adcode : !codes.count(code)) continue;
    const auto date = parse_date(t.text(i, "date"));
    if (!date) continue;
    by_date[date->days][code] = t.real(i, "confirmed");
  }
  if (by_date.empty()) return out;
  std::map<std::int64_t, double> last;  // carried forward over days a district is not listed
  auto it = by_date.begin();
  for (int d = 0; d < sim.days(); ++d) {
    const auto day = sim.date_of(d).days;
    if (day < by_date.begin()->first) {
      out[static_cast<std::size_t>(d)] = 0;
      continue;
    }
    if (day > by_date.rbegin()->first) break;
    while (it != by_date.end() && it->first <= day) {
      for (const auto& [code, v] : it->second) last[code] = v;
      ++it;
    }
    double sum = 0;
    for (const auto& [code, v] : last) sum += v;
    out[static_cast<std::size_t>(d)] = sum;
  }
  return out;
}

std::string comparison_csv(const Simulation& sim, const std::vector<double>& observed) {
  if (std::none_of(observed.begin(), observed.end(), [](double x) { return x >= 0; })) return {};
  const double k = sim.population().scale;
  std::string s = "date,observed_new_confirmed,simulated_new_confirmed,observed_cumulative_confirmed,simulated_cumulative_confirmed,"
                  "difference_cumulative\n";
  double prev = 0;
  for (std::size_t d = 0; d < sim.daily().size() && d < observed.size(); ++d) {
    const auto& r = sim.daily()[d];
    const double sim_cum = static_cast<double>(r.stocks.cumulative_confirmed) * k;
    const double sim_new = static_cast<double>(r.cases.new_confirmed) * k;
    if (observed[d] < 0) {
      s += fmt::format("{},,{:g},,{:g},\n", format_date(sim.date_of(static_cast<int>(d))), sim_new, sim_cum);
      continue;
    }
    s += fmt::format("{},{:g},{:g},{:g},{:g},{:g}\n", format_date(sim.date_of(static_cast<int>(d))), observed[d] - prev, sim_new,
                     observed[d], sim_cum, sim_cum - observed[d]);
    prev = observed[d];
  }
  return s;
}

}  // namespace tongchou

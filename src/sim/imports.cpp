#include "sim/imports.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/csv.hpp"
#include "population/region_folder.hpp"

namespace tongchou {

namespace {
// Final cumulative confirmed cases per district adcode, from the observed series (data/chongqing/daily_cases.csv).
std::map<std::int64_t, double> observed_cases(const Params& p) {
  std::map<std::int64_t, double> out;
  const auto t = reported_cases_table(p);
  t.require_columns({"adcode", "confirmed"});
  for (std::size_t i = 0; i < t.rows(); ++i) {
    const auto code = t.integer(i, "adcode");
    out[code] = std::max(out[code], t.real(i, "confirmed"));
  }
  return out;
}
}  // namespace

CsvTable reported_cases_table(const Params& p) {
  const RegionInfo info = region_info(p);
  // A region without a case series (region.toml names none; a synthetic region): a table with no rows.
  if (info.cases_file.empty()) return CsvTable::parse("(no reported case series)", "date,adcode,name_zh,confirmed\n");
  return CsvTable::load(info.cases_file, info.from_disk);
}

namespace {
// Cumulative weights over the region's districts for one entry ([[imports]] or [[arrivals]]): one district, or "*"
// by population or by the observed cases of each district.
class DistrictWeights {
 public:
  DistrictWeights(const Scenario& sc, const RegionData& region, std::vector<Diagnostic>& problems)
      : sc_(sc), region_(region), problems_(problems) {}

  std::vector<double> operator()(const std::string& district, const std::string& distribute, int line, const std::string& section) {
    std::vector<double> w(region_.districts.size(), 0.0);
    if (district == "*") {
      for (std::size_t i = 0; i < w.size(); ++i) w[i] = region_.districts[i].population;
      if (distribute == "observed_cases") {
        if (!observed_loaded_) observed_ = observed_cases(sc_.params), observed_loaded_ = true;
        double total = 0;
        for (std::size_t i = 0; i < w.size(); ++i) {
          const auto it = observed_.find(region_.districts[i].adcode);
          total += (w[i] = it == observed_.end() ? 0.0 : it->second);
        }
        if (total <= 0)
          problems_.push_back({sc_.source, line, 0, section + ".distribute",
                               "no observed cases for the districts of region " + region_.name + "; use \"population\""});
      }
    } else {
      const int d = find_district(region_, district);
      if (d < 0) {
        std::vector<std::string> names;
        for (const auto& x : region_.districts) names.push_back(x.name_en);
        auto near = closest_names(district, names);
        problems_.push_back({sc_.source, line, 0, section + ".district",
                             fmt::format("\"{}\" is not a district of region {}{}", district, region_.name,
                                         near.empty() ? std::string() : fmt::format("; did you mean \"{}\"?", near.front()))});
      } else {
        w[static_cast<std::size_t>(d)] = 1.0;
      }
    }
    for (std::size_t i = 1; i < w.size(); ++i) w[i] += w[i - 1];
    return w;
  }

 private:
  const Scenario& sc_;
  const RegionData& region_;
  std::vector<Diagnostic>& problems_;
  std::map<std::int64_t, double> observed_;
  bool observed_loaded_ = false;
};
}  // namespace

namespace {
template <class Entry>
std::vector<std::vector<double>> weights_of(const std::vector<Entry>& entries, const std::string& section, const Scenario& sc,
                                            const RegionData& region, std::vector<Diagnostic>& problems) {
  DistrictWeights weights(sc, region, problems);
  std::vector<std::vector<double>> out;
  for (const Destination& e : entries) out.push_back(weights(e.district, e.distribute, e.line, section));
  return out;
}
}  // namespace

std::vector<std::vector<double>> import_district_weights(const Scenario& sc, const RegionData& region,
                                                         std::vector<Diagnostic>& problems) {
  return weights_of(sc.imports, "imports", sc, region, problems);
}

std::vector<std::vector<double>> arrival_district_weights(const Scenario& sc, const RegionData& region,
                                                          std::vector<Diagnostic>& problems) {
  return weights_of(sc.arrivals, "arrivals", sc, region, problems);
}

}  // namespace tongchou

#include "sim/imports.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

#include "core/csv.hpp"

namespace tongchou {

namespace {
std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

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
  return CsvTable::load(p.scenario_data_dir.empty() ? std::string("data/chongqing/daily_cases.csv")
                                                    : (std::filesystem::path(p.scenario_data_dir) / "chongqing/daily_cases.csv").string());
}

bool names_district(std::int64_t adcode, const std::string& name_zh, const std::string& name_en, const std::string& name) {
  return std::to_string(adcode) == name || name_zh == name || lower(name_en) == lower(name);
}

int find_district(const RegionData& region, const std::string& name) {
  for (std::size_t i = 0; i < region.districts.size(); ++i) {
    const auto& d = region.districts[i];
    if (names_district(d.adcode, d.name_zh, d.name_en, name)) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::vector<double>> import_district_weights(const Scenario& sc, const RegionData& region,
                                                         std::vector<Diagnostic>& problems) {
  std::vector<std::vector<double>> out;
  std::map<std::int64_t, double> observed;
  bool observed_loaded = false;
  for (const auto& imp : sc.imports) {
    std::vector<double> w(region.districts.size(), 0.0);
    if (imp.district == "*") {
      for (std::size_t i = 0; i < w.size(); ++i) w[i] = region.districts[i].population;
      if (imp.distribute == "observed_cases") {
        if (!observed_loaded) observed = observed_cases(sc.params), observed_loaded = true;
        double total = 0;
        for (std::size_t i = 0; i < w.size(); ++i) total += (w[i] = observed.count(region.districts[i].adcode) ? observed[region.districts[i].adcode] : 0.0);
        if (total <= 0)
          problems.push_back({sc.source, imp.line, 0, "imports.distribute",
                              "no observed cases for the districts of region " + region.name + "; use \"population\""});
      }
    } else {
      const int d = find_district(region, imp.district);
      if (d < 0) {
        std::vector<std::string> names;
        for (const auto& x : region.districts) names.push_back(x.name_en);
        auto near = closest_names(imp.district, names);
        problems.push_back({sc.source, imp.line, 0, "imports.district",
                            fmt::format("\"{}\" is not a district of region {}{}", imp.district, region.name,
                                        near.empty() ? std::string() : fmt::format("; did you mean \"{}\"?", near.front()))});
      } else {
        w[static_cast<std::size_t>(d)] = 1.0;
      }
    }
    for (std::size_t i = 1; i < w.size(); ++i) w[i] += w[i - 1];
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace tongchou

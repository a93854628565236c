#include "population/region_folder.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>
#include <set>
#include <toml++/toml.h>

#include "core/csv.hpp"
#include "core/date.hpp"
#include "core/embedded_files.hpp"
#include "core/input_file.hpp"

namespace tongchou {

namespace {

// Built-in regions that are folders of their own under data/.
const std::vector<std::string> kFolders = {"chongqing", "bazhong", "lvliang", "tianmen"};

std::string read_text(const std::string& path, bool from_disk, std::string_view what) {
  if (!from_disk)
    if (auto e = find_embedded(path)) return std::string(*e);
  return read_input_file(path, what);
}

// Line and column (1-based) of a byte offset.
std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') ++line, column = 1;
    else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return {line, column};
}

}  // namespace

std::string RegionInfo::file(std::string_view name) const { return (std::filesystem::path(dir) / name).string(); }

RegionInfo read_region_folder(const std::string& dir, bool from_disk, std::vector<Diagnostic>& problems) {
  RegionInfo info;
  info.dir = dir;
  info.from_disk = from_disk;
  auto folder = std::filesystem::path(dir).lexically_normal();
  if (folder.filename().empty()) folder = folder.parent_path();  // "dir/"
  info.code = folder.filename().string();
  const std::string path = info.toml_path();
  std::string text;
  try {
    text = read_text(path, from_disk, "region file");
    require_utf8_text(text, path);
  } catch (const InputError& e) {
    problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    return info;
  }
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(path));
  } catch (const toml::parse_error& e) {
    problems.push_back({path, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column), "",
                        "malformed TOML: " + std::string(e.description())});
    return info;
  }
  auto add = [&](const toml::node& n, const std::string& key, std::string message) {
    problems.push_back({path, static_cast<int>(n.source().begin.line), static_cast<int>(n.source().begin.column), key,
                        std::move(message)});
  };
  auto text_of = [&](const std::string& key, std::string& into, bool required) {
    const toml::node* n = root.get(key);
    if (!n) {
      if (required) problems.push_back({path, 0, 0, key, "missing (required: the region's " + key + ")"});
      return;
    }
    if (auto* s = n->as_string(); s && !s->get().empty()) into = s->get();
    else add(*n, key, "expected a non-empty string");
  };
  auto file_of = [&](const std::string& key, std::string& into) {
    std::string name;
    text_of(key, name, false);
    if (name.empty()) return;
    if (name.find('/') != std::string::npos || name == "." || name == "..") {
      add(*root.get(key), key, "expected a file name in the region's folder, not a path");
      return;
    }
    into = info.file(name);
    if (from_disk && path_kind(into) != PathKind::Regular)
      add(*root.get(key), key, fmt::format("no such file: {}", into));
  };
  auto integer_of = [&](const std::string& key, std::int64_t& into) {
    const toml::node* n = root.get(key);
    if (!n) return;
    if (auto* i = n->as_integer(); i && i->get() > 0) {
      into = i->get();
      if (key == "population") {
        info.population_line = static_cast<int>(n->source().begin.line);
        info.population_column = static_cast<int>(n->source().begin.column);
      }
    } else {
      add(*n, key, "expected a positive integer");
    }
  };
  static const std::set<std::string> known = {"name_zh", "name_en",  "code",    "unit_kind",          "province",
                                              "population", "cases", "cases_total_adcode", "outlines", "sources"};
  for (const auto& [k, v] : root)
    if (!known.count(std::string(k.str())))
      problems.push_back({path, static_cast<int>(k.source().begin.line), static_cast<int>(k.source().begin.column),
                          std::string(k.str()),
          fmt::format("unknown key (region.toml keys: {}; see docs/regions.md)",
                      fmt::join(std::vector<std::string>(known.begin(), known.end()), ", "))});
  text_of("name_zh", info.name_zh, true);
  text_of("name_en", info.name_en, true);
  text_of("code", info.code, false);
  text_of("unit_kind", info.unit_kind, false);
  if (info.unit_kind != "区县" && info.unit_kind != "乡镇")
    add(*root.get("unit_kind"), "unit_kind", "must be \"区县\" (counties and districts) or \"乡镇\" (townships)");
  text_of("province", info.province, false);
  text_of("sources", info.sources, false);
  integer_of("population", info.population);
  integer_of("cases_total_adcode", info.cases_total_adcode);
  file_of("cases", info.cases_file);
  file_of("outlines", info.outlines_file);
  if (info.cases_total_adcode && info.cases_file.empty())
    add(*root.get("cases_total_adcode"), "cases_total_adcode", "set without `cases` (the case series file)");
  return info;
}

RegionInfo region_info(const Params& p, std::vector<Diagnostic>* found) {
  const std::string& name = p.scenario_region;
  if (name == "synthetic") {
    RegionInfo info;
    info.code = name;
    info.synthetic = true;
    info.name_zh = "合成地区";
    info.name_en = "synthetic region";
    return info;
  }
  std::vector<Diagnostic> problems;
  RegionInfo info;
  if (is_builtin_region(name)) {
    const std::string folder = name == "yunyang" ? "chongqing" : name;
    const bool disk = !p.scenario_data_dir.empty();
    info = read_region_folder(disk ? (std::filesystem::path(p.scenario_data_dir) / folder).string() : "data/" + folder, disk,
                              problems);
    if (name == "yunyang") {  // one county of the Chongqing folder
      info.code = "yunyang";
      info.name_zh = "云阳县";
      info.name_en = "Yunyang county";
      info.only_adcode = 500235;
      info.population = 0;
      info.cases_total_adcode = 0;
    }
  } else {
    const auto kind = path_kind(name);
    if (kind != PathKind::Directory)
      throw InputError({{name, 0, 0, "scenario.region",
                         fmt::format("must be one of {} or a region folder (docs/regions.md): {}",
                                     fmt::join(builtin_region_names(), ", "),
                                     kind == PathKind::Missing ? "no such region or folder" : "not a folder")}});
    info = read_region_folder(name, true, problems);
  }
  if (found) found->insert(found->end(), problems.begin(), problems.end());
  else if (!problems.empty()) throw InputError(std::move(problems));
  return info;
}

std::vector<Diagnostic> check_region_extras(const RegionInfo& info, const std::vector<std::int64_t>& district_adcodes,
                                            double population_sum) {
  std::vector<Diagnostic> out;
  if (info.synthetic) return out;
  // The districts add up to the stated population (within 0.1 %).
  if (info.population > 0 && info.only_adcode == 0 &&
      std::abs(population_sum - static_cast<double>(info.population)) > 0.001 * static_cast<double>(info.population))
    out.push_back({info.toml_path(), info.population_line, info.population_column, "population",
                   fmt::format("the districts of {} add up to {:.0f} people, not the {} stated here (tolerance 0.1 %)",
                               info.file("districts.csv"), population_sum, info.population)});
  const std::set<std::int64_t> districts(district_adcodes.begin(), district_adcodes.end());
  // Every outline is one of the districts.
  if (!info.outlines_file.empty() && info.only_adcode == 0) {
    try {
      const std::string text = read_text(info.outlines_file, info.from_disk, "outlines file");
      nlohmann::json doc;
      try {
        doc = nlohmann::json::parse(text);
      } catch (const nlohmann::json::parse_error& e) {
        const auto [l, c] = line_column(text, e.byte > 0 ? e.byte - 1 : 0);
        out.push_back({info.outlines_file, l, c, "", "malformed JSON (expected a GeoJSON FeatureCollection)"});
        return out;
      }
      if (!doc.is_object() || !doc.contains("features") || !doc["features"].is_array()) {
        out.push_back({info.outlines_file, 1, 1, "features", "expected a GeoJSON FeatureCollection with \"features\""});
      } else {
        std::size_t search_from = 0;
        for (std::size_t i = 0; i < doc["features"].size(); ++i) {
          const auto& f = doc["features"][i];
          const nlohmann::json* code = nullptr;
          if (f.is_object() && f.contains("properties") && f["properties"].is_object() && f["properties"].contains("adcode"))
            code = &f["properties"]["adcode"];
          // The feature's place in the text: its n-th "adcode" key.
          const auto at = text.find("\"adcode\"", search_from);
          if (at != std::string::npos) search_from = at + 1;
          const auto [l, c] = at == std::string::npos ? std::pair<int, int>{0, 0} : line_column(text, at);
          if (!code || !code->is_number_integer()) {
            out.push_back({info.outlines_file, l, c, "properties.adcode",
                           fmt::format("feature {} has no integer properties.adcode (the district it outlines)", i + 1)});
            continue;
          }
          if (!districts.count(code->get<std::int64_t>()))
            out.push_back({info.outlines_file, l, c, "properties.adcode",
                           fmt::format("feature {} outlines adcode {}, which matches no district of {}", i + 1,
                                       code->get<std::int64_t>(), info.file("districts.csv"))});
        }
      }
    } catch (const InputError& e) {
      out.insert(out.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  // The case series: dates in order with no day missing between the first and the last, counts not negative, and
  // new_confirmed the day's change of confirmed.
  if (!info.cases_file.empty()) {
    try {
      const auto t = CsvTable::load(info.cases_file, info.from_disk);
      t.require_columns({"date", "adcode", "confirmed"});
      // A series is one adcode (and name_zh: units without a code, adcode 0, are told apart by their names).
      std::map<std::pair<std::int64_t, std::string>, double> previous;
      std::set<std::pair<std::int32_t, std::pair<std::int64_t, std::string>>> seen;
      std::optional<Date> last;
      for (std::size_t i = 0; i < t.rows(); ++i) {
        try {
          const auto date = parse_date(t.text(i, "date"));
          if (!date) {
            out.push_back(t.problem(i, "date", "expected a date YYYY-MM-DD, found \"" + t.text(i, "date") + "\""));
            continue;
          }
          if (last && date->days < last->days) {
            out.push_back(t.problem(i, "date", fmt::format("rows must be in date order: {} after {}", format_date(*date),
                                                           format_date(*last))));
          } else if (last && date->days > last->days + 1) {
            const int missing = date->days - last->days - 1;
            out.push_back(t.problem(i, "date", fmt::format("gap in the series: {} day{} missing between {} and {} (every date "
                                                           "from the first to the last needs its rows)",
                                                           missing, missing == 1 ? "" : "s", format_date(*last),
                                                           format_date(*date))));
          }
          if (!last || date->days > last->days) last = date;
          const auto code = t.integer(i, "adcode");
          const std::pair<std::int64_t, std::string> series{code, t.has_column("name_zh") ? t.text(i, "name_zh") : ""};
          if (!seen.insert({date->days, series}).second)
            out.push_back(t.problem(i, "adcode", fmt::format("a second row for adcode {} on {}", code, format_date(*date))));
          const double confirmed = t.real(i, "confirmed");
          if (confirmed < 0) out.push_back(t.problem(i, "confirmed", "negative count"));
          for (const char* c : {"cured", "dead"})
            if (t.has_column(c) && !t.text(i, c).empty() && t.real(i, c) < 0) out.push_back(t.problem(i, c, "negative count"));
          if (t.has_column("new_confirmed") && !t.text(i, "new_confirmed").empty()) {
            const double expect = confirmed - previous[series];
            if (t.real(i, "new_confirmed") != expect)
              out.push_back(t.problem(i, "new_confirmed",
                                      fmt::format("{} is not the change of confirmed since the previous row of adcode {} "
                                                  "({}); a negative new_confirmed is only a fall of the cumulative count",
                                                  t.text(i, "new_confirmed"), code, expect)));
          }
          previous[series] = confirmed;
        } catch (const InputError& e) {
          out.insert(out.end(), e.diagnostics().begin(), e.diagnostics().end());
        }
      }
      if (info.cases_total_adcode && info.only_adcode == 0 &&
          std::none_of(previous.begin(), previous.end(), [&](const auto& kv) { return kv.first.first == info.cases_total_adcode; }))
        out.push_back({info.toml_path(), 0, 0, "cases_total_adcode",
                       fmt::format("no row of {} has adcode {}", info.cases_file, info.cases_total_adcode)});
    } catch (const InputError& e) {
      out.insert(out.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  return out;
}

}  // namespace tongchou

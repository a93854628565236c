#include "scenario/scenario.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <set>
#include <tuple>
#include <toml++/toml.h>

#include "core/embedded_files.hpp"
#include "core/input_file.hpp"
#include "model/builtin_regions.hpp"
#include "model/knobs.hpp"
#include "model/risk_level.hpp"
#include "scenario/scenario_reader.hpp"

namespace tongchou {

namespace {

std::vector<std::string> section_names() {
  std::vector<std::string> out;
  for (const auto& s : parameter_table())
    if (out.empty() || out.back() != s.section) out.emplace_back(s.section);
  out.emplace_back("imports");
  out.emplace_back("arrivals");
  out.emplace_back("schedule");
  out.emplace_back("measure");
  return out;
}

std::vector<std::string> names_in_section(std::string_view section) {
  std::vector<std::string> out;
  for (const auto& s : parameter_table())
    if (s.section == section) out.emplace_back(s.name);
  return out;
}

// toml++'s parse errors in the words of a person editing the file: a string left open reads "unterminated string".
std::string toml_error_text(const toml::parse_error& e, std::string_view text) {
  const std::string d(e.description());
  const bool in_string = d.find("parsing string") != std::string::npos || d.find("parsing literal string") != std::string::npos ||
                         d.find("multi-line") != std::string::npos;
  if (in_string && d.find("end-of-file") != std::string::npos)
    return "unterminated string: the closing quote is missing before the end of the file (" + d + ")";
  if (in_string && d.find("control characters") != std::string::npos) {
    // The offending character: a line break means the string's closing quote is missing on that line.
    std::size_t pos = 0;
    for (auto line = e.source().begin.line; line > 1 && pos != std::string_view::npos; --line) {
      pos = text.find('\n', pos);
      if (pos != std::string_view::npos) ++pos;
    }
    if (pos != std::string_view::npos) {
      pos += e.source().begin.column > 0 ? e.source().begin.column - 1 : 0;
      if (pos >= text.size() || text[pos] == '\n' || text[pos] == '\r')
        return "unterminated string: the closing quote is missing at the end of the line";
    }
  }
  return d;
}

}  // namespace

Scenario parse_scenario(std::string_view text, const std::string& source_name) {
  Scenario sc;
  sc.source = source_name;
  ScenarioReader r{source_name, {}};
  require_utf8_text(text, source_name);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw InputError({{source_name, 0, 0, "",
                       "empty scenario file: it sets nothing (write one with `tongchou init NAME --from yunyang`)"}});
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(source_name));
  } catch (const toml::parse_error& e) {
    r.add(e.source(), "", "malformed TOML: " + toml_error_text(e, text));
    throw InputError(std::move(r.problems));
  }
  if (root.empty())
    throw InputError({{source_name, 0, 0, "",
                       "empty scenario file: only comments, it sets nothing (write one with `tongchou init NAME --from yunyang`)"}});
  const auto sections = section_names();
  // [[schedule]], [[measure]], [[imports]], [[arrivals]]: each entry read by its reader.
  auto entries = [&](const toml::node& v, const std::string& section, const auto& read) {
    if (auto* arr = v.as_array(); arr && arr->is_array_of_tables()) {
      for (auto& e : *arr) read(*e.as_table());
    } else {
      r.add(v.source(), section, "expected an array of tables: write each entry under [[" + section + "]]");
    }
  };
  for (auto&& [k, v] : root) {
    const std::string section(k.str());
    if (section == "schedule") {
      entries(v, section, [&](const toml::table& t) { r.read_schedule(t, sc.schedule); });
      continue;
    }
    if (section == "measure") {
      entries(v, section, [&](const toml::table& t) { r.read_measure(t, sc.measures); });
      continue;
    }
    if (section == "imports") {
      entries(v, section, [&](const toml::table& t) { r.read_import(t, sc.imports); });
      continue;
    }
    if (section == "arrivals") {
      entries(v, section, [&](const toml::table& t) { r.read_arrival(t, sc.arrivals); });
      continue;
    }
    if (std::find(sections.begin(), sections.end(), section) == sections.end()) {
      r.unknown(k.source(), section, section, sections);
      continue;
    }
    auto* table = v.as_table();
    if (!table) {
      r.add(v.source(), section, "expected a table: write [" + section + "] and its keys below it");
      continue;
    }
    const auto names = names_in_section(section);
    for (auto&& [pk, pv] : *table) {
      const std::string key = section + "." + std::string(pk.str());
      if (section == "zoning" && pv.is_table()) {  // [zoning.low], [zoning.medium], [zoning.high]
        int level = -1;
        for (int l = 0; l < kRiskLevels; ++l)
          if (pk.str() == kRiskLevelNames[l]) level = l;
        if (level < 0) r.add(pk.source(), key, "unknown risk level; the tables are [zoning.low], [zoning.medium] and [zoning.high]");
        else r.read_level(*pv.as_table(), kRiskLevelNames[level], sc.levels[static_cast<std::size_t>(level)]);
        continue;
      }
      if (const ParamSpec* spec = find_param(key)) r.set(sc.params, *spec, pv);
      else r.unknown(pk.source(), key, std::string(pk.str()), names);
    }
  }
  for (auto& d : cross_checks(sc)) {
    d.file = source_name;
    r.problems.push_back(d);
  }
  // In file order (TOML tables are visited by key), so that users read them top to bottom.
  std::stable_sort(r.problems.begin(), r.problems.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  if (!r.problems.empty()) throw InputError(std::move(r.problems));
  return sc;
}

Scenario load_scenario(const std::string& path_or_name) {
  const PathKind kind = path_kind(path_or_name);
  // A built-in name is taken as such unless a regular file of that name is here (a folder "yunyang" does not hide it).
  if (kind == PathKind::Regular || (kind != PathKind::Missing && builtin_scenario_text(path_or_name).empty())) {
    const std::string text = read_input_file(path_or_name, "scenario file");
    Scenario sc = parse_scenario(text, path_or_name);
    // A region folder is named relative to the scenario file; it is kept as an absolute path, so that
    // scenario.resolved.toml, read from the run's folder, names the same folder.
    auto& region = sc.params.scenario_region;
    const std::string as_written = region;
    if (!is_builtin_region(region) && !region.empty() && std::filesystem::path(region).is_relative()) {
      std::error_code ec;
      const auto full = std::filesystem::absolute(std::filesystem::path(path_or_name).parent_path() / region, ec);
      if (!ec) region = full.lexically_normal().string();
    }
    if (!is_builtin_region(region) && path_kind(region) != PathKind::Directory) {
      // Where the file sets it: the first line "region = ..." (in [scenario]); the column of its value.
      int line = 0, column = 0, n = 0;
      for (std::size_t pos = 0; pos < text.size() && !line; ++n) {
        const auto end = std::min(text.find('\n', pos), text.size());
        const std::string_view l = std::string_view(text).substr(pos, end - pos);
        const auto key = l.find_first_not_of(" \t");
        const auto eq = l.find('=');
        if (key != std::string_view::npos && l.substr(key).starts_with("region") && eq != std::string_view::npos &&
            l.substr(key + 6, eq - key - 6).find_first_not_of(" \t") == std::string_view::npos) {
          line = n + 1;
          column = static_cast<int>(std::min(l.find_first_not_of(" \t", eq + 1), l.size())) + 1;
        }
        pos = end + 1;
      }
      throw InputError({{path_or_name, line, column, "scenario.region",
                         fmt::format("must be one of {} or a region folder (docs/regions.md), found \"{}\" (no such folder: {})",
                                     fmt::join(builtin_region_names(), ", "), as_written, region)}});
    }
    return sc;
  }
  const std::string text = builtin_scenario_text(path_or_name);
  if (!text.empty()) return parse_scenario(text, "builtin:" + path_or_name);
  std::vector<std::string> names;
  for (const auto& b : builtin_scenarios()) names.push_back(b.name);
  std::string msg = fmt::format("no such file, and no built-in scenario of that name (built-in: {})", fmt::join(names, ", "));
  auto near = closest_names(path_or_name, names);
  if (!near.empty()) msg += fmt::format("; did you mean \"{}\"?", near.front());
  throw InputError({{path_or_name, 0, 0, "", msg}});
}

std::vector<Diagnostic> check_scenario(const Scenario& sc) {
  std::vector<Diagnostic> out;
  for (const auto& spec : parameter_table())
    if (auto why = check_range(sc.params, spec)) out.push_back({sc.source, 0, 0, spec.key, *why});
  auto more = cross_checks(sc);
  out.insert(out.end(), more.begin(), more.end());
  return out;
}

std::vector<Diagnostic> cross_checks(const Scenario& sc) {
  std::vector<Diagnostic> out;
  const auto& p = sc.params;
  if (p.population_employment_age_min > p.population_employment_age_max)
    out.push_back({sc.source, 0, 0, "population.employment_age_min", "must not exceed population.employment_age_max"});
  if (p.transmission_venue_share_of_other + p.transmission_transport_share_of_other > 1.0)
    out.push_back({sc.source, 0, 0, "transmission.venue_share_of_other",
                   "venue_share_of_other + transport_share_of_other must not exceed 1"});
  if (p.transmission_community_district_share + p.transmission_community_region_share > 1.0)
    out.push_back({sc.source, 0, 0, "transmission.community_district_share",
                   "community_district_share + community_region_share must not exceed 1"});
  if (p.economy_migrants_secondary + p.economy_migrants_tertiary > 1.0)
    out.push_back({sc.source, 0, 0, "economy.migrants_secondary", "migrants_secondary + migrants_tertiary must not exceed 1"});
  if (p.economy_migrants_manufacturing + p.economy_migrants_construction > p.economy_migrants_secondary * 1.0000001)
    out.push_back({sc.source, 0, 0, "economy.migrants_manufacturing",
                   "migrants_manufacturing + migrants_construction must not exceed migrants_secondary"});
  if (p.economy_migrants_trade + p.economy_migrants_transport + p.economy_migrants_catering + p.economy_migrants_resident_services >
      p.economy_migrants_tertiary * 1.0000001)
    out.push_back({sc.source, 0, 0, "economy.migrants_trade",
                   "migrants_trade + migrants_transport + migrants_catering + migrants_resident_services must not exceed migrants_tertiary"});
  double ifr_check = 0;
  for (std::size_t i = 0; i < p.disease_ifr_by_age.size() && i < p.disease_hospitalised_by_age.size(); ++i) {
    ifr_check = p.disease_ifr_by_age[i];
    if (ifr_check > p.disease_hospitalised_by_age[i] * 1.0000001 && p.disease_hospitalised_by_age[i] > 0)
      out.push_back({sc.source, 0, 0, "disease.ifr_by_age",
                     fmt::format("element {} exceeds the hospitalised share of the same age (deaths occur in hospital)", i + 1)});
  }
  const auto last_day = Date{p.scenario_start.days + static_cast<std::int32_t>(p.scenario_days) - 1};
  for (std::size_t i = 0; i < sc.schedule.size(); ++i) {
    const auto& e = sc.schedule[i];
    if (e.date < p.scenario_start)
      out.push_back({sc.source, e.line, 0, "schedule.date",
                     fmt::format("{} is before the first simulated day {}; set the value in its section instead",
                                 format_date(e.date), format_date(p.scenario_start))});
    // Entries may come in any order (grouped by topic); one key set twice on one date is a mistake.
    for (std::size_t j = 0; j < i; ++j) {
      const auto& o = sc.schedule[j];
      if (o.date != e.date) continue;
      for (const auto& key : e.keys)
        if (std::find(o.keys.begin(), o.keys.end(), key) != o.keys.end())
          out.push_back({sc.source, e.line, 0, "schedule." + key,
                         fmt::format("{} is already set for {} by the [[schedule]] entry on line {}", key, format_date(e.date), o.line)});
    }
  }
  if (p.zoning_enabled)
    for (int l = 0; l < kRiskLevels; ++l)
      if (!sc.levels[static_cast<std::size_t>(l)].given)
        out.push_back({sc.source, 0, 0, fmt::format("zoning.{}", kRiskLevelNames[l]),
                       fmt::format("zoning is enabled but the table [zoning.{}] is missing: every level needs its measures "
                                   "(an empty table for none)", kRiskLevelNames[l])});
  // Entries for the same measure and place may overlap: the later entry in the file wins on the days it applies
  // (docs/model.md, Measures). One entry may name several measures (an array or a group): its engine entries share
  // its line and id.
  for (std::size_t j = 0; j < sc.measures.size(); ++j)
    for (std::size_t i = 0; i < j; ++i)
      if (!sc.measures[j].id.empty() && sc.measures[i].id == sc.measures[j].id && sc.measures[i].line != sc.measures[j].line &&
          sc.measures[j - 1].line != sc.measures[j].line) {
        out.push_back({sc.source, sc.measures[j].line, 0, "measure.id",
                       fmt::format("id \"{}\" is already the id of the entry of line {}: ids must be unique", sc.measures[j].id,
                                   sc.measures[i].line)});
        break;
      }
  auto after_last_day = [&](const Destination& d, const char* key) {
    if (d.date > last_day)
      out.push_back({sc.source, d.line, 0, key, fmt::format("{} is after the last simulated day {}", format_date(d.date), format_date(last_day))});
  };
  for (const auto& imp : sc.imports) {
    after_last_day(imp, "imports.date");
    if (!imp.undated && imp.date.days < p.scenario_start.days - kMaxImportDaysBeforeStart)
      out.push_back({sc.source, imp.line, 0, "imports.date",
                     fmt::format("{} is more than {} days before the first simulated day {}", format_date(imp.date),
                                 kMaxImportDaysBeforeStart, format_date(p.scenario_start))});
  }
  for (const auto& a : sc.arrivals) after_last_day(a, "arrivals.date");
  return out;
}

const MeasureEntry* find_measure_id(const Scenario& sc, const std::string& id) {
  for (const auto& e : sc.measures)
    if (!e.id.empty() && e.id == id) return &e;
  return nullptr;
}

std::string unlabelled_reason(const MeasureEntry& e) { return fmt::format("scheduled ([[measure]] of line {})", e.line); }

std::vector<BuiltinScenario> builtin_scenarios() {
  std::vector<BuiltinScenario> out;
  for (const auto& f : embedded_files()) {
    if (!f.path.starts_with("scenarios/") || !f.path.ends_with(".toml")) continue;
    std::string name(f.path.substr(10, f.path.size() - 15));
    std::string description;
    if (f.contents.starts_with("# ")) description = std::string(f.contents.substr(2, f.contents.find('\n') - 2));
    out.push_back({name, description});
  }
  return out;
}

std::string builtin_scenario_text(const std::string& name) {
  if (auto t = find_embedded("scenarios/" + name + ".toml")) return std::string(*t);
  return {};
}

}  // namespace tongchou

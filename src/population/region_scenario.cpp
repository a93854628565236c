#include "population/region_scenario.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <regex>

#include "core/atomic_file.hpp"
#include "core/csv.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/input_file.hpp"
#include "population/region_data.hpp"
#include "scenario/scenario_copy.hpp"

namespace tongchou {

std::string region_scenario_text(const std::filesystem::path& file, const std::string& region) {
  const std::string stem = file.stem().string();
  if (stem.empty() || !std::regex_match(stem, std::regex("[A-Za-z0-9_.-]+")))
    throw InputError({{file.string(), 0, 0, "NAME", "a scenario name uses letters, digits, '_', '-' and '.' only"}});
  Params p;
  p.scenario_region = region;
  const RegionData r = load_region(p);  // every problem of the region's files, before anything is written
  // In the scenario the folder is named relative to the scenario file.
  std::string region_value = region;
  auto quoted = [](const std::string& v) {  // a TOML basic string's contents
    std::string out;
    for (char c : v) {
      if (c == '\\' || c == '"') out += '\\';
      out += c;
    }
    return out;
  };
  if (!is_builtin_region(region)) {
    std::error_code ec;
    const auto base = std::filesystem::absolute(file, ec).parent_path();
    const auto rel = std::filesystem::relative(std::filesystem::absolute(region, ec), base, ec);
    if (!ec && !rel.empty()) region_value = rel.generic_string();
  }
  double people = 0;
  for (const auto& d : r.districts) people += d.population;
  // The period: the region's reported series (first to last date, at most a year), else the default 101 days.
  Date start = p.scenario_start;
  std::int64_t days = p.scenario_days;
  std::string period_note = "the default period (no reported case series in the region)";
  if (!r.info.cases_file.empty()) {
    const auto t = CsvTable::load(r.info.cases_file, r.info.from_disk);
    std::optional<Date> first, last;
    for (std::size_t i = 0; i < t.rows(); ++i)
      if (auto d = parse_date(t.text(i, "date"))) {
        if (!first || d->days < first->days) first = d;
        if (!last || d->days > last->days) last = d;
      }
    if (first && last) {
      start = *first;
      days = std::clamp<std::int64_t>(last->days - first->days + 1, 30, 366);
      period_note = fmt::format("the region's reported series, {} to {}", format_date(*first), format_date(*last));
    }
  }
  const auto scale = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(people / 500000.0)));
  std::string name_line = r.info.name_zh;
  if (r.info.name_en != r.info.name_zh) name_line += " / " + r.info.name_en;
  return fmt::format(
      "# {file}: a scenario for the region {region} ({names}, {people:.0f} people in {n} districts),\n"
      "# written by `tongchou init {stem} --region {region}`.\n"
      "#   tongchou validate {file}     every problem at once, with line, column and key\n"
      "#   tongchou run {file}          outputs and report.html in output/{stem}\n"
      "# It has no measures: the epidemic runs uncontrolled from the imports below. Add the region's own measures as\n"
      "# [[measure]] entries and dated changes in [[schedule]] (docs/model.md); any parameter of `tongchou params`\n"
      "# (docs/parameters.md) can be set in its section. The disease and behaviour parameters are the defaults.\n"
      "\n"
      "[scenario]\n"
      "name = \"{stem}\"\n"
      "region = \"{value}\"   # a built-in region or a region folder, relative to this file (docs/regions.md)\n"
      "start = {start}          # {period}\n"
      "days = {days}\n"
      "seed = 1\n"
      "\n"
      "[population]\n"
      "scale = {scale}   # one agent stands for this many people (1: every person; larger runs faster)\n"
      "\n"
      "# Ten infections arrive on the first day, spread over the districts by population (U: an assumption; replace\n"
      "# it with the region's own imports when they are known).\n"
      "[[imports]]\n"
      "date = {start}\n"
      "infections = 10\n"
      "district = \"*\"\n",
      fmt::arg("file", file.filename().string()), fmt::arg("region", region), fmt::arg("names", name_line),
      fmt::arg("people", people), fmt::arg("n", r.districts.size()), fmt::arg("stem", stem),
      fmt::arg("value", quoted(region_value)), fmt::arg("start", format_date(start)), fmt::arg("period", period_note),
      fmt::arg("days", days), fmt::arg("scale", scale));
}

std::filesystem::path write_region_scenario(const std::string& name, const std::string& region) {
  const auto path = scenario_copy_path(name);
  std::error_code ec;
  if (std::filesystem::exists(path, ec))  // before the region is read: its errors would hide this one
    throw InputError({{path.string(), 0, 0, "", "already exists (" + describe_path(path) +
                                                    "); tongchou init does not overwrite: choose another name or remove it"}});
  write_new_scenario_file(path, region_scenario_text(path, region));
  return path;
}

}  // namespace tongchou

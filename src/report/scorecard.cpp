#include "report/scorecard.hpp"

#include <cmath>
#include <optional>
#include <fmt/format.h>

#include "report/run_alerts.hpp"

namespace tongchou {

namespace {

// A whole number with thousands separators ("1,234,567").
std::string count(double v) {
  const auto n = static_cast<long long>(std::llround(v));
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::optional<double> number(const nlohmann::ordered_json& j, const char* section, const char* key) {
  if (!j.is_object() || !j.contains(section) || !j[section].is_object() || !j[section].contains(key)) return std::nullopt;
  const auto& v = j[section][key];
  return v.is_number() ? std::optional<double>(v.get<double>()) : std::nullopt;
}

std::optional<std::string> text(const nlohmann::ordered_json& j, const char* section, const char* key) {
  if (!j.is_object() || !j.contains(section) || !j[section].is_object() || !j[section].contains(key)) return std::nullopt;
  const auto& v = j[section][key];
  return v.is_string() ? std::optional<std::string>(v.get<std::string>()) : std::nullopt;
}

// A numeric column of a table, empty cells skipped (std::nullopt when the column is absent).
std::optional<std::vector<std::pair<std::string, double>>> column(const CsvTable* t, const char* name) {
  if (!t || !t->has_column(name) || !t->has_column("date")) return std::nullopt;
  std::vector<std::pair<std::string, double>> out;
  for (std::size_t r = 0; r < t->rows(); ++r)
    if (!t->text(r, name).empty()) out.emplace_back(t->text(r, "date"), t->real(r, name));
  return out;
}

}  // namespace

std::string scorecard_text(const RunDirectory& run) {
  const auto& s = run.summary;
  const CsvTable* daily = run.table("daily");
  std::vector<std::string> health, economy;
  auto last_of = [&](const char* name) -> std::optional<double> {
    auto c = column(daily, name);
    if (!c || c->empty()) return std::nullopt;
    return c->back().second;
  };
  const auto infections = number(s, "health", "infections") ? number(s, "health", "infections") : last_of("cumulative_infections");
  if (infections) {
    std::string line = "infections " + count(*infections);
    if (auto local = number(s, "health", "local_infections"), imported = number(s, "health", "imported_infections"); local && imported)
      line += fmt::format(" (local {}, imported {})", count(*local), count(*imported));
    health.push_back(line);
  }
  if (auto c = number(s, "health", "confirmed") ? number(s, "health", "confirmed") : last_of("cumulative_confirmed"))
    health.push_back("confirmed " + count(*c));
  if (auto d = number(s, "health", "deaths") ? number(s, "health", "deaths") : last_of("cumulative_deaths"))
    health.push_back("deaths " + count(*d));
  if (auto peak = number(s, "health", "peak_in_hospital")) {
    std::string line = "peak in hospital " + count(*peak);
    if (auto beds = number(s, "health", "designated_beds"); beds && *beds > 0) line += " (beds " + count(*beds) + ")";
    health.push_back(line);
  }
  if (auto local = column(daily, "new_local")) {
    std::string last;
    for (const auto& [date, v] : *local)
      if (v > 0) last = date;
    health.push_back("last local infection " + (last.empty() ? std::string("none") : last));
  }
  if (s.is_object() && s.contains("health") && s["health"].is_object() && s["health"].contains("zero_active_confirmed_date") &&
      number(s, "health", "confirmed").value_or(0) > 0) {
    auto zero = text(s, "health", "zero_active_confirmed_date");
    health.push_back("no active confirmed case (清零) " + (zero ? *zero : std::string("not reached")));
  }
  // Economy: GDP over the run and in Q1 from summary.json's "economy", then daily.csv's columns when they hold values;
  // without either, the scalar figures of "economy" as they are.
  if (auto change = number(s, "economy", "gdp_change")) economy.push_back(fmt::format("GDP {:+.1f}% over the run", 100 * *change));
  if (s.is_object() && s.contains("economy") && s["economy"].is_object() && s["economy"].contains("periods") &&
      s["economy"]["periods"].is_object() && s["economy"]["periods"].contains("q1")) {
    if (auto q1 = number(s["economy"]["periods"], "q1", "gdp_change")) economy.push_back(fmt::format("Q1 {:+.1f}%", 100 * *q1));
    if (auto yoy = number(s["economy"]["periods"], "q1", "gdp_change_yoy")) economy.push_back(fmt::format("Q1 {:+.1f}% year on year", 100 * *yoy));
  }
  if (auto gdp = column(daily, "gdp_index"); gdp && !gdp->empty()) {
    auto low = gdp->front();
    for (const auto& p : *gdp)
      if (p.second < low.second) low = p;
    economy.push_back(fmt::format("GDP index lowest {:.3f} ({}), at end {:.3f}", low.second, low.first, gdp->back().second));
  }
  if (auto loss = last_of("gdp_loss_cum")) economy.push_back(fmt::format("lost CNY {} million", count(*loss)));
  if (auto open = last_of("enterprises_open_share")) economy.push_back(fmt::format("enterprises open {:.0f}%", 100 * *open));
  if (auto work = last_of("workers_at_work_share")) economy.push_back(fmt::format("workers at work {:.0f}%", 100 * *work));
  if (auto jobs = number(s, "economy", "jobs_lost")) economy.push_back("jobs lost " + count(*jobs) + " (full-time, average over the run)");
  if (auto back = last_of("migrant_workers_returned")) economy.push_back("migrant workers returned " + count(*back));
  if (economy.empty() && s.is_object() && s.contains("economy") && s["economy"].is_object())
    for (const auto& [key, v] : s["economy"].items()) {
      if (v.is_number()) economy.push_back(fmt::format("{} {}", key, v.is_number_integer() || std::abs(v.get<double>()) >= 100
                                                                            ? count(v.get<double>())
                                                                            : fmt::format("{:.4g}", v.get<double>())));
      else if (v.is_string()) economy.push_back(key + " " + v.get<std::string>());
    }
  auto join = [](const std::vector<std::string>& parts) {
    std::string out;
    std::size_t width = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (i > 0 && width + parts[i].size() > 90) out += "\n           ", width = 0;
      else if (i > 0) out += " · ", width += 3;
      out += parts[i];
      width += parts[i].size();
    }
    return out;
  };
  std::string out;
  if (const auto gap = reported_gap(run); gap && gap->far())
    out += fmt::format("  WARNING  far from the reported series: {} confirmed simulated against {} reported{}{} (outside {}x-{}x)\n",
                       count(gap->simulated), count(gap->reported), gap->date.empty() ? "" : " on " + gap->date,
                       gap->reported > 0 ? fmt::format(", {:.2f}x", gap->simulated / gap->reported) : "", kFarLow, kFarHigh);
  if (const auto o = beds_overrun(run))
    out += fmt::format("  WARNING  beds overrun: {} in hospital{} against {} designated beds{}{}\n", count(o->peak),
                       o->peak_date.empty() ? "" : " on " + o->peak_date, count(o->beds), o->peak_date.empty() ? "" : " that day",
                       o->days_over > 0 ? fmt::format("; over on {} days from {}", o->days_over, o->first_date) : "");
  // The region by its names (summary.json, from its region.toml).
  if (s.is_object() && s.contains("scenario") && s["scenario"].is_object()) {
    const auto& sc = s["scenario"];
    auto text = [&](const char* key) { return sc.contains(key) && sc[key].is_string() ? sc[key].get<std::string>() : std::string(); };
    if (const auto zh = text("region_name_zh"), en = text("region_name_en"); !zh.empty() || !en.empty())
      out += "  region   " + (zh.empty() || en.empty() || zh == en ? zh + en : zh + " · " + en) + "\n";
  }
  if (!health.empty()) out += "  health   " + join(health) + "\n";
  if (!economy.empty()) out += "  economy  " + join(economy) + "\n";
  return out;
}

}  // namespace tongchou

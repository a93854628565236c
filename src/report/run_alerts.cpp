#include "report/run_alerts.hpp"

#include <charconv>
#include <cmath>

namespace tongchou {

namespace {

std::optional<double> summary_number(const nlohmann::ordered_json& s, const char* section, const char* key) {
  if (!s.is_object() || !s.contains(section) || !s[section].is_object() || !s[section].contains(key)) return std::nullopt;
  const auto& v = s[section][key];
  return v.is_number() ? std::optional<double>(v.get<double>()) : std::nullopt;
}

// A cell as a number; nullopt when empty or not a number (the report shows edited files as they are, so a cell that
// is not a number is passed over here rather than failing the page).
std::optional<double> cell(const CsvTable& t, std::size_t row, const char* column) {
  const std::string& s = t.text(row, column);
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace

std::optional<ReportedGap> reported_gap(const RunDirectory& run) {
  if (const CsvTable* c = run.table("comparison");
      c && c->has_column("date") && c->has_column("observed_cumulative_confirmed") && c->has_column("simulated_cumulative_confirmed")) {
    for (std::size_t r = c->rows(); r-- > 0;) {
      const auto observed = cell(*c, r, "observed_cumulative_confirmed"), simulated = cell(*c, r, "simulated_cumulative_confirmed");
      if (observed && simulated) return ReportedGap{*simulated, *observed, c->text(r, "date")};
    }
  }
  const auto simulated = summary_number(run.summary, "comparison", "simulated_confirmed");
  const auto reported = summary_number(run.summary, "comparison", "observed_confirmed");
  if (simulated && reported) return ReportedGap{*simulated, *reported, ""};
  return std::nullopt;
}

std::optional<BedsOverrun> beds_overrun(const RunDirectory& run) {
  if (const CsvTable* d = run.table("daily"); d && d->has_column("date") && d->has_column("in_hospital") && d->has_column("bed_capacity")) {
    BedsOverrun o;
    for (std::size_t r = 0; r < d->rows(); ++r) {
      const auto in_hospital = cell(*d, r, "in_hospital"), bed_capacity = cell(*d, r, "bed_capacity");
      if (!in_hospital || !bed_capacity) continue;
      const double in = *in_hospital, beds = *bed_capacity;
      if (in <= beds) continue;
      if (o.days_over++ == 0) o.first_date = d->text(r, "date");
      if (in > o.peak) o.peak = in, o.beds = beds, o.peak_date = d->text(r, "date");
    }
    return o.days_over > 0 ? std::optional<BedsOverrun>(o) : std::nullopt;
  }
  const auto peak = summary_number(run.summary, "health", "peak_in_hospital");
  const auto beds = summary_number(run.summary, "health", "designated_beds");
  if (peak && beds && *beds > 0 && *peak > *beds) return BedsOverrun{*peak, *beds, "", "", 0};
  return std::nullopt;
}

nlohmann::ordered_json run_alerts(const RunDirectory& run) {
  auto out = nlohmann::ordered_json::array();
  if (const auto gap = reported_gap(run); gap && gap->far()) {
    nlohmann::ordered_json a = {{"kind", "far_from_reported"}, {"simulated", gap->simulated}, {"reported", gap->reported}};
    a["ratio"] = gap->reported > 0 ? nlohmann::ordered_json(gap->simulated / gap->reported) : nlohmann::ordered_json(nullptr);
    a["date"] = gap->date.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(gap->date);
    a["low"] = kFarLow;
    a["high"] = kFarHigh;
    out.push_back(std::move(a));
  }
  if (const auto o = beds_overrun(run)) {
    auto date = [](const std::string& d) { return d.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d); };
    out.push_back({{"kind", "beds_exceeded"}, {"peak", o->peak}, {"beds", o->beds}, {"first_date", date(o->first_date)},
                   {"peak_date", date(o->peak_date)}, {"days_over", o->days_over}});
  }
  return out;
}

}  // namespace tongchou

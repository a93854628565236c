#include "report/report_html.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string_view>

#include "core/atomic_file.hpp"
#include "core/embedded_files.hpp"
#include "report/assets.hpp"
#include "report/report_data_text.hpp"
#include "report/script_json.hpp"
#include "report/run_alerts.hpp"

namespace tongchou {

namespace {

// The report's script, one scope in parts (web/report/report.js says why), in the order they are joined.
constexpr WebAsset kReportParts[] = {WebAsset::report_js,          WebAsset::report_charts_js, WebAsset::report_scorecard_js,
                                     WebAsset::report_timeline_js, WebAsset::report_map_js,    WebAsset::report_page_js};

// District outlines shipped in data/ (tools/derive_geo.py), keyed by adcode; only the districts the runs have.
nlohmann::ordered_json outlines_for(const std::vector<RunDirectory>& runs) {
  std::set<std::int64_t> adcodes;
  for (const auto& run : runs)
    if (const CsvTable* d = run.table("districts"); d && d->has_column("adcode"))
      for (std::size_t r = 0; r < d->rows(); ++r)
        if (const auto& s = d->text(r, "adcode"); !s.empty() && s.find_first_not_of("0123456789") == std::string::npos)
          adcodes.insert(std::stoll(s));
  if (adcodes.empty()) return nullptr;
  auto features = nlohmann::ordered_json::array();
  std::set<std::int64_t> found;
  auto take = [&](std::string_view text) {
    const auto doc = nlohmann::ordered_json::parse(text, nullptr, false);
    if (!doc.is_object() || !doc.contains("features") || !doc["features"].is_array()) return;
    for (const auto& f : doc["features"]) {
      if (!f.is_object() || !f.contains("properties") || !f["properties"].is_object()) continue;
      const auto& code = f["properties"].value("adcode", nlohmann::ordered_json());
      if (!code.is_number_integer() || !adcodes.count(code.get<std::int64_t>()) || found.count(code.get<std::int64_t>())) continue;
      found.insert(code.get<std::int64_t>());
      auto g = f;
      g["properties"]["name"] = std::to_string(code.get<std::int64_t>());  // the key the map matches districts.csv by
      features.push_back(std::move(g));
    }
  };
  // A region folder's outlines, copied into the run folder by `tongchou run`; then those built into tongchou.
  for (const auto& run : runs)
    if (std::error_code ec; std::filesystem::is_regular_file(run.dir / "district_outlines.json", ec)) {
      std::ifstream in(run.dir / "district_outlines.json", std::ios::binary);
      take(std::string(std::istreambuf_iterator<char>(in), {}));
    }
  for (const auto& file : embedded_files())
    if (file.path.starts_with("data/") && file.path.ends_with("/district_outlines.json")) take(file.contents);
  if (features.empty()) return nullptr;
  return {{"type", "FeatureCollection"}, {"features", features}};
}

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

nlohmann::ordered_json report_data(const std::vector<RunDirectory>& runs) {
  nlohmann::ordered_json data;
  data["kind"] = runs.size() == 1 ? "run" : "compare";
  data["generator"] = "tongchou 0.1.0";
  auto list = nlohmann::ordered_json::array();
  for (const auto& run : runs) {
    nlohmann::ordered_json tables = nlohmann::ordered_json::object();
    for (const auto& [name, table] : run.tables) tables[name] = table_json(table);
    // No directory path: the same run written to two places gives the same report, byte for byte.
    list.push_back({{"label", run.label}, {"summary", run.summary}, {"alerts", run_alerts(run)}, {"tables", std::move(tables)}});
  }
  data["runs"] = std::move(list);
  data["outlines"] = outlines_for(runs);
  return data;
}

nlohmann::ordered_json report_outlines(const std::vector<RunDirectory>& runs) { return outlines_for(runs); }

namespace {

// The page, piece by piece: `put` receives the template's text and what replaces its placeholders, in order.
template <class Put>
void emit_report(const std::vector<RunDirectory>& runs, Put&& put) {
  std::string title = "tongchou";
  for (std::size_t i = 0; i < runs.size(); ++i) {
    title += (i == 0 ? " — " : " · ") + runs[i].label;
    // The region's name (summary.json, from region.toml), when the run folder has it.
    const auto& sc = runs[i].summary.is_object() && runs[i].summary.contains("scenario") ? runs[i].summary["scenario"]
                                                                                         : nlohmann::ordered_json();
    if (sc.is_object() && sc.contains("region_name_zh") && sc["region_name_zh"].is_string())
      title += " (" + sc["region_name_zh"].get<std::string>() + ")";
  }
  std::string data;  // script_safe(report_data(runs).dump()), without the tree of values
  append_report_data(runs, data);
  // The template's placeholders /*@NAME@*/ are replaced in one pass, so inserted text is never searched again.
  const std::string_view tpl = web_asset(WebAsset::template_html);
  std::size_t pos = 0;
  while (true) {
    const std::size_t open = tpl.find("/*@", pos);
    if (open == std::string_view::npos) break;
    const std::size_t close = tpl.find("@*/", open + 3);
    if (close == std::string_view::npos) break;
    put(tpl.substr(pos, open - pos));
    const std::string_view name = tpl.substr(open + 3, close - open - 3);
    if (name == "TITLE") put(html_escape(title));
    else if (name == "CSS") put(web_asset(WebAsset::report_css));
    else if (name == "ECHARTS") put(web_asset(WebAsset::echarts_js));
    else if (name == "I18N") put(web_asset(WebAsset::i18n_js));
    else if (name == "REPORT")
      for (const WebAsset part : kReportParts) put(web_asset(part));
    else if (name == "DATA") put(data);
    else put(tpl.substr(open, close + 3 - open));
    pos = close + 3;
  }
  put(tpl.substr(pos));
}

}  // namespace

std::string report_html(const std::vector<RunDirectory>& runs) {
  std::string out;
  emit_report(runs, [&](std::string_view piece) { out.append(piece); });
  return out;
}

void write_report(const std::vector<RunDirectory>& runs, const std::filesystem::path& file) {
  // Written piece by piece: the page is never held whole beside its data (2.7 MB at the end of a 1 M run).
  AtomicFile f(file);
  emit_report(runs, [&](std::string_view piece) { f.write(piece); });
  f.commit();
}

}  // namespace tongchou

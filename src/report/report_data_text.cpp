#include "report/report_data_text.hpp"

#include <set>

#include "report/report_html.hpp"
#include "report/run_alerts.hpp"
#include "report/script_json.hpp"

namespace tongchou {

namespace {

// One value as nlohmann's dump() writes it (its escaping, its numbers, its refusal of malformed UTF-8).
void append_value(const nlohmann::ordered_json& v, std::string& out) { out += script_safe(v.dump()); }

}  // namespace

void append_report_data(const std::vector<RunDirectory>& runs, std::string& out) {
  out += R"({"kind":)";
  out += runs.size() == 1 ? R"("run")" : R"("compare")";
  out += R"(,"generator":"tongchou 0.1.0","runs":[)";
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const RunDirectory& run = runs[i];
    if (i > 0) out += ',';
    out += R"({"label":)";
    append_value(nlohmann::ordered_json(run.label), out);
    out += R"(,"summary":)";
    append_value(run.summary, out);
    out += R"(,"alerts":)";
    append_value(run_alerts(run), out);
    out += R"(,"tables":{)";
    // As report_data's object: a name once, at its first place, with the last table of that name.
    std::set<std::string> seen;
    bool first_table = true;
    for (const auto& [name, table] : run.tables) {
      if (!seen.insert(name).second) continue;
      const CsvTable* last = &table;
      for (const auto& [other, t] : run.tables)
        if (other == name) last = &t;
      if (!first_table) out += ',';
      first_table = false;
      append_value(nlohmann::ordered_json(name), out);
      out += ':';
      append_table_json(*last, out);
    }
    out += "}}";
  }
  out += R"(],"outlines":)";
  append_value(report_outlines(runs), out);
  out += '}';
}

}  // namespace tongchou

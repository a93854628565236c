#include "report/run_directory.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "core/error.hpp"
#include "core/input_file.hpp"
#include "output/manifest.hpp"
#include "report/script_json.hpp"

namespace tongchou {

namespace {

// Checked before it is read (a pipe or folder is refused, never waited on), and UTF-8 text: the report embeds it as JSON
// (fuzz_run_folder found a byte 0xFF in daily.csv ending in an internal error).
std::string read_text(const std::filesystem::path& file) {
  auto text = read_regular_file(file);
  if (!text.text) throw InputError({{file.string(), 0, 0, "", text.error == "missing" ? "cannot open (missing)" : text.error}});
  require_utf8_text(*text.text, file.string());
  return std::move(*text.text);
}

// Line and column (1-based) of a byte offset.
std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') ++line, column = 1;
    else ++column;
  }
  return {line, column};
}

// A number, unless written with a leading zero ("01", a code such as a sector's, stays text; "0.5" is a number).
bool parse_number(const std::string& s, double& v) {
  const std::size_t digits = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (s.size() > digits + 1 && s[digits] == '0' && s[digits + 1] >= '0' && s[digits + 1] <= '9') return false;
  const char* begin = s.data();
  if (!s.empty() && s[0] == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, s.data() + s.size(), v);
  return ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(v);
}

// Columns that hold text by design (events.csv's old and new hold levels and numbers).
constexpr std::string_view kTextColumns[] = {"date", "place", "measure", "old", "new", "reason", "place_code", "district",
                                             "sector", "name", "name_en", "name_zh", "risk_level", "note", "label"};

// A column that holds numbers (one cell at least, and not a text column) must hold only numbers: a cell such as
// "12x" is an error with file:line:column rather than a column silently read as text.
void check_numbers(const CsvTable& t, std::vector<Diagnostic>& problems) {
  for (const auto& column : t.columns()) {
    if (std::find(std::begin(kTextColumns), std::end(kTextColumns), column) != std::end(kTextColumns)) continue;
    double v = 0;
    std::size_t numbers = 0, first_bad = t.rows();
    for (std::size_t r = 0; r < t.rows(); ++r) {
      const auto& s = t.text(r, column);
      if (s.empty()) continue;
      if (parse_number(s, v)) ++numbers;
      else if (first_bad == t.rows()) first_bad = r;
    }
    if (numbers > 0 && first_bad < t.rows())
      problems.push_back(t.problem(first_bad, column, "expected a number, found \"" + t.text(first_bad, column) + "\""));
  }
}

// Checks the folder against its manifest.json; returns the names of the files it lists.
std::vector<std::string> check_manifest(const std::filesystem::path& dir, RunCheck check, RunDirectory& run) {
  const auto file = dir / kManifestName;
  const auto text = read_regular_file(file);
  const bool strict = check == RunCheck::Manifest;
  const std::string advice = strict ? "; run it again, or pass --allow-edited to read the files as they are" : "";
  auto fail = [&](std::string message) {
    if (strict) throw InputError({{file.string(), 0, 0, "", message + advice}});
    run.warnings.push_back(file.string() + ": " + message);
  };
  if (!text.text) {
    fail(text.error == "missing" ? "missing: not one complete run of tongchou (an unfinished run, a folder written by an "
                                   "older tongchou, or files put together by hand)"
                                 : text.error);
    return {};
  }
  Manifest m;
  std::string error;
  if (!parse_manifest(*text.text, m, error)) {
    fail(error);
    return {};
  }
  if (m.kind != "run") {
    fail("the folder holds the output of `tongchou " + m.kind + "`, not of a run");
    return {};
  }
  // report.html is not read (the report is built from the other files) and `report DIR` rebuilds it.
  const auto mismatches = manifest_mismatches(m, dir, "report.html");
  if (strict && !mismatches.empty()) {
    std::vector<Diagnostic> problems;
    for (const auto& why : mismatches)
      problems.push_back({dir.string(), 0, 0, "", why + " (not one complete run)" + advice});
    throw InputError(std::move(problems));
  }
  for (const auto& why : mismatches) run.warnings.push_back(dir.string() + ": " + why);
  std::vector<std::string> names;
  for (const auto& f : m.files) names.push_back(f.name);
  return names;
}

}  // namespace

const CsvTable* RunDirectory::table(std::string_view name) const {
  for (const auto& [n, t] : tables)
    if (n == name) return &t;
  return nullptr;
}

RunDirectory read_run_directory(const std::filesystem::path& dir, RunCheck check) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw InputError({{dir.string(), 0, 0, "",
                       std::filesystem::exists(dir, ec) ? "is " + describe_path(dir) + ", not an output directory"
                                                        : "no such output directory (give the -o directory of a `tongchou run`)"}});
  if (!std::filesystem::exists(dir / "daily.csv", ec))
    throw InputError({{(dir / "daily.csv").string(), 0, 0, "",
                       "missing: not the output directory of a `tongchou run` (it writes daily.csv)"}});
  RunDirectory run;
  run.dir = dir;
  const auto listed = check == RunCheck::Unchecked ? std::vector<std::string>{} : check_manifest(dir, check, run);
  std::vector<std::filesystem::path> csvs;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".csv" || name == "infections.csv" || name[0] == '.') continue;
    if (check == RunCheck::Manifest && std::find(listed.begin(), listed.end(), name) == listed.end()) continue;
    csvs.push_back(entry.path());  // not regular files too: reading them reports what they are
  }
  std::sort(csvs.begin(), csvs.end());
  std::vector<Diagnostic> problems;
  for (const auto& file : csvs) {
    try {
      run.tables.emplace_back(file.stem().string(), CsvTable::parse(file.string(), read_text(file)));
      check_numbers(run.tables.back().second, problems);
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (const CsvTable* daily = run.table("daily"); daily && !daily->has_column("date"))
    problems.push_back({(dir / "daily.csv").string(), 1, 0, "date", "required column is missing"});
  const auto summary_file = dir / "summary.json";
  if (std::filesystem::symlink_status(summary_file, ec).type() != std::filesystem::file_type::not_found) {
    const auto read = read_regular_file(summary_file);
    if (!read.text) throw InputError({{summary_file.string(), 0, 0, "", read.error}});
    const std::string& text = *read.text;
    try {
      run.summary = nlohmann::ordered_json::parse(text);
      if (!run.summary.is_object()) problems.push_back({summary_file.string(), 1, 1, "", "expected a JSON object"});
    } catch (const nlohmann::json::parse_error& e) {
      const auto [line, column] = line_column(text, e.byte > 0 ? e.byte - 1 : 0);
      problems.push_back({summary_file.string(), line, column, "", std::string("malformed JSON: ") + e.what()});
    } catch (const nlohmann::json::exception& e) {  // e.g. a number beyond a double (found by fuzz_run_folder)
      problems.push_back({summary_file.string(), 0, 0, "", std::string("malformed JSON: ") + e.what()});
    }
  } else {
    run.warnings.push_back(summary_file.string() + " is missing (an unfinished run?): the scorecard shows what daily.csv gives");
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  run.label = dir.filename().string();
  if (run.label.empty() || run.label == ".") run.label = std::filesystem::absolute(dir).lexically_normal().filename().string();
  if (run.summary.is_object() && run.summary.contains("scenario") && run.summary["scenario"].is_object() &&
      run.summary["scenario"].contains("name") && run.summary["scenario"]["name"].is_string())
    run.label = run.summary["scenario"]["name"].get<std::string>();
  return run;
}

nlohmann::ordered_json table_json(const CsvTable& table) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& column : table.columns()) {
    bool numeric = true;
    std::vector<double> values(table.rows(), 0.0);
    for (std::size_t r = 0; r < table.rows() && numeric; ++r) {
      const auto& s = table.text(r, column);
      if (!s.empty() && !parse_number(s, values[r])) numeric = false;
    }
    auto cells = nlohmann::ordered_json::array();
    for (std::size_t r = 0; r < table.rows(); ++r) {
      const auto& s = table.text(r, column);
      if (s.empty()) cells.push_back(nullptr);
      else if (numeric && std::abs(values[r]) < 9e15 && values[r] == std::trunc(values[r]))
        cells.push_back(static_cast<std::int64_t>(values[r]));  // "12", not "12.0"
      else if (numeric) cells.push_back(values[r]);
      else cells.push_back(s);
    }
    out[column] = std::move(cells);
  }
  return out;
}

void append_table_json(const CsvTable& table, std::string& out) {
  out += '{';
  std::set<std::string> seen;  // a repeated header name is one key (table_json's object keeps the first place)
  std::vector<double> values(table.rows(), 0.0);
  bool first_column = true;
  for (const auto& column : table.columns()) {
    if (!seen.insert(column).second) continue;
    bool numeric = true;
    for (std::size_t r = 0; r < table.rows() && numeric; ++r) {
      const auto& s = table.text(r, column);
      values[r] = 0.0;
      if (!s.empty() && !parse_number(s, values[r])) numeric = false;
    }
    if (!first_column) out += ',';
    first_column = false;
    out += script_safe(nlohmann::ordered_json(column).dump());
    out += ":[";
    for (std::size_t r = 0; r < table.rows(); ++r) {
      if (r > 0) out += ',';
      const auto& s = table.text(r, column);
      if (s.empty()) out += "null";
      else if (numeric && std::abs(values[r]) < 9e15 && values[r] == std::trunc(values[r]))
        out += std::to_string(static_cast<std::int64_t>(values[r]));  // "12", not "12.0"
      else if (numeric) out += nlohmann::ordered_json(values[r]).dump();
      else out += script_safe(nlohmann::ordered_json(s).dump());
    }
    out += ']';
  }
  out += '}';
}

}  // namespace tongchou

#include "report/run_directory.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/error.hpp"
#include "core/input_file.hpp"

namespace tongchou {

namespace {

// Checked before it is read (a pipe or folder is refused, never waited on), and UTF-8 text: the report embeds it as JSON
// (fuzz_run_folder found a byte 0xFF in daily.csv ending in an internal error).
std::string read_text(const std::filesystem::path& file) {
  std::string text = read_input_file(file.string(), "output file");
  require_utf8_text(text, file.string());
  return text;
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

}  // namespace

const CsvTable* RunDirectory::table(std::string_view name) const {
  for (const auto& [n, t] : tables)
    if (n == name) return &t;
  return nullptr;
}

RunDirectory read_run_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw InputError({{dir.string(), 0, 0, "", "no such output directory (give the -o directory of a `tongchou run`)"}});
  if (!std::filesystem::exists(dir / "daily.csv", ec))
    throw InputError({{(dir / "daily.csv").string(), 0, 0, "",
                       "missing: not the output directory of a `tongchou run` (it writes daily.csv)"}});
  RunDirectory run;
  run.dir = dir;
  std::vector<std::filesystem::path> csvs;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".csv" && entry.path().filename() != "infections.csv")
      csvs.push_back(entry.path());
  std::sort(csvs.begin(), csvs.end());
  std::vector<Diagnostic> problems;
  for (const auto& file : csvs) {
    try {
      run.tables.emplace_back(file.stem().string(), CsvTable::parse(file.string(), read_text(file)));
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (const CsvTable* daily = run.table("daily"); daily && !daily->has_column("date"))
    problems.push_back({(dir / "daily.csv").string(), 1, 0, "date", "required column is missing"});
  const auto summary_file = dir / "summary.json";
  if (std::filesystem::exists(summary_file, ec)) {
    const std::string text = read_text(summary_file);
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

}  // namespace tongchou

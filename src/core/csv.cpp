#include "core/csv.hpp"

#include <charconv>
#include <cmath>

#include "core/embedded_files.hpp"
#include "core/input_file.hpp"

namespace tongchou {

namespace {
// Splits one CSV record; returns false if a quote is left open.
bool split_record(std::string_view line, std::vector<std::string>& out) {
  out.clear();
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(std::move(field));
      field.clear();
    } else {
      field += c;
    }
  }
  out.push_back(std::move(field));
  return !quoted;
}
}  // namespace

CsvTable CsvTable::parse(std::string name, std::string_view text) {
  CsvTable t;
  t.name_ = std::move(name);
  std::vector<Diagnostic> problems;
  std::vector<std::string> fields;
  int line_no = 0;
  std::size_t pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // byte-order mark
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (!split_record(line, fields)) {
      problems.push_back({t.name_, line_no, 0, "", "unterminated quoted field"});
      continue;
    }
    if (t.header_.empty()) {
      t.header_ = fields;
      for (std::size_t i = 0; i < fields.size(); ++i) t.index_[fields[i]] = i;
      continue;
    }
    if (fields.size() != t.header_.size()) {
      problems.push_back({t.name_, line_no, 0, "",
                          "expected " + std::to_string(t.header_.size()) + " fields, found " +
                              std::to_string(fields.size())});
      continue;
    }
    t.rows_.push_back(fields);
    t.lines_.push_back(line_no);
  }
  if (t.header_.empty()) problems.push_back({t.name_, 1, 0, "", "empty file: a header row is required"});
  if (!problems.empty()) throw InputError(std::move(problems));
  return t;
}

CsvTable CsvTable::load(const std::string& path, bool from_disk) {
  if (!from_disk)
    if (auto embedded = find_embedded(path)) return parse(path, *embedded);
  if (path_kind(path) == PathKind::Missing) throw InputError({{path, 0, 0, "", "cannot open data file (missing or unreadable)"}});
  const std::string text = read_input_file(path, "data file");
  require_utf8_text(text, path);
  return parse(path, text);
}

bool CsvTable::has_column(std::string_view column) const { return index_.count(std::string(column)) > 0; }

void CsvTable::require_columns(std::initializer_list<std::string_view> columns) const {
  std::vector<Diagnostic> problems;
  for (auto c : columns)
    if (!has_column(c)) problems.push_back({name_, 1, 0, std::string(c), "required column is missing"});
  if (!problems.empty()) throw InputError(std::move(problems));
}

std::size_t CsvTable::column_index(std::string_view column) const {
  auto it = index_.find(std::string(column));
  if (it == index_.end()) throw InputError({{name_, 1, 0, std::string(column), "required column is missing"}});
  return it->second;
}

Diagnostic CsvTable::problem(std::size_t row, std::string_view column, std::string message) const {
  return {name_, lines_[row], static_cast<int>(column_index(column)) + 1, std::string(column), std::move(message)};
}

const std::string& CsvTable::text(std::size_t row, std::string_view column) const {
  return rows_[row][column_index(column)];
}

double CsvTable::real(std::size_t row, std::string_view column) const {
  const std::string& s = text(row, column);
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v))
    throw InputError({problem(row, column, "expected a number, found \"" + s + "\"")});
  return v;
}

std::int64_t CsvTable::integer(std::size_t row, std::string_view column) const {
  const std::string& s = text(row, column);
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size())
    throw InputError({problem(row, column, "expected an integer, found \"" + s + "\"")});
  return v;
}

double CsvTable::non_negative(std::size_t row, std::string_view column) const {
  const double v = real(row, column);
  if (v < 0) throw InputError({problem(row, column, "must not be negative, found " + text(row, column))});
  return v;
}

}  // namespace tongchou

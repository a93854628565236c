#pragma once
// A small CSV reader for the project's own tables: header row, comma separated, optional double quotes.
// Every access reports the file, line and column name on error.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"

namespace tongchou {

//! A parsed CSV table with typed, located accessors.
class CsvTable {
 public:
  //! Parses text; `name` is used in error messages. Throws InputError on malformed rows.
  static CsvTable parse(std::string name, std::string_view text);
  //! Reads from a file path, or from the embedded copy when the path names an embedded file and `from_disk` is
  //! false (scenario.data_dir set: always the file on disk). A directory, FIFO or device is refused.
  static CsvTable load(const std::string& path, bool from_disk = false);

  std::size_t rows() const { return rows_.size(); }
  const std::string& name() const { return name_; }
  bool has_column(std::string_view column) const;
  //! The header row, in file order.
  const std::vector<std::string>& columns() const { return header_; }
  //! Throws InputError listing every missing column.
  void require_columns(std::initializer_list<std::string_view> columns) const;

  const std::string& text(std::size_t row, std::string_view column) const;
  double real(std::size_t row, std::string_view column) const;
  std::int64_t integer(std::size_t row, std::string_view column) const;
  //! A non-negative number; errors name the row and column.
  double non_negative(std::size_t row, std::string_view column) const;
  int line_of(std::size_t row) const { return lines_[row]; }
  Diagnostic problem(std::size_t row, std::string_view column, std::string message) const;

 private:
  std::size_t column_index(std::string_view column) const;
  std::string name_;
  std::vector<std::string> header_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<int> lines_;
};

}  // namespace tongchou

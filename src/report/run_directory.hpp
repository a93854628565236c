#pragma once
// An output directory read back for the report: its CSV tables (every *.csv but the infection tree) and
// summary.json. The report reads columns by name, so new outputs and columns reach it without changes here.
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/csv.hpp"

namespace tongchou {

//! One run's outputs as written by `tongchou run` (docs/outputs.md).
struct RunDirectory {
  std::filesystem::path dir;
  std::string label;                                  //!< scenario name from summary.json, else the directory name
  nlohmann::ordered_json summary;                     //!< summary.json; null when the file is absent
  std::vector<std::pair<std::string, CsvTable>> tables;  //!< by file stem ("daily", "districts", ...), sorted
  std::vector<std::string> warnings;                  //!< e.g. summary.json missing

  //! The table read from NAME.csv, or nullptr.
  const CsvTable* table(std::string_view name) const;
};

//! How far a folder must prove that it is one complete run.
enum class RunCheck {
  Manifest,     //!< manifest.json must be there and agree with every file (sizes, checksums, no other files)
  AllowEdited,  //!< differences from manifest.json (or its absence) are warnings: outputs edited on purpose
  Unchecked,    //!< no manifest check: a staging folder this process is writing, or a folder built by hand
};

//! Reads DIR: daily.csv is required; every other *.csv except infections.csv, and summary.json, when present.
//! Throws InputError naming the file (and line) of a missing directory, a missing daily.csv, a folder that is not
//! one complete run (RunCheck::Manifest), a directory, FIFO or device where a file should be, a malformed file,
//! or a cell that is not a number in a column of numbers (file:line:column).
//! The commands (`report`, `compare`) pass RunCheck::Manifest or RunCheck::AllowEdited.
RunDirectory read_run_directory(const std::filesystem::path& dir, RunCheck check = RunCheck::Unchecked);

//! A table as {column: [values]}: a column whose non-empty cells are all numbers holds numbers, otherwise
//! strings (codes written with a leading zero, "01", stay strings); empty cells are null.
nlohmann::ordered_json table_json(const CsvTable& table);
//! Appends script_safe(table_json(table).dump()) (report/script_json.hpp), written cell by cell without the tree.
void append_table_json(const CsvTable& table, std::string& out);

}  // namespace tongchou

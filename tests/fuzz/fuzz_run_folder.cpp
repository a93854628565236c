// libFuzzer target: a run folder as `tongchou report` and `compare` read it. The input holds the folder's files, each
// after a line "=== NAME" (NAME: daily.csv, summary.json, districts.csv, ...); without such a line it is all daily.csv.
// The files are written to a scratch folder and read back with read_run_directory, then turned into the report's
// tables and the scorecard. Bad files must end in an InputError naming the file; anything else is a bug.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>

#include "report/run_directory.hpp"
#include "report/scorecard.hpp"

using namespace tongchou;

namespace {
const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = [] {
    char tmpl[] = "/tmp/tongchou-fuzz-run-XXXXXX";
    const char* made = ::mkdtemp(tmpl);
    if (!made) std::abort();
    return std::filesystem::path(made);
  }();
  return dir;
}

bool plain_name(std::string_view name) {
  if (name.empty() || name.size() > 40) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || c == '_' || c == '.')) return false;
  return name.ends_with(".csv") || name.ends_with(".json");
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto& dir = scratch();
  for (const auto& f : std::filesystem::directory_iterator(dir)) std::filesystem::remove(f.path());
  std::map<std::string, std::string> files;
  std::string* current = &files["daily.csv"];
  std::size_t pos = 0;
  while (pos < input.size()) {
    std::size_t eol = input.find('\n', pos);
    eol = eol == std::string_view::npos ? input.size() : eol + 1;
    const std::string_view line = input.substr(pos, eol - pos);
    if (line.starts_with("=== ")) {
      std::string_view name = line.substr(4);
      while (!name.empty() && (name.back() == '\n' || name.back() == '\r')) name.remove_suffix(1);
      static std::string ignored;
      ignored.clear();
      current = plain_name(name) ? &files[std::string(name)] : &ignored;
    } else {
      current->append(line);
    }
    pos = eol;
  }
  for (const auto& [name, text] : files) std::ofstream(dir / name, std::ios::binary) << text;
  try {
    const RunDirectory run = read_run_directory(dir);
    for (const auto& [stem, table] : run.tables) (void)table_json(table).dump();
    (void)scorecard_text(run);
  } catch (const InputError& e) {
    if (e.diagnostics().empty()) std::abort();
  }
  return 0;
}

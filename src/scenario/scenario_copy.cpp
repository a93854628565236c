#include "scenario/scenario_copy.hpp"

#include <regex>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/input_file.hpp"
#include "scenario/scenario.hpp"

namespace tongchou {

std::filesystem::path scenario_copy_path(const std::string& name) {
  std::filesystem::path p(name);
  if (p.extension() != ".toml") p += ".toml";
  return p;
}

std::string scenario_copy_text(const std::filesystem::path& file, const std::string& from) {
  const std::string text = builtin_scenario_text(from);
  if (text.empty()) {
    std::vector<std::string> names;
    for (const auto& b : builtin_scenarios()) names.push_back(b.name);
    throw InputError({{"--from", 0, 0, "", fmt::format("no built-in scenario \"{}\" (built-in: {})", from, fmt::join(names, ", "))}});
  }
  const std::string stem = file.stem().string();
  if (stem.empty() || !std::regex_match(stem, std::regex("[A-Za-z0-9_.-]+")))
    throw InputError({{file.string(), 0, 0, "NAME", "a scenario name uses letters, digits, '_', '-' and '.' only"}});
  // The scenario's name decides the default output directory (output/NAME): set it to the file's stem.
  static const std::regex name_line(R"((\[scenario\][^\[]*?\n)name\s*=\s*"[^"\n]*")");
  const std::string body = std::regex_replace(text, name_line, "$1name = \"" + stem + "\"", std::regex_constants::format_first_only);
  return fmt::format(
      "# {file}: an editable copy of the built-in scenario \"{from}\", written by `tongchou init {stem} --from {from}`.\n"
      "#   tongchou validate {file}     every problem at once, with line, column and key\n"
      "#   tongchou run {file}          outputs and report.html in output/{stem}\n"
      "# Any parameter of `tongchou params` (docs/parameters.md: units, ranges, sources) can be set in its section,\n"
      "# e.g. [transmission] r0 = 2.2; dated changes go in [[schedule]], measures in [[measure]] (docs/model.md).\n"
      "# Lines starting with # are comments; the built-in's own comments follow and cite the sources of its values.\n"
      "#\n{body}",
      fmt::arg("file", file.filename().string()), fmt::arg("from", from), fmt::arg("stem", stem), fmt::arg("body", body));
}

void write_new_scenario_file(const std::filesystem::path& path, const std::string& text) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec))
    throw InputError({{path.string(), 0, 0, "", "already exists (" + describe_path(path) +
                                                    "); tongchou init does not overwrite: choose another name or remove it"}});
  if (path.has_parent_path() && !std::filesystem::is_directory(path.parent_path(), ec))
    throw OutputError("cannot write " + path.string() + ": directory " + path.parent_path().string() + " does not exist");
  write_file_atomically(path, text, false);  // never replaces what appeared meanwhile
}

std::filesystem::path write_scenario_copy(const std::string& name, const std::string& from) {
  const auto path = scenario_copy_path(name);
  write_new_scenario_file(path, scenario_copy_text(path, from));
  return path;
}

}  // namespace tongchou

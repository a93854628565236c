#pragma once
// `tongchou init NAME`: an editable copy of a built-in scenario, with its comments and a header saying how to use it.
#include <filesystem>
#include <string>

namespace tongchou {

//! The file `tongchou init NAME` writes: NAME itself if it ends in .toml, else NAME.toml.
std::filesystem::path scenario_copy_path(const std::string& name);

//! The text of the copy: a header, then the built-in scenario `from` with [scenario] name set to the file's stem.
//! Throws InputError for an unknown `from` or a stem that is not a plain name (letters, digits, _ - .).
std::string scenario_copy_text(const std::filesystem::path& file, const std::string& from);

//! Writes `text` as the new file `path` of `tongchou init`: refuses (InputError) to overwrite an existing file, and
//! (OutputError) a path whose folder does not exist.
void write_new_scenario_file(const std::filesystem::path& path, const std::string& text);

//! Writes the copy; refuses (InputError) to overwrite an existing file. Returns the path written.
std::filesystem::path write_scenario_copy(const std::string& name, const std::string& from);

}  // namespace tongchou

#include "scenario/folder_name.hpp"

namespace tongchou {

std::optional<std::string> folder_name_problem(std::string_view name) {
  const std::string tail = " (the name is the run's folder: output/<name>)";
  if (name.empty()) return "must not be empty" + tail;
  if (name == "." || name == "..") return "must not be \"" + std::string(name) + "\"" + tail;
  if (name.size() > 200) return "must be at most 200 bytes long, found " + std::to_string(name.size()) + tail;
  for (const char c : name) {
    if (c == '/' || c == '\\') return "must not contain '" + std::string(1, c) + "', found \"" + std::string(name) + "\"" + tail;
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "must not contain control characters" + tail;
  }
  return std::nullopt;
}

}  // namespace tongchou

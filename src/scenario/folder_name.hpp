#pragma once
// scenario.name becomes the name of the run's folder (output/<name>): it must be one plain folder name.
#include <optional>
#include <string>
#include <string_view>

namespace tongchou {

//! Why `name` cannot name a folder (empty, "." or "..", a '/' or '\\', a control character, over 200 bytes), or
//! nothing when it can.
std::optional<std::string> folder_name_problem(std::string_view name);

}  // namespace tongchou

#pragma once
// Test helper: the problems a scenario text is rejected with (none if it parses).
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace tongchou::test_support {

inline std::vector<Diagnostic> problems(const std::string& text) {
  try {
    parse_scenario(text, "s.toml");
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

}  // namespace tongchou::test_support

#include "cli/exit_codes.hpp"

#include <cstdio>

namespace tongchou::cli {

int report_input_error(const InputError& e) {
  std::fprintf(stderr, "error: invalid input (%zu problem%s):\n", e.diagnostics().size(), e.diagnostics().size() == 1 ? "" : "s");
  for (const auto& d : e.diagnostics()) std::fprintf(stderr, "  %s\n", d.to_string().c_str());
  return static_cast<int>(ExitCode::BadInput);
}

}  // namespace tongchou::cli

#include "cli/interrupted_exit.hpp"

#include <cstdio>

#include "core/error.hpp"

namespace tongchou::cli {

int interrupted_exit(const std::string& what, const std::string& where) {
  std::fprintf(stderr, "interrupted; the %s finished so far are kept in %s (run the same command to resume)\n", what.c_str(), where.c_str());
  return static_cast<int>(ExitCode::Interrupted);
}

}  // namespace tongchou::cli

// `tongchou scenarios`: the built-in scenarios listed.
#include <cstdio>

#include "cli/commands.hpp"
#include "scenario/scenario.hpp"

namespace tongchou::cli {

Command add_scenarios_command(CLI::App& app) {
  auto* scenarios = app.add_subcommand("scenarios", "List the built-in scenarios");
  scenarios->footer("\nExample:\n  tongchou scenarios\n  tongchou init my --from yunyang   (an editable copy of one)\n");
  return {scenarios, [] {
            for (const auto& b : builtin_scenarios()) std::printf("  %-14s %s\n", b.name.c_str(), b.description.c_str());
            return 0;
          }};
}

}  // namespace tongchou::cli

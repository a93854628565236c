// `tongchou init`: NAME.toml written, an editable copy of a built-in scenario or a new one for a region.
#include <cstdio>
#include <string>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "population/region_scenario.hpp"
#include "scenario/scenario_copy.hpp"

namespace tongchou::cli {
namespace {

struct InitCli {
  std::string name, from = "chongqing", region;
};

int init_command(const InitCli& c) {
  if (!c.region.empty()) {
    const auto path = write_region_scenario(c.name, c.region);
    std::printf("wrote %s (region %s, no measures); edit it, then: tongchou run %s\n", path.string().c_str(), c.region.c_str(),
                path.string().c_str());
    return 0;
  }
  const auto path = write_scenario_copy(c.name, c.from);
  std::printf("wrote %s (a copy of %s); edit it, then: tongchou run %s\n", path.string().c_str(), c.from.c_str(),
              path.string().c_str());
  return 0;
}

}  // namespace

Command add_init_command(CLI::App& app) {
  auto o = std::make_shared<InitCli>();
  std::string& init_name = o->name;
  std::string& init_from = o->from;
  std::string& init_region = o->region;
  auto* init = app.add_subcommand("init", "Write NAME.toml: an editable copy of a built-in scenario, with its comments");
  init->add_option("name", init_name, "Name of the new scenario (writes NAME.toml; NAME may be a path)")->required();
  init->add_option("--from", init_from, "Built-in scenario to copy (default: chongqing; see `tongchou scenarios`)");
  init->add_option("--region", init_region, "Write a new scenario for this region folder (docs/regions.md) or built-in region: "
                                            "its names and period, no measures")->excludes(init->get_option("--from"));
  init->footer(std::string("\nIt never overwrites a file. The copy's [scenario] name is NAME, so its outputs go to output/NAME.\n\n"
                           "Examples:\n"
                           "  tongchou init my-city                 writes my-city.toml from chongqing\n"
                           "  tongchou init quick --from yunyang    writes quick.toml from yunyang\n"
                           "  tongchou init mine --region my-region writes mine.toml for the region folder my-region\n"
                           "  tongchou validate quick.toml && tongchou run quick.toml\n\n") +
               kExitCodes);
  return {init, [o] { return init_command(*o); }};
}

}  // namespace tongchou::cli

// `tongchou params`: the parameter table and the measures of places (docs/parameters.md is its --markdown).
#include <cstdio>
#include <string>

#include "cli/commands.hpp"
#include "model/knobs.hpp"
#include "scenario/parameters.hpp"
#include "scenario/params_listing.hpp"

namespace tongchou::cli {
namespace {

struct ParamsCli {
  bool markdown = false;
  std::string section;
};

}  // namespace

Command add_params_command(CLI::App& app) {
  auto o = std::make_shared<ParamsCli>();
  bool& markdown = o->markdown;
  std::string& params_section = o->section;
  auto* params = app.add_subcommand("params", "Print the parameter table (name, type, default, unit, range, meaning, source) and the "
                                              "measures of places");
  params->add_option("section", params_section, "Only this section (e.g. health, zoning; measure: the measures of places)");
  params->add_flag("--markdown", markdown, "Print the whole table as Markdown (this is docs/parameters.md)")->excludes("section");
  params->footer("\nExamples:\n  tongchou params\n  tongchou params health\n  tongchou params zoning      (with the measures "
                 "[zoning.high] etc. set)\n  tongchou params --markdown > docs/parameters.md\n");
  return {params, [o] {
            std::fputs(o->markdown ? (parameters_markdown() + knobs_markdown()).c_str() : params_listing(o->section).c_str(), stdout);
            return 0;
          }};
}

}  // namespace tongchou::cli

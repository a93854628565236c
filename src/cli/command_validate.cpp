// `tongchou validate`: scenario files and region folders checked, every problem reported.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "core/error.hpp"
#include "measures/measure_controller.hpp"
#include "population/region_data.hpp"
#include "scenario/parameters.hpp"
#include "scenario/scenario.hpp"
#include "sim/imports.hpp"

namespace tongchou::cli {
namespace {

struct ValidateCli {
  std::vector<std::string> files, regions;
};

int validate_command(const std::vector<std::string>& files, const std::vector<std::string>& regions) {
  int rc = 0;
  if (files.empty() && regions.empty()) return report_input_error(InputError({{"validate", 0, 0, "", "name scenario files, or --region DIR"}}));
  for (const auto& dir : regions) {  // a region folder alone (docs/regions.md)
    try {
      Params p;
      p.scenario_region = dir;
      const RegionData r = load_region(p);
      std::size_t townships = 0;
      for (const auto& d : r.districts) townships += d.townships.size();
      std::printf("%s: ok (region %s / %s: %zu districts, %zu townships%s%s)\n", dir.c_str(), r.info.name_zh.c_str(),
                  r.info.name_en.c_str(), r.districts.size(), townships, r.info.cases_file.empty() ? "" : ", case series",
                  r.info.outlines_file.empty() ? "" : ", outlines");
    } catch (const InputError& e) {
      rc = report_input_error(e);
    }
  }
  for (const auto& f : files) {
    try {
      Scenario sc = load_scenario(f);
      RegionData region = load_region(sc.params);
      std::vector<Diagnostic> problems;
      import_district_weights(sc, region, problems);
      arrival_district_weights(sc, region, problems);
      check_measure_places(sc, region, problems);
      if (!problems.empty()) throw InputError(std::move(problems));
      std::printf("%s: ok (%zu parameters, %zu imports, %zu arrivals)\n", f.c_str(), parameter_table().size(), sc.imports.size(),
                  sc.arrivals.size());
    } catch (const InputError& e) {
      rc = report_input_error(e);
    }
  }
  return rc;
}

}  // namespace

Command add_validate_command(CLI::App& app) {
  auto o = std::make_shared<ValidateCli>();
  auto& files = o->files;
  auto& validate_regions = o->regions;
  auto* validate = app.add_subcommand("validate", "Check scenario files (and their region); report every problem with file:line:column and key");
  validate->add_option("files", files, "Scenario files or built-in names");
  validate->add_option("--region", validate_regions, "Check a region folder alone (docs/regions.md; repeatable)")
      ->allow_extra_args(false);  // one folder per --region: `--region dir my.toml` checks both
  validate->footer("\nExamples:\n  tongchou validate my.toml\n  tongchou validate --region my-region\n");
  return {validate, [o] { return validate_command(o->files, o->regions); }};
}

}  // namespace tongchou::cli

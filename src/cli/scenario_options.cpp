#include "cli/scenario_options.hpp"

#include <fmt/format.h>

#include "cli/number_check.hpp"
#include "core/error.hpp"

namespace tongchou::cli {
namespace {

// --threads 100000 crashed (SIGSEGV) starting the OpenMP team; 1024 is far more than any machine has cores, and the
// results do not depend on the thread count.
constexpr std::int64_t kMaxThreads = 1024;

}  // namespace

Scenario load_with_options(const RunOptions& o) {
  Scenario sc = load_scenario(o.scenario);
  std::vector<std::string> sets;
  if (o.seed >= 0) sets.push_back(fmt::format("scenario.seed={}", o.seed));
  if (o.days >= 0) sets.push_back(fmt::format("scenario.days={}", o.days));
  if (o.scale >= 0) sets.push_back(fmt::format("population.scale={}", o.scale));
  if (o.people >= 0) {
    if (sc.params.scenario_region != "synthetic")
      throw InputError({{"--people", 0, 0, "population.people",
                         "applies to synthetic regions only (scenario " + sc.params.scenario_name + " uses region " +
                             sc.params.scenario_region + "); use --scale to run fewer agents"}});
    sets.push_back(fmt::format("population.people={}", o.people));
  }
  sets.insert(sets.end(), o.sets.begin(), o.sets.end());
  apply_overrides(sc, sets);
  if (!o.population.empty()) sc.params.population_snapshot = o.population;
  return sc;
}

void add_scenario_options(CLI::App* cmd, RunOptions& o, const std::string& threads, const std::string& quiet) {
  cmd->add_option("--threads", o.threads, fmt::format("{} (1..{}; default: all cores); results do not depend on it", threads, kMaxThreads))
      ->check(number_check("", true, 1, kMaxThreads));
  cmd->add_option("--people", o.people, "Persons of a synthetic region (population.people)")->check(number_check("population.people", true, 0, 0));
  cmd->add_option("--scale", o.scale, "One agent stands for this many people (population.scale)")->check(number_check("population.scale", false, 0, 0));
  cmd->add_option("--days", o.days, "Days to simulate (scenario.days)")->check(number_check("scenario.days", true, 0, 0));
  cmd->add_option("--set", o.sets, "Override a parameter: --set section.name=value, one TOML value (repeatable; see `tongchou params`);\n"
                                   "a risk level's measure: --set zoning.high.work=0.5")
      ->allow_extra_args(false);  // one key=value per --set: `--set a=1 yunyang` runs yunyang
  cmd->add_flag("-q,--quiet", o.quiet, quiet);
  if (cmd->get_name() != "population")
    cmd->add_option("--population", o.population, "Load the population from this snapshot (`tongchou population`) instead of "
                                                  "synthesising it (population.snapshot)");
}

}  // namespace tongchou::cli

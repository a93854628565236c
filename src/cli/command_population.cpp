// `tongchou population`: a scenario's population synthesised and written as a snapshot file.
#include <omp.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/number_check.hpp"
#include "cli/scenario_options.hpp"
#include "output/run_outputs.hpp"
#include "plans/mpi_launch.hpp"
#include "population/snapshot.hpp"
#include "sim/prepared_population.hpp"

namespace tongchou::cli {
namespace {

// `tongchou population SCENARIO -o FILE`: synthesises the scenario's population and writes it as a snapshot.
int population_command(const RunOptions& o) {
  refuse_mpi_launch("population");  // one snapshot file: R copies would write it at once
  Scenario sc = load_with_options(o);
  sc.params.population_snapshot.clear();  // always synthesised (the scenario may name the file being made)
  if (o.threads > 0) omp_set_num_threads(o.threads);
  const std::filesystem::path out(o.output);
  check_snapshot_output(out);  // before the synthesis, not after
  const auto made = prepare_population(sc.params, {}, {}, sc.source);
  const auto t0 = std::chrono::steady_clock::now();
  write_population_snapshot(made->population, made->key, out);
  const double write_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!o.quiet)
    std::printf("wrote %s: %zu agents (%s people, scale %g), %.1f MB; synthesis %.2f s, writing %.2f s\n"
                "  use it: tongchou run %s --population %s, with the same options (scale, seed, --set of population.*)\n",
                out.string().c_str(), made->population.persons(),
                people(static_cast<std::int64_t>(made->population.persons()), made->population.scale).c_str(),
                made->population.scale, static_cast<double>(std::filesystem::file_size(out)) / 1e6,
                made->region_seconds + made->synthesis_seconds, write_s, o.scenario.c_str(), out.string().c_str());
  return 0;
}

}  // namespace

Command add_population_command(CLI::App& app) {
  auto o = std::make_shared<RunOptions>();
  RunOptions& po = *o;
  auto* population = app.add_subcommand("population", "Synthesise a scenario's population and write it to a snapshot file (--population loads it)");
  population->add_option("scenario", po.scenario, "Scenario file or built-in name (default: chongqing)");
  population->add_option("-o,--output", po.output, "Snapshot file to write (a new file or an earlier snapshot)")->required();
  population->add_option("--seed", po.seed, "Random seed (scenario.seed; population.seed when it is -1)")->check(number_check("scenario.seed", true, 0, 0));
  add_scenario_options(population, po, "Threads of the synthesis", "Print nothing");
  population->footer(std::string("\nThe snapshot holds the synthesised persons, households and groups as little-endian arrays (versioned,\n"
                                 "checksummed, memory-mappable) and the population key it was made for: scenario.region and data_dir,\n"
                                 "every population.* and migrants.* parameter, the population seed and the scale. `--population FILE`\n"
                                 "(or population.snapshot = \"FILE\") makes run, ensemble and sweep load it instead of synthesising:\n"
                                 "the outputs are byte-identical. A snapshot made for another region, scale, seed or parameters, of\n"
                                 "another format version, truncated or corrupted is refused (exit 2) with the difference. -o replaces\n"
                                 "only an earlier snapshot (exit 3 for any other file).\n\n"
                                 "Examples:\n"
                                 "  tongchou population chongqing -o cq.pop\n"
                                 "  tongchou run chongqing --population cq.pop --set transmission.r0=2.2\n"
                                 "  tongchou population yunyang --scale 8 -o y8.pop\n  tongchou ensemble yunyang --scale 8 --runs 10 --population y8.pop\n\n") +
                     kExitCodes);
  return {population, [o] { return population_command(*o); }};
}

}  // namespace tongchou::cli

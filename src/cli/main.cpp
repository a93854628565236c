// The `tongchou` command: its help, its subcommands (one file each, command_*.cpp) and how it ends (exit codes).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "core/error.hpp"
#include "core/large_allocations.hpp"
#include "plans/mpi_launch.hpp"
#include "plans/work_spread.hpp"

using namespace tongchou;
using namespace tongchou::cli;

int main(int argc, char** argv) {
  tongchou::map_large_allocations();  // large buffers in pages of their own (docs/performance.md, Memory)
  CLI::App app{"tongchou (统筹): epidemic control and economic recovery, simulated person by person.\n", "tongchou"};
  app.set_version_flag("--version", std::string("tongchou ") + TONGCHOU_VERSION, "Print the version (tongchou X.Y.Z) and exit");
  app.footer(std::string("\nExamples:\n"
                         "  tongchou run                          run the built-in chongqing scenario\n"
                         "  tongchou run yunyang -o out/yunyang   one county, about 0.93 million people\n"
                         "  tongchou run uncontrolled --people 100000 --days 120\n"
                         "  tongchou run my.toml --set transmission.r0=3 --seed 7\n"
                         "  tongchou report output/chongqing      rebuild output/chongqing/report.html\n"
                         "  tongchou compare out/a out/b -o out/ab overlay runs; scorecards side by side\n"
                         "  tongchou sweep yunyang --param transmission.r0=1.5,3   a grid; health against economy\n"
                         "  tongchou calibrate chongqing --fit fits/chongqing.toml   fit to the reported cases\n"
                         "  tongchou optimise chongqing --scale 10 --plan examples/plans/chongqing-reopening.toml   a Pareto front\n"
                         "  tongchou population chongqing -o cq.pop   then: tongchou run --population cq.pop\n"
                         "  tongchou scenarios                    list the built-in scenarios\n"
                         "  tongchou serve --workers 2            jobs over HTTP: API under /api, dashboard at /\n"
                         "  tongchou init my --from yunyang       write my.toml, an editable copy of one\n"
                         "  tongchou validate my.toml\n"
                         "  tongchou params health                one section of the table\n"
                         "  tongchou params --markdown > docs/parameters.md\n"
                         "  tongchou --version\n\n"
                         "`tongchou` alone prints this help; `tongchou run` runs the default scenario.\n\n") +
             kExitCodes);
  app.require_subcommand(0, 1);

  const std::vector<Command> commands = {  // in the order `tongchou --help` lists them
      add_run_command(app),
      add_ensemble_command(app),
      add_sweep_command(app),
      add_calibrate_command(app),
      add_optimise_command(app),
      add_population_command(app),
      add_validate_command(app),
      add_params_command(app),
      add_scenarios_command(app),
      add_report_command(app),
      add_compare_command(app),
      add_init_command(app),
      add_serve_command(app)};

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : static_cast<int>(ExitCode::BadInput);
  }
  try {
    for (const auto& c : commands)
      if (*c.subcommand) return c.action();
    std::fputs(app.help().c_str(), stdout);  // `tongchou` alone: what it can do (`tongchou run` runs the default)
    return 0;
  } catch (const StoppedElsewhere&) {
    return 0;  // under mpirun rank 0 reports the error and exits with its code (see prints_errors)
  } catch (const InputError& e) {
    return prints_errors() ? report_input_error(e) : 0;
  } catch (const OutputError& e) {
    if (!prints_errors()) return 0;
    std::fprintf(stderr, "error: %s\n", e.what());
    return static_cast<int>(ExitCode::OutputError);
  } catch (const std::exception& e) {
    if (!prints_errors()) return 0;
    std::fprintf(stderr, "internal error: %s\n", e.what());
    return static_cast<int>(ExitCode::RuntimeError);
  }
}

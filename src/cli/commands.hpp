#pragma once
// The subcommands of `tongchou`, one file each (command_X.cpp): each adds its options and help to the command line and
// gives what it does when it is the one given. main.cpp wires them in the order `tongchou --help` lists them.
#include <CLI/CLI.hpp>
#include <functional>

namespace tongchou::cli {

struct Command {
  CLI::App* subcommand = nullptr;  //!< true once parsed when it was given
  std::function<int()> action;     //!< runs it; returns the exit code (throws InputError, OutputError ...)
};

Command add_run_command(CLI::App& app);
Command add_ensemble_command(CLI::App& app);
Command add_sweep_command(CLI::App& app);
Command add_calibrate_command(CLI::App& app);
Command add_optimise_command(CLI::App& app);
Command add_population_command(CLI::App& app);
Command add_validate_command(CLI::App& app);
Command add_params_command(CLI::App& app);
Command add_scenarios_command(CLI::App& app);
Command add_report_command(CLI::App& app);
Command add_compare_command(CLI::App& app);
Command add_init_command(CLI::App& app);
Command add_serve_command(CLI::App& app);  // options and help: src/service/serve_cli.cpp

}  // namespace tongchou::cli

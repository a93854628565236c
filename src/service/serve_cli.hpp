#pragma once
// `tongchou serve`'s command line: its options, checks and help, added to the tongchou command (src/cli/command_serve.cpp).
#include <CLI/CLI.hpp>

#include "service/serve_options.hpp"

namespace tongchou::service {

//! Adds the `serve` subcommand, whose options fill `o`; returns it.
CLI::App* add_serve_subcommand(CLI::App& app, ServeOptions& o);

}  // namespace tongchou::service

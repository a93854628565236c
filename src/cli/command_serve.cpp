// `tongchou serve`: jobs over HTTP (src/service/, docs/service.md); its options and help are the service's.
#include <csignal>

#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "service/serve_cli.hpp"
#include "service/serve_command.hpp"

namespace tongchou::cli {

Command add_serve_command(CLI::App& app) {
  auto o = std::make_shared<service::ServeOptions>();
  auto* serve = service::add_serve_subcommand(app, *o);
  return {serve, [o] {
            std::signal(SIGINT, on_interrupt_signal);
            std::signal(SIGTERM, on_interrupt_signal);
            return service::serve_command(*o, interrupted());
          }};
}

}  // namespace tongchou::cli

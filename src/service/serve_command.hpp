#pragma once
// `tongchou serve`: opens the store, re-queues the jobs a previous server left, starts the workers and the HTTP
// server (http_api.hpp) and runs until `stop` becomes true (SIGINT, SIGTERM); or, with --create-token, stores a new
// token's hash and prints the token.
#include <atomic>

#include "service/serve_options.hpp"

namespace tongchou::service {

//! Returns the exit code: 0, 2 (bad option, port taken), 3 (DATA not writable, store unavailable).
int serve_command(const ServeOptions& options, const std::atomic<bool>& stop);

}  // namespace tongchou::service

#include "service/serve_cli.hpp"

#include <string>

namespace tongchou::service {

namespace {

constexpr const char* kServeExitCodes =
    "Exit codes:\n"
    "  0    stopped by Ctrl-C or SIGTERM (running jobs run again at the next start), or a token created\n"
    "  2    bad option; the port is in use; another server uses the same --data\n"
    "  3    --data cannot be created, or the store cannot be opened\n";

}  // namespace

CLI::App* add_serve_subcommand(CLI::App& app, ServeOptions& o) {
  auto* serve = app.add_subcommand("serve", "Serve runs as jobs: a JSON API under /api and a dashboard at / (docs/service.md)");
  serve->add_option("--host", o.host, "Address to listen on (default 127.0.0.1: this machine only)");
  serve->add_option("--port", o.port, "Port (default 8080)")->check(CLI::Range(1, 65535));
  serve->add_option("--data", o.data, "Folder of the jobs (DIR/jobs/<id>/) and of the SQLite store (default: tongchou-data)");
  serve->add_option("--db", o.db, "Store: an SQLite file (default DIR/tongchou.db) or a postgresql://user@host:port/db URL");
  serve->add_option("--workers", o.workers, "Jobs run at once (default 1)")->check(CLI::Range(1, 256));
  serve->add_option("--threads", o.threads, "Threads per job (default: the cores shared by the workers)")->check(CLI::Range(1, 1024));
  serve->add_option("--create-token", o.create_token, "Store a new token named NAME (its SHA-256 only), print it and exit");
  serve->add_flag("--read-token", o.read_token, "Read endpoints need the token too (default: only write endpoints)");
  serve->add_option("--max-body", o.max_body, "Largest request body in bytes (default 1048576; 413 beyond)")->check(CLI::Range(1024, 1 << 30));
  serve->add_option("--max-people", o.max_people, "Most agents of one run, the population after population.scale (default 2000000; 413 beyond)")
      ->check(CLI::Range(1.0, 4e9));
  serve->add_option("--max-runs", o.max_runs, "Most runs in one job (default 1000; 413 beyond)")->check(CLI::Range(1, 1000000));
  serve->add_option("--max-queue", o.max_queue, "Most jobs waiting (default 100; 429 beyond)")->check(CLI::Range(1, 1000000));
  serve->add_option("--keep-populations", o.keep_populations, "Synthesised populations kept for reuse by later jobs (default 4)")
      ->check(CLI::Range(0, 1000));
  serve->footer(std::string("\nWrite endpoints (POST, DELETE) need \"Authorization: Bearer <token>\"; create a token first. Jobs and their\n"
                            "state live in the store and survive a restart: jobs that were running are run again. Stop with Ctrl-C.\n\n"
                            "Examples:\n"
                            "  tongchou serve --create-token alice            prints a token (only its hash is stored)\n"
                            "  tongchou serve --port 8080 --workers 2         then open http://127.0.0.1:8080/\n"
                            "  curl -H 'Authorization: Bearer TOKEN' -d '{\"kind\":\"run\",\"scenario\":\"yunyang\",\"overrides\":{\"population.scale\":8}}' \\\n"
                            "       http://127.0.0.1:8080/api/jobs\n"
                            "  tongchou serve --db postgresql://tongchou@localhost/tongchou --host 0.0.0.0\n\n") +
                kServeExitCodes);
  return serve;
}

}  // namespace tongchou::service

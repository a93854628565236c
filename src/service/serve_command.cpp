#include "service/serve_command.hpp"

#include <httplib.h>
#include <omp.h>

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "core/error.hpp"
#include "service/data_lock.hpp"
#include "service/http_api.hpp"
#include "service/job_queue.hpp"
#include "service/listen_backlog.hpp"
#include "service/sha256.hpp"
#include "service/store.hpp"

namespace tongchou::service {

namespace fs = std::filesystem;

int serve_command(const ServeOptions& o, const std::atomic<bool>& stop) {
  const fs::path data(o.data);
  const fs::path jobs_dir = data / "jobs";
  std::error_code ec;
  fs::create_directories(jobs_dir, ec);
  if (ec) {
    std::fprintf(stderr, "error: --data %s: cannot create %s: %s\n", o.data.c_str(), jobs_dir.string().c_str(), ec.message().c_str());
    return static_cast<int>(ExitCode::OutputError);
  }
  std::unique_ptr<Store> store;
  try {
    store = open_store(o.db, data);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: --db: %s\n", e.what());
    return static_cast<int>(ExitCode::OutputError);
  }
  if (!o.create_token.empty()) {
    const std::string token = random_token();
    store->add_token(o.create_token, sha256_hex(token));
    std::printf("%s\n", token.c_str());
    std::fprintf(stderr, "token \"%s\" stored (its SHA-256 only) in %s; send it as \"Authorization: Bearer <token>\"\n",
                 o.create_token.c_str(), store->describe().c_str());
    return 0;
  }

  std::unique_ptr<DataLock> lock;
  try {
    lock = std::make_unique<DataLock>(data);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: --data: %s\n", e.what());
    return static_cast<int>(ExitCode::BadInput);
  }

  QueueOptions qo;
  qo.jobs_dir = jobs_dir;
  qo.workers = o.workers;
  qo.threads_per_job = o.threads > 0 ? o.threads : std::max(1, omp_get_num_procs() / std::max(1, o.workers));
  qo.max_queued = o.max_queue;
  qo.keep_populations = o.keep_populations;
  JobQueue queue(*store, qo);
  const auto [requeued, failed] = queue.start();

  httplib::Server server;
  // httplib's default also sets SO_REUSEPORT, which lets a second server bind the same port and share its requests:
  // only SO_REUSEADDR (a restart need not wait for old connections), so a port in use is an error.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  install_api(server, *store, queue, o, jobs_dir);
  if (!server.bind_to_port(o.host.c_str(), o.port)) {
    std::fprintf(stderr, "error: --host %s --port %d: cannot listen there (is the port in use, or the address not this machine's?)\n",
                 o.host.c_str(), o.port);
    queue.stop();
    return static_cast<int>(ExitCode::BadInput);
  }
  if (!widen_listen_backlog(o.port, 1024)) std::fprintf(stderr, "tongchou serve: warning: the listening socket's backlog stays at 5\n");
  std::fprintf(stderr, "tongchou serve: http://%s:%d/ (API under /api), data %s, store %s, %d worker%s of %d thread%s; %d job%s queued again, %d marked failed\n",
               o.host.c_str(), o.port, o.data.c_str(), store->describe().c_str(), qo.workers, qo.workers == 1 ? "" : "s",
               qo.threads_per_job, qo.threads_per_job == 1 ? "" : "s", requeued, requeued == 1 ? "" : "s", failed);
  std::atomic<bool> listening_ended{false};
  std::thread watcher([&] {  // SIGINT or SIGTERM: stop listening (again until the server has stopped)
    while (!listening_ended.load()) {
      if (stop.load()) server.stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  server.listen_after_bind();
  listening_ended = true;
  watcher.join();
  queue.stop();
  std::fprintf(stderr, "tongchou serve: stopped; running jobs run again at the next start\n");
  return 0;
}

}  // namespace tongchou::service

#pragma once
// The service's bounded job queue: N worker threads take jobs in order of submission and carry each out through its
// kind (job_kinds.hpp) and one shared ScenarioRunner (populations made once, reused by every job). The store holds
// every state change, so that a restart finds what was queued or running: a job that was running when the server
// died is queued again (after 3 interrupted attempts, or when its request no longer reads, it is marked failed with
// the reason) — never lost. The runner's kept populations are bounded (QueueOptions::keep_populations).
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "run/scenario_runner.hpp"
#include "service/job_kinds.hpp"
#include "service/store.hpp"

namespace tongchou::service {

struct QueueOptions {
  std::filesystem::path jobs_dir;  //!< DATA/jobs
  int workers = 1;
  int threads_per_job = 1;
  std::size_t max_queued = 100;   //!< jobs waiting; a submission beyond is refused (429)
  int max_attempts = 3;           //!< runs interrupted by a server's death before a job is marked failed
  std::size_t keep_populations = 4;  //!< populations kept for reuse; beyond, the next job starts a fresh runner
};

class JobQueue {
 public:
  JobQueue(Store& store, QueueOptions options);
  ~JobQueue();
  JobQueue(const JobQueue&) = delete;
  JobQueue& operator=(const JobQueue&) = delete;

  //! Re-queues the jobs the store has as queued or running (oldest first), then starts the workers. Returns the
  //! number re-queued and marked failed.
  std::pair<int, int> start();
  //! Stores and queues a new job; throws ApiError 429 when max_queued jobs wait already.
  std::int64_t submit(const std::string& kind, const std::string& spec);
  //! Cancels a queued or running job: true if it was queued or running.
  bool cancel(std::int64_t id);
  //! Whether the job is running now.
  bool running(std::int64_t id) const;
  //! Forgets a queued job (it is being deleted).
  void forget(std::int64_t id);
  //! Stops the workers: running jobs are interrupted and left queued for the next start.
  void stop();

  std::size_t queued() const;

 private:
  void work();
  void carry_out(std::int64_t id);

  Store& store_;
  QueueOptions options_;
  //! The runner every job goes through (populations made once, reused). It keeps every population it made, so when it
  //! holds more than keep_populations a fresh one replaces it for the jobs that start next (running jobs keep theirs).
  std::shared_ptr<ScenarioRunner> runner_ = std::make_shared<ScenarioRunner>();
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::int64_t> queue_;
  std::map<std::int64_t, std::shared_ptr<std::atomic<bool>>> running_;  //!< job -> its stop flag
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace tongchou::service

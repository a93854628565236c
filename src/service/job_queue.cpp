#include "service/job_queue.hpp"

#include <fmt/format.h>

#include <chrono>

#include "core/error.hpp"
#include "service/api_error.hpp"

namespace tongchou::service {

namespace {

std::string input_error_text(const InputError& e) {
  std::string text = fmt::format("invalid input ({} problem{}):", e.diagnostics().size(), e.diagnostics().size() == 1 ? "" : "s");
  for (const auto& d : e.diagnostics()) {
    text += '\n';
    text += d.to_string();
  }
  return text;
}

}  // namespace

JobQueue::JobQueue(Store& store, QueueOptions options) : store_(store), options_(std::move(options)) {}

JobQueue::~JobQueue() { stop(); }

std::pair<int, int> JobQueue::start() {
  int requeued = 0, failed = 0;
  for (const auto& job : store_.unfinished()) {
    std::string reason;
    try {
      if (!Json::parse(job.spec).is_object()) reason = "its stored request is not a JSON object";
      else if (!find_job_kind(job.kind)) reason = fmt::format("the job's kind \"{}\" is not one this server runs", job.kind);
    } catch (const std::exception& e) {
      reason = fmt::format("its stored request does not read: {}", e.what());
    }
    if (reason.empty() && job.status == JobStatus::Running && job.attempts >= options_.max_attempts)
      reason = fmt::format("the server stopped during each of its {} attempts", job.attempts);
    if (!reason.empty()) {
      store_.set_status(job.id, JobStatus::Failed, "not run again: " + reason);
      ++failed;
      continue;
    }
    if (job.status == JobStatus::Running)
      store_.set_status(job.id, JobStatus::Queued, fmt::format("queued again: the server stopped during attempt {}", job.attempts));
    std::lock_guard lock(mutex_);
    queue_.push_back(job.id);
    ++requeued;
  }
  for (int i = 0; i < options_.workers; ++i) workers_.emplace_back([this] { work(); });
  return {requeued, failed};
}

std::int64_t JobQueue::submit(const std::string& kind, const std::string& spec) {
  std::lock_guard lock(mutex_);
  if (queue_.size() >= options_.max_queued)
    throw ApiError(429, fmt::format("the queue is full: {} jobs are waiting (--max-queue {}); try again when some have run",
                                    queue_.size(), options_.max_queued));
  const std::int64_t id = store_.add_job(kind, spec);
  queue_.push_back(id);
  wake_.notify_one();
  return id;
}

bool JobQueue::cancel(std::int64_t id) {
  std::lock_guard lock(mutex_);
  if (auto it = running_.find(id); it != running_.end()) {
    it->second->store(true);
    return true;
  }
  for (auto it = queue_.begin(); it != queue_.end(); ++it)
    if (*it == id) {
      queue_.erase(it);
      store_.set_status(id, JobStatus::Cancelled, "cancelled before it started");
      return true;
    }
  return false;
}

bool JobQueue::running(std::int64_t id) const {
  std::lock_guard lock(mutex_);
  return running_.count(id) > 0;
}

void JobQueue::forget(std::int64_t id) {
  std::lock_guard lock(mutex_);
  std::erase(queue_, id);
}

std::size_t JobQueue::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void JobQueue::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [id, flag] : running_) flag->store(true);
  }
  wake_.notify_all();
  for (auto& t : workers_)
    if (t.joinable()) t.join();
  workers_.clear();
}

void JobQueue::work() {
  for (;;) {
    std::int64_t id = 0;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      id = queue_.front();
      queue_.pop_front();
      running_.emplace(id, std::make_shared<std::atomic<bool>>(false));
    }
    try {
      carry_out(id);
    } catch (const std::exception& e) {  // the store itself failed: say so, keep serving
      std::fprintf(stderr, "tongchou serve: job %lld: %s\n", static_cast<long long>(id), e.what());
    }
    std::lock_guard lock(mutex_);
    running_.erase(id);
  }
}

void JobQueue::carry_out(std::int64_t id) {
  const auto job = store_.job(id);
  if (!job || job->status != JobStatus::Queued) return;  // deleted or cancelled meanwhile
  std::shared_ptr<std::atomic<bool>> stop;
  std::shared_ptr<ScenarioRunner> runner;
  {
    std::lock_guard lock(mutex_);
    stop = running_.at(id);
    if (runner_->populations_made() > options_.keep_populations) runner_ = std::make_shared<ScenarioRunner>();
    runner = runner_;
  }
  store_.start_job(id);
  const auto t0 = std::chrono::steady_clock::now();
  auto last = t0 - std::chrono::seconds(1);
  JobContext ctx;
  Json spec;
  try {
    spec = Json::parse(job->spec);
    const JobKind* kind = find_job_kind(job->kind);
    if (!kind) throw ApiError(400, "unknown kind " + job->kind);
    ctx.spec = &spec;
    ctx.dir = options_.jobs_dir / std::to_string(id);
    ctx.jobs_dir = options_.jobs_dir;
    ctx.runner = runner.get();
    ctx.threads = options_.threads_per_job;
    ctx.stop = stop.get();
    ctx.progress = [&](double fraction, const std::string& line) {
      const auto now = std::chrono::steady_clock::now();
      if (now - last < std::chrono::milliseconds(250)) return;  // the store hears at most 4 updates a second
      last = now;
      store_.set_progress(id, fraction, line);
    };
    const Json scorecard = kind->execute(ctx);
    Json result{{"scorecard", scorecard}, {"files", job_files(ctx.dir)}};
    store_.set_status(id, JobStatus::Done,
                      fmt::format("done in {:.1f} s", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()),
                      result.dump());
  } catch (const RunCancelled&) {
    bool shutting_down = false;
    {
      std::lock_guard lock(mutex_);
      shutting_down = stopping_;
    }
    if (shutting_down) store_.set_status(id, JobStatus::Queued, "interrupted by the server's stop; runs again at its next start");
    else store_.set_status(id, JobStatus::Cancelled, "cancelled while running");
  } catch (const InputError& e) {
    store_.set_status(id, JobStatus::Failed, input_error_text(e));
  } catch (const OutputError& e) {
    store_.set_status(id, JobStatus::Failed, std::string("output error: ") + e.what());
  } catch (const ApiError& e) {
    store_.set_status(id, JobStatus::Failed, e.what());
  } catch (const std::exception& e) {
    store_.set_status(id, JobStatus::Failed, std::string("internal error: ") + e.what());
  }
}

}  // namespace tongchou::service

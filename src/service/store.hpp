#pragma once
// Where the service keeps its jobs and tokens, so that they outlive the process: the interface, and open_store() that
// picks the implementation: SQLite (a file, by default DATA/tongchou.db; sqlite_store.cpp) or PostgreSQL (a
// postgresql:// URL; postgres_store.cpp). Every method is safe to call from several threads at once.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tongchou::service {

//! A job's state: queued -> running -> done | failed | cancelled (running -> queued again when the server stops or
//! dies during it and re-runs it at its next start).
enum class JobStatus { Queued, Running, Done, Failed, Cancelled };
std::string to_string(JobStatus status);
//! The status named `text`; nullopt for an unknown name.
std::optional<JobStatus> job_status(std::string_view text);

struct JobRecord {
  std::int64_t id = 0;
  std::string kind;            //!< run, ensemble, sweep, compare (job_kinds.hpp)
  JobStatus status = JobStatus::Queued;
  double progress = 0;         //!< 0..1
  std::string message;         //!< the last progress line, or why it failed
  std::string spec;            //!< the request as submitted (JSON text): what a re-run starts from
  std::string result;          //!< JSON text when done: {"scorecard": ..., "files": [...]}; empty before
  int attempts = 0;            //!< times it was started
  std::string created, updated;  //!< UTC, ISO 8601
};

class Store {
 public:
  virtual ~Store() = default;
  //! Adds a queued job; returns its id (ids only grow).
  virtual std::int64_t add_job(const std::string& kind, const std::string& spec) = 0;
  virtual std::optional<JobRecord> job(std::int64_t id) = 0;
  //! Every job, newest first (at most `limit`).
  virtual std::vector<JobRecord> jobs(int limit) = 0;
  //! Jobs queued or running, oldest first: what a start re-queues.
  virtual std::vector<JobRecord> unfinished() = 0;
  //! Marks the job running and counts the attempt.
  virtual void start_job(std::int64_t id) = 0;
  virtual void set_progress(std::int64_t id, double progress, const std::string& message) = 0;
  //! Sets the status (and message, and the result when given).
  virtual void set_status(std::int64_t id, JobStatus status, const std::string& message, const std::string& result = "") = 0;
  //! Removes the job's record; false when there was none.
  virtual bool remove_job(std::int64_t id) = 0;

  //! Stores a token's name and SHA-256 (hex); a second token of the same name replaces the first.
  virtual void add_token(const std::string& name, const std::string& hash) = 0;
  //! Whether a stored token has this hash.
  virtual bool token_known(const std::string& hash) = 0;
  //! What it is, for the log: "SQLite /path", "PostgreSQL host/db".
  virtual std::string describe() const = 0;
};

//! `db` empty: SQLite at data_dir/tongchou.db; a postgresql:// or postgres:// URL: PostgreSQL; else an SQLite file path.
//! Creates the tables when missing. Throws std::runtime_error saying what failed.
std::unique_ptr<Store> open_store(const std::string& db, const std::filesystem::path& data_dir);

//! The time now, UTC, as 2026-01-31T12:00:00Z.
std::string utc_now();

}  // namespace tongchou::service

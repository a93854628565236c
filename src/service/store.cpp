#include "service/store.hpp"

#include <chrono>
#include <ctime>

#include "service/postgres_store.hpp"
#include "service/sqlite_store.hpp"

namespace tongchou::service {

std::string to_string(JobStatus status) {
  switch (status) {
    case JobStatus::Queued: return "queued";
    case JobStatus::Running: return "running";
    case JobStatus::Done: return "done";
    case JobStatus::Failed: return "failed";
    case JobStatus::Cancelled: return "cancelled";
  }
  return "unknown";
}

std::optional<JobStatus> job_status(std::string_view text) {
  for (JobStatus s : {JobStatus::Queued, JobStatus::Running, JobStatus::Done, JobStatus::Failed, JobStatus::Cancelled})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

std::unique_ptr<Store> open_store(const std::string& db, const std::filesystem::path& data_dir) {
  if (db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0) return std::make_unique<PostgresStore>(db);
  return std::make_unique<SqliteStore>(db.empty() ? data_dir / "tongchou.db" : std::filesystem::path(db));
}

std::string utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace tongchou::service

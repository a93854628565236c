#pragma once
// The service's store in an SQLite file (the default, DATA/tongchou.db): write-ahead log (readers never wait for a
// writer; a kill -9 loses nothing committed), a busy timeout of 5 s, one connection behind a mutex.
#include <filesystem>
#include <mutex>

#include "service/store.hpp"

struct sqlite3;

namespace tongchou::service {

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::filesystem::path& file);
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  std::int64_t add_job(const std::string& kind, const std::string& spec) override;
  std::optional<JobRecord> job(std::int64_t id) override;
  std::vector<JobRecord> jobs(int limit) override;
  std::vector<JobRecord> unfinished() override;
  void start_job(std::int64_t id) override;
  void set_progress(std::int64_t id, double progress, const std::string& message) override;
  void set_status(std::int64_t id, JobStatus status, const std::string& message, const std::string& result = "") override;
  bool remove_job(std::int64_t id) override;
  void add_token(const std::string& name, const std::string& hash) override;
  bool token_known(const std::string& hash) override;
  std::string describe() const override;

 private:
  std::vector<JobRecord> select(const std::string& where_and_order, std::int64_t bind);
  std::filesystem::path file_;
  std::mutex mutex_;
  sqlite3* db_ = nullptr;
};

}  // namespace tongchou::service

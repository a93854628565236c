#pragma once
// The service's store in PostgreSQL (--db postgresql://...), through libpqxx: the same tables as the SQLite store, one
// connection behind a mutex, each change its own transaction.
#include <memory>
#include <mutex>

#include "service/store.hpp"

namespace tongchou::service {

struct PgConnection;  //!< a pqxx::connection (postgres_store.cpp)

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(const std::string& url);
  ~PostgresStore() override;
  PostgresStore(const PostgresStore&) = delete;
  PostgresStore& operator=(const PostgresStore&) = delete;

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
  std::string where_;  //!< host and database, without the password
  std::mutex mutex_;
  std::unique_ptr<PgConnection> conn_;
};

}  // namespace tongchou::service

#include "service/postgres_store.hpp"

#include <fmt/format.h>

#include <pqxx/pqxx>
#include <stdexcept>

namespace tongchou::service {

struct PgConnection {
  explicit PgConnection(const std::string& url) : c(url) {}
  pqxx::connection c;
};

namespace {

constexpr const char* kSelect =
    "SELECT id, kind, status, progress, message, spec, result, attempts, created, updated FROM jobs ";

std::vector<JobRecord> records(const pqxx::result& rows) {
  std::vector<JobRecord> out;
  for (const auto& row : rows) {
    JobRecord r;
    r.id = row[0].as<std::int64_t>();
    r.kind = row[1].as<std::string>();
    r.status = job_status(row[2].as<std::string>()).value_or(JobStatus::Failed);
    r.progress = row[3].as<double>();
    r.message = row[4].as<std::string>();
    r.spec = row[5].as<std::string>();
    r.result = row[6].as<std::string>();
    r.attempts = row[7].as<int>();
    r.created = row[8].as<std::string>();
    r.updated = row[9].as<std::string>();
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

PostgresStore::PostgresStore(const std::string& url) {
  try {
    conn_ = std::make_unique<PgConnection>(url);
    where_ = fmt::format("{}/{}", conn_->c.hostname() ? conn_->c.hostname() : "", conn_->c.dbname() ? conn_->c.dbname() : "");
    pqxx::work w(conn_->c);
    w.exec(
        "CREATE TABLE IF NOT EXISTS jobs (id BIGSERIAL PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL, "
        "progress DOUBLE PRECISION NOT NULL DEFAULT 0, message TEXT NOT NULL DEFAULT '', spec TEXT NOT NULL, "
        "result TEXT NOT NULL DEFAULT '', attempts INTEGER NOT NULL DEFAULT 0, created TEXT NOT NULL, updated TEXT NOT NULL)");
    w.exec("CREATE TABLE IF NOT EXISTS tokens (name TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, created TEXT NOT NULL)");
    w.commit();
  } catch (const std::exception& e) {
    throw std::runtime_error(fmt::format("PostgreSQL: {}", e.what()));
  }
}

PostgresStore::~PostgresStore() = default;

std::int64_t PostgresStore::add_job(const std::string& kind, const std::string& spec) {
  std::lock_guard lock(mutex_);
  pqxx::work w(conn_->c);
  const std::string now = utc_now();
  const auto r = w.exec_params("INSERT INTO jobs (kind, status, spec, created, updated) VALUES ($1, 'queued', $2, $3, $3) RETURNING id",
                               kind, spec, now);
  w.commit();
  return r[0][0].as<std::int64_t>();
}

std::optional<JobRecord> PostgresStore::job(std::int64_t id) {
  std::lock_guard lock(mutex_);
  pqxx::work w(conn_->c);
  auto found = records(w.exec_params(std::string(kSelect) + "WHERE id = $1", id));
  w.commit();
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<JobRecord> PostgresStore::jobs(int limit) {
  std::lock_guard lock(mutex_);
  pqxx::work w(conn_->c);
  auto found = records(w.exec_params(std::string(kSelect) + "ORDER BY id DESC LIMIT $1", limit));
  w.commit();
  return found;
}

std::vector<JobRecord> PostgresStore::unfinished() {
  std::lock_guard lock(mutex_);
  pqxx::work w(conn_->c);
  auto found = records(w.exec(std::string(kSelect) + "WHERE status IN ('queued', 'running') ORDER BY id"));
  w.commit();
  return found;
}

void PostgresStore::start_job(std::int64_t id) {
  std::lock_guard lock(mutex_);
  pqxx::work w(conn_->c);
  w.exec_params("UPDATE jobs SET status = 'running', progress = 0, attempts = attempts + 1, updated = $1 WHERE id = $2", utc_now(), id);
  w.commit();
}

void PostgresStore::set_progress(std::int64_t id, double progress, const std::string& message) {
  std::lock_guard lock(mutex_);
  pqxx::work w(conn_->c);
  w.exec_params("UPDATE jobs SET progress = $1, message = $2, updated = $3 WHERE id = $4", progress, message, utc_now(), id);
  w.commit();
}

void PostgresStore::set_status(std::int64_t id, JobStatus status, const std::string& message, const std::string& result) {
  std::lock_guard lock(mutex_);
  pqxx::work w(conn_->c);
  w.exec_params("UPDATE jobs SET status = $1, message = $2, result = CASE WHEN $3 = '' THEN result ELSE $3 END, "
                "progress = CASE WHEN $1 = 'done' THEN 1 ELSE progress END, updated = $4 WHERE id = $5",
                to_string(status), message, result, utc_now(), id);
  w.commit();
}

bool PostgresStore::remove_job(std::int64_t id) {
  std::lock_guard lock(mutex_);
  pqxx::work w(conn_->c);
  const auto r = w.exec_params("DELETE FROM jobs WHERE id = $1", id);
  w.commit();
  return r.affected_rows() > 0;
}

void PostgresStore::add_token(const std::string& name, const std::string& hash) {
  std::lock_guard lock(mutex_);
  pqxx::work w(conn_->c);
  w.exec_params("INSERT INTO tokens (name, hash, created) VALUES ($1, $2, $3) "
                "ON CONFLICT (name) DO UPDATE SET hash = EXCLUDED.hash, created = EXCLUDED.created",
                name, hash, utc_now());
  w.commit();
}

bool PostgresStore::token_known(const std::string& hash) {
  std::lock_guard lock(mutex_);
  pqxx::work w(conn_->c);
  const auto r = w.exec_params("SELECT 1 FROM tokens WHERE hash = $1", hash);
  w.commit();
  return !r.empty();
}

std::string PostgresStore::describe() const { return "PostgreSQL " + where_; }

}  // namespace tongchou::service

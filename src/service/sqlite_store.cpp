#include "service/sqlite_store.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include <stdexcept>

namespace tongchou::service {

namespace {

// A prepared statement, finalized on every path.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK)
      throw std::runtime_error(fmt::format("SQLite: {} ({})", sqlite3_errmsg(db), sql));
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& bind(int i, const std::string& text) {
    sqlite3_bind_text(stmt_, i, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Statement& bind(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  //! Steps once: true while there is a row.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(fmt::format("SQLite: {}", sqlite3_errmsg(db_)));
  }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
  }
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  double real(int col) const { return sqlite3_column_double(stmt_, col); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

void exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error(fmt::format("SQLite: {} ({})", message, sql));
  }
}

constexpr const char* kColumns = "id, kind, status, progress, message, spec, result, attempts, created, updated";

JobRecord record(const Statement& s) {
  JobRecord r;
  r.id = s.integer(0);
  r.kind = s.text(1);
  r.status = job_status(s.text(2)).value_or(JobStatus::Failed);
  r.progress = s.real(3);
  r.message = s.text(4);
  r.spec = s.text(5);
  r.result = s.text(6);
  r.attempts = static_cast<int>(s.integer(7));
  r.created = s.text(8);
  r.updated = s.text(9);
  return r;
}

}  // namespace

SqliteStore::SqliteStore(const std::filesystem::path& file) : file_(file) {
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error(fmt::format("cannot open the SQLite database {}: {}", file.string(), message));
  }
  try {
    sqlite3_busy_timeout(db_, 5000);
    exec(db_, "PRAGMA journal_mode=WAL");
    exec(db_, "PRAGMA synchronous=NORMAL");
    exec(db_,
         "CREATE TABLE IF NOT EXISTS jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, status TEXT NOT NULL, "
         "progress REAL NOT NULL DEFAULT 0, message TEXT NOT NULL DEFAULT '', spec TEXT NOT NULL, result TEXT NOT NULL DEFAULT '', "
         "attempts INTEGER NOT NULL DEFAULT 0, created TEXT NOT NULL, updated TEXT NOT NULL)");
    exec(db_, "CREATE TABLE IF NOT EXISTS tokens (name TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, created TEXT NOT NULL)");
  } catch (const std::exception& e) {
    sqlite3_close(db_);
    throw std::runtime_error(fmt::format("cannot use the SQLite database {}: {}", file.string(), e.what()));
  }
}

SqliteStore::~SqliteStore() { sqlite3_close(db_); }

std::int64_t SqliteStore::add_job(const std::string& kind, const std::string& spec) {
  std::lock_guard lock(mutex_);
  const std::string now = utc_now();
  Statement s(db_, "INSERT INTO jobs (kind, status, spec, created, updated) VALUES (?, 'queued', ?, ?, ?)");
  s.bind(1, kind).bind(2, spec).bind(3, now).bind(4, now).step();
  return sqlite3_last_insert_rowid(db_);
}

std::vector<JobRecord> SqliteStore::select(const std::string& where_and_order, std::int64_t bind) {
  std::lock_guard lock(mutex_);
  Statement s(db_, fmt::format("SELECT {} FROM jobs {}", kColumns, where_and_order));
  if (where_and_order.find('?') != std::string::npos) s.bind(1, bind);
  std::vector<JobRecord> out;
  while (s.step()) out.push_back(record(s));
  return out;
}

std::optional<JobRecord> SqliteStore::job(std::int64_t id) {
  auto found = select("WHERE id = ?", id);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<JobRecord> SqliteStore::jobs(int limit) { return select("ORDER BY id DESC LIMIT ?", limit); }

std::vector<JobRecord> SqliteStore::unfinished() { return select("WHERE status IN ('queued', 'running') ORDER BY id", 0); }

void SqliteStore::start_job(std::int64_t id) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "UPDATE jobs SET status = 'running', progress = 0, attempts = attempts + 1, updated = ? WHERE id = ?");
  s.bind(1, utc_now()).bind(2, id).step();
}

void SqliteStore::set_progress(std::int64_t id, double progress, const std::string& message) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "UPDATE jobs SET progress = ?, message = ?, updated = ? WHERE id = ?");
  s.bind(1, progress).bind(2, message).bind(3, utc_now()).bind(4, id).step();
}

void SqliteStore::set_status(std::int64_t id, JobStatus status, const std::string& message, const std::string& result) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "UPDATE jobs SET status = ?, message = ?, result = CASE WHEN ? = '' THEN result ELSE ? END, "
                   "progress = CASE WHEN ? = 'done' THEN 1 ELSE progress END, updated = ? WHERE id = ?");
  const std::string name = to_string(status);
  s.bind(1, name).bind(2, message).bind(3, result).bind(4, result).bind(5, name).bind(6, utc_now()).bind(7, id).step();
}

bool SqliteStore::remove_job(std::int64_t id) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "DELETE FROM jobs WHERE id = ?");
  s.bind(1, id).step();
  return sqlite3_changes(db_) > 0;
}

void SqliteStore::add_token(const std::string& name, const std::string& hash) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "INSERT INTO tokens (name, hash, created) VALUES (?, ?, ?) "
                   "ON CONFLICT(name) DO UPDATE SET hash = excluded.hash, created = excluded.created");
  s.bind(1, name).bind(2, hash).bind(3, utc_now()).step();
}

bool SqliteStore::token_known(const std::string& hash) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "SELECT 1 FROM tokens WHERE hash = ?");
  s.bind(1, hash);
  return s.step();
}

std::string SqliteStore::describe() const { return "SQLite " + file_.string(); }

}  // namespace tongchou::service

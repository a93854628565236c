#pragma once
// One server per DATA folder: two would both re-queue the same interrupted jobs and write the same folders. The lock
// is an exclusive flock on DATA/serve.lock, held while the server runs and released by the kernel when it exits,
// however it ends (kill -9 included), so a stale lock never blocks a restart.
#include <filesystem>
#include <string>

namespace tongchou::service {

class DataLock {
 public:
  //! Takes the lock; throws std::runtime_error saying that another server holds it, or why the file cannot be made.
  explicit DataLock(const std::filesystem::path& data_dir);
  ~DataLock();
  DataLock(const DataLock&) = delete;
  DataLock& operator=(const DataLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace tongchou::service

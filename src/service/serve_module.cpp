// libtongchou_serve.so: `tongchou serve` (serve_command.cpp and the rest of src/service/, with its own copy of
// tongchou's library), loaded by the program's serve_loader.cpp only for that command: linked into tongchou, its
// libraries (libpqxx and libpq, cpp-httplib, OpenSSL, SQLite) added about 9 MB to every run's resident memory.
#include <atomic>

#include "service/serve_command.hpp"
#include "service/serve_module.hpp"

extern "C" __attribute__((visibility("default"))) int tongchou_serve_command(const tongchou::service::ServeOptions* options,
                                                                              const std::atomic<bool>* stop) {
  return tongchou::service::serve_command(*options, *stop);
}

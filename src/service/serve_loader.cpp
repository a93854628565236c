// serve_command for the tongchou program: it runs the one in libtongchou_serve.so (serve_module.cpp), which the
// program loads only for `tongchou serve`. The unit tests link serve_command.cpp itself.
#include <atomic>

#include "core/module_loader.hpp"
#include "service/serve_command.hpp"
#include "service/serve_module.hpp"

namespace tongchou::service {

int serve_command(const ServeOptions& options, const std::atomic<bool>& stop) {
  using Entry = int (*)(const ServeOptions*, const std::atomic<bool>*);
  return reinterpret_cast<Entry>(module_entry(kServeModuleFile, kServeModuleEntry))(&options, &stop);
}

}  // namespace tongchou::service

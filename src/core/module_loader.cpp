#include "core/module_loader.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <stdexcept>
#include <vector>

namespace tongchou {

namespace {

std::vector<std::filesystem::path> module_candidates(const std::string& file) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) out.push_back(exe.parent_path() / file);
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&module_entry), &info) != 0 && info.dli_fname != nullptr) {
    const std::filesystem::path self(info.dli_fname);
    if (self.is_absolute() && self.parent_path() != exe.parent_path()) out.push_back(self.parent_path() / file);
  }
#ifdef TONGCHOU_MODULE_DIR
  out.push_back(std::filesystem::path(TONGCHOU_MODULE_DIR) / file);
#endif
  return out;
}

}  // namespace

void* module_entry(const std::string& file, const char* entry) {
  std::string tried;
  for (const auto& path : module_candidates(file)) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      tried += "\n  " + path.string() + ": not found";
      continue;
    }
    // Kept once loaded (RTLD_NODELETE; dlopen again only counts a reference): unloading a library would run its
    // destructors for nothing.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (handle == nullptr) {
      const char* why = dlerror();
      tried += "\n  " + path.string() + ": " + (why ? why : "cannot be loaded");
      continue;
    }
    if (void* symbol = dlsym(handle, entry)) return symbol;
    tried += "\n  " + path.string() + ": no " + entry;
  }
  throw std::runtime_error("tongchou needs its module " + file + ", beside the tongchou program; it was not loaded:" + tried);
}

}  // namespace tongchou

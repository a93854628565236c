#include "plans/pagmo_search.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <stdexcept>

namespace tongchou {

namespace {

// Where the module may be: beside the program (build/release/tongchou, an installed bin/), beside the shared object
// that holds this code (the Python module), then the build folder it was built in (unit tests, the Python module in
// build/release/python/).
std::vector<std::filesystem::path> module_candidates() {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) out.push_back(exe.parent_path() / kPagmoModuleFile);
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&run_pagmo_search), &info) != 0 && info.dli_fname != nullptr) {
    const std::filesystem::path self(info.dli_fname);
    if (self.is_absolute()) out.push_back(self.parent_path() / kPagmoModuleFile);
  }
#ifdef TONGCHOU_MODULE_DIR
  out.push_back(std::filesystem::path(TONGCHOU_MODULE_DIR) / kPagmoModuleFile);
#endif
  return out;
}

}  // namespace

void run_pagmo_search(const PagmoSearch& search) {
  std::string tried;
  for (const auto& file : module_candidates()) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
      tried += "\n  " + file.string() + ": not found";
      continue;
    }
    // Loaded for the search and kept (RTLD_NODELETE): unloading pagmo2's library would run its destructors for nothing.
    void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (handle == nullptr) {
      const char* why = dlerror();
      tried += "\n  " + file.string() + ": " + (why ? why : "cannot be loaded");
      continue;
    }
    using Entry = void (*)(const PagmoSearch*);
    auto entry = reinterpret_cast<Entry>(dlsym(handle, kPagmoModuleEntry));
    if (entry == nullptr) {
      dlclose(handle);
      tried += "\n  " + file.string() + ": no " + kPagmoModuleEntry;
      continue;
    }
    try {
      entry(&search);
    } catch (...) {
      dlclose(handle);
      throw;
    }
    dlclose(handle);
    return;
  }
  throw std::runtime_error(std::string("the search of tongchou optimise needs its module ") + kPagmoModuleFile +
                           " (pagmo2), beside the tongchou program; it was not loaded:" + tried);
}

}  // namespace tongchou

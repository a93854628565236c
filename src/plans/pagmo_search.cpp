#include "plans/pagmo_search.hpp"

#include "core/module_loader.hpp"

namespace tongchou {

void run_pagmo_search(const PagmoSearch& search) {
  using Entry = void (*)(const PagmoSearch*);
  reinterpret_cast<Entry>(module_entry(kPagmoModuleFile, kPagmoModuleEntry))(&search);
}

}  // namespace tongchou

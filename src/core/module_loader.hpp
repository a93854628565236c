#pragma once
// The modules tongchou loads only for the commands that need them (libtongchou_pagmo.so for optimise's search,
// libtongchou_serve.so for `tongchou serve`): their libraries, linked into the program, cost every run resident memory
// (docs/performance.md, Memory).
#include <string>

namespace tongchou {

//! The entry point `entry` of the module file `file` (e.g. "libtongchou_pagmo.so"), loaded once and kept: looked for
//! beside the program, beside the shared object holding tongchou's code (the Python module), then in the build folder
//! the program was built in (unit tests). Throws std::runtime_error naming every place tried and why it failed.
void* module_entry(const std::string& file, const char* entry);

}  // namespace tongchou

#pragma once
// The search of `tongchou optimise` (pagmo2's NSGA-II or MOEA/D; gaco for one objective). pagmo2 lives in a module of its own,
// libtongchou_pagmo.so (src/plans/pagmo_module.cpp), loaded only when a search runs: linked into tongchou, pagmo2's
// library cost every command about 35 MB of resident memory (docs/performance.md, Memory).
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace tongchou {

//! One search, as pagmo sees it: decision vectors within [lo, hi], the last `integers` components integer (NSGA-II, gaco).
struct PagmoSearch {
  std::string algorithm;  //!< "nsga2", "moead" or "gaco" (one objective)
  unsigned seed = 0;
  int population = 0, generations = 0;
  std::size_t variables = 0;  //!< the plan's variables (NSGA-II mutates each with probability 1/variables)
  std::vector<double> lo, hi;
  std::size_t objectives = 0, integers = 0;
  //! Decision vectors (back to back) that begin the initial population, in this order; pagmo draws the rest at random
  //! (from `seed`). Those beyond `population` are left out.
  std::vector<double> first;
  //! Decision vectors back to back in, their fitness vectors (objectives each, minimised) back to back out.
  std::function<std::vector<double>(const std::vector<double>&)> batch_fitness;
  std::function<void(int)> generation_begins;  //!< before generation g is evaluated (0: the initial population)
  std::function<void(int)> generation_ends;    //!< after it
};

//! Runs the search in the module. std::invalid_argument when pagmo refuses the settings; the callbacks' exceptions
//! pass through; std::runtime_error when the module cannot be loaded (it names where it looked).
void run_pagmo_search(const PagmoSearch& search);

//! The module's file name and its entry point (extern "C", a `void (*)(const PagmoSearch*)`).
inline constexpr const char* kPagmoModuleFile = "libtongchou_pagmo.so";
inline constexpr const char* kPagmoModuleEntry = "tongchou_pagmo_search";

}  // namespace tongchou

// libtongchou_pagmo.so: pagmo2's search for `tongchou optimise`, loaded by run_pagmo_search (src/plans/pagmo_search.cpp).
// It includes nothing of tongchou's library but the search's description: the plans are evaluated by its callbacks.
#include <pagmo/algorithm.hpp>
#include <pagmo/algorithms/gaco.hpp>
#include <pagmo/algorithms/moead.hpp>
#include <pagmo/algorithms/nsga2.hpp>
#include <pagmo/batch_evaluators/member_bfe.hpp>
#include <pagmo/bfe.hpp>
#include <pagmo/population.hpp>
#include <pagmo/problem.hpp>

#include "plans/pagmo_search.hpp"

namespace {

struct Udp {
  const tongchou::PagmoSearch* s = nullptr;
  pagmo::vector_double fitness(const pagmo::vector_double& x) const { return s->batch_fitness(x); }
  pagmo::vector_double batch_fitness(const pagmo::vector_double& xs) const { return s->batch_fitness(xs); }
  std::pair<pagmo::vector_double, pagmo::vector_double> get_bounds() const { return {s->lo, s->hi}; }
  pagmo::vector_double::size_type get_nobj() const { return s->objectives; }
  pagmo::vector_double::size_type get_nix() const { return s->integers; }
  std::string get_name() const { return "tongchou plan"; }
};

}  // namespace

extern "C" __attribute__((visibility("default"))) void tongchou_pagmo_search(const tongchou::PagmoSearch* search) {
  const tongchou::PagmoSearch& s = *search;
  Udp udp;
  udp.s = &s;
  pagmo::problem prob{udp};
  s.generation_begins(0);
  pagmo::population pop(prob, pagmo::bfe{pagmo::member_bfe{}}, static_cast<pagmo::population::size_type>(s.population), s.seed);
  s.generation_ends(0);
  if (s.algorithm == "gaco") {
    // One objective: extended ant colony optimisation (mixed integer: stepped variables as integers), each
    // generation's ants evaluated as one batch; a kernel of the whole population, no memory between the calls of
    // one generation each (the population carries the search), stopping criteria off.
    const auto ker = static_cast<unsigned>(s.population);
    pagmo::gaco algo(1u, ker, 1.0, 0., 0.01, 1u, 7u, 100000u, 100000u, 0., false, s.seed);
    algo.set_bfe(pagmo::bfe{pagmo::member_bfe{}});
    for (int g = 1; g <= s.generations; ++g) {
      s.generation_begins(g);
      pop = algo.evolve(pop);
      s.generation_ends(g);
    }
  } else if (s.algorithm == "nsga2") {
    pagmo::nsga2 algo(1u, 0.95, 10., 1. / static_cast<double>(s.variables), 50., s.seed);
    algo.set_bfe(pagmo::bfe{pagmo::member_bfe{}});
    for (int g = 1; g <= s.generations; ++g) {
      s.generation_begins(g);
      pop = algo.evolve(pop);
      s.generation_ends(g);
    }
  } else {
    const unsigned neighbours = static_cast<unsigned>(std::min(20, s.population - 1));
    pagmo::moead algo(1u, "grid", "tchebycheff", neighbours, 1., 0.5, 20., 0.9, 2u, true, s.seed);
    for (int g = 1; g <= s.generations; ++g) {
      s.generation_begins(g);
      pop = algo.evolve(pop);
      s.generation_ends(g);
    }
  }
}

// libtongchou_pagmo.so: pagmo2's search for `tongchou optimise`, loaded by run_pagmo_search (src/plans/pagmo_search.cpp).
// It includes nothing of tongchou's library but the search's description: the plans are evaluated by its callbacks.
#include <algorithm>
#include <cstddef>

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

// The initial population: the search's given decision vectors first (s.first, in order), then random ones drawn from
// the population's generator (seeded with s.seed) up to s.population, evaluated as one batch.
pagmo::population initial_population(const tongchou::PagmoSearch& s, pagmo::problem& prob) {
  pagmo::population pop(prob, 0u, s.seed);
  const std::size_t d = s.lo.size(), n = static_cast<std::size_t>(s.population);
  const std::size_t given = d == 0 ? 0 : std::min(n, s.first.size() / d);
  pagmo::vector_double xs(s.first.begin(), s.first.begin() + static_cast<std::ptrdiff_t>(given * d));
  for (std::size_t i = given; i < n; ++i) {
    const pagmo::vector_double x = pop.random_decision_vector();
    xs.insert(xs.end(), x.begin(), x.end());
  }
  const pagmo::vector_double fs = pagmo::bfe{pagmo::member_bfe{}}(pop.get_problem(), xs);
  const std::size_t nf = s.objectives;
  for (std::size_t i = 0; i < n; ++i)
    pop.push_back(pagmo::vector_double(xs.begin() + static_cast<std::ptrdiff_t>(i * d), xs.begin() + static_cast<std::ptrdiff_t>((i + 1) * d)),
                  pagmo::vector_double(fs.begin() + static_cast<std::ptrdiff_t>(i * nf), fs.begin() + static_cast<std::ptrdiff_t>((i + 1) * nf)));
  return pop;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) void tongchou_pagmo_search(const tongchou::PagmoSearch* search) {
  const tongchou::PagmoSearch& s = *search;
  Udp udp;
  udp.s = &s;
  pagmo::problem prob{udp};
  s.generation_begins(0);
  pagmo::population pop = initial_population(s, prob);
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

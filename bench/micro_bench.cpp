// Micro-benchmarks: random numbers, synthesis and one simulated day. Run: build/release/bench/micro_bench
#include <benchmark/benchmark.h>

#include "core/rng.hpp"
#include "population/synthesis.hpp"
#include "scenario/scenario.hpp"
#include "sim/simulation.hpp"

using namespace tongchou;

static void BM_PhiloxUniform(benchmark::State& state) {
  std::uint64_t e = 0;
  for (auto _ : state) {
    Rng r(1, Purpose::Transmission, e++, 3);
    benchmark::DoNotOptimize(r.uniform());
  }
}
BENCHMARK(BM_PhiloxUniform);

static void BM_HashUniform(benchmark::State& state) {
  std::uint64_t e = 0;
  for (auto _ : state) benchmark::DoNotOptimize(hash_uniform(1, Purpose::VenueVisit, e++, 3));
}
BENCHMARK(BM_HashUniform);

static void BM_Synthesis(benchmark::State& state) {
  auto sc = load_scenario("uncontrolled");
  apply_overrides(sc, {"population.people=" + std::to_string(state.range(0))});
  const auto region = load_region(sc.params);
  for (auto _ : state) benchmark::DoNotOptimize(synthesise(region, sc.params).persons());
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Synthesis)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

// Days of an uncontrolled epidemic in 1,000,000 people, around its peak (days 40-60), per day.
static void BM_DayAtPeak(benchmark::State& state) {
  auto sc = load_scenario("uncontrolled");
  apply_overrides(sc, {"population.people=1000000", "output.infections=false"});
  Simulation sim(std::move(sc));
  for (int d = 0; d < 40; ++d) sim.step();
  for (auto _ : state) {
    if (sim.day() >= 60) state.SkipWithError("past the window");
    sim.step();
  }
}
BENCHMARK(BM_DayAtPeak)->Iterations(20)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();

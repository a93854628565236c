#pragma once
// The one "run this scenario" facade that the commands (run, ensemble, and the plans to come), the Python module and
// the service call. It keeps the populations it synthesised: a scenario with the same population key (same region,
// population and migrant parameters, same population seed) is set up on the population already made, never a second
// one. Thread-safe: several threads may run scenarios through one runner at once. Writing a run's folder is
// report/folder_writes.hpp's write_run_folder().
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "scenario/scenario.hpp"
#include "sim/prepared_population.hpp"
#include "sim/simulation.hpp"

namespace tongchou {

//! Thrown when a run is stopped through its stop flag (Ctrl-C); nothing of it is written.
struct RunCancelled : std::runtime_error {
  RunCancelled() : std::runtime_error("run cancelled") {}
};

class ScenarioRunner {
 public:
  //! The population for the scenario: one made before for the same population key, else a new one (kept).
  std::shared_ptr<const PreparedPopulation> population(const Scenario& scenario);

  //! The population for the scenario and its calibration (R0 -> beta), computed now on the calling thread's OpenMP
  //! threads unless made before: what runs of the same population and calibration keys (an ensemble's) then share,
  //! each finding it made rather than one of them making it on its own share of the threads while the others wait.
  void prepare(const Scenario& scenario);

  //! Sets up and runs the scenario on a kept or new population. `on_day(done, total)` after each day; when `stop`
  //! becomes true the run ends with RunCancelled. Throws InputError for bad input.
  std::unique_ptr<Simulation> simulate(Scenario scenario, const std::function<void(int, int)>& on_day = {},
                                       const std::atomic<bool>* stop = nullptr);

  //! Populations synthesised so far (each population key once).
  std::size_t populations_made() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const PreparedPopulation>> populations_;
};


}  // namespace tongchou

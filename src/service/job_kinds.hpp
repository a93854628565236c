#pragma once
// The kinds of job the service runs, one table entry each (run, ensemble, sweep, optimise, compare): how a job's request is checked when it is submitted, and how it is carried out into its folder
// DATA/jobs/<id>/ through the library's own facades (ScenarioRunner, run_ensemble, run_sweep, run_optimise,
// write_run_folder, write_compare_folder): the service never runs a simulation its own way.
//
// A request (JSON; docs/service.md): {"kind": "run", "scenario": "<built-in name or TOML text>", "overrides": {"key":
// value}, "seed": N, ...} and the kind's own fields: ensemble "runs" or "seeds"; sweep "params" {key: [values]},
// "ranges" {key: [lo, hi]}, "samples", "runs"; optimise "plan" (PLAN.toml's text), "runs"; compare "jobs" [ids of done runs].
#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "run/scenario_runner.hpp"
#include "scenario/scenario.hpp"

namespace tongchou::service {

using Json = nlohmann::ordered_json;

//! What a request asks for, for the limits: the largest run's agents (population after population.scale) and runs.
struct JobSize {
  double agents = 0;
  int runs = 0;
};

//! Where and how a job runs.
struct JobContext {
  const Json* spec = nullptr;
  std::filesystem::path dir;       //!< the job's folder, DATA/jobs/<id>
  std::filesystem::path jobs_dir;  //!< DATA/jobs (a comparison reads the runs there)
  ScenarioRunner* runner = nullptr;
  int threads = 1;
  const std::atomic<bool>* stop = nullptr;
  std::function<void(double fraction, const std::string& line)> progress;
};

struct JobKind {
  std::string name;
  std::string description;
  //! Checks the request (throws ApiError 400, or InputError for the scenario: 422) and says how large it is.
  std::function<JobSize(const Json& spec, const std::filesystem::path& jobs_dir)> check;
  //! Carries the job out into ctx.dir; returns its scorecard. Throws InputError, OutputError, RunCancelled.
  std::function<Json(const JobContext& ctx)> execute;
};

//! Every kind, in the order the API lists them.
const std::vector<JobKind>& job_kinds();
//! The kind named `name`, or nullptr.
const JobKind* find_job_kind(std::string_view name);

//! The request's base scenario: "scenario" (a built-in name, or TOML text read as scenario.toml; never a file path),
//! then "overrides" (as a sweep's variables: any parameter, zoning.LEVEL.MEASURE, measure.ID.from|until|value,
//! schedule.DATE.section.name) and "seed" applied. Throws ApiError (400) for a malformed field, InputError for the
//! scenario.
Scenario request_scenario(const Json& spec);

//! A JSON value as the TOML text --set takes ("2020-03-01", 2.5, true). Throws ApiError for arrays and objects.
std::string toml_value(const Json& value, const std::string& key);

//! The files of a job's folder that may be fetched, relative to it: the files each manifest.json lists (with the
//! manifest), and in folders without one the files the plan wrote beside its runs (ensemble.csv, sweep.csv ...).
//! Hidden entries (staging folders) are never listed.
std::vector<std::string> job_files(const std::filesystem::path& dir);

}  // namespace tongchou::service

#pragma once
// A calibration's FIT.toml (issue 16 §2, docs/calibration.md): the parameters to fit with their bounds and priors, the
// observed series, the loss, the seeds of every evaluation and the search. Read with toml++; every problem is an
// InputError naming the file, line and key, all of them at once.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "scenario/scenario.hpp"
#include "scenario/sweep_variable.hpp"

namespace tongchou {

enum class PriorKind { Uniform, Normal, LogNormal };

//! One [[parameter]]: a key as `tongchou sweep` takes it, its box [lo, hi] (dates as day numbers), searched on a log
//! scale when `log`, and its prior (normal: mean, sd; lognormal: mu, sigma of the logarithm).
struct FitParameter {
  std::string key;
  VariableType type = VariableType::Real;
  double lo = 0, hi = 0;
  bool log = false;
  PriorKind prior = PriorKind::Uniform;
  double mean = 0, sd = 0;       //!< normal: mean, sd; lognormal: mu, sigma of ln(x)
  std::optional<double> start;   //!< where the search begins (default: the middle of the box on the search scale)
  int line = 0;
};

//! One [[observed]] series of daily reported cases. `file` empty: the region's reported series (comparison.csv's).
struct ObservedSpec {
  std::string file;                    //!< as written; resolved against the FIT file's folder
  std::string path;                    //!< the file to read
  std::string date_column = "date", value_column;
  bool cumulative = false;             //!< the column holds cumulative counts (kind = "cumulative") or daily (kind = "daily")
  std::optional<Date> from, until;
  double weight = 1;
  int line = 0;
};

struct LossSpec {
  std::string kind = "poisson_deviance";
  double cumulative_weight = 10;  //!< weight of the squared log-ratio of the totals over each series' window
};

struct FitSpec {
  std::string source;  //!< the FIT file's path
  std::string text;    //!< its text (part of the fit's fingerprint)
  std::vector<FitParameter> parameters;
  std::vector<ObservedSpec> observed;  //!< never empty after parsing: the region's series by default
  LossSpec loss;
  std::vector<std::int64_t> seeds{1, 2};  //!< [evaluation] seeds: every candidate runs with these seeds
  std::string algorithm = "sbplx";        //!< [search] algorithm: sbplx, bobyqa, neldermead, cobyla (nlopt's LN_*)
  int budget = 100;                       //!< [search] budget: evaluations at most
  std::uint64_t search_seed = 1;          //!< [search] seed
  double step = 0.25;                     //!< [search] step: the first step as a share of each box
  int report_runs = 20;                   //!< [report] runs: seeds 1..N of the fitted scenario for the report's band
};

//! Parses FIT.toml text; the keys are checked against `base` (the scenario being fitted). `source` names the file in
//! messages and relative observed files are read from its folder. Throws InputError with every problem.
FitSpec parse_fit(std::string_view text, const std::string& source, const Scenario& base);

//! Reads and parses the file. Throws InputError.
FitSpec load_fit(const std::string& path, const Scenario& base);

//! The prior's penalty for value x: -2 ln(density) up to a constant (0 for uniform), the deviance's scale.
double prior_penalty(const FitParameter& p, double x);

}  // namespace tongchou

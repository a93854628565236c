#include "calibration/observed_counts.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "core/csv.hpp"
#include "output/observed_series.hpp"

namespace tongchou {

namespace {

[[noreturn]] void fail(const std::string& file, int line, const std::string& key, std::string message) {
  throw InputError({{file, line, 0, key, std::move(message)}});
}

// The window [from, until] in simulated days, checked against the simulated days (the entry's line in FIT.toml).
void check_window(const ObservedSpec& spec, const std::string& fit_source, const Simulation& sim) {
  const int last = sim.days() - 1;
  auto day = [&](Date d) { return d.days - sim.params().scenario_start.days; };
  if (spec.from && (day(*spec.from) < 0 || day(*spec.from) > last))
    fail(fit_source, spec.line, "observed.from", fmt::format("{} is outside the simulated days {} to {}", format_date(*spec.from),
                                                              format_date(sim.date_of(0)), format_date(sim.date_of(last))));
  if (spec.until && (day(*spec.until) < 0 || day(*spec.until) > last))
    fail(fit_source, spec.line, "observed.until", fmt::format("{} is outside the simulated days {} to {}", format_date(*spec.until),
                                                               format_date(sim.date_of(0)), format_date(sim.date_of(last))));
}

ObservedCounts from_region(const ObservedSpec& spec, const std::string& fit_source, const Simulation& sim) {
  const auto cumulative = observed_cumulative_confirmed(sim);
  ObservedCounts out;
  out.name = fmt::format("reported cases ({})", sim.params().scenario_region);
  out.weight = spec.weight;
  const int start = sim.params().scenario_start.days;
  const int lo = spec.from ? spec.from->days - start : 0;
  const int hi = spec.until ? spec.until->days - start : sim.days() - 1;
  int first = -1, last = -1;
  for (int d = std::max(0, lo); d <= std::min(hi, sim.days() - 1); ++d)
    if (cumulative[static_cast<std::size_t>(d)] >= 0) {
      if (first < 0) first = d;
      last = d;
    }
  if (first < 0)
    fail(fit_source, spec.line, "observed",
         fmt::format("the scenario's region {} has no reported series in the window: give an observed file (file = \"cases.csv\")",
                     sim.params().scenario_region));
  out.first_day = first;
  double before = first > 0 && cumulative[static_cast<std::size_t>(first - 1)] >= 0 ? cumulative[static_cast<std::size_t>(first - 1)] : 0;
  for (int d = first; d <= last; ++d) {
    const double c = cumulative[static_cast<std::size_t>(d)];
    if (c < 0) fail(fit_source, spec.line, "observed", fmt::format("the region's series has no value for {}", format_date(sim.date_of(d))));
    out.daily.push_back(std::max(0.0, c - before));  // a reported series is corrected now and then; a fall counts 0
    before = std::max(before, c);
  }
  return out;
}

ObservedCounts from_file(const ObservedSpec& spec, const Simulation& sim) {
  const CsvTable t = CsvTable::load(spec.path, true);
  for (const std::string& column : {spec.date_column, spec.value_column})
    if (!t.has_column(column))
      throw InputError({{spec.path, 1, 0, column, fmt::format("no such column (the columns are: {})", fmt::join(t.columns(), ", "))}});
  ObservedCounts out;
  out.name = spec.file;
  out.weight = spec.weight;
  const int start = sim.params().scenario_start.days, last_sim = sim.days() - 1;
  std::vector<Diagnostic> problems;
  double before = 0;  // the cumulative count on the row before the window
  std::optional<Date> previous;
  double previous_value = 0;
  for (std::size_t i = 0; i < t.rows(); ++i) {
    const auto date = parse_date(t.text(i, spec.date_column));
    if (!date) {
      problems.push_back(t.problem(i, spec.date_column, fmt::format("expected a date (2020-02-01), found \"{}\"", t.text(i, spec.date_column))));
      continue;
    }
    double value = 0;
    try {
      value = t.real(i, spec.value_column);
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
      continue;
    }
    if (value < 0) {
      problems.push_back(t.problem(i, spec.value_column, fmt::format("negative count {}", value)));
      continue;
    }
    if (previous && *date <= *previous) {
      problems.push_back(t.problem(i, spec.date_column, fmt::format("{} does not follow {}: one row per day, in date order",
                                                                    format_date(*date), format_date(*previous))));
      continue;
    }
    const bool in_window = (!spec.from || *date >= *spec.from) && (!spec.until || *date <= *spec.until) &&
                           date->days - start >= 0 && date->days - start <= last_sim;
    if (in_window && !out.daily.empty() && date->days != previous->days + 1)
      problems.push_back(t.problem(i, spec.date_column, fmt::format("missing dates: {} follows {} (one row per day)",
                                                                    format_date(*date), format_date(*previous))));
    if (spec.cumulative && previous && value < previous_value)
      problems.push_back(t.problem(i, spec.value_column, fmt::format("the cumulative count falls from {} to {}", previous_value, value)));
    if (in_window) {
      if (out.daily.empty()) out.first_day = date->days - start;
      out.daily.push_back(spec.cumulative ? std::max(0.0, value - before) : value);
    }
    if (spec.cumulative) before = value;
    previous = date;
    previous_value = value;
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  if (out.daily.empty())
    throw InputError({{spec.path, 0, 0, spec.date_column, fmt::format("no row in the window {} to {}",
                                                                      format_date(spec.from.value_or(sim.date_of(0))),
                                                                      format_date(spec.until.value_or(sim.date_of(last_sim))))}});
  if (spec.from && out.first_day != spec.from->days - start)
    throw InputError({{spec.path, 0, 0, spec.date_column, fmt::format("no row for from = {} (the first in the window is {})",
                                                                      format_date(*spec.from), format_date(sim.date_of(out.first_day)))}});
  if (spec.until && out.last_day() != spec.until->days - start)
    throw InputError({{spec.path, 0, 0, spec.date_column, fmt::format("no row for until = {} (the last in the window is {})",
                                                                      format_date(*spec.until), format_date(sim.date_of(out.last_day())))}});
  return out;
}

}  // namespace

ObservedCounts read_observed(const ObservedSpec& spec, const std::string& fit_source, const Simulation& sim) {
  check_window(spec, fit_source, sim);
  return spec.file.empty() ? from_region(spec, fit_source, sim) : from_file(spec, sim);
}

std::vector<ObservedCounts> read_observed_all(const FitSpec& fit, const Simulation& sim) {
  std::vector<ObservedCounts> out;
  std::vector<Diagnostic> problems;
  for (const auto& o : fit.observed) {
    try {
      out.push_back(read_observed(o, fit.source, sim));
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return out;
}

}  // namespace tongchou

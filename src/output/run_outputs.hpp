#pragma once
// The files a run writes under its output directory (docs/outputs.md describes every column).
#include <filesystem>
#include <string>

#include "core/atomic_file.hpp"
#include "sim/simulation.hpp"

namespace tongchou {

//! A CSV field: quoted (inner quotes doubled) when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& x);

//! A count of agents expressed in people (times population.scale): an integer when exact.
std::string people(std::int64_t agents, double scale);

//! Case reproduction number by day of infection: mean number of secondary infections of the people infected on
//! each day, from the infection tree; -1 for days whose cases may still infect (the last kRtCompleteAfterDays days).
inline constexpr int kRtCompleteAfterDays = 21;
std::vector<double> case_reproduction_numbers(const Simulation& sim);

std::string daily_csv(const Simulation& sim);
std::string districts_csv(const Simulation& sim);
void write_infections_csv(const Simulation& sim, AtomicFile& out);
//! `observed`: the reported cumulative confirmed cases per day (observed_cumulative_confirmed), -1 where none.
std::string summary_json(const Simulation& sim, const std::vector<double>& observed);
//! The timeline of risk levels and measures: date, place, measure, old, new, reason, place_code.
std::string events_csv(const Simulation& sim);
//! closed_loop.csv: infected arrivals entering, found at and leaking from each stage of the closed loop.
std::string closed_loop_csv(const Simulation& sim);

//! Writes every output of a finished run into dir, each file atomically. Throws OutputError.
void write_run_outputs(const Simulation& sim, const std::filesystem::path& dir);

}  // namespace tongchou

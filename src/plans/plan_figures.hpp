#pragma once
// The scorecard figures a plan may be judged by (`tongchou optimise`: objectives and constraints), computed in memory
// from a finished Simulation as its summary.json would hold them, without writing a run folder.
#include <map>
#include <string>
#include <vector>

#include "sim/simulation.hpp"

namespace tongchou {

//! Every figure name: the numbers and dates of summary.json's sections health, measures, health_codes, economy
//! (flattened: health.infections, economy.periods.q1.gdp_change) and the derived figures days_to_zero,
//! peak_beyond_beds, gdp_loss, gdp_loss_yoy, jobs_lost and probability_of_rebound. Sorted.
const std::vector<std::string>& plan_figure_names();

//! Whether the figure needs the regional economy (economy.enabled).
bool figure_needs_economy(const std::string& name);

//! The figures of one run. A date is its day from the start of the run (0 = scenario.start); a date the run never
//! reached (null in summary.json) is the run's number of days. days_to_zero: health.zero_active_confirmed_date;
//! peak_beyond_beds: peak_in_hospital less designated_beds, at least 0; gdp_loss: -economy.gdp_change (share of the
//! baseline value added lost); gdp_loss_yoy: -economy.periods.q1.gdp_change_yoy (Q1's value added lost against the
//! ordinary year before); jobs_lost: economy.jobs_lost (output/jobs_lost.hpp); probability_of_rebound: 1 when local infections came back after 14 days in a row
//! without any, else 0 (its mean over seeds is the probability). Figures of sections the run lacks are absent.
std::map<std::string, double> plan_figures(const Simulation& sim);

}  // namespace tongchou

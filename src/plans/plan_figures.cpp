#include "plans/plan_figures.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "output/observed_series.hpp"
#include "output/run_outputs.hpp"

namespace tongchou {

namespace {

constexpr const char* kSections[] = {"health", "measures", "health_codes", "economy"};

constexpr const char* kNames[] = {
    // health
    "health.infections", "health.imported_infections", "health.local_infections", "health.attack_rate",
    "health.symptomatic_cases", "health.hospitalised", "health.deaths", "health.infection_fatality", "health.peak_date",
    "health.peak_new_infections", "health.peak_active_infections", "health.active_at_end", "health.confirmed",
    "health.confirmed_share_of_infections", "health.onset_to_isolation_mean_days", "health.cure_rate",
    "health.fatality_rate_confirmed", "health.zero_active_confirmed_date", "health.peak_in_hospital",
    "health.designated_beds", "health.confirmed_by_route.clinic", "health.confirmed_by_route.screening",
    "health.confirmed_by_route.tracing", "health.confirmed_by_route.quarantine", "health.asymptomatic_found",
    "health.tests", "health.peak_samples_waiting", "health.contacts_traced", "health.peak_in_quarantine",
    "health.health_worker_infections", "health.health_workers", "health.lowest_health_workers_on_duty",
    "health.supply_shortage_days.masks", "health.supply_shortage_days.suits", "health.supply_shortage_days.kits",
    "health.critical_without_icu_bed", "health.severe_without_designated_bed",
    // measures, health codes
    "measures.measure_changes", "measures.risk_level_changes", "measures.district_days_low",
    "measures.district_days_medium", "measures.district_days_high", "measures.all_districts_low_date",
    "measures.institution_infections", "health_codes.peak_yellow", "health_codes.peak_red",
    "health_codes.person_days_held",
    // economy
    "economy.value_added_cny_million", "economy.value_added_baseline_cny_million", "economy.gdp_change",
    "economy.gdp_loss_cny_million", "economy.lowest_gdp_index", "economy.lowest_gdp_index_date",
    "economy.enterprises_open_share_end", "economy.workers_at_work_share_end", "economy.worker_days_lost", "economy.jobs_lost", "economy.enterprises_open_90_date",
    "economy.workers_at_work_90_date", "economy.migrant_workers_returned", "economy.migrant_workers_left_for_work",
    "economy.point_to_point_riders", "economy.poor_labour_employed_end", "economy.enterprises_approved",
    "economy.approval_wait_mean_days", "economy.spring_planted_share", "economy.agriculture_season_output_index",
    "economy.lowest_food_supply_index", "economy.large_enterprises_open_share_end",
    "economy.large_industrial_open_share_end", "economy.large_industrial_workers_share_end",
    "economy.large_industrial_open_95_date", "economy.large_industrial_workers_90_date",
    // derived
    "days_to_zero", "peak_beyond_beds", "gdp_loss", "gdp_loss_yoy", "jobs_lost", "probability_of_rebound"};

constexpr const char* kPeriodNames[] = {"jan_feb", "march", "q1", "april"};
constexpr const char* kPeriodFigures[] = {"days_simulated", "days", "gdp_change", "primary_change", "secondary_change", "tertiary_change",
                                          "industrial_value_added_change", "large_industrial_value_added_change",
                                          "gdp_change_yoy", "primary_change_yoy", "secondary_change_yoy", "tertiary_change_yoy",
                                          "industrial_value_added_change_yoy", "large_industrial_value_added_change_yoy"};

void flatten(const nlohmann::json& node, const std::string& path, const Simulation& sim, std::map<std::string, double>& out) {
  if (path == "economy.ordinary_year") return;  // the ordinary year's Spring Festival dates: inputs, not outcomes of a plan
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) flatten(it.value(), path + "." + it.key(), sim, out);
  } else if (node.is_number()) {
    out[path] = node.get<double>();
  } else if (node.is_string()) {
    if (auto d = parse_date(node.get<std::string>())) out[path] = d->days - sim.params().scenario_start.days;
  } else if (node.is_null() && path.ends_with("_date")) {
    out[path] = sim.days();  // not reached within the run
  }
}

}  // namespace

const std::vector<std::string>& plan_figure_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v(std::begin(kNames), std::end(kNames));
    for (const char* p : kPeriodNames)
      for (const char* f : kPeriodFigures) v.push_back(std::string("economy.periods.") + p + "." + f);
    std::sort(v.begin(), v.end());
    return v;
  }();
  return names;
}

bool figure_needs_economy(const std::string& name) {
  return name.starts_with("economy.") || name == "gdp_loss" || name == "gdp_loss_yoy" || name == "jobs_lost";
}

std::map<std::string, double> plan_figures(const Simulation& sim) {
  const auto summary = nlohmann::json::parse(summary_json(sim, observed_cumulative_confirmed(sim)));
  std::map<std::string, double> out;
  for (const char* s : kSections)
    if (summary.contains(s)) flatten(summary[s], s, sim, out);
  if (auto it = out.find("health.zero_active_confirmed_date"); it != out.end()) out["days_to_zero"] = it->second;
  if (out.contains("health.peak_in_hospital") && out.contains("health.designated_beds"))
    out["peak_beyond_beds"] = std::max(0.0, out["health.peak_in_hospital"] - out["health.designated_beds"]);
  if (auto it = out.find("economy.gdp_change"); it != out.end()) out["gdp_loss"] = -it->second;
  if (auto it = out.find("economy.periods.q1.gdp_change_yoy"); it != out.end()) out["gdp_loss_yoy"] = -it->second;
  if (auto it = out.find("economy.jobs_lost"); it != out.end()) out["jobs_lost"] = it->second;
  bool started = false, rebound = false;
  int quiet = 0;
  for (const auto& r : sim.daily()) {
    if (r.new_local > 0) {
      if (started && quiet >= 14) rebound = true;
      started = true;
      quiet = 0;
    } else if (started) {
      ++quiet;
    }
  }
  out["probability_of_rebound"] = rebound ? 1.0 : 0.0;
  return out;
}

}  // namespace tongchou

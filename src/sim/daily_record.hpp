#pragma once
// Counts recorded for each day, region-wide and per district (in agents; outputs scale them to people).
#include <array>
#include <cstdint>

#include "disease/natural_history.hpp"
#include "health/case_finding.hpp"
#include "health/contact_tracing.hpp"
#include "health/discharge.hpp"
#include "health/supplies.hpp"
#include "measures/arrivals_closed_loop.hpp"
#include "measures/health_codes.hpp"
#include "model/kinds.hpp"

namespace tongchou {

//! Levels carried from day to day (not flows): the Simulation updates one copy and each day records it.
struct Stocks {
  std::int64_t away = 0;                                   //!< outside the region: migrant workers, travellers not yet back
  std::int64_t suspected_isolated = 0, confirmed_active = 0, cumulative_confirmed = 0;
  std::int64_t in_hospital = 0, bed_capacity = 0, in_icu = 0, icu_capacity = 0;
  std::int64_t cumulative_cured = 0, cumulative_confirmed_deaths = 0;  //!< among confirmed cases (治愈, 病亡)
  std::int64_t in_quarantine_central = 0, in_quarantine_home = 0;
  std::int64_t in_post_discharge_observation = 0;  //!< discharged patients observed in isolation (R8)
  std::int64_t asymptomatic_observed = 0, cumulative_asymptomatic = 0;  //!< asymptomatic infections found (R9)
  std::int64_t samples_waiting = 0;                                     //!< PCR samples queued for the laboratory
  std::int64_t health_workers_on_duty = 0;
  std::int64_t migrants_returned = 0;     //!< inbound migrant workers back in the region since the start (返岗)
  std::int64_t migrants_left = 0;         //!< outbound workers gone back to jobs elsewhere since the start
  std::int64_t point_to_point = 0;        //!< inbound workers who came back on point-to-point buses and trains
};

struct DailyRecord {
  std::int64_t new_infections = 0, new_local = 0, new_imported = 0;
  std::array<std::int64_t, kLayers> new_by_layer{};
  std::int64_t new_symptomatic = 0, new_hospitalised = 0, new_critical = 0, new_deaths = 0, new_recovered = 0;
  std::array<std::int64_t, kDiseaseStates> in_state{};  //!< persons in each state at the end of the day
  std::int64_t cumulative_infections = 0, cumulative_imported = 0;
  CaseFindingDay cases;  //!< clinic visits, tests, suspected, confirmed and excluded cases of the day
  std::int64_t new_icu_overflow = 0;
  std::int64_t new_bed_overflow = 0;  //!< severe patients without a designated bed (health/bed_overflow.hpp)
  std::int64_t new_reported = 0;  //!< confirmed cases reaching the headquarters' reports (after health.reporting_delay_days)
  DischargeDay discharge;  //!< discharge tests of recovered patients, patients discharged (cured)
  TracingDay tracing;    //!< index cases traced, contacts found, quarantines started and ended
  std::int64_t new_health_worker_infections = 0;
  std::array<SupplyDay, kSupplies> supplies{};  //!< masks, suits, kits: stock, produced, needed, used
  double protection_shortage = 0;               //!< health workers' shortage of suits or masks (0..1)
  std::array<std::int64_t, kInstitutionTypes> new_institution_infections{};  //!< residents and staff, by type
  std::array<std::int64_t, 3> districts_at_level{};  //!< districts at risk level low, medium, high today
  std::int64_t under_closed_management = 0;          //!< persons living where closed management is in force
  ArrivalsDay arrivals;                              //!< travellers arriving, infected among them, transferred, checkpoint delay
  std::array<std::int64_t, kCodeColours> codes{};    //!< persons by health-code colour at the end of the day
  std::int64_t code_holds = 0;                       //!< persons kept at home by their code alone today (not otherwise isolated)
  double work_share = 1;                             //!< work resumption: share of workers the measures let work (by sector and workplace)
  Stocks stocks;         //!< at the end of the day
};

struct DistrictDay {
  std::int64_t new_infections = 0, new_local = 0, new_imported = 0, new_symptomatic = 0, new_hospitalised = 0, new_deaths = 0;
  std::int64_t active = 0, cumulative_infections = 0, cumulative_deaths = 0;
  std::int64_t new_confirmed = 0, cumulative_confirmed = 0;
};

}  // namespace tongchou

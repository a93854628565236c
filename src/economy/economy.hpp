#pragma once
// The region's economy inside the run (B1-B10): enterprises reopening, labour supply from the persons, final demand,
// the dynamic input-output model and spring planting, one step a day after the epidemic's day. Coupled both ways:
// who can work comes from the persons' states and the measures; closed enterprises keep their workers at home
// (no workplace contacts).
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/date.hpp"
#include "economy/dynamic_io.hpp"
#include "economy/enterprise_reopening.hpp"
#include "economy/household_demand.hpp"
#include "economy/io_table.hpp"
#include "economy/labour_supply.hpp"
#include "economy/ordinary_year.hpp"
#include "economy/spring_planting.hpp"
#include "measures/place_controls.hpp"
#include "population/population.hpp"
#include "scenario/parameters.hpp"
#include "state/sim_state.hpp"

namespace tongchou {

//! The economy of one day, region-wide (money in CNY million, persons as people).
struct EconomyDay {
  double value_added = 0, value_added_baseline = 0;
  double gdp_index = 1, gdp_loss_cum = 0;
  double enterprises_open_share = 1;  //!< 复工率: enterprises open / all
  double workers_at_work_share = 1;   //!< 复岗率: workers at work / all workers
  double output_vs_baseline = 1;      //!< 达产率: gross output / baseline
  double consumption_index = 1, freight = 1, fear = 0;
  double poor_labour_employed = 0;    //!< registered-poor labour at work here or gone to jobs elsewhere, plus public-welfare jobs
  double spring_planted_share = 0;    //!< share of the season's fields planted
  double food_supply_index = 1;       //!< households' food (agriculture, food industry) delivered / baseline
  std::int64_t approvals_waiting = 0; //!< enterprises in the approval queue
  //! 复工率 by size class: large enterprises (规上) open / all large ones; the same for large industrial enterprises
  //! (sectors 02-26: mining, manufacturing, utilities), and the share of those enterprises' workers the measures let
  //! work and who are able to (复岗率 of large industrial enterprises).
  double large_enterprises_open_share = 1, large_industrial_open_share = 1, large_industrial_workers_share = 1;
};

//! One sector on one day.
struct SectorDay {
  double enterprises_open_share = 1, workers_at_work_share = 1, output_vs_baseline = 1;
  double value_added = 0, value_added_baseline = 0;
  double labour_supply_share = 1, employment_share = 1, demand_vs_baseline = 1;
  double capacity_vs_baseline = 1, input_limit_vs_baseline = 1;  //!< what labour and what inputs would allow (input: capped at 9.99)
  //! Of value_added, the part of large enterprises (规上), in proportion to their share of the sector's labour
  //! supply today (baseline: of its workers): what NBS's industrial value added measures.
  double value_added_large = 0, value_added_large_baseline = 0;
};

class Economy {
 public:
  //! Reads and checks the input-output table (InputError) and sets the region's baseline from its workers.
  Economy(const Population& pop, const Params& params);

  //! Before the day's contacts: enterprises close, prepare, get approved and reopen.
  void open_enterprises(int day, Date date, const Params& params, const PlaceControls& places);
  //! Per enterprise, 1 while closed; empty while all are open.
  const std::vector<std::uint8_t>& closed_enterprises() const { return reopening_.closed(); }

  //! After the day's epidemic: labour, demand, production. `reported_cases_14d`: people reported in the last 14 days.
  void produce(Date date, const Params& params, const PlaceControls& places, const SimState& st, double reported_cases_14d);

  const std::vector<EconomyDay>& days() const { return days_; }
  //! Sector s on day d.
  const SectorDay& sector_day(std::size_t d, int s) const { return sectors_[d * kSectors + static_cast<std::size_t>(s)]; }
  const IoTable& table() const { return table_; }
  const DynamicIo& model() const { return *model_; }
  const EnterpriseReopening& reopening() const { return reopening_; }
  const SpringPlanting& planting() const { return planting_; }
  //! The ordinary year, the counterfactual of the changes year on year (ordinary_year.hpp).
  const OrdinaryYear& ordinary_year() const { return *ordinary_; }

 private:
  const Population& pop_;
  IoTable table_;
  std::unique_ptr<DynamicIo> model_;
  std::unique_ptr<HouseholdDemand> demand_;
  std::unique_ptr<OrdinaryYear> ordinary_;
  EnterpriseReopening reopening_;
  std::array<double, kSectors> workers_{};  //!< residents employed per sector, agents
  SpringPlanting planting_;
  std::array<double, kSectors> enterprises_{}, employees_{}, employees_large_{}, enterprises_large_{};  //!< per sector, agents
  LabourSample labour_sample_;
  std::vector<std::uint32_t> district_enterprises_;  //!< enterprises of run k: [k], [k + 1] (runs of one district)
  std::vector<double> labour_supply_;
  std::array<double, kSectors> festival_migrants_{};  //!< share of each sector's workers going home (festival_migrants.hpp)
  double labour_income_ = 1, population_ = 0;
  std::vector<EconomyDay> days_;
  std::vector<SectorDay> sectors_;
};

}  // namespace tongchou

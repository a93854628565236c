#pragma once
// A Simulation owns the population and the state of one run and advances it one day at a time in fixed phases:
//   measures -> movements -> imports and arrivals -> progression -> health codes -> case finding -> controls ->
//   transmission -> record.
// It is a value: several can exist in one process; nothing is global.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "disease/natural_history.hpp"
#include "economy/economy.hpp"
#include "health/case_finding.hpp"
#include "health/contact_tracing.hpp"
#include "health/discharge.hpp"
#include "health/health_workforce.hpp"
#include "health/supplies.hpp"
#include "measures/arrivals_closed_loop.hpp"
#include "measures/health_codes.hpp"
#include "measures/measure_controller.hpp"
#include "population/population.hpp"
#include "population/region_data.hpp"
#include "scenario/scenario.hpp"
#include "sim/daily_record.hpp"
#include "sim/ordered_appends.hpp"
#include "sim/prepared_population.hpp"
#include "sim/transition.hpp"
#include "state/sim_state.hpp"
#include "transmission/calibration.hpp"
#include "transmission/contact_rates.hpp"
#include "transmission/transmission.hpp"

namespace tongchou {

struct SetupTimings {
  double region_seconds = 0, synthesis_seconds = 0, calibration_seconds = 0;
};

class Simulation {
 public:
  //! Loads the region, synthesises the population and calibrates transmission. Throws InputError. With `prepared`
  //! (from prepare_population() for a scenario of the same population_key()), uses that population instead of
  //! synthesising one: the population is only read, so several Simulations may share it, also across threads.
  //! `on_phase` is told when each step of the setup begins: "region data", "synthesis" (unless the population is
  //! given), "calibration" (for progress).
  explicit Simulation(Scenario scenario, std::shared_ptr<const PreparedPopulation> prepared = {},
                      const std::function<void(const std::string&)>& on_phase = {});

  //! Runs the remaining days; `on_day(done, total)` is called after each day.
  void run(const std::function<void(int, int)>& on_day = {});
  //! Advances one day; returns false when the scenario's last day has been simulated.
  bool step();

  const Scenario& scenario() const { return scenario_; }
  const Params& params() const { return scenario_.params; }
  //! The parameters before the first day: params() as the [[schedule]] left them on the last day simulated.
  const Params& start_params() const { return start_params_; }
  const Population& population() const { return pop_; }
  const NaturalHistory& natural_history() const { return nh_; }
  const ContactRates& contact_rates() const { return rates_; }
  const TransmissionRates& transmission_rates() const { return tr_; }
  const SimState& state() const { return st_; }
  const ContactTracing& tracing() const { return *tracing_; }
  const HealthWorkforce& workforce() const { return *workforce_; }
  const MeasureController& measures() const { return *measures_; }
  const HealthCodes& codes() const { return *codes_; }
  //! The economy, or null when economy.enabled is false.
  const Economy* economy() const { return economy_.get(); }
  //! The closed loop's stages for the arrivals up to the last day simulated.
  ClosedLoopSummary closed_loop() const { return arrivals_->summary(st_, day_ - 1); }
  //! Label of an imported infection's origin (an [[imports]] or [[arrivals]] entry).
  const std::string& origin_label(std::uint16_t origin) const {
    return origin < scenario_.imports.size() ? scenario_.imports[origin].origin : scenario_.arrivals[origin - scenario_.imports.size()].origin;
  }
  const std::vector<DailyRecord>& daily() const { return daily_; }
  //! The layer factors of the last day simulated (calendar, masks, distancing), before measures by place.
  const DayControls& day_controls() const { return today_controls_; }
  const std::vector<std::vector<DistrictDay>>& district_days() const { return district_days_; }
  int day() const { return day_; }
  int days() const { return static_cast<int>(scenario_.params.scenario_days); }
  Date date_of(int day) const { return Date{scenario_.params.scenario_start.days + day}; }
  //! Setup times of this Simulation (region and synthesis are 0 when it reused a population, calibration 0 when it
  //! reused that population's calibration for the same parameters).
  const SetupTimings& timings() const { return timings_; }
  //! The region's tables and population, to share with other Simulations of the same population key.
  const std::shared_ptr<const PreparedPopulation>& prepared_population() const { return prepared_; }
  //! Import and arrival entries whose persons could not all be placed (no susceptible person of the ages asked for).
  const std::vector<std::string>& warnings() const { return warnings_; }

  //! Infects person q on `day` (which may precede the start for imports); used by imports and transmission.
  void infect(PersonId q, PersonId infector, int day, std::uint8_t layer, std::uint32_t place, std::uint16_t origin);

 private:
  void apply_movements();
  void apply_imports();
  void apply_codes();
  void progress();
  void find_cases();
  double extra_screening(PersonId q, int day) const;
  void staff_and_supplies();
  DayControls controls() const;
  void protect(DayControls& c);
  void transmit(const DayControls& c);
  void record();
  //! After the last day: frees the day step's buffers and gives the pages back before the outputs are written.
  void release_day_buffers();
  void schedule(PersonId q, int day);
  //! A new infection's record, its course drawn from the person's own stream (a pure function: safe in parallel).
  InfectionRecord new_record(PersonId q, PersonId infector, int day, std::uint8_t layer, std::uint32_t place,
                             std::uint16_t origin) const;
  std::uint8_t infection_tag(const InfectionRecord& rec) const;
  void add_infection(const InfectionRecord& rec, std::uint8_t tag);
  //! The counters of a new infection (today's, the district's, the states'): add_infection's, apart for transmit().
  void count_infection(const InfectionRecord& rec, std::uint8_t tag, std::uint16_t district);
  //! The days on which a new infection's course has events (schedule()'s days; -1: none or beyond the last day).
  std::array<std::int32_t, 5> course_event_days(const InfectionRecord& rec) const;
  void schedule_migrants();
  void count_transition(std::uint16_t district, DiseaseState from, DiseaseState to);
  void apply_transition(const Transition& t);
  double work_share() const;
  void admit(PersonId q);
  void discharge(PersonId q);
  void enter_intensive_care(PersonId q, InfectionRecord& rec);
  void severe_without_designated_bed(PersonId q, InfectionRecord& rec);
  void make_fatal(PersonId q, InfectionRecord& rec, Rng& rng);

  Scenario scenario_;
  Params start_params_;
  SetupTimings timings_;
  bool reused_population_;  //!< the population was given (shared), not synthesised by this Simulation
  std::shared_ptr<const PreparedPopulation> prepared_;
  const RegionData& region_;
  const Population& pop_;
  NaturalHistory nh_;
  ContactRates rates_;
  TransmissionRates tr_;
  std::unique_ptr<Transmission> transmission_;
  SimState st_;
  int day_ = 0;
  std::vector<std::vector<PersonId>> events_;     //!< persons with a disease transition on each day
  std::vector<std::vector<PersonId>> movements_;  //!< migrants arriving or leaving on each day
  std::vector<std::vector<std::pair<PersonId, bool>>> reports_;  //!< per day: cases (asymptomatic?) reaching the reports
  std::vector<Candidate> candidates_;
  std::vector<InfectionRecord> new_records_;  //!< today's infections from transmission, before they are added
  std::vector<std::uint8_t> new_tags_;        //!< per new record: infection_tag()
  std::vector<std::uint16_t> new_districts_;  //!< per new record: the person's district
  OrderedAppends<5> new_events_;              //!< per new record: course_event_days(), appended to events_ in order
  static constexpr std::size_t kCompactBlock = 8192;  //!< entries per block of record()'s compaction
  std::vector<std::size_t> compact_at_;       //!< per block of the compaction: how many entries it keeps
  std::vector<std::uint32_t> newly_infectious_;
  std::vector<Transition> transitions_;  //!< today's bucket as read in parallel, before it is applied
  std::vector<std::vector<double>> import_weights_;  //!< per import entry: cumulative weights over districts
  std::vector<std::string> warnings_;
  DailyRecord today_;
  std::vector<DistrictDay> districts_today_;
  std::vector<DailyRecord> daily_;
  std::vector<std::vector<DistrictDay>> district_days_;
  std::array<std::int64_t, kDiseaseStates> state_count_{};
  std::vector<std::array<std::int64_t, kDiseaseStates>> district_state_count_;
  CaseFinding case_finding_;
  std::unique_ptr<ContactTracing> tracing_;
  std::unique_ptr<HealthWorkforce> workforce_;
  std::unique_ptr<Supplies> supplies_;
  std::unique_ptr<MeasureController> measures_;
  std::unique_ptr<HealthCodes> codes_;
  std::unique_ptr<Discharge> discharge_;
  std::unique_ptr<ArrivalsClosedLoop> arrivals_;
  std::unique_ptr<Economy> economy_;
  double seats_credit_ = 0;  //!< fractional point-to-point seats carried to the next day
  ArrivalActions arrival_actions_;
  DayControls today_controls_;
  std::int64_t base_bed_capacity_ = 0, base_icu_capacity_ = 0, employees_ = 0;
  Stocks stocks_;
  //! Per township: workers of each sector working there, in large enterprises ([0]) and small ones ([1]).
  std::vector<std::array<std::array<std::int32_t, kSectors>, 2>> workplace_workers_;
  std::vector<std::uint8_t> has_icu_bed_;  //!< per record: 1 while a critical patient holds an intensive-care bed
};

}  // namespace tongchou

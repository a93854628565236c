#include "output/run_outputs.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/atomic_file.hpp"
#include "output/economy_outputs.hpp"
#include "output/observed_series.hpp"
#include "population/region_folder.hpp"
#include "core/input_file.hpp"

namespace tongchou {

std::string csv_field(const std::string& x) {
  if (x.find_first_of(",\"\n") == std::string::npos) return x;
  std::string q = "\"";
  for (char c : x) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string people(std::int64_t agents, double scale) {
  if (scale == 1.0) return std::to_string(agents);
  const double v = static_cast<double>(agents) * scale;
  if (v == std::floor(v) && std::abs(v) < 9e15) return std::to_string(static_cast<std::int64_t>(v));
  return fmt::format("{:.2f}", v);
}

std::vector<double> case_reproduction_numbers(const Simulation& sim) {
  const auto& inf = sim.state().infections;
  const auto days = static_cast<std::size_t>(sim.days());
  std::vector<double> cases(days, 0.0), offspring(days, 0.0);
  for (const auto& r : inf) {
    if (r.day >= 0) cases[static_cast<std::size_t>(r.day)] += 1;
    if (r.infector == kNone) continue;
    const int infector_day = inf[sim.state().record[r.infector]].day;
    if (infector_day >= 0) offspring[static_cast<std::size_t>(infector_day)] += 1;
  }
  std::vector<double> rt(days, -1.0);
  const int complete = sim.days() - kRtCompleteAfterDays;
  for (int d = 0; d < complete && d < sim.days(); ++d)
    if (cases[static_cast<std::size_t>(d)] > 0) rt[static_cast<std::size_t>(d)] = offspring[static_cast<std::size_t>(d)] / cases[static_cast<std::size_t>(d)];
  return rt;
}

std::string daily_csv(const Simulation& sim) {
  const double k = sim.population().scale;
  const auto rt = case_reproduction_numbers(sim);
  std::string s = "date,day,new_infections,new_local,new_imported";
  for (auto name : kLayerNames) s += fmt::format(",new_{}", name);
  s += ",new_symptomatic,new_hospitalised,new_critical,new_deaths,new_recovered";
  for (int st = 1; st <= static_cast<int>(DiseaseState::Critical); ++st) s += fmt::format(",{}", kDiseaseStateNames[st]);
  s += ",active_infections,susceptible,recovered,cumulative_infections,cumulative_imported,cumulative_deaths,away";
  s += ",clinic_visits,tests,positives,new_suspected,new_confirmed,excluded_suspected,suspected_isolated,confirmed_active,"
       "cumulative_confirmed,in_hospital,bed_capacity,in_icu,icu_capacity,new_icu_overflow,cumulative_cured,"
       "cumulative_confirmed_deaths,confirmed_by_tracing,confirmed_in_quarantine,index_cases_traced,contacts_traced,"
       "quarantine_started,quarantine_released,in_quarantine_central,in_quarantine_home,background_visits,"
       "confirmed_by_screening,new_asymptomatic_found,asymptomatic_observed,cumulative_asymptomatic_found,samples_waiting,"
       "new_health_worker_infections,health_workers_on_duty,protection_shortage,masks_stock,masks_produced,masks_needed,"
       "masks_used,suits_stock,suits_produced,suits_needed,suits_used,kits_stock,kits_produced,kits_needed,kits_used";
  for (auto name : kInstitutionTypeNames) s += fmt::format(",new_infections_{}", name);
  s += ",districts_low,districts_medium,districts_high,under_closed_management,work_share";
  s += ",arrivals,arrivals_infected,arrivals_transferred,checkpoint_delay_hours,codes_green,codes_yellow,codes_red,code_holds";
  s += ",discharge_tests,discharged,in_post_discharge_observation,new_reported";
  s += economy_daily_header() + ",rt_case\n";
  for (std::size_t d = 0; d < sim.daily().size(); ++d) {
    const auto& r = sim.daily()[d];
    s += fmt::format("{},{},{},{},{}", format_date(sim.date_of(static_cast<int>(d))), d, people(r.new_infections, k),
                     people(r.new_local, k), people(r.new_imported, k));
    for (auto x : r.new_by_layer) s += ',' + people(x, k);
    for (auto x : {r.new_symptomatic, r.new_hospitalised, r.new_critical, r.new_deaths, r.new_recovered}) s += ',' + people(x, k);
    std::int64_t active = 0;
    for (int st = 1; st <= static_cast<int>(DiseaseState::Critical); ++st) {
      s += ',' + people(r.in_state[st], k);
      active += r.in_state[st];
    }
    s += fmt::format(",{},{},{},{},{},{},{}", people(active, k), people(r.in_state[0], k),
                     people(r.in_state[static_cast<int>(DiseaseState::Recovered)], k), people(r.cumulative_infections, k),
                     people(r.cumulative_imported, k), people(r.in_state[static_cast<int>(DiseaseState::Dead)], k),
                     people(r.stocks.away, k));
    const auto& c = r.cases;
    const auto& st = r.stocks;
    for (auto x : {c.visits, c.tests, c.positives, c.new_suspected, c.new_confirmed, c.excluded, st.suspected_isolated,
                   st.confirmed_active, st.cumulative_confirmed, st.in_hospital, st.bed_capacity, st.in_icu, st.icu_capacity,
                   r.new_icu_overflow, st.cumulative_cured, st.cumulative_confirmed_deaths, c.confirmed_tracing,
                   c.confirmed_quarantine, r.tracing.index_cases, r.tracing.contacts_traced, r.tracing.quarantine_started,
                   r.tracing.quarantine_released, st.in_quarantine_central, st.in_quarantine_home, c.background_visits,
                   c.confirmed_screening, c.new_asymptomatic, st.asymptomatic_observed, st.cumulative_asymptomatic,
                   st.samples_waiting, r.new_health_worker_infections, st.health_workers_on_duty})
      s += ',' + people(x, k);
    s += fmt::format(",{:.4f}", r.protection_shortage);
    for (const auto& item : r.supplies)
      for (double x : {item.stock, item.produced, item.needed, item.used}) s += fmt::format(",{:.0f}", x * k);
    for (auto x : r.new_institution_infections) s += ',' + people(x, k);
    for (auto x : r.districts_at_level) s += fmt::format(",{}", x);
    s += fmt::format(",{},{:.4f}", people(r.under_closed_management, k), r.work_share);
    for (auto x : {r.arrivals.arrivals, r.arrivals.infected, r.arrivals.transferred}) s += ',' + people(x, k);
    s += fmt::format(",{:.1f}", r.arrivals.checkpoint_delay_hours);
    for (auto x : {r.codes[0], r.codes[1], r.codes[2], r.code_holds}) s += ',' + people(x, k);
    for (auto x : {r.discharge.tests, r.discharge.discharged, r.stocks.in_post_discharge_observation, r.new_reported})
      s += ',' + people(x, k);
    s += economy_daily_fields(sim, d);
    s += rt[d] < 0 ? std::string(",\n") : fmt::format(",{:.4f}\n", rt[d]);
  }
  return s;
}

std::string districts_csv(const Simulation& sim) {
  const double k = sim.population().scale;
  const auto& pop = sim.population();
  std::string s =
      "date,adcode,district,new_infections,new_local,new_imported,new_symptomatic,new_hospitalised,new_deaths,"
      "active_infections,cumulative_infections,cumulative_deaths,new_confirmed,cumulative_confirmed,risk_level\n";
  for (std::size_t d = 0; d < sim.district_days().size(); ++d) {
    const auto date = format_date(sim.date_of(static_cast<int>(d)));
    for (std::size_t i = 0; i < pop.districts.size(); ++i) {
      const auto& x = sim.district_days()[d][i];
      s += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", date, pop.districts[i].adcode, pop.districts[i].name_en,
                       people(x.new_infections, k), people(x.new_local, k), people(x.new_imported, k), people(x.new_symptomatic, k),
                       people(x.new_hospitalised, k), people(x.new_deaths, k), people(x.active, k),
                       people(x.cumulative_infections, k), people(x.cumulative_deaths, k), people(x.new_confirmed, k),
                       people(x.cumulative_confirmed, k), kRiskLevelNames[sim.measures().district_levels()[d][i]]);
    }
  }
  return s;
}

std::string closed_loop_csv(const Simulation& sim) {
  const double k = sim.population().scale;
  const auto loop = sim.closed_loop();
  std::string s = "stage,name,name_zh,entered,found,leaked\n";
  for (int i = 0; i < kLoopStages; ++i) {
    const auto& x = loop.stages[static_cast<std::size_t>(i)];
    s += fmt::format("{},{},{},{},{},{}\n", i + 1, kLoopStageNames[static_cast<std::size_t>(i)], kLoopStageNamesZh[static_cast<std::size_t>(i)],
                     people(x.entered, k), people(x.found, k), people(x.leaked, k));
  }
  return s;
}

std::string events_csv(const Simulation& sim) {
  std::string s = "date,place,measure,old,new,reason,place_code\n";
  for (const auto& e : sim.measures().events())
    s += fmt::format("{},{},{},{},{},{},{}\n", format_date(e.date), csv_field(e.place), e.measure, e.old_value, e.new_value,
                     csv_field(e.reason), e.place_code);
  return s;
}

namespace {
// The place of an infection as text: H<household>, G<group>, or the township code for community infections.
struct Place {
  const Population& pop;
  const InfectionRecord& r;
};
}  // namespace
}  // namespace tongchou

template <>
struct fmt::formatter<tongchou::Place> : fmt::formatter<std::string_view> {
  template <class Context>
  auto format(const tongchou::Place& p, Context& ctx) const {
    using namespace tongchou;
    if (p.r.layer == kImportedLayer) return ctx.out();
    const auto layer = static_cast<Layer>(p.r.layer);
    if (layer == Layer::Household) return fmt::format_to(ctx.out(), "H{}", p.r.place);
    if (layer == Layer::Community) return fmt::format_to(ctx.out(), "{}", p.pop.townships[p.r.place].code);
    return fmt::format_to(ctx.out(), "G{}", p.r.place);
  }
};

namespace tongchou {
namespace {
Place place_of(const Population& pop, const InfectionRecord& r) { return {pop, r}; }
}  // namespace

void write_infections_csv(const Simulation& sim, AtomicFile& out) {
  const auto& pop = sim.population();
  // Rows are formatted into fmt's own buffer and written out a megabyte at a time: appending to a std::string
  // through a back-inserter resized the string at every field (a third of the writer's instructions).
  fmt::memory_buffer s;
  const std::string_view header =
      "date,person,infector,layer,place,district,township,age,sex,origin,onset_date,severity,outcome,outcome_date,"
      "isolation_date,confirmed_date\n";
  s.append(header.data(), header.data() + header.size());
  const int last = sim.days() - 1;
  // Dates as text, computed once per day (imports precede the start by at most a year: scenario validation).
  constexpr int kBefore = kMaxImportDaysBeforeStart;
  std::vector<std::string> dates;
  for (int d = -kBefore; d <= last; ++d) dates.push_back(format_date(sim.date_of(d)));
  auto date = [&](int d) -> const std::string& { return dates[static_cast<std::size_t>(std::max(d, -kBefore) + kBefore)]; };
  for (const auto& r : sim.state().infections) {
    if (s.size() > (1 << 20)) {
      out.write(std::string_view(s.data(), s.size()));
      s.clear();
    }
    const Course c = r.course();
    const int end_day = r.day + c.end;
    // Empty fields are std::string_view(""), not std::string_view(): fmt copies views with memcpy, which must not be
    // given a null pointer (UBSan: "null pointer passed as argument 2").
    const bool symptomatic = c.severity != Severity::Asymptomatic;
    const auto township = pop.township_of(r.person);
    auto out_it = fmt::appender(s);
    out_it = fmt::format_to(out_it, FMT_COMPILE("{},{},"), date(r.day), r.person);
    if (r.infector != kNone) out_it = fmt::format_to(out_it, FMT_COMPILE("{}"), r.infector);
    const std::string_view origin = r.layer == kImportedLayer ? std::string_view(sim.origin_label(r.origin())) : std::string_view("");
    out_it = fmt::format_to(out_it, FMT_COMPILE(",{},{},{},{},{},{},{},{},{},{},{},"),
                   r.layer == kImportedLayer ? std::string_view("imported") : kLayerNames[r.layer], place_of(pop, r),
                   pop.districts[pop.townships[township].district].adcode, pop.townships[township].code, pop.age[r.person],
                   (pop.flags[r.person] & kMale) ? 'M' : 'F', origin,
                   symptomatic && r.day + c.onset <= last ? std::string_view(date(r.day + c.onset)) : std::string_view(""),
                   std::string_view(kSeverityNames[static_cast<int>(c.severity)]),
                   std::string_view(end_day > last ? "ongoing" : (c.dies ? "dead" : "recovered")),
                   end_day > last ? std::string_view("") : std::string_view(date(end_day)));
    auto day_or_empty = [&](std::int16_t d) { return d == InfectionRecord::kNever ? std::string_view("") : std::string_view(date(d)); };
    fmt::format_to(out_it, FMT_COMPILE("{},{}\n"), day_or_empty(r.isolated_day), day_or_empty(r.confirmed_day));
  }
  out.write(std::string_view(s.data(), s.size()));
}

std::string summary_json(const Simulation& sim, const std::vector<double>& observed) {
  using nlohmann::ordered_json;
  const auto& pop = sim.population();
  const auto& p = sim.params();
  const double k = pop.scale;
  auto num = [&](std::int64_t agents) { return static_cast<double>(agents) * k; };
  std::size_t schools = 0, classes = 0, venues = 0, teams = 0, institutions = 0;
  for (auto kind : pop.group_kind) {
    schools += kind == GroupKind::School;
    classes += kind == GroupKind::Class;
    venues += kind == GroupKind::Venue;
    teams += kind == GroupKind::WorkTeam;
    institutions += kind >= GroupKind::NursingHome && kind <= GroupKind::MentalHealth;
  }
  ordered_json j;
  j["tongchou_version"] = "0.1.0";
  const RegionInfo region = region_info(p);
  j["scenario"] = {{"name", p.scenario_name},
                   {"source", sim.scenario().source},
                   {"region", p.scenario_region},
                   {"region_name_zh", region.name_zh},
                   {"region_name_en", region.name_en},
                   {"start", format_date(p.scenario_start)},
                   {"end", format_date(sim.date_of(sim.days() - 1))},
                   {"days", sim.days()},
                   {"days_simulated", sim.daily().size()},
                   {"seed", p.scenario_seed}};
  j["population"] = {{"people", num(static_cast<std::int64_t>(pop.persons()))},
                     {"agents", pop.persons()},
                     {"scale", k},
                     {"districts", pop.districts.size()},
                     {"townships", pop.townships.size()},
                     {"neighbourhoods", pop.neighbourhoods.size()},
                     {"households", pop.households()},
                     {"schools", schools},
                     {"classes", classes},
                     {"enterprises", pop.enterprises.size()},
                     {"work_teams", teams},
                     {"venues", venues},
                     {"institutions", institutions},
                     {"hospitals", pop.hospitals.size()}};
  const auto& tr = sim.transmission_rates();
  const auto gt = sim.natural_history().generation_time_pmf();
  double gt_mean = 0;
  for (std::size_t d = 0; d < gt.size(); ++d) gt_mean += static_cast<double>(d) * gt[d];
  j["calibration"] = {{"r0_target", p.transmission_r0},
                      {"r0_basis", p.transmission_r0_basis},
                      {"r0_basis_applied", tr.growth_fallback.empty() ? p.transmission_r0_basis : std::string("next_generation")},
                      {"r0_next_generation", tr.r0},
                      {"growth_correction", tr.growth_correction},
                      {"pilot_growth_rate_per_day", tr.pilot_growth_rate},
                      {"pilot_growth_rate_se", tr.pilot_growth_se},
                      {"r0_household_only", tr.r0_household_only},
                      {"beta_per_contact_day", tr.beta},
                      {"beta_se", tr.beta_se},
                      {"beta_household_per_pair_day", tr.beta_household},
                      {"household_sar", tr.household_sar},
                      {"generation_time_mean_days", gt_mean},
                      {"presymptomatic_share_of_transmission", sim.natural_history().presymptomatic_share()}};
  std::int64_t peak = 0, peak_active = 0, symptomatic = 0, hospitalised = 0;
  std::size_t peak_day = 0;
  for (std::size_t d = 0; d < sim.daily().size(); ++d) {
    const auto& r = sim.daily()[d];
    if (r.new_infections > peak) peak = r.new_infections, peak_day = d;
    std::int64_t active = 0;
    for (int s = 1; s <= static_cast<int>(DiseaseState::Critical); ++s) active += r.in_state[s];
    peak_active = std::max(peak_active, active);
    symptomatic += r.new_symptomatic;
    hospitalised += r.new_hospitalised;
  }
  const auto& last = sim.daily().empty() ? DailyRecord{} : sim.daily().back();
  const auto deaths = last.in_state[static_cast<int>(DiseaseState::Dead)];
  j["health"] = {{"infections", num(last.cumulative_infections)},
                 {"imported_infections", num(last.cumulative_imported)},
                 {"local_infections", num(last.cumulative_infections - last.cumulative_imported)},
                 {"attack_rate", pop.persons() ? static_cast<double>(last.cumulative_infections) / static_cast<double>(pop.persons()) : 0.0},
                 {"symptomatic_cases", num(symptomatic)},
                 {"hospitalised", num(hospitalised)},
                 {"deaths", num(deaths)},
                 {"infection_fatality", last.cumulative_infections ? static_cast<double>(deaths) / static_cast<double>(last.cumulative_infections) : 0.0},
                 {"peak_date", format_date(sim.date_of(static_cast<int>(peak_day)))},
                 {"peak_new_infections", num(peak)},
                 {"peak_active_infections", num(peak_active)},
                 {"active_at_end", num(last.cumulative_infections - last.in_state[static_cast<int>(DiseaseState::Recovered)] - deaths)}};
  // Cases found: confirmed, and the onset-to-isolation delay of symptomatic people isolated (as suspected or confirmed).
  double delay_sum = 0, delay_n = 0;
  for (const auto& r : sim.state().infections) {
    if (r.isolated_day == InfectionRecord::kNever) continue;
    const Course c = r.course();
    if (c.severity == Severity::Asymptomatic) continue;
    delay_sum += r.isolated_day - (r.day + c.onset);
    delay_n += 1;
  }
  j["health"]["confirmed"] = num(last.stocks.cumulative_confirmed);
  j["health"]["confirmed_share_of_infections"] =
      last.cumulative_infections ? static_cast<double>(last.stocks.cumulative_confirmed) / static_cast<double>(last.cumulative_infections) : 0.0;
  j["health"]["onset_to_isolation_mean_days"] = delay_n > 0 ? delay_sum / delay_n : 0.0;
  // Among confirmed cases: cure rate (治愈率) and fatality rate (病亡率) as reported in China, over all confirmed; and
  // the day active confirmed cases reached zero after the first confirmation (清零), null if they did not.
  const auto confirmed = static_cast<double>(last.stocks.cumulative_confirmed);
  j["health"]["cure_rate"] = confirmed > 0 ? static_cast<double>(last.stocks.cumulative_cured) / confirmed : 0.0;
  j["health"]["fatality_rate_confirmed"] = confirmed > 0 ? static_cast<double>(last.stocks.cumulative_confirmed_deaths) / confirmed : 0.0;
  nlohmann::ordered_json zero = nullptr;
  std::int64_t peak_occupancy = 0, overflow = 0, bed_overflow = 0;
  for (std::size_t d = 0; d < sim.daily().size(); ++d) {
    const auto& r = sim.daily()[d];
    peak_occupancy = std::max(peak_occupancy, r.stocks.in_hospital);
    overflow += r.new_icu_overflow;
    bed_overflow += r.new_bed_overflow;
    if (r.stocks.cumulative_confirmed > 0 && r.stocks.confirmed_active == 0 && zero.is_null()) zero = format_date(sim.date_of(static_cast<int>(d)));
    if (r.stocks.confirmed_active > 0) zero = nullptr;
  }
  j["health"]["zero_active_confirmed_date"] = zero;
  j["health"]["peak_in_hospital"] = num(peak_occupancy);
  std::int64_t beds = 0, route_screening = 0, route_tracing = 0, route_quarantine = 0, contacts = 0, tests = 0;
  std::int64_t peak_quarantine = 0, peak_waiting = 0, hw_infections = 0, min_on_duty = INT64_MAX;
  std::array<int, kSupplies> shortage_days{};
  for (const auto& r : sim.daily()) {
    beds = std::max(beds, r.stocks.bed_capacity);
    route_screening += r.cases.confirmed_screening, route_tracing += r.cases.confirmed_tracing;
    route_quarantine += r.cases.confirmed_quarantine, contacts += r.tracing.contacts_traced, tests += r.cases.tests;
    peak_quarantine = std::max(peak_quarantine, r.stocks.in_quarantine_central + r.stocks.in_quarantine_home);
    peak_waiting = std::max(peak_waiting, r.stocks.samples_waiting);
    hw_infections += r.new_health_worker_infections;
    min_on_duty = std::min(min_on_duty, r.stocks.health_workers_on_duty);
    for (int i = 0; i < kSupplies; ++i) shortage_days[i] += r.supplies[i].shortage() > 1e-9;
  }
  j["health"]["designated_beds"] = num(beds);
  j["health"]["confirmed_by_route"] = {{"clinic", num(last.stocks.cumulative_confirmed - route_screening - route_tracing - route_quarantine)},
                                       {"screening", num(route_screening)},
                                       {"tracing", num(route_tracing)},
                                       {"quarantine", num(route_quarantine)}};
  j["health"]["asymptomatic_found"] = num(last.stocks.cumulative_asymptomatic);
  j["health"]["tests"] = num(tests);
  j["health"]["peak_samples_waiting"] = num(peak_waiting);
  j["health"]["contacts_traced"] = num(contacts);
  j["health"]["peak_in_quarantine"] = num(peak_quarantine);
  j["health"]["health_worker_infections"] = num(hw_infections);
  j["health"]["health_workers"] = num(sim.workforce().workers());
  j["health"]["lowest_health_workers_on_duty"] = num(sim.daily().empty() ? 0 : min_on_duty);
  if (p.supplies_track)
    j["health"]["supply_shortage_days"] = {{"masks", shortage_days[0]}, {"suits", shortage_days[1]}, {"kits", shortage_days[2]}};
  j["health"]["critical_without_icu_bed"] = num(overflow);
  j["health"]["severe_without_designated_bed"] = num(bed_overflow);
  // Measures: the timeline of levels and measures (events.csv), and district-days at each risk level.
  std::array<std::int64_t, 3> level_days{};
  nlohmann::ordered_json all_low = nullptr;
  bool raised = false;
  for (std::size_t d = 0; d < sim.daily().size(); ++d) {
    const auto& r = sim.daily()[d];
    for (int l = 0; l < 3; ++l) level_days[static_cast<std::size_t>(l)] += r.districts_at_level[static_cast<std::size_t>(l)];
    if (r.districts_at_level[1] + r.districts_at_level[2] > 0) raised = true, all_low = nullptr;
    else if (raised && all_low.is_null()) all_low = format_date(sim.date_of(static_cast<int>(d)));
  }
  std::int64_t measure_events = 0, institution_infections = 0;
  for (const auto& e : sim.measures().events()) measure_events += e.measure != "risk_level";
  for (const auto& r : sim.daily())
    for (auto x : r.new_institution_infections) institution_infections += x;
  j["measures"] = {{"measure_changes", measure_events},
                   {"risk_level_changes", static_cast<std::int64_t>(sim.measures().events().size()) - measure_events},
                   {"district_days_low", level_days[0]},
                   {"district_days_medium", level_days[1]},
                   {"district_days_high", level_days[2]},
                   {"all_districts_low_date", all_low},
                   {"institution_infections", num(institution_infections)}};
  // Health codes: the most people with a yellow or red code on one day, and the person-days kept at home by codes.
  std::int64_t peak_yellow = 0, peak_red = 0, held_days = 0;
  for (const auto& r : sim.daily()) {
    peak_yellow = std::max(peak_yellow, r.codes[1]);
    peak_red = std::max(peak_red, r.codes[2]);
    held_days += r.code_holds;
  }
  j["health_codes"] = {{"peak_yellow", num(peak_yellow)}, {"peak_red", num(peak_red)}, {"person_days_held", num(held_days)}};
  // Arrivals and the closed loop.
  if (!sim.scenario().arrivals.empty()) {
    const auto loop = sim.closed_loop();
    double delay = 0;
    for (const auto& r : sim.daily()) delay += r.arrivals.checkpoint_delay_hours;
    auto stages = nlohmann::ordered_json::array();
    for (int i = 0; i < kLoopStages; ++i) {
      const auto& x = loop.stages[static_cast<std::size_t>(i)];
      stages.push_back({{"stage", kLoopStageNames[static_cast<std::size_t>(i)]}, {"entered", num(x.entered)}, {"found", num(x.found)},
                        {"leaked", num(x.leaked)}});
    }
    j["closed_loop"] = {{"arrivals", num(loop.arrivals)},
                        {"infected", num(loop.infected)},
                        {"found_by_loop", num(loop.found_by_loop)},
                        {"found_outside_loop", num(loop.found_outside_loop)},
                        {"never_found", num(loop.never_found)},
                        {"local_infections_caused", num(loop.infections_caused)},
                        {"local_infections_caused_before_found", num(loop.infections_caused_unfound)},
                        {"checkpoint_delay_hours", delay},
                        {"stages", stages}};
  }
  // The reported series beside the simulated one, where the region has one.
  double obs_total = -1, sq = 0, n = 0, prev = 0;
  for (std::size_t d = 0; d < observed.size() && d < sim.daily().size(); ++d) {
    if (observed[d] < 0) continue;
    const double sim_new = static_cast<double>(sim.daily()[d].cases.new_confirmed) * k;
    sq += (sim_new - (observed[d] - prev)) * (sim_new - (observed[d] - prev));
    n += 1;
    prev = obs_total = observed[d];
  }
  if (obs_total >= 0) {
    const double sim_total = static_cast<double>(last.stocks.cumulative_confirmed) * k;
    j["comparison"] = {{"observed_confirmed", obs_total},
                       {"simulated_confirmed", sim_total},
                       {"ratio_simulated_to_observed", obs_total > 0 ? sim_total / obs_total : 0.0},
                       {"rmse_daily_new_confirmed", std::sqrt(sq / n)},
                       {"days_compared", n}};
  }
  if (auto economy = economy_summary(sim); !economy.is_null()) j["economy"] = std::move(economy);
  j["warnings"] = sim.warnings();
  return j.dump(2) + "\n";
}

void write_run_outputs(const Simulation& sim, const std::filesystem::path& dir) {
  prepare_output_directory(dir);
  write_file_atomically(dir / "daily.csv", daily_csv(sim));
  if (sim.params().output_districts) write_file_atomically(dir / "districts.csv", districts_csv(sim));
  if (sim.params().output_infections) {
    AtomicFile f(dir / "infections.csv");
    write_infections_csv(sim, f);
    f.commit();
  }
  write_file_atomically(dir / "events.csv", events_csv(sim));
  if (sim.economy()) write_file_atomically(dir / "sectors.csv", sectors_csv(sim));
  if (!sim.scenario().arrivals.empty()) write_file_atomically(dir / "closed_loop.csv", closed_loop_csv(sim));
  const auto observed = observed_cumulative_confirmed(sim);
  if (const auto c = comparison_csv(sim, observed); !c.empty()) write_file_atomically(dir / "comparison.csv", c);
  write_file_atomically(dir / "scenario.resolved.toml", resolved_toml(sim.scenario(), sim.start_params()));
  // A region folder's outlines travel with the run, for its report's map (the built-in regions' are in tongchou).
  if (const RegionInfo region = region_info(sim.params()); !is_builtin_region(region.code) || region.from_disk)
    if (!region.outlines_file.empty())
      write_file_atomically(dir / "district_outlines.json", read_input_file(region.outlines_file, "outlines file"));
  write_file_atomically(dir / "summary.json", summary_json(sim, observed));  // last: its presence marks a complete run
}

}  // namespace tongchou

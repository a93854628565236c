#include "sim/simulation.hpp"

#include <fmt/format.h>
#include <malloc.h>  // malloc_trim (glibc)
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>

#include "behaviour/public_behaviour.hpp"
#include "core/fit_capacity.hpp"
#include "health/bed_overflow.hpp"
#include "population/synthesis.hpp"
#include "sim/imports.hpp"
#include "sim/memory_estimate.hpp"
#include "sim/scale_rounding.hpp"
#include "sim/transition.hpp"

namespace tongchou {

namespace {
double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

namespace {
// The population given, after checking it was made for this scenario's population, or a new one.
std::shared_ptr<const PreparedPopulation> population_for(const Scenario& sc, std::shared_ptr<const PreparedPopulation> given,
                                                          const std::function<void(const std::string&)>& on_phase) {
  if (given) {
    if (given->key != population_key(sc.params))
      throw std::logic_error("a population was reused for a scenario whose population parameters differ");
    return given;
  }
  return prepare_population(sc.params, [&](const RegionData& region) {
    std::vector<Diagnostic> problems;  // unknown districts fail before the synthesis, not after it
    import_district_weights(sc, region, problems);
    arrival_district_weights(sc, region, problems);
    if (!problems.empty()) throw InputError(std::move(problems));
  }, on_phase, sc.source);
}
}  // namespace

Simulation::Simulation(Scenario scenario, std::shared_ptr<const PreparedPopulation> prepared,
                       const std::function<void(const std::string&)>& on_phase)
    : scenario_(std::move(scenario)),
      start_params_(scenario_.params),
      reused_population_(prepared != nullptr),
      prepared_(population_for(scenario_, std::move(prepared), on_phase)),
      region_(prepared_->region),
      pop_(prepared_->population),
      nh_(scenario_.params),
      case_finding_(scenario_.params, static_cast<int>(scenario_.params.scenario_days)) {
  if (!reused_population_) {
    timings_.region_seconds = prepared_->region_seconds;
    timings_.synthesis_seconds = prepared_->synthesis_seconds;
  }
  std::vector<Diagnostic> problems;
  auto weights = import_district_weights(scenario_, region_, problems);
  const auto arrival_weights = arrival_district_weights(scenario_, region_, problems);
  if (!problems.empty()) throw InputError(std::move(problems));
  warnings_ = scale_rounding_warnings(scenario_);

  if (on_phase) on_phase("calibration");
  auto t0 = std::chrono::steady_clock::now();
  bool calibrated_here = false;
  const auto calibration = prepared_->calibration(scenario_.params, nh_, calibrated_here);  // shared with same-key runs
  rates_ = calibration->rates;
  tr_ = calibration->transmission;
  if (!tr_.growth_fallback.empty()) warnings_.push_back(tr_.growth_fallback);  // r0_basis = growth fell back
  if (calibrated_here) timings_.calibration_seconds = seconds_since(t0);
  transmission_ = std::make_unique<Transmission>(pop_, nh_, rates_, tr_, scenario_.params);
  tracing_ = std::make_unique<ContactTracing>(scenario_.params, pop_, *transmission_, days());

  const std::size_t n = pop_.persons();
  st_.state.assign(n, DiseaseState::Susceptible);
  st_.record.assign(n, kNone);
  st_.status.assign(n, 0);
  events_.resize(static_cast<std::size_t>(days()) + 1);
  movements_.resize(static_cast<std::size_t>(days()) + 1);
  reports_.resize(static_cast<std::size_t>(days()) + 1);
  district_state_count_.assign(pop_.districts.size(), {});
  districts_today_.assign(pop_.districts.size(), {});
  state_count_[static_cast<int>(DiseaseState::Susceptible)] = static_cast<std::int64_t>(n);
  for (std::size_t d = 0; d < pop_.districts.size(); ++d)
    district_state_count_[d][static_cast<int>(DiseaseState::Susceptible)] = pop_.districts[d].person_count;
  import_weights_ = std::move(weights);
  schedule_migrants();
  double beds = 0;
  for (const auto& h : pop_.hospitals) beds += h.beds;  // agents' beds
  base_bed_capacity_ = stocks_.bed_capacity = std::llround(beds * scenario_.params.health_designated_bed_share);
  base_icu_capacity_ = stocks_.icu_capacity =
      std::llround(static_cast<double>(stocks_.bed_capacity) * scenario_.params.health_designated_icu_share);
  workforce_ = std::make_unique<HealthWorkforce>(pop_);
  supplies_ = std::make_unique<Supplies>(scenario_.params, static_cast<double>(n));
  for (const auto& e : pop_.enterprises) employees_ += e.employees;
  workplace_workers_.assign(pop_.townships.size(), {});
  for (PersonId q = 0; q < n; ++q)
    if (const GroupId g = pop_.primary_group[q]; g != kNone && pop_.group_kind[g] == GroupKind::WorkTeam && pop_.sector[q] < kSectors)
      ++workplace_workers_[pop_.group_township[g]][pop_.enterprises[pop_.group_parent[g]].size_class == SizeClass::Large ? 0 : 1]
                          [pop_.sector[q]];
  measures_ = std::make_unique<MeasureController>(scenario_, pop_, days());
  if (scenario_.params.economy_enabled) economy_ = std::make_unique<Economy>(pop_, scenario_.params);
  case_finding_.set_extra_screening([this](PersonId q, int day) { return extra_screening(q, day); });

  // Health codes: suspected cases turn yellow, traced contacts red (R4).
  codes_ = std::make_unique<HealthCodes>(n);
  discharge_ = std::make_unique<Discharge>(scenario_.params, days());
  case_finding_.on_suspected([this](PersonId q, int day) {
    codes_->flag(q, CodeColour::Yellow, static_cast<int>(scenario_.params.codes_yellow_days), day);
  });
  tracing_->on_contact_quarantined([this](PersonId q, int day) {
    codes_->flag(q, CodeColour::Red, static_cast<int>(scenario_.params.codes_red_days), day);
  });
  arrivals_ = std::make_unique<ArrivalsClosedLoop>(scenario_, pop_, arrival_weights, static_cast<std::uint16_t>(scenario_.imports.size()),
                                                    days(), warnings_);
  stocks_.away += arrivals_->mark_away(st_);
  arrival_actions_.infect = [this](PersonId q, int day, std::uint16_t origin) {
    infect(q, kNone, day, kImportedLayer, pop_.household[q], origin);
  };
  arrival_actions_.suspect = [this](PersonId q) { case_finding_.suspect(q, day_, Route::Screening); };
  arrival_actions_.quarantine = [this](PersonId q, int start, int until, bool central) {
    tracing_->quarantine_arrival(q, start, until, central);
  };
  arrival_actions_.code = [this](PersonId q, const std::string& risk) { codes_->on_arrival(q, risk, scenario_.params, day_); };
  arrival_actions_.checkpoints = [this](PersonId q) {
    const auto* places = &measures_->controls();
    return knob(places->township[pop_.township_of(q)], Knob::Checkpoints) > 0.5f;
  };
}

// Health codes each morning: codes due turn green; a yellow or red code keeps its holder at home where the measure
// health_codes is on.
void Simulation::apply_codes() {
  const auto& places = measures_->controls();
  bool checked = false;
  for (const auto& k : places.township) checked |= knob(k, Knob::HealthCodes) > 0.5f;
  std::int64_t held = 0;
  codes_->step(day_, st_, checked, [&](PersonId q) {
    const bool hold = knob(places.township[pop_.township_of(q)], Knob::HealthCodes) > 0.5f;
    constexpr std::uint8_t restricted = kAway | kHospitalised | kIsolated | kQuarantinedCentral | kQuarantinedHome;
    held += hold && !(st_.status[q] & restricted);  // kept home by the code alone
    return hold;
  });
  today_.code_holds = held;
}

// Temperature checks set by measures: at the gates of closed compounds (for those going out) and at school.
double Simulation::extra_screening(PersonId q, int day) const {
  const PlaceControls* places = today_controls_.places;
  if (!places) return 0.0;
  const auto& p = scenario_.params;
  const auto t = pop_.township_of(q);
  const auto& k = places->township[t];
  const PlaceRules rules(pop_, static_cast<std::uint64_t>(p.scenario_seed), places);
  double miss = 1.0;
  const auto every = static_cast<int>(knob(k, Knob::ClosedManagementDays));
  if (knob(k, Knob::GateScreening) > 0.5f && every > 0 && rules.out(q, t, day)) miss *= 1.0 - p.health_screening_detection;
  const GroupId g = pop_.primary_group[q];
  if (g != kNone && pop_.group_kind[g] == GroupKind::Class && today_controls_.layer[static_cast<int>(Layer::Class)] > 0.0f &&
      knob(places->township[pop_.group_township[g]], Knob::SchoolChecks) > 0.5f && rules.attends(q, g, t))
    miss *= 1.0 - p.measures_school_check_detection;
  return 1.0 - miss;
}

// Health workers on duty scale the designated capacity; today's supplies arrive; test kits bound today's tests.
void Simulation::staff_and_supplies() {
  workforce_->count(st_);
  const double share = workforce_->on_duty_share();
  stocks_.bed_capacity = std::llround(static_cast<double>(base_bed_capacity_) * share);
  stocks_.icu_capacity = std::llround(static_cast<double>(base_icu_capacity_) * share);
  stocks_.health_workers_on_duty = workforce_->on_duty();
  supplies_->produce();
  case_finding_.limit_tests(supplies_->kits_available());
}

// Masks and suits for today's users; a shortage raises patients' infectiousness towards staff.
void Simulation::protect(DayControls& c) {
  SupplyNeeds needs;
  needs.health_workers_on_duty = static_cast<double>(workforce_->on_duty());
  needs.patients = static_cast<double>(stocks_.in_hospital);
  needs.quarantined_central = static_cast<double>(tracing_->in_central());
  needs.workers_at_work = static_cast<double>(employees_) * c.layer[static_cast<int>(Layer::Workplace)] * today_.work_share;
  const double shortage = supplies_->use_protection(needs);
  today_.protection_shortage = shortage;
  c.hospital_patient = static_cast<float>(1.0 + (scenario_.params.health_ppe_shortage_factor - 1.0) * shortage);
}

// Share of workers whom today's work-resumption measures let work (work x work.<NN> x work.large or work.small where
// they work). Where both size classes get the same share they are added first, as before the split by size class.
double Simulation::work_share() const {
  const auto& places = measures_->controls();
  double at = 0, all = 0;
  for (std::size_t t = 0; t < workplace_workers_.size(); ++t)
    for (int s = 0; s < kSectors; ++s) {
      const auto large = workplace_workers_[t][0][static_cast<std::size_t>(s)], small = workplace_workers_[t][1][static_cast<std::size_t>(s)];
      const auto w = large + small;
      if (w == 0) continue;
      all += w;
      const auto sector = static_cast<std::uint8_t>(s);
      const float share_large = tongchou::work_share(places.township[t], sector, SizeClass::Large);
      const float share_small = tongchou::work_share(places.township[t], sector, SizeClass::SmallMediumMicro);
      if (share_large == share_small) at += w * static_cast<double>(share_large);
      else at += large * static_cast<double>(share_large) + small * static_cast<double>(share_small);
    }
  return all > 0 ? at / all : 1.0;
}

void Simulation::admit(PersonId q) {
  if (!(st_.status[q] & kHospitalised)) ++stocks_.in_hospital;
  st_.status[q] |= kHospitalised;
}

void Simulation::discharge(PersonId q) {
  if (st_.status[q] & kHospitalised) --stocks_.in_hospital;
  st_.status[q] &= static_cast<std::uint8_t>(~kHospitalised);
}

// A critical patient takes an intensive-care bed if one is free; without one, the fatality of the course rises by
// health.overflow_fatality_factor (capped at 1): a survivor's course becomes fatal with the probability that makes
// P(death) = min(1, factor x P(death | critical)).
void Simulation::enter_intensive_care(PersonId q, InfectionRecord& rec) {
  const auto r = st_.record[q];
  if (has_icu_bed_.size() <= r) has_icu_bed_.resize(st_.infections.capacity(), 0);
  if (stocks_.in_icu < stocks_.icu_capacity) {
    has_icu_bed_[r] = 1;
    ++stocks_.in_icu;
    return;
  }
  ++today_.new_icu_overflow;
  if (rec.course().dies) return;
  const double base = nh_.p_death_given_critical(pop_.age[q]);
  const double raised = std::min(1.0, base * scenario_.params.health_overflow_fatality_factor);
  Rng rng(static_cast<std::uint64_t>(scenario_.params.scenario_seed), Purpose::Hospital, q, static_cast<std::uint32_t>(day_ + 1000));
  if (base >= 1.0 || !rng.bernoulli((raised - base) / (1.0 - base))) return;
  make_fatal(q, rec, rng);
}

// A severe patient admitted, or turning severe in hospital, while more are in hospital than there are designated
// beds is without one with the share of patients beyond the beds (health/bed_overflow.hpp); then a survivor's course
// becomes fatal with the probability that raises its fatality by health.bed_overflow_fatality_factor.
void Simulation::severe_without_designated_bed(PersonId q, InfectionRecord& rec) {
  const double share = share_without_designated_bed(stocks_.in_hospital, stocks_.bed_capacity);
  if (share <= 0.0) return;
  Rng rng(static_cast<std::uint64_t>(scenario_.params.scenario_seed), Purpose::BedOverflow, q, static_cast<std::uint32_t>(day_));
  if (!rng.bernoulli(share)) return;
  ++today_.new_bed_overflow;
  if (rec.course().dies) return;
  const double p = nh_.p_critical_given_severe(pop_.age[q]) * nh_.p_death_given_critical(pop_.age[q]);
  if (rng.bernoulli(bed_overflow_death_probability(p, scenario_.params.health_bed_overflow_fatality_factor))) make_fatal(q, rec, rng);
}

// The course ends in death, onset to death drawn as the natural history draws it, not before tomorrow.
void Simulation::make_fatal(PersonId q, InfectionRecord& rec, Rng& rng) {
  Course c = rec.course();
  const int offset = day_ - rec.day;
  const double mean = scenario_.params.disease_onset_to_death_mean, cv = 0.45;
  const int death = c.onset + static_cast<int>(std::max(1.0, std::round(rng.gamma(1.0 / (cv * cv), mean * cv * cv))));
  c.dies = true;
  c.end = static_cast<std::int16_t>(std::max(offset + 1, death));  // the onset is kept: so is the infectious window
  rec.set_course(c);
  schedule(q, rec.day + c.end);
}

void Simulation::schedule_migrants() {
  const auto& p = scenario_.params;
  const auto seed = static_cast<std::uint64_t>(p.scenario_seed);
  const int return_start = p.migrants_inbound_return_start.days - p.scenario_start.days;
  const int leave_start = p.migrants_outbound_leave_start.days - p.scenario_start.days;
  for (PersonId q = 0; q < pop_.persons(); ++q) {
    const auto f = pop_.flags[q];
    if (!(f & (kInboundMigrant | kOutboundMigrant))) continue;
    Rng rng(seed, Purpose::Migrants, q);
    if (f & kInboundMigrant) {
      if (!rng.bernoulli(p.migrants_inbound_away_share)) continue;
      const int back = return_start + static_cast<int>(std::floor(rng.exponential() * p.migrants_inbound_return_mean_days));
      if (back <= 0) continue;
      st_.status[q] |= kAway;
      ++stocks_.away;
      if (back < days()) movements_[static_cast<std::size_t>(back)].push_back(q);
    } else {
      const int leave = std::max(0, leave_start + static_cast<int>(std::floor(rng.exponential() * p.migrants_outbound_leave_mean_days)));
      if (leave < days()) movements_[static_cast<std::size_t>(leave)].push_back(q);
    }
  }
}

void Simulation::schedule(PersonId q, int day) {
  if (day < day_) day = day_;
  if (day < static_cast<int>(events_.size())) events_[static_cast<std::size_t>(day)].push_back(q);
}

InfectionRecord Simulation::new_record(PersonId q, PersonId infector, int day, std::uint8_t layer, std::uint32_t place,
                                       std::uint16_t origin) const {
  InfectionRecord rec;
  rec.person = q;
  rec.infector = infector;
  rec.day = static_cast<std::int16_t>(day);  // in -kMaxImportDaysBeforeStart..3650 (scenario validation)
  rec.place = place;
  rec.layer = layer;
  if (layer == kImportedLayer) rec.set_imported(origin);
  Rng rng(static_cast<std::uint64_t>(scenario_.params.scenario_seed), Purpose::Course, q, static_cast<std::uint32_t>(day + 1000));
  rec.set_course(nh_.draw(pop_.age[q], rng));
  return rec;
}

void Simulation::infect(PersonId q, PersonId infector, int day, std::uint8_t layer, std::uint32_t place, std::uint16_t origin) {
  const auto rec = new_record(q, infector, day, layer, place, origin);
  add_infection(rec, infection_tag(rec));
}

// What the counters of new infections need from the population (random reads, done where the record is drawn): bit 7
// a health worker, the low bits 1 + the type of the institution a resident or staff member belongs to (0: none).
std::uint8_t Simulation::infection_tag(const InfectionRecord& rec) const {
  const PersonId q = rec.person;
  const GroupId g = pop_.primary_group[q];
  std::uint8_t tag = 0;
  if (workforce_ && workforce_->is_worker(q)) tag |= 0x80;
  if (const auto o = pop_.occupation[q]; o == Occupation::InstitutionResident || o == Occupation::InstitutionStaff) {
    const int type = g == kNone ? -1 : static_cast<int>(pop_.group_kind[g]) - static_cast<int>(GroupKind::NursingHome);
    if (type >= 0 && type < kInstitutionTypes) tag |= static_cast<std::uint8_t>(type + 1);
  }
  return tag;
}

void Simulation::add_infection(const InfectionRecord& rec, std::uint8_t tag) {
  const PersonId q = rec.person;
  st_.record[q] = static_cast<std::uint32_t>(st_.infections.size());
  st_.infections.push_back(rec);
  count_infection(rec, tag, pop_.district_of(q));
  st_.state[q] = DiseaseState::Latent;
  for (const std::int32_t d : course_event_days(rec))
    if (d >= 0) events_[static_cast<std::size_t>(d)].push_back(q);
}

std::array<std::int32_t, 5> Simulation::course_event_days(const InfectionRecord& rec) const {
  const Course c = rec.course();
  std::array<std::int32_t, 5> days{};
  int j = 0;
  for (int offset : {nh_.window().start(c), static_cast<int>(c.onset), static_cast<int>(c.severe),
                     static_cast<int>(c.critical), static_cast<int>(c.end)}) {
    const int day = std::max(day_, rec.day + offset);  // as schedule() does
    days[j++] = offset != Course::kNever && day < static_cast<int>(events_.size()) ? day : -1;
  }
  return days;
}

void Simulation::count_infection(const InfectionRecord& rec, std::uint8_t tag, std::uint16_t d) {
  const std::uint8_t layer = rec.layer;
  if (tag & 0x80) ++today_.new_health_worker_infections;
  if (const int type = tag & 0x7F; type > 0) ++today_.new_institution_infections[static_cast<std::size_t>(type - 1)];
  count_transition(d, DiseaseState::Susceptible, DiseaseState::Latent);
  ++today_.new_infections;
  ++districts_today_[d].new_infections;
  if (layer == kImportedLayer) {
    ++today_.new_imported;
    ++districts_today_[d].new_imported;
  } else {
    ++today_.new_local;
    ++districts_today_[d].new_local;
    ++today_.new_by_layer[layer];
  }
}

// By district: the district of the person (looked up at infection, or by read_transition).
void Simulation::count_transition(std::uint16_t d, DiseaseState from, DiseaseState to) {
  --state_count_[static_cast<int>(from)];
  ++state_count_[static_cast<int>(to)];
  --district_state_count_[d][static_cast<int>(from)];
  ++district_state_count_[d][static_cast<int>(to)];
}

// Migrant workers come back (inbound) or leave for their jobs elsewhere (outbound). Point-to-point buses and trains
// (B5) take returning workers as far as seats go: screened before boarding (one with symptoms stays behind 14 days),
// they arrive with a green code and go to work without waiting; the others get the code of their origin.
void Simulation::apply_movements() {
  const auto& p = scenario_.params;
  double seats = p.economy_point_to_point_seats / p.population_scale + seats_credit_;
  auto& today = movements_[static_cast<std::size_t>(day_)];
  for (std::size_t i = 0; i < today.size(); ++i) {
    const PersonId q = today[i];
    if (pop_.flags[q] & kInboundMigrant) {
      if (seats >= 1.0) {
        if (symptomatic(st_.state[q])) {
          if (day_ + 14 < days()) movements_[static_cast<std::size_t>(day_ + 14)].push_back(q);
          continue;
        }
        seats -= 1.0;
        ++stocks_.point_to_point;
      } else {
        codes_->on_arrival(q, p.codes_migrants_origin_risk, p, day_);
      }
      st_.status[q] &= static_cast<std::uint8_t>(~kAway);
      --stocks_.away;
      ++stocks_.migrants_returned;
    } else {
      st_.status[q] |= kAway;
      ++stocks_.away;
      ++stocks_.migrants_left;
    }
  }
  seats_credit_ = seats - std::floor(seats);
}

void Simulation::apply_imports() {
  const auto& p = scenario_.params;
  const auto seed = static_cast<std::uint64_t>(p.scenario_seed);
  for (std::size_t k = 0; k < scenario_.imports.size(); ++k) {
    const auto& imp = scenario_.imports[k];
    const int day = imp.date.days - p.scenario_start.days;
    if (!(day == day_ || (day < 0 && day_ == 0))) continue;
    Rng rng(seed, Purpose::Imports, k);
    const double agents = imp.infections * p.scenario_imports_scale / p.population_scale;
    auto n = static_cast<std::int64_t>(std::floor(agents));
    if (rng.uniform() < agents - static_cast<double>(n)) ++n;
    const auto& w = import_weights_[k];
    std::int64_t placed = 0;
    for (std::int64_t i = 0; i < n; ++i) {
      const double u = rng.uniform() * w.back();
      const auto d = static_cast<std::size_t>(std::upper_bound(w.begin(), w.end(), u) - w.begin());
      const auto& dist = pop_.districts[std::min(d, w.size() - 1)];
      for (int attempt = 0; attempt < 10000 && dist.person_count > 0; ++attempt) {
        const PersonId q = dist.first_person + static_cast<PersonId>(rng.below(dist.person_count));
        if (st_.state[q] != DiseaseState::Susceptible || (st_.status[q] & kAway) || pop_.age[q] < imp.age_min ||
            pop_.age[q] > imp.age_max)
          continue;
        infect(q, kNone, day, kImportedLayer, pop_.household[q], static_cast<std::uint16_t>(k));
        ++placed;
        break;
      }
    }
    if (placed < n)
      warnings_.push_back(fmt::format("import of {} (line {}): placed {} of {} infections; no more susceptible persons aged {}-{}",
                                      format_date(imp.date), imp.line, placed, n, imp.age_min, imp.age_max));
  }
}

// One transition of today's bucket, read by read_transition: counters, lists and the callbacks of the new state.
void Simulation::apply_transition(const Transition& t) {
  const PersonId q = t.person;
  const DiseaseState from = t.from, to = t.to;
  const auto d = t.district;
  count_transition(d, from, to);
  st_.state[q] = to;
  if (t.flags & Transition::kNewlyInfectious) newly_infectious_.push_back(t.record);
  if (t.flags & Transition::kOnset) {
    ++today_.new_symptomatic;
    ++districts_today_[d].new_symptomatic;
    case_finding_.on_onset(q, day_, st_.status[q] & (kQuarantinedCentral | kQuarantinedHome));
    // A person with new symptoms declares them at the daily check-in with probability codes.symptom_declaration
    // (drawn in read_transition: OnsetDeclaration).
    if (t.flags & Transition::kDeclares)
      codes_->flag(q, CodeColour::Yellow, static_cast<int>(scenario_.params.codes_yellow_days), day_);
    arrivals_->on_onset(q, day_, scenario_.params, arrival_actions_);
  }
  const bool confirmed = t.flags & Transition::kConfirmed;
  if (to == DiseaseState::Severe || (to == DiseaseState::Critical && from < DiseaseState::Severe)) {
    if (!(st_.status[q] & kHospitalised) && !confirmed) case_finding_.on_admission(q, day_);
    admit(q);
    ++today_.new_hospitalised;
    ++districts_today_[d].new_hospitalised;
    severe_without_designated_bed(q, st_.infections[t.record]);
  }
  if (to == DiseaseState::Critical) {
    ++today_.new_critical;
    enter_intensive_care(q, st_.infections[t.record]);
  }
  if (to == DiseaseState::Dead || to == DiseaseState::Recovered) {
    const bool asymptomatic = t.flags & Transition::kAsymptomatic;
    // A recovered confirmed patient stays in hospital for the discharge tests (R8).
    const bool tested = to == DiseaseState::Recovered && confirmed && !asymptomatic && (st_.status[q] & kHospitalised) &&
                        discharge_->tests_needed();
    if (!tested) discharge(q);
    const auto r = t.record;
    if (r < has_icu_bed_.size() && has_icu_bed_[r]) has_icu_bed_[r] = 0, --stocks_.in_icu;
    if (confirmed && asymptomatic) {
      if (to == DiseaseState::Recovered) st_.status[q] &= static_cast<std::uint8_t>(~kIsolated);  // observation ends
      --stocks_.asymptomatic_observed;
    } else if (tested) {
      discharge_->on_recovered(q, day_);
    } else if (confirmed) {
      --stocks_.confirmed_active;
      ++(to == DiseaseState::Dead ? stocks_.cumulative_confirmed_deaths : stocks_.cumulative_cured);  // 病亡 or 治愈
    }
    if (to == DiseaseState::Dead) {
      codes_->on_death(q, st_);
      ++today_.new_deaths;
      ++districts_today_[d].new_deaths;
    } else {
      ++today_.new_recovered;
    }
  }
}

// Today's bucket in two passes: each entry's transition read in parallel (a pure function of the state: the random
// reads of records), then applied serially in bucket order (counters, lists and callbacks are shared). A person twice in
// the bucket is read again where the first entry changed the state (and perhaps the course: make_fatal).
void Simulation::progress() {
  auto& bucket = events_[static_cast<std::size_t>(day_)];
  const auto n = static_cast<std::int64_t>(bucket.size());
  transitions_.resize(bucket.size());
  const OnsetDeclaration declares{static_cast<std::uint64_t>(scenario_.params.scenario_seed), scenario_.params.codes_symptom_declaration};
#pragma omp parallel for schedule(static) if (n >= 4096)
  for (std::int64_t i = 0; i < n; ++i)
    transitions_[static_cast<std::size_t>(i)] = read_transition(st_, pop_, nh_.window(), declares, bucket[static_cast<std::size_t>(i)], day_);
  for (Transition t : transitions_) {
    if (st_.state[t.person] != t.from) t = read_transition(st_, pop_, nh_.window(), declares, t.person, day_);
    if (t.to != t.from) apply_transition(t);
  }
  bucket.clear();
  bucket.shrink_to_fit();
  // Keep the infectious list in record order, so the daily transmission scan reads records sequentially.
  if (!newly_infectious_.empty()) {
    std::sort(newly_infectious_.begin(), newly_infectious_.end());
    const auto mid = static_cast<std::ptrdiff_t>(st_.infectious.size());
    st_.infectious.insert(st_.infectious.end(), newly_infectious_.begin(), newly_infectious_.end());
    std::inplace_merge(st_.infectious.begin(), st_.infectious.begin() + mid, st_.infectious.end());
    newly_infectious_.clear();
  }
}

void Simulation::find_cases() {
  // Tracing first: quarantines that start or end today ask for tests, whose results may be due today.
  tracing_->step(day_, st_, today_.tracing, [&](PersonId q, int day, bool at_exit) {
    case_finding_.test(q, day, at_exit ? Route::Quarantine : Route::Tracing);
  });
  auto& c = today_.cases;
  const auto before = c;
  case_finding_.step(day_, st_, c, [&](PersonId q, bool asymptomatic) {
    arrivals_->on_found(q, day_, st_.status[q] & (kQuarantinedCentral | kQuarantinedHome));
    codes_->flag(q, CodeColour::Red, static_cast<int>(scenario_.params.codes_red_days), day_);
    tracing_->leave_quarantine(q, st_);
    tracing_->on_confirmed(st_.infections[st_.record[q]], day_);  // asymptomatic infections too (R9)
    // The report reaches the headquarters (risk levels, triggers) after the reporting delay.
    const auto report_day = static_cast<std::size_t>(day_ + scenario_.params.health_reporting_delay_days);
    if (report_day < reports_.size()) reports_[report_day].emplace_back(q, asymptomatic);
    const bool active = st_.state[q] != DiseaseState::Recovered && st_.state[q] != DiseaseState::Dead;
    if (asymptomatic) {  // centralised medical observation until recovery, reported apart
      if (active) st_.status[q] |= kIsolated, ++stocks_.asymptomatic_observed;
      ++stocks_.cumulative_asymptomatic;
      return;
    }
    admit(q);  // isolated in a designated hospital
    ++districts_today_[pop_.district_of(q)].new_confirmed;
    if (active) ++stocks_.confirmed_active;
  });
  for (const auto& [q, asymptomatic] : reports_[static_cast<std::size_t>(day_)]) {
    measures_->on_found(q, day_, asymptomatic);
    today_.new_reported += !asymptomatic;
  }
  reports_[static_cast<std::size_t>(day_)].clear();
  tracing_->trace(day_, today_.tracing);
  supplies_->use_kits(c.tests - before.tests);
  stocks_.suspected_isolated += (c.new_suspected - before.new_suspected) - (c.suspected_resolved - before.suspected_resolved);
  stocks_.cumulative_confirmed += c.new_confirmed - before.new_confirmed;
  stocks_.samples_waiting = case_finding_.samples_waiting();
}

DayControls Simulation::controls() const {
  const auto& p = scenario_.params;
  DayControls c;
  const Date date = date_of(day_);
  const bool holiday = p.calendar_holiday_days > 0 && date.days >= p.calendar_holiday_start.days &&
                       date.days < p.calendar_holiday_start.days + p.calendar_holiday_days;
  const bool rest = holiday || weekday(date) >= 5;
  if (rest) {
    c.layer[static_cast<int>(Layer::Workplace)] = static_cast<float>(p.calendar_weekend_work_factor);
    c.layer[static_cast<int>(Layer::Transport)] = static_cast<float>(p.calendar_weekend_work_factor);
    c.layer[static_cast<int>(Layer::Class)] = static_cast<float>(p.calendar_weekend_school_factor);
    c.layer[static_cast<int>(Layer::School)] = static_cast<float>(p.calendar_weekend_school_factor);
  }
  if (date < p.calendar_school_term_start) {  // winter break
    c.layer[static_cast<int>(Layer::Class)] = 0.0f;
    c.layer[static_cast<int>(Layer::School)] = 0.0f;
  }
  // Masks and voluntary distancing, from the reported cases of the 14 days before today (per million people).
  std::int64_t reported = 0;
  for (std::size_t k = 1; k <= 14 && k <= daily_.size(); ++k) reported += daily_[daily_.size() - k].new_reported;
  apply_public_behaviour(c, p, static_cast<double>(reported) * 1e6 / static_cast<double>(pop_.persons()));
  // Measures by place: skipped entirely while none restricts anything.
  if (measures_->controls().any) c.places = &measures_->controls();
  return c;
}

// The courses of today's infections are drawn in parallel (each from its own stream), with what the counters need
// from the population, then added in person order.
void Simulation::transmit(const DayControls& c) {
  transmission_->run(day_, c, st_, candidates_);
  const auto n = static_cast<std::int64_t>(candidates_.size());
  new_records_.resize(candidates_.size());
  new_tags_.resize(candidates_.size());
  // With several threads and blocks, add_infection is split: what depends on the person alone (its district, its
  // course's event days, its record index and state: persons are distinct) in the parallel pass; the counters and
  // the records appended serially in person order; the event days appended to their buckets by fixed blocks in the
  // serial order (OrderedAppends). Same records, counters and buckets as add_infection's loop.
  const bool split = omp_get_max_threads() > 1 && static_cast<std::size_t>(n) >= 2 * kAppendBlock;
  const auto base = static_cast<std::uint32_t>(st_.infections.size());
  if (split) {
    new_districts_.resize(candidates_.size());
    new_events_.targets.resize(candidates_.size());
  }
#pragma omp parallel for schedule(static) if (n >= 2048)
  for (std::int64_t i = 0; i < n; ++i) {
    const auto k = static_cast<std::size_t>(i);
    const auto& cand = candidates_[k];
    new_records_[k] = new_record(cand.person, cand.infector, day_, cand.layer, cand.place, 0);
    new_tags_[k] = infection_tag(new_records_[k]);
    if (split) {
      new_districts_[k] = pop_.district_of(cand.person);
      new_events_.targets[k] = course_event_days(new_records_[k]);
      st_.record[cand.person] = base + static_cast<std::uint32_t>(k);
      st_.state[cand.person] = DiseaseState::Latent;
    }
  }
  if (!split) {
    for (std::size_t k = 0; k < new_records_.size(); ++k) add_infection(new_records_[k], new_tags_[k]);
    return;
  }
  for (std::size_t k = 0; k < new_records_.size(); ++k) {
    st_.infections.push_back(new_records_[k]);
    count_infection(new_records_[k], new_tags_[k], new_districts_[k]);
  }
  new_events_.append(events_, new_records_.size(), [this](std::size_t k) { return new_records_[k].person; }, day_);
}

void Simulation::record() {
  today_.in_state = state_count_;
  stocks_.in_quarantine_central = tracing_->in_central();
  stocks_.in_quarantine_home = tracing_->in_home();
  stocks_.in_post_discharge_observation = discharge_->in_observation();
  today_.stocks = stocks_;
  today_.supplies = supplies_->today();
  today_.codes[static_cast<int>(CodeColour::Yellow)] = codes_->count(CodeColour::Yellow);
  today_.codes[static_cast<int>(CodeColour::Red)] = codes_->count(CodeColour::Red);
  today_.codes[static_cast<int>(CodeColour::Green)] =
      static_cast<std::int64_t>(pop_.persons()) - state_count_[static_cast<int>(DiseaseState::Dead)] - today_.codes[1] - today_.codes[2];
  for (auto level : measures_->district_levels().back()) ++today_.districts_at_level[level];
  {
    const auto& places = measures_->controls();
    for (std::size_t t = 0; t < pop_.townships.size(); ++t)
      if (knob(places.township[t], Knob::ClosedManagementDays) > 0) today_.under_closed_management += pop_.townships[t].person_count;
  }
  supplies_->next_day();
  const std::int64_t prev = daily_.empty() ? 0 : daily_.back().cumulative_infections;
  const std::int64_t prev_imp = daily_.empty() ? 0 : daily_.back().cumulative_imported;
  today_.cumulative_infections = prev + today_.new_infections;
  today_.cumulative_imported = prev_imp + today_.new_imported;
  daily_.push_back(today_);
  today_ = DailyRecord{};
  for (std::size_t d = 0; d < districts_today_.size(); ++d) {
    auto& x = districts_today_[d];
    const auto& s = district_state_count_[d];
    x.active = 0;
    for (int k = static_cast<int>(DiseaseState::Latent); k <= static_cast<int>(DiseaseState::Critical); ++k) x.active += s[k];
    x.cumulative_deaths = s[static_cast<int>(DiseaseState::Dead)];
    x.cumulative_infections = (district_days_.empty() ? 0 : district_days_.back()[d].cumulative_infections) + x.new_infections;
    x.cumulative_confirmed = (district_days_.empty() ? 0 : district_days_.back()[d].cumulative_confirmed) + x.new_confirmed;
  }
  district_days_.push_back(districts_today_);
  for (auto& x : districts_today_) x = DistrictDay{};
  // Drop persons whose infectious window has closed, the list kept in order, in place, over fixed blocks of
  // kCompactBlock entries (by the data, not the threads). Each block decides which of its entries close and moves the
  // ones it keeps to its own start, blocks in parallel (a block writes only inside itself, at or before what it reads);
  // then the blocks' kept entries are moved down to their final places serially, in block order: block b's go to the
  // sum of the counts before it, which is at or before its own start, so no block's entries are overwritten before
  // they move. The same list for any number of threads, without a second list beside it (1.6 MB at 1 M's peak).
  auto& infectious = st_.infectious;
  const auto is_closed = [&](std::size_t i) {
    const auto& rec = st_.infections[infectious[i]];
    const auto s = st_.state[rec.person];
    return day_ + 1 - rec.day >= nh_.window().end(rec.course()) || s == DiseaseState::Dead || s == DiseaseState::Recovered;
  };
  const std::size_t blocks = (infectious.size() + kCompactBlock - 1) / kCompactBlock;
  const auto nb = static_cast<std::int64_t>(blocks);
  compact_at_.resize(blocks);
#pragma omp parallel for schedule(static) if (nb > 1)
  for (std::int64_t b = 0; b < nb; ++b) {
    const auto ub = static_cast<std::size_t>(b);
    std::size_t at = ub * kCompactBlock;
    for (std::size_t i = ub * kCompactBlock; i < std::min(infectious.size(), (ub + 1) * kCompactBlock); ++i)
      if (!is_closed(i)) infectious[at++] = infectious[i];
    compact_at_[ub] = at - ub * kCompactBlock;  // how many it keeps
  }
  std::size_t kept = 0;
  for (std::size_t b = 0; b < blocks; ++b) {
    const std::size_t count = compact_at_[b];
    if (kept != b * kCompactBlock && count > 0)
      std::memmove(infectious.data() + kept, infectious.data() + b * kCompactBlock, count * sizeof(infectious[0]));
    kept += count;
  }
  infectious.resize(kept);
}

bool Simulation::step() {
  if (day_ >= days()) return false;
  apply_schedule(scenario_, date_of(day_), scenario_.params);  // components read these parameters every day
  RegionIndicators indicators;
  if (!daily_.empty()) {
    const auto& y = daily_.back().stocks;
    indicators.active_confirmed = static_cast<double>(y.confirmed_active) * pop_.scale;
    indicators.hospital_occupancy = y.bed_capacity > 0 ? static_cast<double>(y.in_hospital) / static_cast<double>(y.bed_capacity) : 0.0;
  }
  measures_->update(day_, date_of(day_), scenario_.params, indicators);
  today_.work_share = work_share();
  if (economy_) {
    economy_->open_enterprises(day_, date_of(day_), scenario_.params, measures_->controls());
    measures_->set_closed_enterprises(economy_->closed_enterprises());
  }
  apply_movements();
  apply_imports();
  arrivals_->arrive(day_, scenario_.params, st_, arrival_actions_, today_.arrivals);
  stocks_.away -= today_.arrivals.arrivals;
  progress();
  apply_codes();
  staff_and_supplies();
  discharge_->step(day_, supplies_->kits_available(), st_, today_.discharge, [&](PersonId q) {
    discharge(q);
    --stocks_.confirmed_active;
    ++stocks_.cumulative_cured;  // 治愈: discharged
  });
  supplies_->use_kits(today_.discharge.tests);
  case_finding_.limit_tests(supplies_->kits_available());  // what the discharge tests left
  today_controls_ = controls();
  find_cases();
  DayControls c = today_controls_;
  protect(c);
  transmit(c);
  if (economy_) {
    std::int64_t reported = today_.new_reported;
    for (std::size_t k = 1; k < 14 && k <= daily_.size(); ++k) reported += daily_[daily_.size() - k].new_reported;
    economy_->produce(date_of(day_), scenario_.params, measures_->controls(), st_, static_cast<double>(reported) * pop_.scale);
  }
  record();
  ++day_;
  if (day_ >= days()) release_day_buffers();
  return day_ < days();
}

void Simulation::release_day_buffers() {
  transmission_->release_buffers();
  for (auto* buckets : {&events_, &movements_})
    for (std::size_t d = static_cast<std::size_t>(day_); d < buckets->size(); ++d) release((*buckets)[d]);
  for (std::size_t d = static_cast<std::size_t>(day_); d < reports_.size(); ++d) release(reports_[d]);
  release(candidates_);
  release(new_records_);
  release(new_tags_);
  release(new_districts_);
  release(new_events_.targets);
  release(new_events_.offsets);
  release(new_events_.block_last);
  release(compact_at_);
  release(newly_infectious_);
  release(transitions_);
  // The freed buffers lie between blocks still in use; malloc_trim returns their whole pages (in every arena), so
  // the outputs' tables are written in less than the last day's memory (docs/performance.md, Memory).
  malloc_trim(0);
}

void Simulation::run(const std::function<void(int, int)>& on_day) {
  while (day_ < days()) {
    step();
    if (on_day) on_day(day_, days());
  }
}

}  // namespace tongchou

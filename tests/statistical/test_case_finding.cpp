// Finding and isolating cases (issue 3): isolation at onset against the model's presymptomatic share, and the
// onset-to-isolation delay against its configured distribution.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "core/rng.hpp"
#include "scenario/scenario.hpp"
#include "sim/simulation.hpp"

using namespace tongchou;

namespace {
struct Offspring {
  double n = 0, mean = 0, var = 0;
};
// Runs the synthetic `uncontrolled` scenario with the overrides; `seeds` >= 0 replaces its imported infections.
std::unique_ptr<Simulation> run_uncontrolled(const std::vector<std::string>& sets, double seeds = -1) {
  auto sc = load_scenario("uncontrolled");
  apply_overrides(sc, sets);
  if (seeds >= 0) sc.imports[0].infections = seeds;
  auto sim = std::make_unique<Simulation>(std::move(sc));
  sim->run();
  return sim;
}

// Mean secondary infections of 3,000 cases seeded into 1,000,000 people, with the given overrides.
Offspring seeded(std::vector<std::string> sets, std::unique_ptr<Simulation>* keep = nullptr) {
  sets.insert(sets.end(), {"population.people=1000000", "scenario.days=45", "output.infections=false"});
  auto sim = run_uncontrolled(sets, 3000);
  const auto& inf = sim->state().infections;
  std::vector<double> offspring(inf.size(), 0.0);
  for (const auto& r : inf)
    if (r.infector != kNone) offspring[sim->state().record[r.infector]] += 1;
  Offspring o;
  double sum = 0, sum2 = 0;
  for (std::size_t i = 0; i < inf.size(); ++i)
    if (inf[i].infector == kNone) o.n += 1, sum += offspring[i], sum2 += offspring[i] * offspring[i];
  o.mean = sum / o.n;
  o.var = sum2 / o.n - o.mean * o.mean;
  if (keep) *keep = std::move(sim);
  return o;
}
}  // namespace

TEST(CaseFinding, IsolationAtOnsetLeavesPresymptomaticAndAsymptomaticTransmission) {
  // Every symptomatic case is isolated on the day of onset (visit delay 0, perfect test, no turnaround). The same
  // seeds without case finding give the reference; the ratio of mean offspring must be the share of transmission
  // before onset or from asymptomatic courses, from the model's own profile:
  //   f = ((1 - a) P_pre + a q) / ((1 - a) + a q), a asymptomatic share, q their relative infectiousness.
  const std::vector<std::string> instant = {"health.case_finding=true", "health.case_finding_start=2019-12-01",
                                            "health.care_seeking=1", "health.onset_to_visit_mean=0",
                                            "health.test_sensitivity=1", "health.test_sensitivity_curve=constant",
                                            "health.fever_background_rate=0", "health.test_turnaround_days=0",
                                            "transmission.hospital_patient_factor=0"};
  std::unique_ptr<Simulation> sim;
  const Offspring with = seeded(instant, &sim), without = seeded({});
  const auto& p = sim->params();
  const double a = p.disease_asymptomatic_share, q = p.disease_asymptomatic_infectiousness;
  const double pre = sim->natural_history().presymptomatic_share();
  const double f = ((1 - a) * pre + a * q) / ((1 - a) + a * q);
  const double ratio = with.mean / without.mean;
  // Standard error of a ratio of independent means (delta method); tolerance 4 se. Isolated patients do not
  // transmit (hospital_patient_factor = 0); the reference run's seeds also lose a little to their hospital
  // admission and to depletion, which the isolated ones do not: allow 0.02.
  const double se = ratio * std::sqrt(with.var / with.n / (with.mean * with.mean) + without.var / without.n / (without.mean * without.mean));
  EXPECT_NEAR(ratio, f, 4 * se + 0.02) << "R with isolation / R without";
  std::printf("isolation at onset: offspring %.3f vs %.3f without, ratio %.3f (se %.3f); expected share %.3f\n", with.mean,
              without.mean, ratio, se, f);
}

TEST(CaseFinding, OnsetToIsolationDelayFollowsTheConfiguredDistribution) {
  const auto sim = run_uncontrolled({"population.people=200000", "scenario.days=150", "output.infections=false",
                                     "health.case_finding=true", "health.case_finding_start=2019-12-01",
                                     "health.care_seeking=1", "health.onset_to_visit_mean=4.6",
                                     "health.fever_background_rate=0", "health.onset_to_visit_cv=0.6"});
  // Delays of symptomatic people whose visit falls inside the run (onset at least 40 days before the end, so that the
  // right tail is not cut off by the end of the run).
  std::vector<int> delay;
  for (const auto& r : sim->state().infections) {
    // Mild courses only: severe cases are tested on admission, whatever their visit delay.
    if (r.course().severity != Severity::Mild || r.day + r.course().onset > sim->days() - 40 ||
        r.day + r.course().onset < 0)
      continue;
    ASSERT_NE(r.isolated_day, InfectionRecord::kNever) << "a symptomatic person who seeks care must be isolated";
    delay.push_back(r.isolated_day - (r.day + r.course().onset));
  }
  ASSERT_GT(delay.size(), 5000u);
  // The delay is a gamma(mean 4.6, cv 0.6) rounded to whole days: P(delay <= k) = F(k + 0.5). KS at alpha = 0.01
  // (conservative for a discrete distribution).
  std::sort(delay.begin(), delay.end());
  const double shape = 1 / 0.36, scale = 4.6 * 0.36, n = static_cast<double>(delay.size());
  double d = 0;
  for (std::size_t i = 0; i < delay.size();) {
    std::size_t j = i;
    while (j < delay.size() && delay[j] == delay[i]) ++j;
    const double cdf = gamma_p(shape, (delay[i] + 0.5) / scale), before = delay[i] == 0 ? 0.0 : gamma_p(shape, (delay[i] - 0.5) / scale);
    d = std::max({d, std::abs(static_cast<double>(j) / n - cdf), std::abs(static_cast<double>(i) / n - before)});
    i = j;
  }
  EXPECT_LT(d, 1.63 / std::sqrt(n));
  std::printf("onset to isolation: KS distance %.4f, critical value %.4f (n %zu)\n", d, 1.63 / std::sqrt(n), delay.size());
}

TEST(CaseFinding, ScheduledDelayChangesOnItsDate) {
  // The onset-to-visit delay drops from a mean of 6 to 1 day on day 40: visits of people with onset after that
  // date must follow the new mean (within 5 standard errors of a gamma mean, cv 0.6), those before the old one.
  auto sc = load_scenario("uncontrolled");
  apply_overrides(sc, {"population.people=100000", "scenario.days=100", "output.infections=false", "health.case_finding=true",
                       "health.case_finding_start=2019-12-01", "health.care_seeking=1", "health.onset_to_visit_mean=6",
                       "health.fever_background_rate=0"});
  ScheduleEntry e;
  e.date = Date{sc.params.scenario_start.days + 40};
  e.values.health_onset_to_visit_mean = 1.0;
  e.keys = {"health.onset_to_visit_mean"};
  sc.schedule.push_back(e);
  Simulation sim(std::move(sc));
  sim.run();
  double before = 0, nb = 0, after = 0, na = 0;
  for (const auto& r : sim.state().infections) {
    const int onset = r.day + r.course().onset;
    if (r.course().severity != Severity::Mild || r.isolated_day == InfectionRecord::kNever || onset < 0) continue;
    if (onset < 34) before += r.isolated_day - onset, nb += 1;  // visits of onsets before day 34 end before the change
    if (onset >= 40 && onset < 80) after += r.isolated_day - onset, na += 1;
  }
  ASSERT_GT(nb, 300);
  ASSERT_GT(na, 300);
  EXPECT_NEAR(before / nb, 6.0, 5 * 0.6 * 6.0 / std::sqrt(nb) + 0.1);
  EXPECT_NEAR(after / na, 1.0, 5 * 0.6 * 1.0 / std::sqrt(na) + 0.1);
}

TEST(DesignatedHospitals, CriticalFatalityRisesOnlyWithoutIntensiveCareBeds) {
  // Critical cases die with P(death | critical, age) when they get an intensive-care bed, and with
  // min(1, factor x P) when none is free. Two runs: every bed designated (no overflow) and none (all overflow).
  for (const char* share : {"1", "0"}) {
    const auto sim = run_uncontrolled({"population.people=300000", "scenario.days=200", "output.infections=false",
                                       std::string("health.designated_bed_share=") + share,
                                       "health.designated_icu_share=1", "health.overflow_fatality_factor=1.5"});
    const bool overflow = std::string(share) == "0";
    double n = 0, dead = 0, expected = 0, var = 0;
    for (const auto& r : sim->state().infections) {
      if (r.course().severity != Severity::Critical || r.day + r.course().end >= sim->days()) continue;
      const double base = sim->natural_history().p_death_given_critical(sim->population().age[r.person]);
      const double p = overflow ? std::min(1.0, 1.5 * base) : base;
      n += 1, dead += r.course().dies, expected += p, var += p * (1 - p);
    }
    ASSERT_GT(n, 800);
    // Sum of Bernoulli variables with known p: tolerance 4 sd of the sum.
    EXPECT_NEAR(dead, expected, 4 * std::sqrt(var)) << (overflow ? "without" : "with") << " intensive-care beds, n " << n;
    std::printf("critical fatality %s ICU beds: %.3f simulated, %.3f expected (n %g)\n", overflow ? "without" : "with", dead / n,
                expected / n, n);
  }
}

TEST(ContactTracing, HouseholdCoverageQuarantinesThatShareAndStopsTheirInfection) {
  // Only household contacts are traced, with coverage c = 0.6, into centralised quarantine. Among household members
  // of traced index cases who are still susceptible when the quarantine starts: the share found must be c
  // (binomial, 4 sd), and none of those found may be infected during their quarantine; those not found still are.
  const auto sim = run_uncontrolled({"population.people=300000", "scenario.days=120", "output.infections=false",
                                     "health.case_finding=true", "health.case_finding_start=2019-12-01",
                                     "health.onset_to_visit_mean=2", "health.tracing=true",
                                     "health.tracing_start=2019-12-01", "health.tracing_coverage=[0.6,0,0,0,0,0,0,0,0]",
                                     "health.quarantine_central_share=1", "health.tracing_delay_days=1"});
  const auto& pop = sim->population();
  const auto& st = sim->state();
  const auto& p = sim->params();
  double contacts = 0, found = 0, infected_found = 0, infected_missed = 0;
  for (const auto& r : st.infections) {
    if (r.confirmed_day == InfectionRecord::kNever || pop.household_collective[pop.household[r.person]]) continue;
    const int start = r.confirmed_day + static_cast<int>(p.health_tracing_delay_days);
    const int until = r.isolated_day - 1 + static_cast<int>(p.health_quarantine_days);
    if (until < start || until >= sim->days()) continue;
    const auto h = pop.household[r.person];
    for (PersonId j = pop.household_first[h]; j < pop.household_first[h + 1]; ++j) {
      if (j == r.person) continue;
      const auto rj = st.record[j];
      if (rj != kNone && st.infections[rj].day < start) continue;  // not susceptible when the quarantine starts
      const bool is_found = sim->tracing().found(r.person, j, Layer::Household);
      contacts += 1, found += is_found;
      const bool infected = rj != kNone && st.infections[rj].day <= until;
      (is_found ? infected_found : infected_missed) += infected;
    }
  }
  ASSERT_GT(contacts, 200);
  EXPECT_NEAR(found / contacts, 0.6, 4 * std::sqrt(0.24 / contacts));
  EXPECT_EQ(infected_found, 0) << "a contact in centralised quarantine was infected";
  std::printf("household tracing: %g contacts, %.3f found (coverage 0.6); infected during quarantine: %g found, %g missed\n",
              contacts, found / contacts, infected_found, infected_missed);
}

TEST(CaseFinding, FeverBackgroundVisitsArePoissonAndAllExcluded) {
  // No infections: every clinic visit is fever from another cause, drawn at `rate` per eligible person per day
  // (not away, not isolated). Total visits ~ Poisson(rate x eligible person-days): tolerance 4 sd. Each is tested
  // twice and excluded; none is positive.
  const double rate = 0.001;
  const auto sim = run_uncontrolled({"population.people=100000", "scenario.days=60", "output.infections=false",
                                     "health.case_finding=true", "health.case_finding_start=2019-12-01",
                                     "health.fever_background_rate=0.001"},
                                    0);
  double visits = 0, background = 0, expected = 0, excluded = 0, positives = 0, tests = 0;
  std::int64_t isolated_before = 0;
  for (const auto& r : sim->daily()) {
    visits += static_cast<double>(r.cases.visits), background += static_cast<double>(r.cases.background_visits);
    excluded += static_cast<double>(r.cases.excluded), positives += static_cast<double>(r.cases.positives);
    tests += static_cast<double>(r.cases.tests);
    // People drawn on a day are eligible if at home in the region and not isolated as suspected since the day before.
    expected += rate * static_cast<double>(sim->population().persons() - r.stocks.away - isolated_before);
    isolated_before = r.stocks.suspected_isolated;
  }
  const auto& last = sim->daily().back();
  EXPECT_EQ(visits, background);
  EXPECT_NEAR(background, expected, 4 * std::sqrt(expected));
  EXPECT_EQ(positives, 0);
  EXPECT_EQ(excluded + static_cast<double>(last.stocks.suspected_isolated), visits) << "every visitor excluded or still waiting";
  EXPECT_NEAR(tests, 2 * visits, 3 * static_cast<double>(last.stocks.suspected_isolated) + 1) << "two tests each";
  std::printf("fever background: %g visits, %.0f expected; %g excluded, %g tests\n", background, expected, excluded, tests);
}

TEST(CaseFinding, LaboratoryCapacityBoundsTestsAndQueuesTheRest) {
  // A laboratory of 40 tests a day against a growing epidemic and background fever: on every day it processes
  // at most its capacity, and all of it whenever samples were left waiting (it never idles with a queue).
  const auto sim = run_uncontrolled({"population.people=100000", "scenario.days=90", "output.infections=false",
                                     "health.case_finding=true", "health.case_finding_start=2019-12-01",
                                     "health.test_capacity=40", "health.fever_background_rate=0.0003"});
  int queued_days = 0;
  for (const auto& r : sim->daily()) {
    EXPECT_LE(r.cases.tests, 40);
    if (r.stocks.samples_waiting > 0) {
      EXPECT_EQ(r.cases.tests, 40);
      ++queued_days;
    }
  }
  EXPECT_GT(queued_days, 10) << "the scenario must overload the laboratory for the test to mean anything";
}

TEST(CaseFinding, TemperatureScreeningFindsSymptomaticPeopleAtItsDailyRate) {
  // No clinic visits (care_seeking 0): mild cases are found only by screening, with probability p each day they go
  // out, so the onset-to-isolation delay is geometric: P(0) = p, mean (1 - p) / p. Tolerance 4 se each.
  const double p = 0.5;
  const auto sim = run_uncontrolled({"population.people=200000", "scenario.days=120", "output.infections=false",
                                     "health.case_finding=true", "health.case_finding_start=2019-12-01",
                                     "health.care_seeking=0", "health.fever_background_rate=0", "health.screening=true",
                                     "health.screening_detection=0.5"});
  double n = 0, zero = 0, sum = 0;
  for (const auto& r : sim->state().infections) {
    const int onset = r.day + r.course().onset;
    // Mild courses that stay symptomatic for 10 days and start at least 20 days before the end.
    if (r.course().severity != Severity::Mild || onset < 0 || onset > sim->days() - 20 || r.course().end - r.course().onset < 10 ||
        (sim->state().status[r.person] & kAway))
      continue;
    if (r.isolated_day == InfectionRecord::kNever) continue;  // missed on all 10 days or more: delay > 9
    const int delay = r.isolated_day - onset;
    if (delay > 9) continue;  // truncated the same way below
    n += 1, zero += delay == 0, sum += delay;
  }
  ASSERT_GT(n, 2000);
  // Geometric truncated at 9 (P(delay > 9) = 0.5^10, negligible).
  double mean = 0, norm = 0;
  for (int k = 0; k <= 9; ++k) mean += k * std::pow(1 - p, k) * p, norm += std::pow(1 - p, k) * p;
  mean /= norm;
  const double var = (1 - p) / (p * p);
  EXPECT_NEAR(zero / n, p / norm, 4 * std::sqrt(p * (1 - p) / n));
  EXPECT_NEAR(sum / n, mean, 4 * std::sqrt(var / n));
  std::printf("screening: %g mild cases, share found on the day of onset %.3f (p %.2f), mean delay %.3f (%.3f)\n", n,
              zero / n, p, sum / n, mean);
}

TEST(CaseFinding, AsymptomaticInfectionsAreReportedApartFromConfirmedCases) {
  // Contacts are traced and tested, so asymptomatic infections are found; they must appear only in the asymptomatic
  // counts, and the confirmed counts must be exactly the symptomatic people found.
  const auto sim = run_uncontrolled({"population.people=100000", "scenario.days=100", "output.infections=false",
                                     "health.case_finding=true", "health.case_finding_start=2019-12-01",
                                     "health.tracing=true", "health.tracing_start=2019-12-01"});
  std::int64_t symptomatic_found = 0, asymptomatic_found = 0;
  for (const auto& r : sim->state().infections)
    if (r.confirmed_day != InfectionRecord::kNever) ++(r.course().severity == Severity::Asymptomatic ? asymptomatic_found : symptomatic_found);
  std::int64_t confirmed = 0, asymptomatic = 0;
  for (const auto& r : sim->daily()) confirmed += r.cases.new_confirmed, asymptomatic += r.cases.new_asymptomatic;
  EXPECT_GT(asymptomatic_found, 10);
  EXPECT_EQ(asymptomatic, asymptomatic_found);
  EXPECT_EQ(confirmed, symptomatic_found);
  EXPECT_EQ(sim->daily().back().stocks.cumulative_confirmed, symptomatic_found);
  EXPECT_EQ(sim->daily().back().stocks.cumulative_asymptomatic, asymptomatic_found);
}

TEST(HealthWorkers, PatientsInfectStaffMoreWhenProtectionRunsOut) {
  // Without suits (no stock, no production) patients' infectiousness towards staff is ppe_shortage_factor times
  // that with full protection. Hospital-layer infections whose infector is a patient (not a worker), per patient
  // confirmed in the first 12 days (before the staff are depleted), must differ by that factor between the two runs
  // (Poisson counts; tolerance 4 se of the log ratio).
  double per_patient[2] = {0, 0}, counts[2] = {0, 0}, patients[2] = {0, 0};
  for (int lacking = 0; lacking < 2; ++lacking) {
    // 3,000 seeded cases in 1,000,000 people, found within a day of onset: many patients, few staff infected (a
    // weak force of infection in hospitals keeps the staff from being depleted, which would bend the ratio).
    std::vector<std::string> sets = {"population.people=1000000", "scenario.days=35", "output.infections=false",
                                     "health.case_finding=true", "health.case_finding_start=2019-12-01",
                                     "health.onset_to_visit_mean=1", "health.ppe_shortage_factor=4",
                                     "transmission.hospital_patient_factor=0.2"};
    if (lacking) sets.insert(sets.end(), {"supplies.track=true", "supplies.suits_stock=0", "supplies.suits_production=0",
                                         "supplies.kits_stock=1e6"});
    const auto sim = run_uncontrolled(sets, 3000);
    const auto& st = sim->state();
    for (const auto& r : st.infections) {
      if (!sim->workforce().is_worker(r.person) && r.confirmed_day != InfectionRecord::kNever && r.confirmed_day < 12)
        patients[lacking] += 1;
      if (r.layer == static_cast<std::uint8_t>(Layer::Hospital) && r.infector != kNone && !sim->workforce().is_worker(r.infector)) {
        const auto& inf = st.infections[st.record[r.infector]];
        if (inf.confirmed_day < 12) counts[lacking] += 1;
      }
    }
    per_patient[lacking] = counts[lacking] / patients[lacking];
  }
  ASSERT_GT(counts[0], 30);
  const double ratio = per_patient[1] / per_patient[0];
  const double se_log = std::sqrt(1 / counts[0] + 1 / counts[1]);
  EXPECT_NEAR(std::log(ratio), std::log(4.0), 4 * se_log);
  std::printf("patients to staff: %.4f infections per confirmed patient with protection, %.4f without (ratio %.2f, factor 4)\n",
              per_patient[0], per_patient[1], ratio);
}

TEST(HealthWorkers, WorkersOffDutyTakeCapacityAway) {
  // Designated bed capacity is the base capacity times the share of health workers on duty, every day.
  const auto sim = run_uncontrolled({"population.people=200000", "scenario.days=100", "output.infections=false",
                                     "health.case_finding=true", "health.case_finding_start=2019-12-01"});
  const double workers = static_cast<double>(sim->workforce().workers());
  const double full = static_cast<double>(sim->daily().front().stocks.bed_capacity) /
                      (static_cast<double>(sim->daily().front().stocks.health_workers_on_duty) / workers);
  double lowest = 1;
  for (const auto& r : sim->daily()) {
    const double share = static_cast<double>(r.stocks.health_workers_on_duty) / workers;
    lowest = std::min(lowest, share);
    EXPECT_NEAR(static_cast<double>(r.stocks.bed_capacity), full * share, 1.0);
  }
  EXPECT_LT(lowest, 0.99) << "the epidemic must take some workers off duty for the test to mean anything";
}

TEST(Supplies, KitsBoundTestsAndStocksBalanceInARun) {
  // With few test kits, every day: tests (clinics, quarantine, discharge) = kits used <= kits in stock, and each stock = yesterday's + produced - used.
  const auto sim = run_uncontrolled({"population.people=100000", "scenario.days=90", "output.infections=false",
                                     "health.case_finding=true", "health.case_finding_start=2019-12-01",
                                     "supplies.track=true", "supplies.kits_stock=2", "supplies.kits_production=0.2"});
  const auto& p = sim->params();
  std::array<double, kSupplies> prev = {p.supplies_masks_stock * 100, p.supplies_suits_stock * 100, p.supplies_kits_stock * 100};
  int limited = 0;
  for (const auto& r : sim->daily()) {
    for (int i = 0; i < kSupplies; ++i) {
      const auto& x = r.supplies[static_cast<std::size_t>(i)];
      EXPECT_NEAR(x.stock, prev[static_cast<std::size_t>(i)] + x.produced - x.used, 1e-6);
      EXPECT_GE(x.stock, -1e-9);
      EXPECT_LE(x.used, x.needed + 1e-9);
      prev[static_cast<std::size_t>(i)] = x.stock;
    }
    const auto& kits = r.supplies[static_cast<std::size_t>(Supply::Kits)];
    EXPECT_DOUBLE_EQ(kits.used, static_cast<double>(r.cases.tests + r.discharge.tests));
    limited += r.stocks.samples_waiting > 0 && kits.stock < 1;
  }
  EXPECT_GT(limited, 5) << "kits must run short for the test to mean anything";
}

// Discharge (R8): a recovered patient needs 2 consecutive negative tests, each still positive with probability
// p = 0.3. The number of tests until two negatives in a row has mean (1 - q^2) / ((1 - q) q^2) = 3.469 and variance
// (1 - 5 (1 - q) q^2 - q^5) / ((1 - q)^2 q^4) = 4.486 with q = 1 - p. Every discharged patient is observed for 14
// days from the day of discharge; active confirmed cases fall only at discharge.
TEST(Discharge, TestsUntilTwoNegativesAndObservation) {
  const auto sim = run_uncontrolled({"population.people=100000", "scenario.days=200", "output.infections=false",
                                     "health.case_finding=true", "health.case_finding_start=2019-12-01",
                                     "health.post_recovery_positive=0.3", "health.discharge_negative_tests=2"});
  double tests = 0, discharged = 0;
  const auto& daily = sim->daily();
  for (std::size_t d = 0; d < daily.size(); ++d) {
    tests += static_cast<double>(daily[d].discharge.tests);
    discharged += static_cast<double>(daily[d].discharge.discharged);
    std::int64_t observed = 0;  // discharged today and on the 13 days before
    for (std::size_t e = d >= 13 ? d - 13 : 0; e <= d; ++e) observed += daily[e].discharge.discharged;
    EXPECT_EQ(daily[d].stocks.in_post_discharge_observation, observed) << "day " << d;
  }
  const auto& last = daily.back().stocks;
  ASSERT_GT(discharged, 200);
  EXPECT_EQ(last.confirmed_active, 0) << "the epidemic must be over for every patient's tests to be complete";
  EXPECT_EQ(static_cast<double>(last.cumulative_cured), discharged);
  const double q = 0.7, mean = (1 - q * q) / ((1 - q) * q * q);
  const double var = (1 - 5 * (1 - q) * q * q - std::pow(q, 5)) / ((1 - q) * (1 - q) * std::pow(q, 4));
  std::printf("discharged %.0f, tests per patient %.3f (expected %.3f +- %.3f)\n", discharged, tests / discharged, mean,
              std::sqrt(var / discharged));
  EXPECT_NEAR(tests / discharged, mean, 4 * std::sqrt(var / discharged));
}

// Reporting delay (早报告): cases reach the reports health.reporting_delay_days after confirmation; risk levels read
// the reports, so with nothing else changed (zoning computed, not enforced) every district's first raised level comes
// exactly 3 days later, and the reported series is the confirmed one shifted by 3 days.
TEST(CaseFinding, ReportingDelayShiftsReportsAndRiskLevels) {
  auto run = [](int delay) {
    return run_uncontrolled({"population.people=100000", "scenario.days=60", "output.infections=false",
                             "health.case_finding=true", "health.case_finding_start=2019-12-01",
                             "health.reporting_delay_days=" + std::to_string(delay)});
  };
  const auto now = run(0), later = run(3);
  const auto& a = now->daily();
  const auto& b = later->daily();
  std::int64_t reported = 0;
  for (std::size_t d = 0; d < b.size(); ++d) {
    EXPECT_EQ(a[d].new_reported, a[d].cases.new_confirmed);
    EXPECT_EQ(b[d].cases.new_confirmed, a[d].cases.new_confirmed);  // the same epidemic and case finding
    EXPECT_EQ(b[d].new_reported, d >= 3 ? b[d - 3].cases.new_confirmed : 0);
    reported += b[d].new_reported;
  }
  ASSERT_GT(reported, 50);
  const auto& la = now->measures().district_levels();
  const auto& lb = later->measures().district_levels();
  int compared = 0;
  for (std::size_t i = 0; i < la.front().size(); ++i) {
    int first_a = -1, first_b = -1;
    for (std::size_t d = 0; d < la.size(); ++d) {
      if (first_a < 0 && la[d][i] > 0) first_a = static_cast<int>(d);
      if (first_b < 0 && lb[d][i] > 0) first_b = static_cast<int>(d);
    }
    if (first_a < 0 || first_a + 3 >= static_cast<int>(la.size())) continue;
    EXPECT_EQ(first_b, first_a + 3) << "district " << i;
    ++compared;
  }
  EXPECT_GT(compared, 0);
}

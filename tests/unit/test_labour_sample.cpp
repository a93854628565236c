// The economy's daily labour count (LabourSample::count) against a plain worker-by-worker count of the same rules,
// on a hand-made population whose townships take every path of the count: transport running and no closed
// management (each available worker counts 1), transport suspended (transit users count the alternative share),
// closed management (non-essential workers count the commute share), in every order within a chunk.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/rng.hpp"
#include "economy/labour_supply.hpp"
#include "measures/work_resumption.hpp"
#include "model/knobs.hpp"

namespace tongchou {
namespace {

constexpr std::uint8_t kNotWellFlags = kAway | kHospitalised | kIsolated | kQuarantinedCentral;
constexpr std::uint8_t kKeptAwayFlags = kNotWellFlags | kQuarantinedHome | kCodeHold;

// The rules of labour_supply.hpp, one worker at a time, summed in person order.
LabourCount reference_count(const Population& pop, const SimState& st, const PlaceControls& places, const Params& p) {
  LabourCount c;
  for (std::uint32_t t = 0; t < pop.townships.size(); ++t) {
    const auto& k = places.at(t);
    const double transport = knob(k, Knob::PublicTransport);
    const double transit = 1.0 - (1.0 - p.economy_transit_alternative_share) * (1.0 - transport);
    const bool closed = knob(k, Knob::ClosedManagementDays) > 0;
    const auto& tw = pop.townships[t];
    for (PersonId q = tw.first_person; q < tw.first_person + tw.person_count; ++q) {
      const int s = pop.sector[q];
      if (s >= kSectors) {
        if ((pop.flags[q] & kPoorLabour) && (pop.flags[q] & kOutboundMigrant)) c.poor_outbound_away += (st.status[q] & kAway) != 0;
        continue;
      }
      c.workers[s] += 1;
      if ((st.status[q] & kNotWellFlags) || symptomatic(st.state[q])) continue;
      c.well[s] += 1;
      if (st.status[q] & kKeptAwayFlags) continue;
      double w = (pop.flags[q] & kTransitUser) ? transit : 1.0;
      if (closed && !essential_sector(s)) w *= p.economy_closed_management_commute_share;
      c.available[s] += w;
      if (pop.flags[q] & kPoorLabour) c.poor_available[s] += w;
    }
  }
  return c;
}

struct Case {
  Population pop;
  SimState st;
  PlaceControls places;
};

// `townships` townships of `size` persons; a third of the persons are not workers (a few of them poor outbound
// workers), the rest in random sectors with random flags, statuses and disease states.
Case make_case(int townships, std::uint32_t size, std::uint64_t seed) {
  Case c;
  Rng rng(seed, Purpose::Work, 0);
  for (int t = 0; t < townships; ++t) {
    Township tw;
    tw.first_person = static_cast<PersonId>(t) * size;
    tw.person_count = size;
    c.pop.townships.push_back(tw);
  }
  const std::size_t n = static_cast<std::size_t>(townships) * size;
  c.pop.age.assign(n, 30);
  c.pop.flags.resize(n);
  c.pop.sector.resize(n);
  c.st.status.resize(n);
  c.st.state.resize(n);
  const std::uint8_t statuses[] = {kAway, kHospitalised, kIsolated, kQuarantinedHome, kQuarantinedCentral, kCodeHold};
  for (std::size_t q = 0; q < n; ++q) {
    const bool worker = rng.uniform() < 0.67;
    c.pop.sector[q] = worker ? static_cast<std::uint8_t>(rng.below(kSectors)) : 255;
    std::uint8_t f = 0;
    if (rng.uniform() < 0.4) f |= kTransitUser;
    if (rng.uniform() < 0.1) f |= kPoorLabour;
    if (!worker && rng.uniform() < 0.5) f |= kOutboundMigrant;
    c.pop.flags[q] = f;
    // Most persons are well and free, as on most days of a run; the rest take every status and state.
    c.st.status[q] = rng.uniform() < 0.8 ? 0 : statuses[rng.below(6)];
    c.st.state[q] = rng.uniform() < 0.8 ? DiseaseState::Susceptible : static_cast<DiseaseState>(rng.below(kDiseaseStates));
  }
  return c;
}

void expect_equal(const LabourCount& got, const LabourCount& want, const char* what) {
  for (int s = 0; s < kSectors; ++s) {
    EXPECT_EQ(got.workers[s], want.workers[s]) << what << ", sector " << s;
    EXPECT_EQ(got.well[s], want.well[s]) << what << ", sector " << s;
    // The count adds in chunks, the reference in one sum: the same terms, rounded differently (at most ~1e-12).
    EXPECT_NEAR(got.available[s], want.available[s], 1e-9 * (1 + want.available[s])) << what << ", sector " << s;
    EXPECT_NEAR(got.poor_available[s], want.poor_available[s], 1e-9 * (1 + want.poor_available[s])) << what << ", sector " << s;
  }
  EXPECT_EQ(got.poor_outbound_away, want.poor_outbound_away) << what;
}

TEST(LabourSample, CountEqualsWorkerByWorkerRulesInEveryMixOfTownships) {
  // 12 townships of 5,000 persons: four chunks of 16,384 members, several townships per chunk, chunks that start
  // inside a township.
  Case c = make_case(12, 5000, 7);
  Params p;
  p.economy_transit_alternative_share = 0.3;
  p.economy_closed_management_commute_share = 0.5;
  const LabourSample sample(c.pop);
  {
    const PlaceControls none;  // no measures anywhere: every available worker counts exactly 1
    const auto got = sample.count(c.pop, c.st, none, p);
    expect_equal(got, reference_count(c.pop, c.st, none, p), "no measures");
    for (int s = 0; s < kSectors; ++s) EXPECT_EQ(got.available[s], std::floor(got.available[s])) << "whole numbers, sector " << s;
  }
  // Measures in some townships: first, middle and last, and two in a row; transport suspended in some, closed
  // management in others, both in one.
  PlaceControls places;
  places.township.assign(c.pop.townships.size(), neutral_knobs());
  places.any = true;
  auto set = [&](std::uint32_t t, Knob k, float v) { places.township[t][static_cast<std::size_t>(k)] = v; };
  set(0, Knob::PublicTransport, 0.0f);
  set(5, Knob::ClosedManagementDays, 3.0f);
  set(6, Knob::PublicTransport, 0.5f);
  set(6, Knob::ClosedManagementDays, 1.0f);
  set(11, Knob::PublicTransport, 0.25f);
  expect_equal(sample.count(c.pop, c.st, places, p), reference_count(c.pop, c.st, places, p), "measures in some townships");
  // Closed management whose commute share is 1 lets every worker count 1 again.
  p.economy_closed_management_commute_share = 1.0;
  PlaceControls closed_only;
  closed_only.township.assign(c.pop.townships.size(), neutral_knobs());
  closed_only.any = true;
  for (std::uint32_t t = 0; t < c.pop.townships.size(); t += 2) closed_only.township[t][static_cast<std::size_t>(Knob::ClosedManagementDays)] = 2.0f;
  expect_equal(sample.count(c.pop, c.st, closed_only, p), reference_count(c.pop, c.st, closed_only, p), "closed, commute share 1");
}

}  // namespace
}  // namespace tongchou

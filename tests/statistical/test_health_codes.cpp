// Health codes (issue 4, item 8; rules R4, R5): a code keeps its holder at home where codes are checked; mutual
// recognition removes the wait of arrivals from low-risk areas; people who declare symptoms infect only their household.
#include <gtest/gtest.h>

#include <cstdio>

#include "synthetic_run.hpp"

using namespace tongchou;

namespace {
std::unique_ptr<Simulation> run(const std::string& extra) { return test_support::run_synthetic(extra, 9); }

std::int64_t held_person_days(const Simulation& sim) {
  std::int64_t n = 0;
  for (const auto& r : sim.daily()) n += r.code_holds;
  return n;
}
}  // namespace

// 3,000 uninfected arrivals from a low-risk area, codes checked everywhere, no epidemic and no fever clinics: without
// mutual recognition each gets a yellow code and stays home exactly codes.yellow_days = 7 days (21,000 person-days);
// with recognition, none.
TEST(HealthCodes, MutualRecognitionRemovesTheWaitOfArrivals) {
  const std::string base =
      "[health]\nfever_background_rate = 0\n[[measure]]\nmeasure = \"health_codes\"\nvalue = 1\n"
      "[[arrivals]]\ndate = 2020-01-05\ndays = 10\ntravellers = 3000\norigin_risk = \"low\"\n";
  auto without = run(base + "[codes]\nmutual_recognition = false\nyellow_days = 7\n");
  auto with = run(base + "[codes]\nmutual_recognition = true\nyellow_days = 7\n");
  EXPECT_EQ(held_person_days(*without), 3000 * 7);
  EXPECT_EQ(held_person_days(*with), 0);
  std::int64_t peak = 0;
  for (const auto& r : without->daily()) peak = std::max(peak, r.codes[static_cast<int>(CodeColour::Yellow)]);
  EXPECT_EQ(peak, 3000 / 10 * 7);  // 300 a day, each yellow for 7 days
  EXPECT_EQ(without->daily().back().codes[static_cast<int>(CodeColour::Green)], 60000 - without->daily().back().in_state[static_cast<int>(DiseaseState::Dead)]);
}

// Everyone with symptoms declares them (codes.symptom_declaration = 1) and codes are checked: from the day of onset a
// symptomatic person meets only their household (and hospital staff once severe), so no infection outside those
// layers has an infector past onset. Without codes many do: the check can fail.
TEST(HealthCodes, DeclaredSymptomsKeepPeopleAtHome) {
  const std::string base =
      "[[imports]]\ndate = 2020-01-01\ninfections = 60\n[codes]\nsymptom_declaration = 1.0\n";
  auto count_outside = [](const Simulation& sim) {
    std::int64_t outside = 0, after_onset = 0;
    const auto& st = sim.state();
    for (const auto& r : st.infections) {
      if (r.infector == kNone) continue;
      const auto& src = st.infections[st.record[r.infector]];
      if (src.course().severity == Severity::Asymptomatic || r.day < src.day + src.course().onset) continue;
      ++after_onset;
      const auto layer = static_cast<Layer>(r.layer);
      outside += layer != Layer::Household && layer != Layer::Hospital;
    }
    std::printf("infections by symptomatic infectors after onset: %lld, outside household and hospital: %lld\n",
                static_cast<long long>(after_onset), static_cast<long long>(outside));
    return outside;
  };
  auto with = run(base + "[[measure]]\nmeasure = \"health_codes\"\nvalue = 1\n");
  auto without = run(base);
  EXPECT_EQ(count_outside(*with), 0);
  EXPECT_GT(count_outside(*without), 50);
}

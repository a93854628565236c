// The infection record of 32 bytes (state/sim_state.hpp): every field keeps its value at its limits, and the
// infectious window it no longer stores follows from the onset as NaturalHistory::draw() used to store it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>

#include "core/rng.hpp"
#include "disease/natural_history.hpp"
#include "scenario/scenario.hpp"
#include "scenario_problems.hpp"
#include "state/sim_state.hpp"

using namespace tongchou;
using tongchou::test_support::problems;

namespace {

constexpr std::array<Severity, 4> kSeverities = {Severity::Asymptomatic, Severity::Mild, Severity::Severe, Severity::Critical};

void expect_same(const Course& a, const Course& b) {
  EXPECT_EQ(a.infectiousness, b.infectiousness);
  EXPECT_EQ(a.onset, b.onset);
  EXPECT_EQ(a.severe, b.severe);
  EXPECT_EQ(a.critical, b.critical);
  EXPECT_EQ(a.end, b.end);
  EXPECT_EQ(a.severity, b.severity);
  EXPECT_EQ(a.dies, b.dies);
}

}  // namespace

TEST(InfectionRecord, KeepsEveryFieldAtItsLimits) {
  const std::int16_t days[] = {static_cast<std::int16_t>(-kMaxImportDaysBeforeStart), 0, 3649, std::numeric_limits<std::int16_t>::min(),
                               std::numeric_limits<std::int16_t>::max()};
  const std::int16_t course_days[] = {0, 1, 59, 32766, Course::kNever};
  for (const auto severity : kSeverities)
    for (const bool dies : {false, true})
      for (const std::int16_t d : days)
        for (const std::int16_t cd : course_days) {
          InfectionRecord r;
          r.person = kNone - 1;
          r.infector = 0;
          r.place = std::numeric_limits<std::uint32_t>::max();
          r.day = d;
          r.isolated_day = static_cast<std::int16_t>(-d);
          r.confirmed_day = InfectionRecord::kNever;
          r.layer = static_cast<std::uint8_t>(kLayers - 1);
          Course c;
          c.infectiousness = std::numeric_limits<float>::max();
          c.onset = cd;
          c.severe = static_cast<std::int16_t>(cd == Course::kNever ? 2 : Course::kNever);
          c.critical = std::numeric_limits<std::int16_t>::min();
          c.end = static_cast<std::int16_t>(32767 - cd);
          c.severity = severity;
          c.dies = dies;
          r.set_course(c);
          EXPECT_EQ(r.person, kNone - 1);
          EXPECT_EQ(r.infector, 0u);
          EXPECT_EQ(r.place, std::numeric_limits<std::uint32_t>::max());
          EXPECT_EQ(r.day, d);
          EXPECT_EQ(r.isolated_day, static_cast<std::int16_t>(-d));
          EXPECT_EQ(r.confirmed_day, InfectionRecord::kNever);
          EXPECT_EQ(r.layer, kLayers - 1);
          expect_same(r.course(), c);
          // Changing the course (as make_fatal does) leaves the rest alone.
          c.dies = !dies;
          c.end = 7;
          r.set_course(c);
          expect_same(r.course(), c);
          EXPECT_EQ(r.day, d);
          EXPECT_EQ(r.layer, kLayers - 1);
          EXPECT_EQ(r.place, std::numeric_limits<std::uint32_t>::max());
        }
}

TEST(InfectionRecord, ADefaultRecordHasADefaultCourse) {
  expect_same(InfectionRecord{}.course(), Course{});
  EXPECT_EQ(InfectionRecord{}.layer, kImportedLayer);
}

TEST(InfectionRecord, KeepsTheOriginOfAnImportedInfection) {
  for (const std::uint16_t origin : {std::uint16_t{0}, std::uint16_t{1}, std::uint16_t{65535}}) {
    InfectionRecord r;
    r.infector = 17;
    r.layer = 0;
    r.place = 1234567;
    r.set_imported(origin);
    EXPECT_EQ(r.origin(), origin);
    EXPECT_EQ(r.layer, kImportedLayer);
    EXPECT_EQ(r.infector, kNone);
    Course c;
    c.severity = Severity::Critical;
    c.dies = true;
    r.set_course(c);
    EXPECT_EQ(r.origin(), origin);
  }
}

// The window by its definition: infectious from max(1, onset - before) to onset + after, both included
// (disease.infectious_days_before_onset and _after_onset).
TEST(InfectiousWindow, FollowsFromTheOnsetAsTheParametersSay) {
  for (const auto& [before, after] : {std::pair{2, 7}, std::pair{0, 0}, std::pair{5, 14}, std::pair{10, 3}}) {
    Params p;
    p.disease_infectious_days_before_onset = before;
    p.disease_infectious_days_after_onset = after;
    const NaturalHistory nh(p);
    const auto& w = nh.window();
    int asymptomatic = 0, fatal = 0;
    for (int i = 0; i < 20000; ++i) {
      const int age = i % 100;
      Rng rng(5, Purpose::Course, static_cast<std::uint64_t>(i), static_cast<std::uint32_t>(age));
      const Course c = nh.draw(age, rng);
      const int start = std::max(1, c.onset - before), end = c.onset + after + 1;
      ASSERT_EQ(w.start(c), start) << "onset " << c.onset << ", before " << before;
      ASSERT_EQ(w.end(c), end) << "onset " << c.onset << ", after " << after;
      for (int offset = 0; offset <= end + 1; ++offset) {
        ASSERT_EQ(w.contains(c, offset), offset >= start && offset < end);
        if (offset < start || offset >= end) {
          ASSERT_EQ(nh.infectiousness(c, offset), 0.0f) << offset;
        }
        const auto s = w.state_on(c, offset);
        if (offset < start && offset < c.end && offset < c.severe) {
          ASSERT_EQ(s, DiseaseState::Latent) << offset;
        }
        if (offset >= start && offset < c.onset && offset < c.severe && offset < c.end) {
          ASSERT_EQ(s, c.severity == Severity::Asymptomatic ? DiseaseState::Asymptomatic : DiseaseState::Presymptomatic);
        }
      }
      // Kept in a record, the course gives the same window.
      InfectionRecord r;
      r.set_course(c);
      ASSERT_EQ(w.start(r.course()), start);
      ASSERT_EQ(w.end(r.course()), end);
      asymptomatic += c.severity == Severity::Asymptomatic;
      fatal += c.dies;
    }
    EXPECT_GT(asymptomatic, 0);
    EXPECT_GT(fatal, 0);
  }
}

// A record's day has 16 bits: the longest run and the earliest import must fit.
TEST(InfectionRecord, TheDaysAScenarioMayAskForFitSixteenBits) {
  const auto* days = find_param("scenario.days");
  ASSERT_NE(days, nullptr);
  ASSERT_TRUE(days->max());
  EXPECT_LT(*days->max() + 1000, std::numeric_limits<std::int16_t>::max());  // the last day and a course after it
  EXPECT_GE(-kMaxImportDaysBeforeStart, std::numeric_limits<std::int16_t>::min());
  const std::string start = "[scenario]\nstart = 2020-01-21\ndays = 10\n";
  EXPECT_TRUE(problems(start + "[[imports]]\ndate = 2019-01-21\ninfections = 1\n").empty()) << "365 days before";
  const auto d = problems(start + "[[imports]]\ndate = 2019-01-20\ninfections = 1\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].key, "imports.date");
  EXPECT_EQ(d[0].line, 4);
  EXPECT_NE(d[0].message.find("more than 365 days before the first simulated day 2020-01-21"), std::string::npos) << d[0].message;
}

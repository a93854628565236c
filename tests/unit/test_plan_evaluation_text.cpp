// Unit tests of a plan's evaluation as text (plans/plan_evaluation.hpp evaluation_text): what the processes of an
// MPI launch of `tongchou optimise` send each other; every number must come back bit for bit, or the ranks' searches
// would part ways.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "plans/plan_evaluation.hpp"

namespace tongchou {
namespace {

std::uint64_t bits(double v) { return std::bit_cast<std::uint64_t>(v); }

void expect_same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(bits(a[i]), bits(b[i])) << "value " << i;
}

TEST(PlanEvaluationText, EveryFieldComesBackBitForBit) {
  PlanEvaluation e;
  e.objectives = {0.1 + 0.2, -1e-300, 12345.678901234567};
  e.constraints = {std::numeric_limits<double>::denorm_min(), -0.0};
  e.scorecard = {std::nan(""), -std::numeric_limits<double>::infinity(), 3.0};
  e.violation = 1.0 / 3.0;
  e.feasible = false;
  e.problem = "measure.x.from: 2,a:b \"quoted\"\nsecond line";
  const PlanEvaluation back = evaluation_from_text(evaluation_text(e));
  expect_same_bits(back.objectives, e.objectives);
  expect_same_bits(back.constraints, e.constraints);
  expect_same_bits(back.scorecard, e.scorecard);
  EXPECT_EQ(bits(back.violation), bits(e.violation));
  EXPECT_FALSE(back.feasible);
  EXPECT_EQ(back.problem, e.problem);
}

TEST(PlanEvaluationText, EmptyListsAndFeasibleStayThemselves) {
  PlanEvaluation e;  // a plan that could not run: no figures
  const PlanEvaluation back = evaluation_from_text(evaluation_text(e));
  EXPECT_TRUE(back.objectives.empty() && back.constraints.empty() && back.scorecard.empty());
  EXPECT_TRUE(back.feasible);
  EXPECT_EQ(bits(back.violation), bits(0.0));
}

TEST(PlanEvaluationText, UnreadableTextIsRefused) {
  EXPECT_THROW(evaluation_from_text("garbage"), std::runtime_error);
  EXPECT_THROW(evaluation_from_text("2:zz0:0:1:00:1:10:"), std::runtime_error);
}

}  // namespace
}  // namespace tongchou

// Progress on standard error (issue 15 §5): phases with their shares, plain lines when not on a terminal, silent when off.
#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "core/progress.hpp"

using namespace tongchou;

TEST(Progress, PlainLinesPhasesAndShares) {
  testing::internal::CaptureStderr();
  ProgressBar bar(ProgressBar::Style::Plain, 0.0);
  bar.phase("synthesis");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  bar.phase("days");
  bar.update(1, 4);
  bar.update(4, 4);
  bar.update(4, 4);  // the last day once only
  bar.finish();
  bar.summary();
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("  synthesis ... ("), std::string::npos) << err;
  EXPECT_NE(err.find("  days ... ("), std::string::npos) << err;
  EXPECT_NE(err.find("  day 1/4 (25%), "), std::string::npos) << err;
  EXPECT_NE(err.find("ETA"), std::string::npos) << err;
  EXPECT_EQ(err.find("day 4/4"), err.rfind("day 4/4")) << err;
  EXPECT_EQ(err.find('\r'), std::string::npos) << "no carriage returns in logs";
  EXPECT_NE(err.find("  done in "), std::string::npos) << err;
  const auto phases = bar.phases();
  ASSERT_EQ(phases.size(), 2u);
  EXPECT_EQ(phases[0].name, "synthesis");
  EXPECT_GE(phases[0].seconds, 0.19);
  // Synthesis took nearly all the time: its share is printed as such.
  EXPECT_TRUE(std::regex_search(err, std::regex("done in [0-9.]+ s: synthesis [0-9.]+ s (9[0-9]|100)%, days [0-9.]+ s [0-9]%")))
      << err;
}

TEST(Progress, PlainLinesWaitForTheInterval) {
  testing::internal::CaptureStderr();
  ProgressBar bar(ProgressBar::Style::Plain, 3600.0);
  bar.phase("days");
  for (int d = 1; d < 100; ++d) bar.update(d, 100);
  bar.update(100, 100);  // the end is always shown
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(err.find("day 50/100"), std::string::npos) << err;
  EXPECT_NE(err.find("day 100/100 (100%)"), std::string::npos) << err;
}

TEST(Progress, HeartbeatDuringALongPhase) {
  testing::internal::CaptureStderr();
  {
    ProgressBar bar(ProgressBar::Style::Plain, 0.05);
    bar.phase("synthesis");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // nothing printed by the phase itself
    bar.phase("days");
    bar.update(3, 10);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // a long day
  }
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_TRUE(std::regex_search(err, std::regex("  synthesis \\.\\.\\. [0-9]+\\.[0-9] s \\([0-9]+\\.[0-9] s elapsed\\)\n"))) << err;
  EXPECT_TRUE(std::regex_search(err, std::regex("  day 3/10 \\(30%\\), [0-9]+ s elapsed\n"))) << err;
}

TEST(Progress, OffIsSilent) {
  testing::internal::CaptureStderr();
  ProgressBar bar(ProgressBar::Style::Off, 0.0);
  bar.message("hello");
  bar.phase("synthesis");
  bar.update(1, 2);
  bar.finish();
  bar.summary();
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(bar.phases().size(), 1u);  // still timed
}

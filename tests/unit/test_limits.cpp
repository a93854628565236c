// Limits and input files (issue 15 section 4): files checked before reading, UTF-8, the memory estimate and its check,
// imports that a scale rounds below one agent.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>

#include "core/input_file.hpp"
#include "population/region_data.hpp"
#include "scenario/scenario.hpp"
#include "sim/memory_estimate.hpp"
#include "sim/scale_rounding.hpp"

using namespace tongchou;

namespace {
std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char tmpl[] = "/tmp/tongchou-limits-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};
}  // namespace

TEST(InputFile, Utf8Validation) {
  EXPECT_FALSE(invalid_utf8_at("plain ascii"));
  EXPECT_FALSE(invalid_utf8_at("云阳县 Yunyang 😷"));
  EXPECT_EQ(invalid_utf8_at("ab\xff"), 2u);
  EXPECT_EQ(invalid_utf8_at("\xc0\xaf"), 0u);              // overlong '/'
  EXPECT_EQ(invalid_utf8_at("x\xed\xa0\x80"), 1u);         // a UTF-16 surrogate
  EXPECT_EQ(invalid_utf8_at("\xf4\x90\x80\x80"), 0u);      // above U+10FFFF
  EXPECT_EQ(invalid_utf8_at("ok\xe4\xb8"), 2u);            // truncated sequence at the end
  const std::string m = message_of([] { require_utf8_text("a = 1\nb = \"\xe4\xb8\xad\xff\"\n", "f.toml"); });
  EXPECT_NE(m.find("f.toml:2:7: not UTF-8 text"), std::string::npos) << m;
  EXPECT_NE(message_of([] { require_utf8_text(std::string("a\0b", 3), "f.toml"); }).find("f.toml:1:2: not UTF-8"), std::string::npos);
}

TEST(InputFile, RefusesWhatIsNotARegularFile) {
  TempDir tmp;
  const auto dir = (tmp.path / "folder").string(), fifo = (tmp.path / "pipe").string(), file = (tmp.path / "f.txt").string();
  std::filesystem::create_directory(dir);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::ofstream(file) << "hello";
  EXPECT_EQ(path_kind(dir), PathKind::Directory);
  EXPECT_EQ(path_kind(fifo), PathKind::Other);
  EXPECT_EQ(path_kind(file), PathKind::Regular);
  EXPECT_EQ(path_kind((tmp.path / "none").string()), PathKind::Missing);
  EXPECT_NE(message_of([&] { read_input_file(dir, "scenario file"); }).find("is a directory"), std::string::npos);
  // A pipe with no writer: refused at once, never opened for a blocking read.
  EXPECT_NE(message_of([&] { read_input_file(fifo, "data file"); }).find("is not a regular file (a named pipe)"), std::string::npos);
  EXPECT_NE(message_of([&] { read_input_file("/dev/null", "data file"); }).find("character device"), std::string::npos);
  EXPECT_NE(message_of([&] { read_input_file((tmp.path / "none").string(), "data file"); }).find("cannot read data file"),
            std::string::npos);
  EXPECT_EQ(read_input_file(file, "data file"), "hello");
}

// The one reader's two ways of saying why not (core/input_file.hpp): an InputError for an input file, a short reason
// for a run folder's files; each message exactly as the bad-input tests and the run folder's readers expect it.
TEST(InputFile, EachRefusalWordedExactly) {
  TempDir tmp;
  const auto dir = (tmp.path / "folder").string(), fifo = (tmp.path / "pipe").string(), none = (tmp.path / "none").string();
  std::filesystem::create_directory(dir);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(message_of([&] { read_input_file(dir, "scenario file"); }), dir + ": is a directory; give the path of a scenario file");
  EXPECT_EQ(message_of([&] { read_input_file(fifo, "data file"); }),
            fifo + ": is not a regular file (a named pipe); give the path of a data file");
  EXPECT_EQ(message_of([&] { read_input_file(none, "data file"); }), none + ": cannot read data file: No such file or directory");
  EXPECT_EQ(read_regular_file(dir).error, "is a directory, not a regular file");
  EXPECT_EQ(read_regular_file(fifo).error, "is a FIFO, not a regular file");
  EXPECT_EQ(read_regular_file("/dev/null").error, "is a device, not a regular file");
  EXPECT_EQ(read_regular_file(none).error, "missing");
  EXPECT_EQ(describe_path(fifo), "a FIFO");
  EXPECT_EQ(describe_path(none), "nothing");
  const auto file = (tmp.path / "f.txt").string();
  std::ofstream(file) << "hello, world";
  EXPECT_EQ(read_regular_file(file, 5).text.value_or("?"), "hello");
  std::string pieces;
  EXPECT_EQ(read_regular_chunks(file, [&](std::string_view p) { pieces += p; return true; }), "");
  EXPECT_EQ(pieces, "hello, world");
}

TEST(ScenarioFile, EmptyDirectoryAndPipeRefused) {
  TempDir tmp;
  const auto empty = (tmp.path / "empty.toml").string(), comments = (tmp.path / "c.toml").string();
  std::ofstream(empty) << " \n\t\n";
  std::ofstream(comments) << "# nothing but a comment\n";
  EXPECT_NE(message_of([&] { load_scenario(empty); }).find("empty scenario file"), std::string::npos);
  EXPECT_NE(message_of([&] { load_scenario(comments); }).find("empty scenario file"), std::string::npos);
  EXPECT_NE(message_of([&] { load_scenario(tmp.path.string()); }).find("is a directory"), std::string::npos);
  // A folder named like a built-in scenario does not hide it.
  std::filesystem::create_directory(tmp.path / "yunyang");
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(tmp.path);
  EXPECT_NO_THROW(load_scenario("yunyang"));
  std::filesystem::current_path(cwd);
}

TEST(ScenarioFile, UnterminatedStringReadsNaturally) {
  const std::string on_line = message_of([] { parse_scenario("[scenario]\nname = \"abc\nseed = 1\n", "s.toml"); });
  EXPECT_NE(on_line.find("s.toml:2:"), std::string::npos) << on_line;
  EXPECT_NE(on_line.find("unterminated string"), std::string::npos) << on_line;
  const std::string at_end = message_of([] { parse_scenario("[scenario]\nname = \"\"\"abc\n", "s.toml"); });
  EXPECT_NE(at_end.find("unterminated string"), std::string::npos) << at_end;
  // Other syntax errors keep toml++'s description.
  const std::string other = message_of([] { parse_scenario("[scenario]\nseed = = 1\n", "s.toml"); });
  EXPECT_NE(other.find("malformed TOML"), std::string::npos);
  EXPECT_EQ(other.find("unterminated"), std::string::npos) << other;
}

TEST(MemoryEstimate, GrowsWithAgentsAndDaysAndShrinksWithScale) {
  Params p;
  p.scenario_region = "synthetic";
  RegionData r;
  r.districts.resize(4);
  for (auto& d : r.districts) d.population = 250000;
  const auto base = estimate_memory(p, r);
  EXPECT_DOUBLE_EQ(base.agents, 1e6);
  // Plausible: between 50 and 500 bytes per agent for a million agents (measured peak about 190 MB).
  EXPECT_GT(base.bytes, 50e6);
  EXPECT_LT(base.bytes, 500e6);
  r.districts[0].population *= 10;
  const auto more = estimate_memory(p, r);
  EXPECT_GT(more.bytes, base.bytes);
  p.population_scale = 10;
  const auto scaled = estimate_memory(p, r);
  EXPECT_LT(scaled.bytes, more.bytes);
  EXPECT_DOUBLE_EQ(scaled.agents, more.agents / 10);
  p.scenario_days = 3650;
  EXPECT_GT(estimate_memory(p, r).bytes, scaled.bytes);
  p.migrants_outbound_per_resident = 0.5;
  EXPECT_DOUBLE_EQ(estimate_memory(p, r).agents, scaled.agents * 1.5);
  // A synthetic region estimated from its parameters as from the region built of them.
  Params s;
  s.scenario_region = "synthetic";
  s.population_people = 1000000;
  s.population_synthetic_district_size = 250000;
  EXPECT_DOUBLE_EQ(estimate_synthetic_memory(s).bytes, base.bytes);
  s.population_synthetic_district_size = 1000;
  EXPECT_GT(estimate_synthetic_memory(s).bytes, base.bytes);
}

TEST(MemoryEstimate, RefusesWhatDoesNotFitWithFiguresAndRemedy) {
  Params p;
  p.scenario_region = "synthetic";
  p.population_people = 2000000000;
  MemoryEstimate e;
  e.agents = 2e9;
  e.districts = 8000;
  e.bytes = kMemoryFixedBytes + kMemoryBytesPerAgent * e.agents;
  const std::string m = message_of([&] { check_memory(p, e, 16e9, "x.toml"); });
  EXPECT_NE(m.find("x.toml: population.people: this run needs about 340.1 GB"), std::string::npos) << m;
  EXPECT_NE(m.find("16.0 GB available"), std::string::npos) << m;
  EXPECT_NE(m.find("--people"), std::string::npos) << m;
  EXPECT_NE(m.find("--scale"), std::string::npos) << m;
  EXPECT_NO_THROW(check_memory(p, e, 400e9));
  EXPECT_NO_THROW(check_memory(p, e, std::nullopt));  // unknown: not refused
  e.agents = 5e9;  // beyond 32-bit ids, whatever the memory
  EXPECT_NE(message_of([&] { check_memory(p, e, 1e15); }).find("32-bit person ids"), std::string::npos);
  p.scenario_region = "chongqing";
  e.agents = 1e8;
  const std::string c = message_of([&] { check_memory(p, e, 1e9); });
  EXPECT_NE(c.find("population.scale"), std::string::npos) << c;
  EXPECT_EQ(c.find("--people"), std::string::npos) << c;
  const auto avail = available_memory_bytes();
  ASSERT_TRUE(avail);  // Linux: /proc/meminfo
  EXPECT_GT(*avail, 1e6);
}

TEST(ScaleRounding, NamesEntriesBelowOneAgent) {
  Scenario sc = parse_scenario("[population]\nscale = 10\n[[imports]]\ndate = 2020-01-10\ninfections = 3\n"
                               "[[imports]]\ndate = 2020-01-11\ninfections = 30\n[[imports]]\ndate = 2020-01-12\ninfections = 0\n"
                               "[[arrivals]]\ndate = 2020-01-25\ntravellers = 5\nprevalence = 0.1\n",
                               "s.toml");
  const auto w = scale_rounding_warnings(sc);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_NE(w[0].find("[[imports]] entry 1 (2020-01-10, 3 infections) is 0.3 agents"), std::string::npos) << w[0];
  EXPECT_NE(w[1].find("[[arrivals]] entry 1 (2020-01-25, 5 travellers)"), std::string::npos) << w[1];
  sc.params.population_scale = 1;
  EXPECT_TRUE(scale_rounding_warnings(sc).empty());
}

// Found by fuzz_scenario: the resolved scenario wrote labels, origins, districts and places without escaping, so a label
// with a quote made scenario.resolved.toml unreadable.
TEST(FuzzRegressions, ResolvedScenarioEscapesStrings) {
  const Scenario sc = parse_scenario("[scenario]\nregion = \"yunyang\"\ndata_dir = \"a\\\\b\\nc\"\n"
                                     "[[measure]]\nmeasure = \"work\"\nvalue = 0.5\nlabel = \"a \\\"quoted\\\" \\u0001 label\"\n"
                                     "[[imports]]\ndate = 2020-01-21\ninfections = 3\norigin = \"x\\ny\"\ndistrict = \"Yun\\\"yang\"\n"
                                     "[[arrivals]]\ndate = 2020-01-25\ntravellers = 3\norigin = \"\\\\\"\n",
                                     "s.toml");
  const std::string resolved = resolved_toml(sc);
  const Scenario again = parse_scenario(resolved, "s.toml");
  EXPECT_EQ(again.measures.at(0).label, "a \"quoted\" \x01 label");
  EXPECT_EQ(again.imports.at(0).origin, "x\ny");
  EXPECT_EQ(again.imports.at(0).district, "Yun\"yang");
  EXPECT_EQ(again.arrivals.at(0).origin, "\\");
  EXPECT_EQ(again.params.scenario_data_dir, "a\\b\nc");
  EXPECT_EQ(resolved_toml(again), resolved);
}

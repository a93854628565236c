// Unit tests of the service's pieces (src/service/): SHA-256 against the FIPS 180-2 test vectors, tokens, the request
// read into a scenario (built-in names, TOML text, never a path; overrides as TOML values), the limits' sizes, the
// files of a job's folder (only what manifests list, never hidden staging folders), and the SQLite store.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/date.hpp"
#include "core/error.hpp"
#include "service/api_error.hpp"
#include "service/job_kinds.hpp"
#include "service/sha256.hpp"
#include "service/sqlite_store.hpp"

using namespace tongchou;
using namespace tongchou::service;
namespace fs = std::filesystem;

namespace {

fs::path temp_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("tongchou-unit-service-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

int api_status(const std::function<void()>& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e.status;
  }
  return 0;
}

}  // namespace

TEST(ServiceSha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(ServiceSha256, TokensAreRandomAndWellFormed) {
  const std::string a = random_token(), b = random_token();
  EXPECT_NE(a, b);
  ASSERT_EQ(a.size(), 67u);
  EXPECT_EQ(a.substr(0, 3), "tc_");
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef", 3), std::string::npos);
}

TEST(ServiceRequest, BuiltinNameOverridesAndSeed) {
  const Json spec = Json::parse(R"({"scenario": "uncontrolled", "seed": 7,
      "overrides": {"population.people": 5000, "transmission.r0": 2, "scenario.days": 30}})");
  const Scenario sc = request_scenario(spec);
  EXPECT_EQ(sc.params.scenario_name, "uncontrolled");
  EXPECT_EQ(sc.params.scenario_seed, 7);
  EXPECT_EQ(sc.params.population_people, 5000);
  EXPECT_DOUBLE_EQ(sc.params.transmission_r0, 2.0);  // the whole number 2 given to a real parameter
  EXPECT_EQ(sc.params.scenario_days, 30);
}

TEST(ServiceRequest, MeasureDatesById) {
  const Scenario sc = request_scenario(Json::parse(R"({"scenario": "yunyang", "overrides": {"measure.work_feb24.from": "2020-02-17"}})"));
  const MeasureEntry* m = find_measure_id(sc, "work_feb24");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(format_date(m->from), "2020-02-17");
  EXPECT_THROW(request_scenario(Json::parse(R"({"scenario": "yunyang", "overrides": {"measure.nope.from": "2020-02-17"}})")), InputError);
}

TEST(ServiceRequest, TomlTextIsReadAsScenarioToml) {
  const Json ok = {{"scenario", "[scenario]\nname = \"mine\"\nregion = \"synthetic\"\n"}};
  EXPECT_EQ(request_scenario(ok).params.scenario_name, "mine");
  const Json bad = {{"scenario", "[scenario]\nname = \"mine\"\n\n[transmission]\nr0 = \"high\"\n"}};
  try {
    request_scenario(bad);
    FAIL() << "an invalid scenario was accepted";
  } catch (const InputError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    EXPECT_EQ(e.diagnostics().front().file, "scenario.toml");
    EXPECT_EQ(e.diagnostics().front().line, 5);
    EXPECT_EQ(e.diagnostics().front().key, "transmission.r0");
  }
}

TEST(ServiceRequest, NeverAPath) {
  EXPECT_EQ(api_status([] { request_scenario(Json{{"scenario", "/etc/passwd"}}); }), 400);
  EXPECT_EQ(api_status([] { request_scenario(Json{{"scenario", "scenarios/yunyang.toml"}}); }), 400);
  EXPECT_EQ(api_status([] { request_scenario(Json{{"scenario", "uncontrolled"}, {"overrides", {{"scenario.data_dir", "/etc"}}}}); }), 400);
  EXPECT_EQ(api_status([] { request_scenario(Json{{"scenario", "[scenario]\nregion = \"synthetic\"\ndata_dir = \"/etc\"\n"}}); }), 400);
  EXPECT_EQ(api_status([] { request_scenario(Json{{"scenario", 3}}); }), 400);
  EXPECT_EQ(api_status([] { request_scenario(Json{{"scenario", "uncontrolled"}, {"overrides", Json::array()}}); }), 400);
}

TEST(ServiceRequest, TomlValues) {
  EXPECT_EQ(toml_value(Json(2), "k"), "2");
  EXPECT_EQ(toml_value(Json(2.5), "k"), "2.5");
  EXPECT_EQ(toml_value(Json(1e22), "k"), "1e+22");
  EXPECT_EQ(toml_value(Json(true), "k"), "true");
  EXPECT_EQ(toml_value(Json("2020-02-17"), "k"), "2020-02-17");
  EXPECT_EQ(api_status([] { toml_value(Json::array({1, 2}), "k"); }), 400);
  EXPECT_EQ(api_status([] { toml_value(Json::object(), "k"); }), 400);
}

TEST(ServiceKinds, TableAndSizes) {
  std::vector<std::string> names;
  for (const auto& k : job_kinds()) names.push_back(k.name);
  EXPECT_EQ(names, (std::vector<std::string>{"run", "ensemble", "sweep", "optimise", "compare"}));
  EXPECT_EQ(find_job_kind("optimise_"), nullptr);
  const fs::path jobs = temp_dir("kinds");
  const Json run = Json::parse(R"({"scenario": "uncontrolled", "overrides": {"population.people": 40000, "population.scale": 4}})");
  EXPECT_NEAR(find_job_kind("run")->check(run, jobs).agents, 10000, 1);
  Json ens = run;
  ens["runs"] = 12;
  EXPECT_EQ(find_job_kind("ensemble")->check(ens, jobs).runs, 12);
  Json sweep = run;
  sweep["params"] = Json::parse(R"({"transmission.r0": [1.5, 2.5, 3.5], "population.people": [40000, 80000]})");
  sweep["runs"] = 2;
  const JobSize s = find_job_kind("sweep")->check(sweep, jobs);
  EXPECT_EQ(s.runs, 12);
  EXPECT_NEAR(s.agents, 20000, 1);  // the largest point's population
  EXPECT_EQ(api_status([&] { find_job_kind("compare")->check(Json::parse(R"({"jobs": [1, 2]})"), jobs); }), 400);
  // An optimisation: the scenario's own plan and population x (generations + 1) plans, each `runs` times; a variable of
  // the population counts at the larger end of its range.
  Json opt = run;
  opt["plan"] = "[[variable]]\nkey = \"population.people\"\nlo = 40000\nhi = 120000\nstep = 40000\n\n[[objective]]\n"
                "figure = \"health.infections\"\ngoal = \"minimise\"\n\n[[objective]]\nfigure = \"health.deaths\"\ngoal = \"minimise\"\n\n"
                "[search]\npopulation = 8\ngenerations = 2\nruns = 3\n";
  const JobSize o = find_job_kind("optimise")->check(opt, jobs);
  EXPECT_EQ(o.runs, (1 + 8 * 3) * 3);
  EXPECT_NEAR(o.agents, 30000, 1);  // 120000 people at scale 4
  opt["runs"] = 1;
  EXPECT_EQ(find_job_kind("optimise")->check(opt, jobs).runs, 1 + 8 * 3);
  // A bad plan: 400 with its file:line:column: key: message lines.
  opt["plan"] = "[[variable]]\nkey = \"nonesuch.key\"\nlo = 1\nhi = 2\n";
  try {
    find_job_kind("optimise")->check(opt, jobs);
    ADD_FAILURE() << "a bad plan was accepted";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status, 400);
    ASSERT_FALSE(e.problems.empty());
    EXPECT_EQ(e.problems.front().rfind("plan.toml:", 0), 0u) << e.problems.front();
  }
  EXPECT_EQ(api_status([&] { find_job_kind("optimise")->check(run, jobs); }), 400);  // no plan
  fs::remove_all(jobs);
}

TEST(ServiceFiles, OnlyWhatManifestsList) {
  const fs::path dir = temp_dir("files");
  write(dir / "runs/001/daily.csv", "x");
  write(dir / "runs/001/notes.txt", "not listed");
  write(dir / "runs/001/manifest.json", R"({"generator": "tongchou 0.1.0", "kind": "run", "scenario": "s", "seed": 1,
      "files": [{"name": "daily.csv", "bytes": 1, "fnv1a64": "af63bd4c8601b7be"}]})");
  write(dir / "ensemble.csv", "y");
  write(dir / ".runs.tongchou-partial.99/daily.csv", "staging");
  write(dir / "summary.json.tmp.123", "temporary");
  const auto files = job_files(dir);
  EXPECT_EQ(files, (std::vector<std::string>{"ensemble.csv", "runs/001/daily.csv", "runs/001/manifest.json"}));
  fs::remove_all(dir);
}

TEST(ServiceSqliteStore, JobsAndTokensPersist) {
  const fs::path dir = temp_dir("sqlite");
  std::int64_t a = 0, b = 0;
  {
    SqliteStore store(dir / "t.db");
    a = store.add_job("run", R"({"scenario": "yunyang"})");
    b = store.add_job("ensemble", "{}");
    EXPECT_GT(b, a);
    store.start_job(a);
    store.set_progress(a, 0.5, "day 5/10");
    store.add_token("alice", sha256_hex("secret"));
    store.add_token("alice", sha256_hex("new secret"));  // replaces alice's
  }
  SqliteStore store(dir / "t.db");
  auto job = store.job(a);
  ASSERT_TRUE(job);
  EXPECT_EQ(job->status, JobStatus::Running);
  EXPECT_EQ(job->attempts, 1);
  EXPECT_DOUBLE_EQ(job->progress, 0.5);
  EXPECT_EQ(job->message, "day 5/10");
  EXPECT_EQ(store.unfinished().size(), 2u);
  store.set_status(a, JobStatus::Done, "done", R"({"scorecard": {}})");
  job = store.job(a);
  EXPECT_EQ(job->status, JobStatus::Done);
  EXPECT_DOUBLE_EQ(job->progress, 1.0);
  EXPECT_EQ(job->result, R"({"scorecard": {}})");
  store.set_status(a, JobStatus::Done, "again");  // no result given: the stored one stays
  EXPECT_EQ(store.job(a)->result, R"({"scorecard": {}})");
  EXPECT_EQ(store.unfinished().size(), 1u);
  EXPECT_EQ(store.jobs(10).front().id, b);  // newest first
  EXPECT_FALSE(store.token_known(sha256_hex("secret")));
  EXPECT_TRUE(store.token_known(sha256_hex("new secret")));
  EXPECT_TRUE(store.remove_job(b));
  EXPECT_FALSE(store.remove_job(b));
  EXPECT_FALSE(store.job(b));
  fs::remove_all(dir);
}

TEST(ServiceSqliteStore, UnopenableFileSaysWhy) {
  const fs::path dir = temp_dir("sqlite-bad");
  fs::create_directories(dir / "a-folder.db");
  try {
    SqliteStore store(dir / "a-folder.db");
    FAIL() << "a folder opened as a database";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("a-folder.db"), std::string::npos) << e.what();
  }
  fs::remove_all(dir);
}

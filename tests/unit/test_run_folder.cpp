// The run folder protocol: manifest.json, the staged swap, what may be replaced, folder names.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/input_file.hpp"
#include "output/manifest.hpp"
#include "output/run_folder.hpp"
#include "report/run_directory.hpp"
#include "scenario/folder_name.hpp"

using namespace tongchou;
namespace fs = std::filesystem;

namespace {
fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("tongchou_run_folder_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}
void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }
std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST(Manifest, Fnv1a64KnownValues) {
  // Reference values of FNV-1a 64 (Fowler, Noll, Vo; draft-eastlake-fnv).
  EXPECT_EQ(fnv1a64_hex(""), "cbf29ce484222325");
  EXPECT_EQ(fnv1a64_hex("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(fnv1a64_hex("foobar"), "85944171f73967e8");
}

TEST(Manifest, RoundTripAndRejectsForeignFiles) {
  Manifest m;
  m.scenario = "yunyang";
  m.seed = 7;
  m.files = {{"daily.csv", 4, fnv1a64_hex("a,b\n")}};
  Manifest back;
  std::string error;
  ASSERT_TRUE(parse_manifest(manifest_json(m), back, error)) << error;
  EXPECT_EQ(back.scenario, "yunyang");
  EXPECT_EQ(back.seed, 7);
  ASSERT_EQ(back.files.size(), 1u);
  EXPECT_EQ(back.files[0].fnv1a64, m.files[0].fnv1a64);
  EXPECT_FALSE(parse_manifest("{\"files\": []}", back, error));  // no generator: not ours
  EXPECT_FALSE(parse_manifest("{\"generator\": \"tongchou\", \"files\": [{\"name\": \"../x\", \"bytes\": 1, \"fnv1a64\": \"0\"}]}",
                              back, error));
  EXPECT_FALSE(parse_manifest("not json", back, error));
}

TEST(Manifest, MismatchesNameTheFile) {
  const fs::path dir = fresh_dir("mismatch");
  write(dir / "daily.csv", "a,b\n");
  Manifest m;
  m.files = {{"daily.csv", 4, fnv1a64_hex("a,b\n")}, {"summary.json", 2, fnv1a64_hex("{}")}};
  auto why = manifest_mismatches(m, dir);
  ASSERT_EQ(why.size(), 1u);
  EXPECT_NE(why[0].find("summary.json is missing"), std::string::npos) << why[0];
  write(dir / "summary.json", "{}");
  write(dir / "daily.csv", "a,c\n");  // same size, other bytes
  write(dir / "extra.csv", "x\n");
  why = manifest_mismatches(m, dir);
  ASSERT_EQ(why.size(), 2u);
  EXPECT_NE(why[0].find("daily.csv changed after the run"), std::string::npos) << why[0];
  EXPECT_NE(why[1].find("extra.csv is not part of the run"), std::string::npos) << why[1];
  fs::remove_all(dir);
}

TEST(RegularFile, RefusesFifosAndDirectoriesWithoutBlocking) {
  const fs::path dir = fresh_dir("regular");
  ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0600), 0);
  auto r = read_regular_file(dir / "fifo");  // would block for ever if opened for reading
  EXPECT_FALSE(r.text);
  EXPECT_NE(r.error.find("a FIFO"), std::string::npos) << r.error;
  r = read_regular_file(dir);
  EXPECT_NE(r.error.find("a directory"), std::string::npos) << r.error;
  EXPECT_EQ(read_regular_file(dir / "none").error, "missing");
  write(dir / "f", "abc");
  EXPECT_EQ(read_regular_file(dir / "f").text.value_or(""), "abc");
  EXPECT_EQ(describe_path("/dev/null"), "a device");
  fs::remove_all(dir);
}

TEST(StagedFolder, ReplacesThePreviousRunInOneStep) {
  const fs::path parent = fresh_dir("staged");
  const fs::path target = parent / "run";
  {
    StagedFolder s(target, FolderKind::Run);
    write(s.dir() / "daily.csv", "old\n");
    write(s.dir() / "infections.csv", "old\n");
    EXPECT_FALSE(fs::exists(target));  // nothing under the final name before commit
    s.commit(Manifest{});
  }
  EXPECT_EQ(read(target / "daily.csv"), "old\n");
  check_output_folder(target, FolderKind::Run);  // a folder with a manifest of a run may be replaced
  {
    StagedFolder s(target, FolderKind::Run);
    write(s.dir() / "daily.csv", "new\n");
    s.commit(Manifest{});
  }
  EXPECT_EQ(read(target / "daily.csv"), "new\n");
  EXPECT_FALSE(fs::exists(target / "infections.csv"));  // not written by this run: gone
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(parent)) entries += e.path() != target;
  EXPECT_EQ(entries, 0u);  // no staging folder, no previous folder left
  {
    StagedFolder s(target, FolderKind::Run);
    write(s.dir() / "daily.csv", "abandoned\n");
  }  // destroyed without commit: the target is unchanged and the staging folder gone
  EXPECT_EQ(read(target / "daily.csv"), "new\n");
  entries = 0;
  for (const auto& e : fs::directory_iterator(parent)) entries += e.path() != target;
  EXPECT_EQ(entries, 0u);
  fs::remove_all(parent);
}

TEST(StagedFolder, RefusesWhatIsNotItsToReplace) {
  const fs::path parent = fresh_dir("refuse");
  write(parent / "file", "mine");
  EXPECT_THROW(check_output_folder(parent / "file", FolderKind::Run), OutputError);
  fs::create_directories(parent / "notes");
  write(parent / "notes" / "thesis.tex", "mine");
  try {
    check_output_folder(parent / "notes", FolderKind::Run);
    FAIL() << "a folder with other files may be replaced";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("thesis.tex"), std::string::npos) << e.what();
  }
  fs::create_directories(parent / "legacy");  // an older run folder: known names only
  write(parent / "legacy" / "daily.csv", "x");
  write(parent / "legacy" / "summary.json", "{}");
  write(parent / "legacy" / "daily.csv.tmp.123", "x");
  EXPECT_NO_THROW(check_output_folder(parent / "legacy", FolderKind::Run));
  {
    StagedFolder s(parent / "cmp", FolderKind::Compare);
    write(s.dir() / "report.html", "<meta name=\"generator\" content=\"tongchou\">");
    s.commit(Manifest{});
  }
  EXPECT_THROW(check_output_folder(parent / "cmp", FolderKind::Run), OutputError);  // a comparison is not a run
  EXPECT_NO_THROW(check_output_folder(parent / "cmp", FolderKind::Compare));
  EXPECT_THROW(check_output_file(parent / "file"), OutputError);  // not a report of tongchou
  EXPECT_THROW(check_output_file(parent / "notes"), OutputError);
  EXPECT_NO_THROW(check_output_file(parent / "cmp" / "report.html"));
  fs::remove_all(parent);
}

TEST(StagedFolder, StaleStagingOfDeadProcessesIsRemoved) {
  const fs::path parent = fresh_dir("stale");
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);  // a pid that no longer runs
  const fs::path stale = parent / (".run.tongchou-partial." + std::to_string(child));
  fs::create_directories(stale / "sub");
  const fs::path old = parent / (".run.tongchou-old." + std::to_string(child));
  fs::create_directories(old);
  write(old / "daily.csv", "previous\n");
  write(old / "summary.json", "{}\n");
  check_output_folder(parent / "run", FolderKind::Run);
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_FALSE(fs::exists(old));
  EXPECT_EQ(read(parent / "run" / "daily.csv"), "previous\n");  // a killed fallback swap's previous run is put back
  fs::remove_all(parent);
}

TEST(FolderName, RejectsWhatIsNotOneFolderName) {
  EXPECT_FALSE(folder_name_problem("yunyang"));
  EXPECT_FALSE(folder_name_problem("重庆-2020 v2"));
  for (const char* bad : {"", ".", "..", "../../x", "a/b", "a\\b", "tab\there"}) EXPECT_TRUE(folder_name_problem(bad)) << bad;
  EXPECT_TRUE(folder_name_problem(std::string(201, 'x')));
}

TEST(RunDirectory, ManifestDecidesWhatIsOneCompleteRun) {
  const fs::path parent = fresh_dir("read");
  const fs::path run = parent / "run";
  {
    StagedFolder s(run, FolderKind::Run);
    write(s.dir() / "daily.csv", "date,new_local\n2020-01-21,0\n2020-01-22,3\n");
    write(s.dir() / "summary.json", "{}\n");
    s.commit(Manifest{});
  }
  EXPECT_NO_THROW(read_run_directory(run, RunCheck::Manifest));
  write(run / "daily.csv", "date,new_local\n2020-01-21,0\n2020-01-22,3x\n");
  try {
    read_run_directory(run, RunCheck::Manifest);
    FAIL() << "an edited daily.csv reads as a complete run";
  } catch (const InputError& e) {
    EXPECT_NE(e.diagnostics().at(0).message.find("daily.csv changed after the run"), std::string::npos) << e.what();
  }
  try {
    read_run_directory(run, RunCheck::AllowEdited);
    FAIL() << "a bad number is read";
  } catch (const InputError& e) {
    const auto& d = e.diagnostics().at(0);
    EXPECT_EQ(d.line, 3);
    EXPECT_EQ(d.column, 2);
    EXPECT_EQ(d.key, "new_local");
  }
  write(run / "daily.csv", "date,new_local\n2020-01-21,0\n2020-01-22,4\n");
  const auto edited = read_run_directory(run, RunCheck::AllowEdited);
  ASSERT_EQ(edited.warnings.size(), 1u);
  EXPECT_NE(edited.warnings[0].find("daily.csv changed"), std::string::npos);
  fs::remove(run / kManifestName);
  EXPECT_THROW(read_run_directory(run, RunCheck::Manifest), InputError);
  fs::remove_all(parent);
}

TEST(StagedFolder, FallbackWithoutExchangeLeavesOneWholeFolder) {
  const fs::path parent = fresh_dir("fallback");
  fs::create_directories(parent / "run");
  write(parent / "run" / "daily.csv", "old\n");
  write(parent / "run" / "infections.csv", "old\n");
  fs::create_directories(parent / "new");
  write(parent / "new" / "daily.csv", "new\n");
  swap_in_folder(parent / "new", parent / "run", false);
  EXPECT_EQ(read(parent / "run" / "daily.csv"), "new\n");
  EXPECT_FALSE(fs::exists(parent / "run" / "infections.csv"));
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(parent)) entries += e.path() != parent / "run";
  EXPECT_EQ(entries, 0u);  // neither the new name nor the set-aside previous folder is left
  fs::remove_all(parent);
}

TEST(Manifest, DigestOfAFileReadInPiecesIsTheDigestOfItsBytes) {
  const fs::path dir = fresh_dir("digest");
  std::string text;
  for (int i = 0; i < 30000; ++i) text += std::to_string(i) + ",";  // several 64 KiB pieces
  write(dir / "big.csv", text);
  const auto d = digest_file(dir / "big.csv");
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.bytes, text.size());
  EXPECT_EQ(d.fnv1a64, fnv1a64_hex(text));
  EXPECT_EQ(digest_file(dir / "none").error, "missing");
  fs::remove_all(dir);
}

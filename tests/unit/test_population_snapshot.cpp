// Population snapshots (population/snapshot.hpp): a written population reads back equal, and a snapshot that is
// not one, of another version, truncated, corrupted or made for another population is refused with the reason.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <unistd.h>

#include "core/checksum.hpp"
#include "core/error.hpp"
#include "population/region_data.hpp"
#include "population/snapshot.hpp"
#include "population/synthesis.hpp"
#include "scenario/scenario.hpp"
#include "sim/prepared_population.hpp"

using namespace tongchou;

namespace {

struct Made {
  Params params;
  Population pop;
};
const Made& yunyang50() {
  static const Made m = [] {
    auto sc = load_scenario("yunyang");
    apply_overrides(sc, {"population.scale=50"});
    return Made{sc.params, synthesise(load_region(sc.params), sc.params)};
  }();
  return m;
}

std::filesystem::path temp_file(const std::string& name) {
  return std::filesystem::temp_directory_path() / ("tongchou-snapshot-" + std::to_string(::getpid()) + "-" + name);
}
std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}
void spit(const std::filesystem::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }

// The message of the InputError that reading `path` for `key` throws ("" if none).
std::string refusal(const std::filesystem::path& path, const std::string& key) {
  try {
    read_population_snapshot(path, key);
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].file, path.string());
    EXPECT_EQ(e.diagnostics()[0].key, "population.snapshot");
    return e.diagnostics()[0].message;
  }
  return "";
}

}  // namespace

TEST(Checksum, SameBytesAnySplitAndEveryByteCounts) {
  std::string bytes(1000, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7 + 3);
  const auto whole = checksum(bytes.data(), bytes.size());
  Checksum parts;
  parts.update(bytes.data(), 5);
  parts.update(bytes.data() + 5, 40);
  parts.update(bytes.data() + 45, bytes.size() - 45);
  EXPECT_EQ(parts.value(), whole);
  for (std::size_t i : {0u, 31u, 32u, 500u, 999u}) {
    std::string changed = bytes;
    changed[i] ^= 1;
    EXPECT_NE(checksum(changed.data(), changed.size()), whole) << "byte " << i;
  }
  EXPECT_NE(checksum(bytes.data(), bytes.size() - 1), whole);
}

TEST(PopulationSnapshot, ReadsBackWhatItWrote) {
  const auto& m = yunyang50();
  const auto path = temp_file("roundtrip");
  const std::string key = population_key(m.params);
  write_population_snapshot(m.pop, key, path);
  const Population q = read_population_snapshot(path, key);
  std::filesystem::remove(path);
  const Population& p = m.pop;
  ASSERT_GT(p.persons(), 10000u);
  EXPECT_EQ(q.scale, p.scale);
  EXPECT_EQ(q.age, p.age);
  EXPECT_EQ(q.flags, p.flags);
  EXPECT_EQ(q.occupation, p.occupation);
  EXPECT_EQ(q.household, p.household);
  EXPECT_EQ(q.primary_group, p.primary_group);
  EXPECT_EQ(q.sector, p.sector);
  EXPECT_EQ(q.household_first, p.household_first);
  EXPECT_EQ(q.household_neighbourhood, p.household_neighbourhood);
  EXPECT_EQ(q.household_collective, p.household_collective);
  EXPECT_EQ(q.group_kind, p.group_kind);
  EXPECT_EQ(q.group_parent, p.group_parent);
  EXPECT_EQ(q.group_township, p.group_township);
  EXPECT_EQ(q.members, p.members);
  EXPECT_EQ(q.class_grade, p.class_grade);
  EXPECT_EQ(q.venue_first, p.venue_first);
  EXPECT_EQ(q.venue_count, p.venue_count);
  EXPECT_EQ(q.transport_first, p.transport_first);
  EXPECT_EQ(q.transport_count, p.transport_count);
  EXPECT_EQ(q.membership_seed, p.membership_seed);
  EXPECT_EQ(q.venue_patron_share, p.venue_patron_share);
  ASSERT_EQ(q.districts.size(), p.districts.size());
  for (std::size_t i = 0; i < p.districts.size(); ++i) {
    const auto &a = p.districts[i], &b = q.districts[i];
    EXPECT_EQ(b.name_zh, a.name_zh);
    EXPECT_EQ(b.name_en, a.name_en);
    EXPECT_TRUE(b.adcode == a.adcode && b.census_population == a.census_population && b.first_township == a.first_township &&
                b.township_count == a.township_count && b.first_person == a.first_person && b.person_count == a.person_count &&
                b.first_hospital == a.first_hospital && b.hospital_count == a.hospital_count);
  }
  ASSERT_EQ(q.townships.size(), p.townships.size());
  for (std::size_t i = 0; i < p.townships.size(); ++i) {
    const auto &a = p.townships[i], &b = q.townships[i];
    EXPECT_TRUE(b.code == a.code && b.name == a.name && b.type == a.type && b.district == a.district && b.first_person == a.first_person &&
                b.person_count == a.person_count && b.first_neighbourhood == a.first_neighbourhood &&
                b.neighbourhood_count == a.neighbourhood_count) << "township " << i;
  }
  ASSERT_EQ(q.neighbourhoods.size(), p.neighbourhoods.size());
  for (std::size_t i = 0; i < p.neighbourhoods.size(); ++i) {
    const auto &a = p.neighbourhoods[i], &b = q.neighbourhoods[i];
    EXPECT_TRUE(b.township == a.township && b.urban == a.urban && b.first_household == a.first_household &&
                b.household_count == a.household_count) << "neighbourhood " << i;
  }
  ASSERT_EQ(q.enterprises.size(), p.enterprises.size());
  for (std::size_t i = 0; i < p.enterprises.size(); ++i) {
    const auto &a = p.enterprises[i], &b = q.enterprises[i];
    EXPECT_TRUE(b.sector == a.sector && b.size_class == a.size_class && b.district == a.district && b.township == a.township &&
                b.first_team == a.first_team && b.team_count == a.team_count && b.employees == a.employees) << "enterprise " << i;
  }
  ASSERT_EQ(q.hospitals.size(), p.hospitals.size());
  for (std::size_t i = 0; i < p.hospitals.size(); ++i) {
    const auto &a = p.hospitals[i], &b = q.hospitals[i];
    EXPECT_TRUE(b.district == a.district && b.group == a.group && b.beds == a.beds && b.icu_beds == a.icu_beds) << "hospital " << i;
  }
}

TEST(PopulationSnapshot, RefusesWhatIsNotItsPopulation) {
  const auto& m = yunyang50();
  const auto path = temp_file("good"), bad = temp_file("bad");
  const std::string key = population_key(m.params);
  write_population_snapshot(m.pop, key, path);
  const std::string bytes = slurp(path);

  Params other = m.params;
  other.population_scale = 8;
  other.scenario_seed = 5;
  const std::string why = refusal(path, population_key(other));
  EXPECT_NE(why.find("made for another population"), std::string::npos) << why;
  EXPECT_NE(why.find("population.scale = 50.0 in the snapshot, 8.0 in this scenario"), std::string::npos) << why;
  EXPECT_NE(why.find("population seed = 1 in the snapshot, 5 in this scenario"), std::string::npos) << why;

  spit(bad, bytes.substr(0, bytes.size() / 2));
  EXPECT_NE(refusal(bad, key).find("truncated"), std::string::npos);
  std::string flipped = bytes;
  flipped[bytes.size() * 3 / 4] ^= 0x10;
  spit(bad, flipped);
  EXPECT_NE(refusal(bad, key).find("corrupted: its checksum does not match"), std::string::npos);
  std::string version = bytes;
  version[8] = 99;
  spit(bad, version);
  EXPECT_NE(refusal(bad, key).find("snapshot format version 99"), std::string::npos);
  version[8] = 2;  // version 2 stored 64-bit group offsets and 32-bit members, not GroupMembers' arrays
  spit(bad, version);
  EXPECT_NE(refusal(bad, key).find("snapshot format version 2; this tongchou reads version 3"), std::string::npos) << refusal(bad, key);
  spit(bad, "[scenario]\nname = \"x\"\n");
  EXPECT_NE(refusal(bad, key).find("not a population snapshot"), std::string::npos);
  spit(bad, "");
  EXPECT_NE(refusal(bad, key).find("not a population snapshot"), std::string::npos);
  EXPECT_NE(refusal(temp_file("absent"), key).find("cannot open"), std::string::npos);
  EXPECT_THROW(check_snapshot_output(bad), OutputError);  // not a snapshot: -o does not replace it
  EXPECT_NO_THROW(check_snapshot_output(path));
  std::filesystem::remove(path);
  std::filesystem::remove(bad);
}

TEST(PopulationSnapshot, KeyIgnoresTheSnapshotPathOnly) {
  Params p = yunyang50().params, q = p;
  q.population_snapshot = "/somewhere/y.pop";
  EXPECT_EQ(population_key(p), population_key(q));
  q.population_scale = 49;
  EXPECT_NE(population_key(p), population_key(q));
}

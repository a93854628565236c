#include "population/region_data.hpp"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <map>

#include "core/csv.hpp"
#include "core/error.hpp"

namespace tongchou {

int industry_index(char section) { return (section >= 'A' && section <= 'T') ? section - 'A' : -1; }

namespace {

constexpr const char* kNationalAges = "data/china/age_sex_2020.csv";
constexpr const char* kSectorsTable = "data/economy/sectors42.csv";
constexpr const char* kContacts = "data/contacts/china_prem2017.csv";

// A table path: the embedded copy (data/...), or the same relative path under scenario.data_dir.
std::string table(const Params& p, const char* embedded_path) {
  if (p.scenario_data_dir.empty()) return embedded_path;
  return (std::filesystem::path(p.scenario_data_dir) / (std::string(embedded_path).substr(5))).string();
}

// Collects problems across rows so that all of them are reported at once.
struct Problems {
  std::vector<Diagnostic> list;
  template <class F>
  void guard(F&& f) {
    try {
      f();
    } catch (const InputError& e) {
      list.insert(list.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  void throw_if_any() {
    if (!list.empty()) throw InputError(std::move(list));
  }
};

void load_sectors_and_contacts(const Params& p, RegionData& r, Problems& problems) {
  problems.guard([&] {
    auto t = CsvTable::load(table(p, kSectorsTable), !p.scenario_data_dir.empty());
    t.require_columns({"code", "name_en", "census_industry", "employment_2018"});
    if (t.rows() != kSectors)
      problems.list.push_back({t.name(), 0, 0, "", fmt::format("expected {} sectors, found {}", kSectors, t.rows())});
    for (std::size_t i = 0; i < t.rows() && i < kSectors; ++i) {
      problems.guard([&] {
        if (t.integer(i, "code") != static_cast<std::int64_t>(i + 1))
          problems.list.push_back(t.problem(i, "code", fmt::format("expected sector {:02}", i + 1)));
        const auto& ind = t.text(i, "census_industry");
        if (ind.size() != 1 || industry_index(ind[0]) < 0)
          problems.list.push_back(t.problem(i, "census_industry", "expected a section letter A..T"));
        else r.sector_industry[i] = industry_index(ind[0]);
        r.sector_employment[i] = t.non_negative(i, "employment_2018");
        r.sector_name[i] = t.text(i, "name_en");
      });
    }
  });
  problems.guard([&] {
    auto t = CsvTable::load(table(p, kContacts), !p.scenario_data_dir.empty());
    t.require_columns({"setting", "contactor_age_lo", "contactee_age_lo", "contacts"});
    std::array<std::array<std::array<int, kContactBands>, kContactBands>, 4> seen{};
    for (std::size_t i = 0; i < t.rows(); ++i) {
      problems.guard([&] {
        const auto& s = t.text(i, "setting");
        const int setting = s == "home" ? kHome : s == "work" ? kWork : s == "school" ? kSchool : s == "others" ? kOthers : -1;
        if (setting < 0) {
          problems.list.push_back(t.problem(i, "setting", "expected home, work, school or others"));
          return;
        }
        const auto a = t.integer(i, "contactor_age_lo"), b = t.integer(i, "contactee_age_lo");
        if (a < 0 || a > 75 || a % 5 || b < 0 || b > 75 || b % 5) {
          problems.list.push_back(t.problem(i, "contactor_age_lo", "age bands must start at 0, 5, ..., 75"));
          return;
        }
        r.contacts[setting][a / 5][b / 5] = t.non_negative(i, "contacts");
        seen[setting][a / 5][b / 5] = 1;
      });
    }
    for (int s = 0; s < 4; ++s)
      for (int a = 0; a < kContactBands; ++a)
        for (int b = 0; b < kContactBands; ++b)
          if (!seen[s][a][b]) {
            problems.list.push_back({t.name(), 0, 0, "", fmt::format("missing contacts for setting {} band {} -> {}", s, a * 5, b * 5)});
            return;
          }
  });
}

// The tables of a region folder (all districts, or the one district info.only_adcode).
void load_folder(RegionData& r, Problems& problems) {
  const RegionInfo& info = r.info;
  const std::int64_t only_adcode = info.only_adcode;
  const bool disk = info.from_disk;
  const std::string kDistricts = info.file("districts.csv"), kAgeSex = info.file("district_age_sex.csv"),
                    kIndustry = info.file("district_industry.csv"), kTownships = info.file("townships.csv");
  std::map<std::int64_t, std::size_t> index;
  std::map<std::int64_t, int> age_line;  // first row of each district in district_age_sex.csv
  problems.guard([&] {
    auto t = CsvTable::load(kDistricts, disk);
    t.require_columns({"adcode", "name_zh", "name_en", "population", "urban_share", "family_households",
                       "family_household_pop", "one_person_households", "hukou_other_province"});
    for (std::size_t i = 0; i < t.rows(); ++i) {
      problems.guard([&] {
        DistrictInfo d;
        d.adcode = t.integer(i, "adcode");
        if (only_adcode && d.adcode != only_adcode) return;
        d.name_zh = t.text(i, "name_zh");
        d.name_en = t.text(i, "name_en");
        d.population = t.non_negative(i, "population");
        d.urban_share = t.non_negative(i, "urban_share");
        if (d.urban_share > 1) problems.list.push_back(t.problem(i, "urban_share", "must be at most 1"));
        d.family_households = t.non_negative(i, "family_households");
        d.family_household_pop = t.non_negative(i, "family_household_pop");
        d.one_person_households = t.non_negative(i, "one_person_households");
        d.hukou_other_province = t.non_negative(i, "hukou_other_province");
        if (d.family_households <= 0 || d.family_household_pop < d.family_households)
          problems.list.push_back(t.problem(i, "family_household_pop", "must be at least family_households, which must be positive"));
        if (d.family_household_pop > d.population)
          problems.list.push_back(t.problem(i, "family_household_pop", "exceeds the population"));
        if (index.count(d.adcode)) problems.list.push_back(t.problem(i, "adcode", "duplicate district"));
        index[d.adcode] = r.districts.size();
        r.districts.push_back(std::move(d));
      });
    }
  });
  // The district a row of a per-district table belongs to; rows of other districts are an error unless the region
  // is one district of the table (yunyang).
  auto district_of_row = [&](const CsvTable& t, std::size_t i, std::string_view column) -> DistrictInfo* {
    auto it = index.find(t.integer(i, column));
    if (it != index.end()) return &r.districts[it->second];
    if (!only_adcode) problems.list.push_back(t.problem(i, column, "district not in " + kDistricts));
    return nullptr;
  };
  problems.guard([&] {
    auto t = CsvTable::load(kAgeSex, disk);
    t.require_columns({"adcode", "age_lo", "age_hi", "male", "female"});
    for (std::size_t i = 0; i < t.rows(); ++i)
      problems.guard([&] {
        DistrictInfo* d = district_of_row(t, i, "adcode");
        if (!d) return;
        if (!age_line.count(d->adcode)) age_line[d->adcode] = t.line_of(i);
        AgeSexBand b{static_cast<int>(t.integer(i, "age_lo")), static_cast<int>(t.integer(i, "age_hi")),
                     t.non_negative(i, "male"), t.non_negative(i, "female")};
        if (b.age_lo < 0 || b.age_hi > 100 || b.age_lo > b.age_hi)
          problems.list.push_back(t.problem(i, "age_hi", "age band must satisfy 0 <= age_lo <= age_hi <= 100"));
        d->age_sex.push_back(b);
      });
  });
  problems.guard([&] {
    auto t = CsvTable::load(kIndustry, disk);
    t.require_columns({"adcode", "industry", "share"});
    for (std::size_t i = 0; i < t.rows(); ++i)
      problems.guard([&] {
        DistrictInfo* d = district_of_row(t, i, "adcode");
        if (!d) return;
        const auto& s = t.text(i, "industry");
        if (s.size() != 1 || industry_index(s[0]) < 0) {
          problems.list.push_back(t.problem(i, "industry", "expected a section letter A..T"));
          return;
        }
        d->industry_share[industry_index(s[0])] = t.non_negative(i, "share");
      });
  });
  problems.guard([&] {
    auto t = CsvTable::load(kTownships, disk);
    t.require_columns({"county_adcode", "code", "name", "type"});
    for (std::size_t i = 0; i < t.rows(); ++i)
      problems.guard([&] {
        DistrictInfo* d = district_of_row(t, i, "county_adcode");
        if (!d) return;
        const auto& type = t.text(i, "type");
        TownshipInfo township{t.integer(i, "code"), t.text(i, "name"),
                          type == "subdistrict" ? TownshipType::Subdistrict
                          : type == "town"      ? TownshipType::Town
                          : type == "township"  ? TownshipType::Township
                                                : TownshipType::Other};
        d->townships.push_back(std::move(township));
      });
  });
  for (const auto& d : r.districts) {
    double sum = 0;
    for (const auto& b : d.age_sex) sum += b.male + b.female;
    if (d.age_sex.empty() || std::abs(sum - d.population) > 0.001 * d.population + 1)
      problems.list.push_back({kAgeSex, age_line[d.adcode], age_line[d.adcode] ? 4 : 0, "male", fmt::format("age bands of district {} sum to {}, not its population {} (tolerance 0.1 % + 1 person)",
                                                             d.adcode, sum, d.population)});
    double shares = 0;
    for (double s : d.industry_share) shares += s;
    if (std::abs(shares - 1.0) > 0.01)
      problems.list.push_back({kIndustry, 0, 0, "", fmt::format("industry shares of district {} sum to {:.4f}, not 1", d.adcode, shares)});
    if (d.townships.empty())
      problems.list.push_back({kTownships, 0, 0, "", fmt::format("district {} has no townships", d.adcode)});
  }
}

void make_synthetic(RegionData& r, const Params& p, Problems& problems) {
  std::vector<AgeSexBand> bands;
  problems.guard([&] {
    auto t = CsvTable::load(table(p, kNationalAges), !p.scenario_data_dir.empty());
    t.require_columns({"age_lo", "age_hi", "male", "female"});
    for (std::size_t i = 0; i < t.rows(); ++i)
      problems.guard([&] {
        bands.push_back({static_cast<int>(t.integer(i, "age_lo")), static_cast<int>(std::min<std::int64_t>(100, t.integer(i, "age_hi"))),
                         t.non_negative(i, "male"), t.non_negative(i, "female")});
      });
  });
  double total = 0;
  for (const auto& b : bands) total += b.male + b.female;
  // National employment by section, from the IO sector employment table.
  std::array<double, kIndustries> industry{};
  double employed = 0;
  for (int s = 0; s < kSectors; ++s) {
    industry[r.sector_industry[s]] += r.sector_employment[s];
    employed += r.sector_employment[s];
  }
  const auto people = static_cast<double>(p.population_people);
  const auto per_district = static_cast<double>(p.population_synthetic_district_size);
  const int n = std::max(1, static_cast<int>(std::ceil(people / per_district - 1e-9)));
  for (int k = 0; k < n; ++k) {
    DistrictInfo d;
    d.adcode = 900001 + k;
    d.name_zh = fmt::format("合成区{}", k + 1);
    d.name_en = fmt::format("Synthetic {}", k + 1);
    d.population = std::round(people * (k + 1) / n) - std::round(people * k / n);
    d.urban_share = p.population_synthetic_urban_share;
    d.family_household_pop = d.population;
    d.family_households = d.population / p.population_synthetic_household_size;
    d.one_person_households = d.family_households * p.population_synthetic_one_person_share;
    for (const auto& b : bands)
      d.age_sex.push_back({b.age_lo, b.age_hi, b.male / total * d.population, b.female / total * d.population});
    for (int i = 0; i < kIndustries; ++i) d.industry_share[i] = industry[i] / employed;
    r.districts.push_back(std::move(d));
  }
}

}  // namespace

std::string region_table_path(const Params& params, const char* embedded_path) { return table(params, embedded_path); }

RegionData load_region(const Params& p) {
  RegionData r;
  r.name = p.scenario_region;
  Problems problems;
  load_sectors_and_contacts(p, r, problems);
  // region.toml's problems are reported with those of the tables, all at once.
  const auto before = problems.list.size();
  problems.guard([&] { r.info = region_info(p, &problems.list); });
  if (r.info.dir.empty() && !r.info.synthetic && problems.list.size() > before) problems.throw_if_any();
  if (r.info.synthetic) {
    make_synthetic(r, p, problems);
  } else {
    load_folder(r, problems);
    std::vector<std::int64_t> codes;
    double sum = 0;
    for (const auto& d : r.districts) codes.push_back(d.adcode), sum += d.population;
    auto more = check_region_extras(r.info, codes, sum);
    problems.list.insert(problems.list.end(), more.begin(), more.end());
  }
  if (r.districts.empty() && problems.list.empty())
    problems.list.push_back({r.info.file("districts.csv"), 0, 0, "", "the region has no districts"});
  problems.throw_if_any();
  return r;
}

}  // namespace tongchou

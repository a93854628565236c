#include "model/knobs.hpp"

#include <fmt/format.h>

#include <vector>

#include "model/essential_sectors.hpp"

namespace tongchou {

namespace {
std::vector<KnobSpec> make_table() {
  std::vector<KnobSpec> t(kKnobs);
  auto set = [&](Knob k, KnobSpec s) { t[static_cast<std::size_t>(k)] = std::move(s); };
  set(Knob::Work, {"work", 1, 0, 1, false, "share",
                   "Work resumption (复工): share of each enterprise's workers at work in the non-essential sectors (essential: 01, 06, 12, "
                   "24-26, 28, 29, 40, 42, restricted only by work.NN); the same workers return first"});
  for (int k = 0; k < kSectors; ++k)
    set(work_sector_knob(k), {fmt::format("work.{:02d}", k + 1), 1, 0, 1, false, "share",
                              fmt::format("Work resumption in input-output sector {:02d} (data/economy/sectors42.csv): the share at "
                                          "work there is work x work.{:02d} (x work.large or work.small in non-essential sectors)",
                                          k + 1, k + 1)});
  set(Knob::WorkLarge, {"work.large", 1, 0, 1, false, "share",
                        "Work resumption in large enterprises (规上, population.large_firm_employees or more): where work "
                        "applies (non-essential sectors) the share at work there is work x work.NN x work.large"});
  set(Knob::WorkSmall, {"work.small", 1, 0, 1, false, "share",
                        "Work resumption in small, medium and micro enterprises: where work applies (non-essential "
                        "sectors) the share at work there is work x work.NN x work.small"});
  for (int v = 0; v < kVenueTypes; ++v)
    set(venue_knob(v), {fmt::format("venue.{}", kVenueTypeNames[v]), 1, 0, 1, false, "share",
                        fmt::format("Capacity of {} venues: 1 open, 0 closed, between: capacity-limited (a share of visits admitted)",
                                    kVenueTypeNames[v])});
  set(Knob::VenueDisinfection, {"venue_disinfection", 1, 0, 1, false, "factor",
                                "Transmission in venues relative to normal (disinfection, ventilation, spacing)"});
  static constexpr std::array<std::string_view, kSchoolLevels> levels = {"kindergarten", "primary", "junior", "senior", "university"};
  for (int l = 0; l < kSchoolLevels; ++l)
    set(school_knob(l), {fmt::format("school.{}", levels[l]), static_cast<float>(kSchoolGrades[l]), 0,
                         static_cast<float>(kSchoolGrades[l]), true, "grades",
                         fmt::format("Grades of {} schools open, counted from the top ({} = all, 1 = final year only, 0 = closed)",
                                     levels[l], kSchoolGrades[l])});
  set(Knob::ClassSize, {"class_size", 1, 0, 1, false, "factor",
                        "Class contacts relative to a full class (smaller classes, spacing of desks)"});
  set(Knob::SchoolChecks, {"school_checks", 0, 0, 1, true, "on/off",
                           "Temperature checks of pupils morning and noon: symptomatic pupils found with probability "
                           "measures.school_check_detection per school day"});
  set(Knob::StudentsFromRiskAreasHome, {"students_from_risk_areas_home", 0, 0, 1, true, "on/off",
                                        "Pupils living where the risk level was medium or high within measures.risk_area_home_days "
                                        "stay at home (needs zoning)"});
  set(Knob::ClosedManagementDays, {"closed_management_days", 0, 0, 30, true, "day",
                                   "Closed management of compounds and villages (封闭管理): one person per household goes out every N "
                                   "days for community contacts and venues (0 = off)"});
  set(Knob::GateScreening, {"gate_screening", 0, 0, 1, true, "on/off",
                            "Temperature checks at the gates of closed compounds: a symptomatic person going out is found with "
                            "probability health.screening_detection"});
  set(Knob::PublicTransport, {"public_transport", 1, 0, 1, false, "share",
                              "City buses and rural passenger lines: 1 normal service, 0 suspended, between: load limits"});
  set(Knob::InstitutionsClosed, {"institutions_closed", 0, 0, 1, true, "on/off",
                                 "Closed management of nursing homes, welfare homes, prisons and mental-health institutions: no "
                                 "visitors, staff on rotation (residents and staff make no community, venue or transport contacts)"});
  set(Knob::HealthCodes, {"health_codes", 0, 0, 1, true, "on/off",
                          "Health codes (健康码) are checked: people living here with a yellow or red code stay at home (no work, "
                          "school, transport, venues or community contacts) until it turns green"});
  set(Knob::Checkpoints, {"checkpoints", 0, 0, 1, true, "on/off",
                          "Road and rail checkpoints (交通卡口) at the entries of the place: arrivals by road, rail and ordinary "
                          "coach are screened (closed_loop.checkpoint_detection) and delayed (closed_loop.checkpoint_delay_hours)"});
  set(Knob::StayAtHomeOutings, {"stay_at_home_outings", 1, 0, 1, false, "share",
                                "Stay-at-home order (居家令): share of residents who go out on a given day for essentials "
                                "(community contacts and venues); 1 = no order, 0.1 = one resident in ten out on a day, 0 = "
                                "nobody. Work, school and hospital visits follow their own measures"});
  set(Knob::InterDistrictTravel, {"inter_district_travel", 1, 0, 1, false, "share",
                                  "Travel between districts (跨区县出行): share of the region-wide community mixing "
                                  "(transmission.community_region_share) that goes on; 0 = suspended (people mix only within "
                                  "their township and district)"});
  return t;
}
}  // namespace

std::span<const KnobSpec> knob_table() {
  static const std::vector<KnobSpec> table = make_table();
  return table;
}

int find_knob(std::string_view name) {
  const auto t = knob_table();
  for (std::size_t i = 0; i < t.size(); ++i)
    if (t[i].name == name) return static_cast<int>(i);
  return -1;
}

std::span<const std::pair<std::string_view, std::string_view>> knob_groups() {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> groups = {{
      {"work.*", "every work.NN (all 42 input-output sectors)"},
      {"work.essential", "the work.NN of the essential sectors (01-06, 11, 12, 14, 24-26, 28, 29, 40, 42)"},
      {"venue.*", "every venue.TYPE"},
      {"school.*", "every school.LEVEL"},
  }};
  return groups;
}

std::vector<int> knob_group(std::string_view name) {
  std::vector<int> out;
  if (name == "work.*" || name == "work.essential")
    for (int s = 0; s < kSectors; ++s) {
      if (name == "work.essential" && !essential_sector(s)) continue;
      out.push_back(static_cast<int>(work_sector_knob(s)));
    }
  if (name == "venue.*")
    for (int v = 0; v < kVenueTypes; ++v) out.push_back(static_cast<int>(venue_knob(v)));
  if (name == "school.*")
    for (int l = 0; l < kSchoolLevels; ++l) out.push_back(static_cast<int>(school_knob(l)));
  return out;
}

KnobValues neutral_knobs() {
  KnobValues v{};
  const auto t = knob_table();
  for (std::size_t i = 0; i < t.size(); ++i) v[i] = t[i].neutral;
  return v;
}

namespace {
std::string group_list() {
  std::string s;
  for (const auto& [name, what] : knob_groups()) s += fmt::format("{}`{}`: {}", s.empty() ? "" : "; ", name, what);
  return s;
}
}  // namespace

std::string knobs_markdown() {
  std::string s =
      "\n## Measures\n\n"
      "Set per place by the risk-level tables `[zoning.low]`, `[zoning.medium]`, `[zoning.high]` and by `[[measure]]`\n"
      "entries (docs/model.md, Measures), or on the command line for one level: `--set zoning.high.work=0.5`. The neutral\n"
      "value restricts nothing. `tongchou params zoning` lists them with the zoning parameters. A `[[measure]]` entry may\n"
      "name several measures at once, as an array or by a group (one value for all): "
      + group_list() + ".\n\n"
      "| measure | neutral | range | unit | meaning |\n|---|---|---|---|---|\n";
  for (const auto& k : knob_table())
    s += fmt::format("| `{}` | {} | {}..{} | {} | {} |\n", k.name, k.neutral, k.min, k.max, k.unit, k.meaning);
  return s;
}

std::string knobs_text() {
  std::string s =
      "\n[measures of places: [zoning.low], [zoning.medium], [zoning.high], [[measure]]; --set zoning.LEVEL.MEASURE=V]\n";
  for (const auto& k : knob_table()) {
    s += fmt::format("  {:<42} {:<8} neutral {}  range {}..{}", k.name, k.integer ? "integer" : "real", k.neutral, k.min, k.max);
    if (!k.unit.empty()) s += fmt::format(" {}", k.unit);
    s += fmt::format("\n      {}\n", k.meaning);
  }
  return s;
}

}  // namespace tongchou

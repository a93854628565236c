#include "output/economy_outputs.hpp"

#include <fmt/format.h>

#include "economy/spring_festival.hpp"
#include "output/jobs_lost.hpp"
#include "output/run_outputs.hpp"

namespace tongchou {

namespace {
// 0-based sector ranges of the three industries and of "industry" (mining, manufacturing, utilities) in NBS usage.
constexpr int kPrimaryLast = 0, kIndustryFirst = 1, kIndustryLast = 25, kSecondaryLast = 26;

struct Period {
  const char* name;
  int month_from, month_to;  //!< inclusive, in the year the scenario starts
};
// Periods with published figures (REFERENCES.md s3): the economy's change over each, counting days not simulated
// as baseline.
constexpr Period kPeriods[] = {{"jan_feb", 1, 2}, {"march", 3, 3}, {"q1", 1, 3}, {"april", 4, 4}};

int month_of(Date d) {
  const auto s = format_date(d);  // YYYY-MM-DD
  return (s[5] - '0') * 10 + (s[6] - '0');
}
int year_of(Date d) { return std::stoi(format_date(d).substr(0, 4)); }

// Value added of the ordinary year on the same calendar day a year before `date`, all sectors.
double previous_year_value_added(const Economy& e, Date date) {
  const Date before = OrdinaryYear::year_before(date);
  double v = 0;
  for (int s = 0; s < kSectors; ++s) v += e.ordinary_year().value_added(before, s);
  return v;
}
}  // namespace

std::string economy_daily_header() {
  return ",gdp_index,gdp_loss_cum,value_added,enterprises_open_share,workers_at_work_share,output_vs_baseline,"
         "consumption_index,freight_capacity,fear,approvals_waiting,migrant_workers_returned,"
         "migrant_workers_left_for_work,point_to_point_riders,poor_labour_employed,spring_planted_share,food_supply_index,"
         "large_enterprises_open_share,large_industrial_open_share,large_industrial_workers_share,value_added_previous_year,"
         "gdp_index_yoy";
}

std::string economy_daily_fields(const Simulation& sim, std::size_t d) {
  const auto* e = sim.economy();
  const auto& st = sim.daily()[d].stocks;
  const double k = sim.population().scale;
  const auto migrants = fmt::format("{},{},{}", people(st.migrants_returned, k), people(st.migrants_left, k), people(st.point_to_point, k));
  if (!e) return ",,,,,,,,,,," + migrants + ",,,,,,,,";
  const auto& x = e->days()[d];
  const double before = previous_year_value_added(*e, sim.date_of(static_cast<int>(d)));
  return fmt::format(",{:.6f},{:.3f},{:.3f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{},{},{:.0f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.3f},{:.6f}",
                     x.gdp_index, x.gdp_loss_cum, x.value_added, x.enterprises_open_share, x.workers_at_work_share,
                     x.output_vs_baseline, x.consumption_index, x.freight, x.fear, people(x.approvals_waiting, 1.0), migrants,
                     x.poor_labour_employed, x.spring_planted_share, x.food_supply_index, x.large_enterprises_open_share,
                     x.large_industrial_open_share, x.large_industrial_workers_share, before,
                     before > 0 ? x.value_added / before : 1.0);
}

std::string sectors_csv(const Simulation& sim) {
  const auto* e = sim.economy();
  if (!e) return {};
  std::string s =
      "date,sector,name_en,name_zh,enterprises_open_share,workers_at_work_share,output_vs_baseline,value_added,"
      "value_added_baseline,labour_supply_share,employment_share,demand_vs_baseline,capacity_vs_baseline,input_limit_vs_baseline,"
      "value_added_large,value_added_large_baseline,value_added_previous_year,value_added_change_yoy,value_added_large_previous_year\n";
  const auto& io = e->table();
  const auto& ordinary = e->ordinary_year();
  for (std::size_t d = 0; d < e->days().size(); ++d) {
    const auto date = format_date(sim.date_of(static_cast<int>(d)));
    const Date before = OrdinaryYear::year_before(sim.date_of(static_cast<int>(d)));
    for (int i = 0; i < kSectors; ++i) {
      const auto& x = e->sector_day(d, i);
      const double va1 = ordinary.value_added(before, i);
      s += fmt::format("{},{:02d},{},{},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f}\n", date, i + 1,
                       csv_field(io.name_en[i]), csv_field(io.name_zh[i]), x.enterprises_open_share, x.workers_at_work_share,
                       x.output_vs_baseline, x.value_added, x.value_added_baseline, x.labour_supply_share, x.employment_share,
                       x.demand_vs_baseline, x.capacity_vs_baseline, x.input_limit_vs_baseline, x.value_added_large,
                       x.value_added_large_baseline, va1, va1 > 0 ? x.value_added / va1 - 1.0 : 0.0,
                       ordinary.value_added_large(before, i));
    }
  }
  return s;
}

nlohmann::ordered_json economy_summary(const Simulation& sim) {
  using nlohmann::ordered_json;
  const auto* e = sim.economy();
  if (!e || e->days().empty()) return nullptr;
  const auto& days = e->days();
  const double k = sim.population().scale;
  ordered_json j;
  double va = 0, va0 = 0;
  std::size_t low = 0;
  for (std::size_t d = 0; d < days.size(); ++d) {
    va += days[d].value_added;
    va0 += days[d].value_added_baseline;
    if (days[d].gdp_index < days[low].gdp_index) low = d;
  }
  j["value_added_cny_million"] = va;
  j["value_added_baseline_cny_million"] = va0;
  j["gdp_change"] = va0 > 0 ? va / va0 - 1.0 : 0.0;
  j["gdp_loss_cny_million"] = va0 - va;
  j["lowest_gdp_index"] = days[low].gdp_index;
  j["lowest_gdp_index_date"] = format_date(sim.date_of(static_cast<int>(low)));
  // Changes over calendar periods of the start year, by the three industries and for industry.
  const int year = year_of(sim.params().scenario_start);
  ordered_json periods;
  for (const auto& per : kPeriods) {
    double sum[4] = {}, base[4] = {};  // all, primary, secondary, tertiary
    double ind = 0, ind0 = 0, large = 0, large0 = 0;
    int covered = 0, total = 0;
    for (Date dt = make_date(year, static_cast<unsigned>(per.month_from), 1); year_of(dt) == year && month_of(dt) <= per.month_to; dt = Date{dt.days + 1}) {
      ++total;
      const int d = dt.days - sim.params().scenario_start.days;
      const bool simulated = d >= 0 && static_cast<std::size_t>(d) < days.size();
      covered += simulated;
      for (int s = 0; s < kSectors; ++s) {
        const double b = simulated ? e->sector_day(static_cast<std::size_t>(d), s).value_added_baseline
                                   : e->model().baseline().value_added_share[static_cast<std::size_t>(s)] * e->model().baseline().output[static_cast<std::size_t>(s)];
        const double x = simulated ? e->sector_day(static_cast<std::size_t>(d), s).value_added : b;
        const int group = s <= kPrimaryLast ? 1 : s <= kSecondaryLast ? 2 : 3;
        sum[0] += x, base[0] += b, sum[group] += x, base[group] += b;
        if (s >= kIndustryFirst && s <= kIndustryLast) {
          ind += x, ind0 += b;
          const auto& y = e->sector_day(simulated ? static_cast<std::size_t>(d) : 0, s);  // baseline: the same every day
          large0 += y.value_added_large_baseline;
          large += simulated ? y.value_added_large : y.value_added_large_baseline;
        }
      }
    }
    if (covered == 0) continue;
    // Year on year: this year's period (days not simulated: the ordinary year's) against the same period of the
    // year before in the ordinary year.
    double now[4] = {}, before[4] = {}, ind1 = 0, ind_before = 0, large1 = 0, large_before = 0;
    const auto& ordinary = e->ordinary_year();
    for (int y = year - 1; y <= year; ++y)
      for (Date dt = make_date(y, static_cast<unsigned>(per.month_from), 1); year_of(dt) == y && month_of(dt) <= per.month_to; dt = Date{dt.days + 1}) {
        const int d = dt.days - sim.params().scenario_start.days;
        const bool simulated = y == year && d >= 0 && static_cast<std::size_t>(d) < days.size();
        for (int s = 0; s < kSectors; ++s) {
          const double x = simulated ? e->sector_day(static_cast<std::size_t>(d), s).value_added : ordinary.value_added(dt, s);
          const double xl = simulated ? e->sector_day(static_cast<std::size_t>(d), s).value_added_large : ordinary.value_added_large(dt, s);
          const int group = s <= kPrimaryLast ? 1 : s <= kSecondaryLast ? 2 : 3;
          double* into = y == year ? now : before;
          into[0] += x, into[group] += x;
          if (s >= kIndustryFirst && s <= kIndustryLast) (y == year ? ind1 : ind_before) += x, (y == year ? large1 : large_before) += xl;
        }
      }
    auto change = [](double x, double b) { return b > 0 ? x / b - 1.0 : 0.0; };
    periods[per.name] = {{"days_simulated", covered},
                         {"days", total},
                         {"gdp_change", change(sum[0], base[0])},
                         {"primary_change", change(sum[1], base[1])},
                         {"secondary_change", change(sum[2], base[2])},
                         {"tertiary_change", change(sum[3], base[3])},
                         {"industrial_value_added_change", change(ind, ind0)},
                         {"large_industrial_value_added_change", change(large, large0)},
                         {"gdp_change_yoy", change(now[0], before[0])},
                         {"primary_change_yoy", change(now[1], before[1])},
                         {"secondary_change_yoy", change(now[2], before[2])},
                         {"tertiary_change_yoy", change(now[3], before[3])},
                         {"industrial_value_added_change_yoy", change(ind1, ind_before)},
                         {"large_industrial_value_added_change_yoy", change(large1, large_before)}};
  }
  j["periods"] = periods;
  auto festival = [](int y) { const auto sf = spring_festival(y); return sf ? ordered_json(format_date(*sf)) : ordered_json(nullptr); };
  j["ordinary_year"] = {{"spring_festival", festival(year)}, {"spring_festival_year_before", festival(year - 1)}};
  const auto& last = days.back();
  j["enterprises_open_share_end"] = last.enterprises_open_share;
  j["workers_at_work_share_end"] = last.workers_at_work_share;
  const JobsLost lost = jobs_lost(days, baseline_workers(*e));  // output/jobs_lost.hpp
  j["worker_days_lost"] = lost.worker_days_lost;
  j["jobs_lost"] = lost.jobs_lost;
  j["large_enterprises_open_share_end"] = last.large_enterprises_open_share;
  j["large_industrial_open_share_end"] = last.large_industrial_open_share;
  j["large_industrial_workers_share_end"] = last.large_industrial_workers_share;
  auto first_date = [&](auto above) -> ordered_json {
    for (std::size_t d = 0; d < days.size(); ++d)
      if (above(days[d])) return format_date(sim.date_of(static_cast<int>(d)));
    return nullptr;
  };
  bool dipped_open = false, dipped_work = false;
  for (const auto& x : days) dipped_open |= x.enterprises_open_share < 0.9, dipped_work |= x.workers_at_work_share < 0.9;
  j["enterprises_open_90_date"] = dipped_open ? first_date([seen = false](const EconomyDay& x) mutable {
    seen |= x.enterprises_open_share < 0.9;
    return seen && x.enterprises_open_share >= 0.9;
  }) : ordered_json(nullptr);
  j["workers_at_work_90_date"] = dipped_work ? first_date([seen = false](const EconomyDay& x) mutable {
    seen |= x.workers_at_work_share < 0.9;
    return seen && x.workers_at_work_share >= 0.9;
  }) : ordered_json(nullptr);
  bool dipped_large = false;
  for (const auto& x : days) dipped_large |= x.large_industrial_open_share < 0.95;
  j["large_industrial_open_95_date"] = dipped_large ? first_date([seen = false](const EconomyDay& x) mutable {
    seen |= x.large_industrial_open_share < 0.95;
    return seen && x.large_industrial_open_share >= 0.95;
  }) : ordered_json(nullptr);
  // Workers back (复岗率) at large industrial enterprises, as Chongqing reported it (93% on 9 March 2020): the first
  // date at 90% or more after falling below.
  bool dipped_large_workers = false;
  for (const auto& x : days) dipped_large_workers |= x.large_industrial_workers_share < 0.9;
  j["large_industrial_workers_90_date"] = dipped_large_workers ? first_date([seen = false](const EconomyDay& x) mutable {
    seen |= x.large_industrial_workers_share < 0.9;
    return seen && x.large_industrial_workers_share >= 0.9;
  }) : ordered_json(nullptr);
  const auto& st = sim.daily().back().stocks;
  j["migrant_workers_returned"] = static_cast<double>(st.migrants_returned) * k;
  j["migrant_workers_left_for_work"] = static_cast<double>(st.migrants_left) * k;
  j["point_to_point_riders"] = static_cast<double>(st.point_to_point) * k;
  j["poor_labour_employed_end"] = last.poor_labour_employed;
  const auto& r = e->reopening();
  j["enterprises_approved"] = r.approved();
  j["approval_wait_mean_days"] = r.approved() > 0 ? r.approval_wait_days() / static_cast<double>(r.approved()) : 0.0;
  j["spring_planted_share"] = e->planting().started() ? ordered_json(e->planting().planted()) : ordered_json(nullptr);
  j["agriculture_season_output_index"] =
      e->planting().started() ? ordered_json(1.0 - sim.params().economy_crop_share * (1.0 - e->planting().on_schedule())) : ordered_json(nullptr);
  double food_min = 1;
  for (const auto& x : days) food_min = std::min(food_min, x.food_supply_index);
  j["lowest_food_supply_index"] = food_min;
  return j;
}

}  // namespace tongchou

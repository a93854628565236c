#include "measures/measure_controller.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "population/district_names.hpp"

namespace tongchou {

namespace {

struct PlaceRef {
  int kind = -1;  // 0 region, 1 district, 2 township
  std::size_t index = 0;
};

PlaceRef find_place(const Population& pop, const std::string& name) {
  if (name == "*") return {0, 0};
  for (std::size_t d = 0; d < pop.districts.size(); ++d) {
    const auto& x = pop.districts[d];
    if (names_district(x.adcode, x.name_zh, x.name_en, name)) return {1, d};
  }
  PlaceRef found;
  int matches = 0;
  for (std::size_t t = 0; t < pop.townships.size(); ++t) {
    const auto& x = pop.townships[t];
    if (std::to_string(x.code) == name) return {2, t};
    if (x.name == name) found = {2, t}, ++matches;
  }
  return matches == 1 ? found : PlaceRef{};
}

std::string value_text(float v) { return fmt::format("{:g}", v); }

constexpr int kNever = -1000000;

}  // namespace

void check_measure_places(const Scenario& sc, const RegionData& region, std::vector<Diagnostic>& problems) {
  for (std::size_t i = 0; i < sc.measures.size(); ++i) {
    const auto& e = sc.measures[i];
    if (i > 0 && sc.measures[i - 1].line == e.line && e.line > 0) continue;  // one entry naming several measures
    if (e.place == "*" || find_district(region, e.place) >= 0) continue;
    int matches = 0;
    for (const auto& d : region.districts)
      for (const auto& t : d.townships)
        if (std::to_string(t.code) == e.place) matches = 1;
        else if (t.name == e.place) ++matches;
    if (matches == 1) continue;
    problems.push_back({sc.source, e.line, 0, "measure.place",
                        matches > 1 ? fmt::format("township name \"{}\" is not unique in region {}: use its code", e.place, region.name)
                                    : fmt::format("no district or township \"{}\" in region {} (use \"*\", an adcode, a district "
                                                  "name, or a township code)", e.place, region.name)});
  }
}

MeasureController::MeasureController(const Scenario& sc, const Population& pop, int days) : sc_(sc), pop_(pop), scale_(pop.scale) {
  const std::size_t nt = pop.townships.size(), nd = pop.districts.size();
  found_.assign(static_cast<std::size_t>(days) + 1, std::vector<std::int32_t>(nt, 0));
  cumulative_.assign(nt, 0);
  township_cluster_day_.assign(nt, kNever);
  district_cluster_day_.assign(nd, kNever);
  district_townships_.resize(nd);
  for (std::uint32_t t = 0; t < nt; ++t) district_townships_[pop.townships[t].district].push_back(t);
  township_level_.assign(nt, 0);
  district_level_.assign(nd, 0);
  raised_day_.assign(nt, kNever);
  controls_.township.assign(nt, neutral_knobs());
  controls_.risk_area.assign(nt, 0);
  source_.assign(nt, std::vector<Source>(kKnobs));

  std::vector<Diagnostic> problems;
  for (const auto& m : sc.measures) {
    const PlaceRef place = find_place(pop, m.place);
    if (place.kind < 0) {
      if (problems.empty() || problems.back().line != m.line)  // once per entry, however many measures it names
        problems.push_back({sc.source, m.line, 0, "measure.place", fmt::format("no district or township \"{}\" in this region", m.place)});
      continue;
    }
    Entry e{&m, place.kind, {}};
    std::vector<std::uint32_t> all;
    if (place.kind == 0) for (std::uint32_t t = 0; t < nt; ++t) all.push_back(t);
    else if (place.kind == 1) all = district_townships_[place.index];
    else all.push_back(static_cast<std::uint32_t>(place.index));
    if (m.scope == "township" || place.kind == 2) {
      for (auto t : all) e.units.push_back({{t}, -1, static_cast<int>(t), false, 0, {}});
    } else if (m.scope == "district" && place.kind == 0) {
      for (std::size_t d = 0; d < nd; ++d) e.units.push_back({district_townships_[d], static_cast<int>(d), -1, false, 0, {}});
    } else {
      e.units.push_back({all, place.kind == 1 ? static_cast<int>(place.index) : -1, -1, false, 0, {}});
    }
    entries_.push_back(std::move(e));
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.place_kind < b.place_kind; });
}

void MeasureController::on_found(PersonId q, int day, bool asymptomatic) {
  const auto t = pop_.township_of(q);
  const auto d = pop_.townships[t].district;
  if (!asymptomatic) {
    ++found_[static_cast<std::size_t>(day)][t];
    ++cumulative_[t];
  }
  // Settings of a cluster (R2): the household, and the class, work team, institution or hospital.
  bool cluster = clusters_.add(pop_.household[q], day, rule_);
  if (pop_.primary_group[q] != kNone) cluster |= clusters_.add((1ull << 32) | pop_.primary_group[q], day, rule_);
  if (cluster) township_cluster_day_[t] = district_cluster_day_[d] = day;
}

double MeasureController::indicator(const Entry& e, const Unit& u, int day, const RegionIndicators& region) const {
  const auto& m = *e.spec;
  if (m.trigger == "active_confirmed") return region.active_confirmed;
  if (m.trigger == "hospital_occupancy") return region.hospital_occupancy;
  if (m.trigger == "risk_level") {
    if (u.township >= 0) return township_level_[static_cast<std::size_t>(u.township)];
    if (u.district >= 0) return district_level_[static_cast<std::size_t>(u.district)];
    std::uint8_t top = 0;  // several districts: the highest level among them
    for (auto t : u.townships) top = std::max(top, district_level_[pop_.townships[t].district]);
    return top;
  }
  double n = 0;  // new_confirmed
  for (auto t : u.townships)
    for (int k = std::max(0, day - m.window_days); k < day; ++k) n += found_[static_cast<std::size_t>(k)][t];
  return n * scale_;
}

std::string MeasureController::reason_of(const Source& s) const {
  if (s.entry == -1) return "no measure";
  if (s.entry <= -2) return fmt::format("risk level {} (zoning)", kRiskLevelNames[-2 - s.entry]);
  const auto& e = entries_[static_cast<std::size_t>(s.entry)];
  const auto& m = *e.spec;
  std::string why = m.label;
  if (!m.trigger.empty()) {
    const auto& r = e.units[static_cast<std::size_t>(s.unit)].reason;
    why = why.empty() ? r : why + "; " + r;
  }
  if (why.empty()) why = unlabelled_reason(m);
  return why;
}

void MeasureController::update(int day, Date date, const Params& p, const RegionIndicators& region) {
  rule_ = {static_cast<int>(p.zoning_window_days), p.zoning_cumulative_threshold, static_cast<int>(p.zoning_cluster_size),
           static_cast<int>(p.zoning_cluster_window_days)};
  const std::size_t nt = pop_.townships.size(), nd = pop_.districts.size();

  // 1. Risk levels from the reports up to yesterday.
  auto set_level = [&](std::uint8_t& level, RiskLevel now, const RiskInputs& in, std::string place, std::string code) {
    const auto v = static_cast<std::uint8_t>(now);
    if (v != level)
      events_.push_back({date, std::move(place), std::move(code), "risk_level", kRiskLevelNames[level], kRiskLevelNames[v],
                         explain(in, rule_)});
    level = v;
  };
  auto cluster_within = [&](int last) { return last != kNever && last >= day - rule_.cluster_window_days; };
  // Counts in agents, summed over each district's townships, then in people.
  std::vector<RiskInputs> township_in(nt), district_in(nd);
  for (std::uint32_t t = 0; t < nt; ++t) {
    auto& in = township_in[t];
    in.cumulative = static_cast<double>(cumulative_[t]);
    for (int k = std::max(0, day - rule_.window_days); k < day; ++k) in.in_window += found_[static_cast<std::size_t>(k)][t];
    auto& din = district_in[pop_.townships[t].district];
    din.cumulative += in.cumulative;
    din.in_window += in.in_window;
    in.cumulative *= scale_;
    in.in_window *= scale_;
    in.cluster_in_window = cluster_within(township_cluster_day_[t]);
  }
  for (std::size_t d = 0; d < nd; ++d) {
    auto& in = district_in[d];
    in.cumulative *= scale_;
    in.in_window *= scale_;
    in.cluster_in_window = cluster_within(district_cluster_day_[d]);
    set_level(district_level_[d], classify(in, rule_), in, pop_.districts[d].name_en, std::to_string(pop_.districts[d].adcode));
  }
  for (std::uint32_t t = 0; t < nt; ++t)
    set_level(township_level_[t], classify(township_in[t], rule_), township_in[t], pop_.townships[t].name,
              std::to_string(pop_.townships[t].code));
  district_level_days_.push_back(district_level_);
  const bool by_township = p.zoning_unit == "township";
  for (std::uint32_t t = 0; t < nt; ++t) {
    const auto level = by_township ? township_level_[t] : district_level_[pop_.townships[t].district];
    if (level > 0) raised_day_[t] = day;
    controls_.risk_area[t] = raised_day_[t] != kNever && day - raised_day_[t] < p.measures_risk_area_home_days;
  }

  // 2. Triggers, with hysteresis: on after on_after_days days at or above on_at, off after off_after_days below off_below.
  for (auto& e : entries_) {
    const auto& m = *e.spec;
    if (m.trigger.empty()) continue;
    for (auto& u : e.units) {
      const double x = indicator(e, u, day, region);
      const bool towards = u.on ? x < m.off_below : x >= m.on_at;
      u.streak = towards ? u.streak + 1 : 0;
      if (u.streak >= (u.on ? m.off_after_days : m.on_after_days)) {
        u.on = !u.on;
        u.streak = 0;
        const std::string what = m.trigger == "new_confirmed" ? fmt::format("new_confirmed ({} d)", m.window_days) : m.trigger;
        u.reason = u.on ? fmt::format("trigger on: {} = {:g} >= {:g}", what, x, m.on_at)
                        : fmt::format("trigger off: {} < {:g} for {} d", what, m.off_below, m.off_after_days);
      }
    }
  }

  // 3. Every measure in every township.
  const auto before = controls_.township;
  const auto before_source = source_;
  const KnobValues neutral = neutral_knobs();
  const bool zoning = p.zoning_enabled && date >= p.zoning_start;
  for (std::uint32_t t = 0; t < nt; ++t) {
    auto& v = controls_.township[t];
    v = neutral;
    std::fill(source_[t].begin(), source_[t].end(), Source{});
    if (!zoning) continue;
    const auto level = by_township ? township_level_[t] : district_level_[pop_.townships[t].district];
    for (const auto& [k, x] : sc_.levels[level].values) {
      v[static_cast<std::size_t>(k)] = static_cast<float>(x);
      source_[t][static_cast<std::size_t>(k)] = {-2 - static_cast<std::int32_t>(level), 0};
    }
  }
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const auto& e = entries_[i];
    const auto& m = *e.spec;
    if ((m.has_from && date < m.from) || (m.has_until && date > m.until)) continue;
    for (std::size_t u = 0; u < e.units.size(); ++u) {
      if (!m.trigger.empty() && !e.units[u].on) continue;
      for (auto t : e.units[u].townships) {
        controls_.township[t][static_cast<std::size_t>(m.knob)] = static_cast<float>(m.value);
        source_[t][static_cast<std::size_t>(m.knob)] = {static_cast<std::int32_t>(i), static_cast<std::int32_t>(u)};
      }
    }
  }
  controls_.any = std::any_of(controls_.township.begin(), controls_.township.end(), [&](const KnobValues& v) { return v != neutral; });
  log_changes(date, before, before_source);
}

void MeasureController::log_changes(Date date, const std::vector<KnobValues>& before,
                                    const std::vector<std::vector<Source>>& before_source) {
  const std::size_t nt = pop_.townships.size();
  const auto table = knob_table();
  for (int k = 0; k < kKnobs; ++k) {
    const auto ks = static_cast<std::size_t>(k);
    // Townships that changed alike, grouped by (old, new, reason).
    std::map<std::tuple<float, float, std::string>, std::vector<std::uint32_t>> groups;
    for (std::uint32_t t = 0; t < nt; ++t) {
      const float was = before[t][ks], now = controls_.township[t][ks];
      if (was == now) continue;
      std::string why = source_[t][ks].entry == -1 ? "ended: " + reason_of(before_source[t][ks]) : reason_of(source_[t][ks]);
      groups[{was, now, std::move(why)}].push_back(t);
    }
    for (const auto& [key, towns] : groups) {
      // Not a structured binding: clang 14 (the fuzz build) cannot capture those in a lambda.
      const float was = std::get<0>(key), now = std::get<1>(key);
      const std::string& why = std::get<2>(key);
      auto add = [&](std::string place, std::string code) {
        events_.push_back({date, std::move(place), std::move(code), table[ks].name, value_text(was), value_text(now), why});
      };
      if (towns.size() == nt) {
        add("region", "*");
        continue;
      }
      std::size_t i = 0;
      while (i < towns.size()) {
        const auto d = pop_.townships[towns[i]].district;
        std::size_t j = i;
        while (j < towns.size() && pop_.townships[towns[j]].district == d) ++j;
        if (j - i == district_townships_[d].size()) add(pop_.districts[d].name_en, std::to_string(pop_.districts[d].adcode));
        else
          for (std::size_t x = i; x < j; ++x) add(pop_.townships[towns[x]].name, std::to_string(pop_.townships[towns[x]].code));
        i = j;
      }
    }
  }
}

}  // namespace tongchou

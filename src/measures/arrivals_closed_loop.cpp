#include "measures/arrivals_closed_loop.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/rng.hpp"

namespace tongchou {

namespace {
int risk_rank(const std::string& level) { return level == "high" ? 2 : level == "medium" ? 1 : 0; }
}  // namespace

ArrivalsClosedLoop::ArrivalsClosedLoop(const Scenario& sc, const Population& pop, const std::vector<std::vector<double>>& weights,
                                       std::uint16_t origin_base, int days, std::vector<std::string>& warnings)
    : sc_(sc),
      seed_(static_cast<std::uint64_t>(sc.params.scenario_seed)),
      origin_base_(origin_base),
      window_(sc.params),
      by_day_(static_cast<std::size_t>(days)) {
  const auto& p = sc.params;
  for (std::size_t k = 0; k < sc.arrivals.size(); ++k) {
    const auto& a = sc.arrivals[k];
    Rng rng(seed_, Purpose::Arrivals, k);
    const double agents = a.travellers / p.population_scale;
    auto n = static_cast<std::int64_t>(std::floor(agents));
    if (rng.uniform() < agents - static_cast<double>(n)) ++n;
    const auto& w = weights[k];
    const int first = a.date.days - p.scenario_start.days;
    std::int64_t placed = 0;
    for (std::int64_t i = 0; i < n; ++i) {
      const int day = std::max(0, first + static_cast<int>(i * a.days / n));  // spread evenly over `days`
      const double u = rng.uniform() * w.back();
      const auto d = static_cast<std::size_t>(std::upper_bound(w.begin(), w.end(), u) - w.begin());
      const auto& dist = pop.districts[std::min(d, w.size() - 1)];
      for (int attempt = 0; attempt < 10000 && dist.person_count > 0; ++attempt) {
        const PersonId q = dist.first_person + static_cast<PersonId>(rng.below(dist.person_count));
        if (pop.age[q] < a.age_min || pop.age[q] > a.age_max || (pop.flags[q] & (kInboundMigrant | kOutboundMigrant)) ||
            index_.count(q))
          continue;
        ++placed;
        if (day >= days) break;  // after the last day: chosen, never arrives
        Arrival r{q, static_cast<std::uint16_t>(k), static_cast<std::int16_t>(day)};
        if (hash_uniform(seed_, Purpose::Arrivals, q, 1) < a.prevalence) r.flags |= kInfected;
        index_.emplace(q, static_cast<std::uint32_t>(arrivals_.size()));
        by_day_[static_cast<std::size_t>(day)].push_back(static_cast<std::uint32_t>(arrivals_.size()));
        arrivals_.push_back(r);
        break;
      }
    }
    if (placed < n)
      warnings.push_back(fmt::format("arrivals of {} (line {}): placed {} of {} travellers; no more residents aged {}-{} to choose",
                                     format_date(a.date), a.line, placed, n, a.age_min, a.age_max));
  }
}

std::int64_t ArrivalsClosedLoop::mark_away(SimState& st) const {
  for (const auto& a : arrivals_) st.status[a.person] |= kAway;
  return static_cast<std::int64_t>(arrivals_.size());
}

void ArrivalsClosedLoop::report(Arrival& a, std::uint8_t stage, const ArrivalActions& act) {
  a.reported = stage;
  act.suspect(a.person);
}

void ArrivalsClosedLoop::arrive(int day, const Params& p, SimState& st, const ArrivalActions& act, ArrivalsDay& counts) {
  if (day >= static_cast<int>(by_day_.size())) return;
  const bool loop = p.closed_loop_enabled;
  for (std::uint32_t i : by_day_[static_cast<std::size_t>(day)]) {
    Arrival& a = arrivals_[i];
    const auto& spec = sc_.arrivals[a.entry];
    const PersonId q = a.person;
    st.status[q] &= static_cast<std::uint8_t>(~kAway);
    ++counts.arrivals;
    bool ill = false;  // symptomatic on arrival
    if (a.flags & kInfected) {
      ++counts.infected;
      const int age = 1 + static_cast<int>(hash_uniform(seed_, Purpose::Arrivals, q, 2) * static_cast<double>(p.closed_loop_infection_age_max_days));
      act.infect(q, day - age, static_cast<std::uint16_t>(origin_base_ + a.entry));
      const auto& rec = st.infections[st.record[q]];
      ill = symptomatic(window_.state_on(rec.course(), age));
    }
    act.code(q, spec.origin_risk);  // the health code on arrival (R4, R5)
    const int risk = risk_rank(spec.origin_risk);
    // Checkpoints on roads and rail (a measure of its own: also without the loop).
    const bool checked = (spec.mode == "road" || spec.mode == "rail") && act.checkpoints(q);
    if (checked) counts.checkpoint_delay_hours += p.closed_loop_checkpoint_delay_hours * p.population_scale;
    auto draw = [&](std::uint32_t salt, double prob) { return hash_uniform(seed_, Purpose::Arrivals, q, salt) < prob; };
    // Stages 1 and 2 find travellers with symptoms.
    if (ill && loop && draw(3, p.closed_loop_transport_detection)) {
      report(a, 1, act);
    } else if (ill) {
      double miss = 1.0;
      if (loop && spec.mode != "road") miss *= 1.0 - p.closed_loop_port_detection;  // airport, station, bus terminal
      if (checked) miss *= 1.0 - p.closed_loop_checkpoint_detection;
      if (draw(4, 1.0 - miss)) report(a, 2, act);
    }
    if (!loop) continue;
    // Stage 3: arrivals from risk areas are transferred to quarantine (stage 4); the others, and those the transfer
    // misses, live at home under community control (stage 6).
    if (risk >= risk_rank(p.closed_loop_quarantine_from)) {
      a.flags |= kDue;
      if (draw(5, p.closed_loop_transfer_share)) {
        a.flags |= kTransferred;
        ++counts.transferred;
        const int start = day + static_cast<int>(p.closed_loop_transfer_delay_days);
        const int until = day + static_cast<int>(p.closed_loop_quarantine_days) - 1;
        a.quarantine_until = static_cast<std::int16_t>(until);
        act.quarantine(q, start, until, draw(6, p.closed_loop_central_share));
        continue;
      }
    }
    if (p.closed_loop_community_days > 0) {
      a.flags |= kMonitored;
      a.monitored_until = static_cast<std::int16_t>(day + p.closed_loop_community_days - 1);
      if (ill && !a.reported && draw(7, p.closed_loop_community_detection)) report(a, 6, act);
    }
  }
}

void ArrivalsClosedLoop::on_onset(PersonId q, int day, const Params& p, const ArrivalActions& act) {
  const auto it = index_.find(q);
  if (it == index_.end()) return;
  Arrival& a = arrivals_[it->second];
  if (!(a.flags & kMonitored) || day > a.monitored_until || a.reported || a.found_day != kNever) return;
  if (hash_uniform(seed_, Purpose::Arrivals, q, 8) < p.closed_loop_community_detection) report(a, 6, act);
}

void ArrivalsClosedLoop::on_found(PersonId q, int day, bool in_quarantine) {
  const auto it = index_.find(q);
  if (it == index_.end()) return;
  Arrival& a = arrivals_[it->second];
  if (a.found_day != kNever || day < a.day) return;
  a.found_day = static_cast<std::int16_t>(day);
  a.found = a.reported ? a.reported : (in_quarantine && (a.flags & kTransferred)) ? 4 : 7;
}

ClosedLoopSummary ArrivalsClosedLoop::summary(const SimState& st, int last_day) const {
  ClosedLoopSummary s;
  auto& st1 = s.stages[0];
  auto& st2 = s.stages[1];
  auto& st3 = s.stages[2];
  auto& st4 = s.stages[3];
  auto& st5 = s.stages[4];
  auto& st6 = s.stages[5];
  for (const auto& a : arrivals_) {
    if (a.day > last_day) continue;
    ++s.arrivals;
    if (!(a.flags & kInfected)) continue;
    ++s.infected;
    if (a.found >= 1 && a.found <= 6) ++s.found_by_loop;
    else if (a.found == 7) ++s.found_outside_loop;
    else ++s.never_found;
    ++st1.entered;
    if (a.found == 1) {
      ++st1.found;
      ++st5.entered;
      continue;
    }
    ++st2.entered;
    if (a.found == 2) {
      ++st2.found;
      ++st5.entered;
      continue;
    }
    if (a.found) ++st5.entered;
    if (a.flags & kDue) {
      ++st3.entered;
      if (!(a.flags & kTransferred)) ++st3.leaked;
    }
    if (a.flags & kTransferred) {
      ++st4.entered;
      if (a.found == 4) {
        ++st4.found;
      } else if (a.quarantine_until < last_day && st.record[a.person] != kNone) {
        // Released unfound while still infected (those who recovered in quarantine leak nothing).
        const auto& rec = st.infections[st.record[a.person]];
        const auto after = window_.state_on(rec.course(), a.quarantine_until + 1 - rec.day);
        if (after != DiseaseState::Recovered && after != DiseaseState::Dead) ++st4.leaked;
      }
    }
    if (a.flags & kMonitored) {
      ++st6.entered;
      if (a.found == 6) ++st6.found;
      else ++st6.leaked;
    }
  }
  st5.found = st5.entered;
  for (const auto& rec : st.infections) {
    if (rec.infector == kNone) continue;
    const auto it = index_.find(rec.infector);
    if (it == index_.end() || !(arrivals_[it->second].flags & kInfected)) continue;
    ++s.infections_caused;
    if (rec.day >= arrivals_[it->second].found_day) ++st5.leaked;  // infected after being found: in hospital
    else ++s.infections_caused_unfound;
  }
  return s;
}

}  // namespace tongchou

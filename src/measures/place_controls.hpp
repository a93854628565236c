#pragma once
// The measures in force today in each township, and the rules that turn them into a person's participation in a
// layer. Both sides of a contact apply the same rules (the infectious person and the one infected), so a measure
// that keeps a share s of people at home cuts contacts among them to about s^2.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "measures/closed_management.hpp"
#include "measures/institution_closure.hpp"
#include "measures/school_reopening.hpp"
#include "measures/stay_at_home.hpp"
#include "measures/venue_rules.hpp"
#include "measures/work_resumption.hpp"
#include "model/knobs.hpp"
#include "population/population.hpp"

namespace tongchou {

struct PlaceControls {
  std::vector<KnobValues> township;       //!< per township: every measure's value today
  std::vector<std::uint8_t> risk_area;    //!< per township: risk level medium or high within measures.risk_area_home_days
  bool any = false;                       //!< whether any measure differs from neutral in any township today
  //! Per enterprise, 1 while closed (the economy's reopening); null while every enterprise is open.
  const std::vector<std::uint8_t>* enterprise_closed = nullptr;

  //! The measures in force in township t (neutral where none were set up), by reference: no copy per call.
  const KnobValues& at(std::uint32_t t) const {
    static const KnobValues neutral = neutral_knobs();
    return township.empty() ? neutral : township[t];
  }
};

//! Participation of persons in layers under today's place controls (a null controls pointer restricts nothing).
class PlaceRules {
 public:
  PlaceRules(const Population& pop, std::uint64_t seed, const PlaceControls* c) : pop_(pop), seed_(seed), c_(c) {}

  const KnobValues* at(std::uint32_t township) const { return c_ ? &c_->township[township] : nullptr; }

  //! Whether q attends their class, work team, school or institution today (a person with primary group g).
  bool attends(PersonId q, GroupId g, std::uint32_t home) const {
    if (!c_) return true;
    const auto& k = c_->township[pop_.group_township[g]];
    switch (pop_.group_kind[g]) {
      case GroupKind::WorkTeam:
        if (c_->enterprise_closed && (*c_->enterprise_closed)[pop_.group_parent[g]]) return false;
        return at_work(seed_, q, work_share(k, pop_.sector[q], pop_.enterprises[pop_.group_parent[g]].size_class));
      case GroupKind::Class: {
        const auto level = static_cast<int>(pop_.group_parent[pop_.group_parent[g]]);
        if (!grade_open(level, pop_.class_grade[g], knob(k, school_knob(level)))) return false;
        return !(knob(k, Knob::StudentsFromRiskAreasHome) > 0.5f && pop_.occupation[q] == Occupation::Student && c_->risk_area[home]);
      }
      default: return true;
    }
  }
  //! Class contacts factor (smaller classes) for a class group; 1 otherwise.
  float group_factor(GroupId g) const {
    if (!c_) return 1.0f;
    const auto& k = c_->township[pop_.group_township[g]];
    switch (pop_.group_kind[g]) {
      case GroupKind::Class: return knob(k, Knob::ClassSize);
      case GroupKind::Venue: return knob(k, Knob::VenueDisinfection);
      case GroupKind::Transport: return knob(k, Knob::PublicTransport);
      default: return 1.0f;
    }
  }
  //! Whether q, living in township `home`, leaves home for community mixing today.
  bool out(PersonId q, std::uint32_t home, int day) const {
    if (!c_) return true;
    if (confined(q)) return false;
    const auto& k = c_->township[home];
    if (!outing_allowed(pop_, seed_, q, day, knob(k, Knob::StayAtHomeOutings))) return false;
    const auto days = static_cast<int>(knob(k, Knob::ClosedManagementDays));
    return days <= 0 || goes_out(pop_, seed_, q, day, days);
  }
  //! Whether a venue of type v admits q today (its capacity limit), for someone who is out.
  bool venue_open(PersonId q, std::uint32_t home, int v, int day) const {
    return !c_ || venue_admits(seed_, q, day, v, knob(c_->township[home], venue_knob(v)));
  }
  //! Whether q visits (is admitted to) a venue of type v today, given that they would go.
  bool admitted(PersonId q, std::uint32_t home, int v, int day) const { return out(q, home, day) && venue_open(q, home, v, day); }
  //! Whether q, living in township `home` and out today, takes part in the region-wide community mixing.
  bool crosses_districts(PersonId q, std::uint32_t home, int day) const {
    return !c_ || travels_between_districts(seed_, q, day, knob(c_->township[home], Knob::InterDistrictTravel));
  }
  //! The share of township t's infectiousness that reaches the region-wide community mixing.
  float inter_district_share(std::uint32_t t) const { return c_ ? std::clamp(knob(c_->township[t], Knob::InterDistrictTravel), 0.0f, 1.0f) : 1.0f; }
  //! Whether q rides public transport today, given that they would.
  bool rides(PersonId q) const { return !c_ || !confined(q); }

 private:
  bool confined(PersonId q) const {
    const auto o = pop_.occupation[q];
    if (o != Occupation::InstitutionResident && o != Occupation::InstitutionStaff) return false;
    const GroupId g = pop_.primary_group[q];
    return g != kNone && confined_to_institution(o, knob(c_->township[pop_.group_township[g]], Knob::InstitutionsClosed));
  }

  const Population& pop_;
  std::uint64_t seed_;
  const PlaceControls* c_;
};

}  // namespace tongchou

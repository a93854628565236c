#pragma once
// One entry of a day's event bucket as read before it is applied: the person's state now, the state its course gives
// for today, and what the transition needs from the infection record. Reading is a pure function of the state, so the
// bucket is read in parallel (the random reads of records are most of the cost) and applied serially in bucket order
// (Simulation::progress; docs/performance.md, "The day step on several threads").
#include <cstdint>

#include "core/rng.hpp"
#include "population/population.hpp"
#include "state/sim_state.hpp"

namespace tongchou {

struct Transition {
  enum Flag : std::uint8_t {
    kNewlyInfectious = 1u << 0,  //!< enters the infectious list today (was not infectious, is now within the window)
    kOnset = 1u << 1,            //!< symptoms begin today (a symptomatic course)
    kConfirmed = 1u << 2,        //!< the case has been confirmed (confirmed_day set)
    kAsymptomatic = 1u << 3,     //!< the course is asymptomatic
    kDeclares = 1u << 4,         //!< with kOnset: the person declares the symptoms at the health-code check-in
  };
  PersonId person = 0;
  std::uint32_t record = 0;
  std::uint16_t district = 0;
  DiseaseState from = DiseaseState::Susceptible;
  DiseaseState to = DiseaseState::Susceptible;
  std::uint8_t flags = 0;
};

//! Whether a person declares new symptoms at the health-code check-in: a draw of the person alone (scenario seed,
//! codes.symptom_declaration), made in the parallel read (Simulation::apply_transition flags the code).
struct OnsetDeclaration {
  std::uint64_t seed = 0;
  double share = 0;
  bool operator()(PersonId q) const { return hash_uniform(seed, Purpose::HealthCodes, q, 0) < share; }
};

//! The transition of person q (who has an infection record) on `day`, read from the state as it is now.
inline Transition read_transition(const SimState& st, const Population& pop, const InfectiousWindow& window,
                                  const OnsetDeclaration& declares, PersonId q, int day) {
  Transition t;
  t.person = q;
  t.record = st.record[q];
  const auto& rec = st.infections[t.record];
  const Course c = rec.course();
  const int offset = day - rec.day;
  t.from = st.state[q];
  t.to = window.state_on(c, offset);
  if (t.to == t.from) return t;
  t.district = pop.district_of(q);
  const bool was_infectious = t.from >= DiseaseState::Presymptomatic && t.from <= DiseaseState::Critical;
  if (!was_infectious && window.contains(c, offset) && t.to != DiseaseState::Dead &&
      t.to != DiseaseState::Recovered)
    t.flags |= Transition::kNewlyInfectious;
  if (c.severity != Severity::Asymptomatic && t.from < DiseaseState::Mild && t.to >= DiseaseState::Mild) {
    t.flags |= Transition::kOnset;
    if (declares(q)) t.flags |= Transition::kDeclares;
  }
  if (rec.confirmed_day != InfectionRecord::kNever) t.flags |= Transition::kConfirmed;
  if (c.severity == Severity::Asymptomatic) t.flags |= Transition::kAsymptomatic;
  return t;
}

}  // namespace tongchou

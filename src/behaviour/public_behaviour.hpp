#pragma once
// Public behaviour: masks in public settings and voluntary distancing (docs/model.md, Public behaviour).
//   masks:      layers community, transport, venue and workplace x (1 - e a)^2, e = behaviour.mask_efficacy,
//               a = behaviour.mask_adoption (each side of a contact wears a mask with probability a; a mask on
//               either side cuts transmission by e; the factor is the mean over the pair)
//   distancing: every layer outside the home (class, school, workplace, venue, community, transport) x
//               1 - behaviour.distancing_max x P, with P = c / (c + economy.fear_half_cases) the risk perception
//               that also drives the economy's fear (c = reported cases of the last 14 days per million people)
#include "scenario/parameters.hpp"
#include "state/sim_state.hpp"

namespace tongchou {

//! Risk perception 0..1 from reported cases of the last 14 days per million people (the signal of economy fear).
double risk_perception(double cases_per_million, double half_cases);

//! Mean transmission factor of a contact in a masked layer: (1 - e a)^2.
double mask_factor(const Params& p);

//! Contacts outside the home relative to normal: 1 - behaviour.distancing_max x risk_perception.
double distancing_factor(const Params& p, double cases_per_million);

//! Whether a layer is one where masks are worn in public (community, transport, venue, workplace).
bool masked_layer(Layer layer);
//! Whether a layer is outside the home and cut by voluntary distancing.
bool distanced_layer(Layer layer);

//! Multiplies the day's layer factors by the mask and distancing factors.
void apply_public_behaviour(DayControls& c, const Params& p, double cases_per_million);

}  // namespace tongchou

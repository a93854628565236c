#include "behaviour/public_behaviour.hpp"

namespace tongchou {

double risk_perception(double cases_per_million, double half_cases) {
  if (cases_per_million <= 0) return 0.0;
  return cases_per_million / (cases_per_million + half_cases);
}

double mask_factor(const Params& p) {
  const double m = 1.0 - p.behaviour_mask_efficacy * p.behaviour_mask_adoption;
  return m * m;
}

double distancing_factor(const Params& p, double cases_per_million) {
  return 1.0 - p.behaviour_distancing_max * risk_perception(cases_per_million, p.economy_fear_half_cases);
}

bool masked_layer(Layer layer) {
  return layer == Layer::Community || layer == Layer::Transport || layer == Layer::Venue || layer == Layer::Workplace;
}

bool distanced_layer(Layer layer) {
  return layer == Layer::Class || layer == Layer::School || layer == Layer::Workplace || layer == Layer::Venue ||
         layer == Layer::Community || layer == Layer::Transport;
}

void apply_public_behaviour(DayControls& c, const Params& p, double cases_per_million) {
  const double mask = mask_factor(p), distance = distancing_factor(p, cases_per_million);
  if (mask == 1.0 && distance == 1.0) return;  // neutral: leave the calendar's factors bit for bit
  for (int l = 0; l < kLayers; ++l) {
    const auto layer = static_cast<Layer>(l);
    double f = 1.0;
    if (masked_layer(layer)) f *= mask;
    if (distanced_layer(layer)) f *= distance;
    c.layer[l] = static_cast<float>(c.layer[l] * f);
  }
}

}  // namespace tongchou

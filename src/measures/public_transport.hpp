#pragma once
// Public transport (city buses, rural passenger lines) as a contact layer: suspended (0), restored (1), or run with
// a load limit (between: transmission in a vehicle scales with the knob public_transport).
namespace tongchou {

inline float transport_factor(float public_transport) { return public_transport < 0.0f ? 0.0f : public_transport; }

}  // namespace tongchou

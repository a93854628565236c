#pragma once
// How much a sector's production depends on each of its inputs (Pichler et al. 2022): a critical input stops
// production when it runs out, an important one halves it, a non-critical one does not limit it. Pichler et al.
// rated inputs from an industry survey; for the 42 NBS sectors tongchou uses a rule (docs/model.md, economy):
//   - inputs from services (sectors 28, 30..42) and from construction (27) are non-critical, except transport,
//     storage and post (29), which is important;
//   - electricity and heat, gas, water (24..26) are critical for goods producers (01..27), important for services;
//   - other goods (01..23) bought by goods producers (01..27) are critical when they make at least 5% of the
//     buyer's intermediate inputs, important from 1%, non-critical below;
//   - goods bought by services (28..42) are non-critical (an office, a bank or a school goes on working for weeks
//     without new uniforms, paper or vehicles), important from 10% of the buyer's inputs, and critical only where
//     the service consumes them as it is given: fuel (11) for transport (29), medicines (12) for health care (40),
//     food (06) for catering (30).
#include <cstdint>
#include <vector>

namespace tongchou {

enum class Criticality : std::uint8_t { NonCritical, Important, Critical };

//! Criticality [from * n + to] of the inputs of n = 42 sectors, from their input coefficients [from * n + to].
std::vector<Criticality> input_criticality(const std::vector<double>& input_coefficients, int n);

}  // namespace tongchou

#pragma once
// How much a sector's production depends on each of its inputs (Pichler et al. 2022): a critical input stops
// production when it runs out, an important one halves it, a non-critical one does not limit it. Pichler et al.
// rated inputs from an industry survey; for the 42 NBS sectors tongchou uses a rule (docs/model.md, economy):
//   - inputs from services (sectors 28, 30..42) and from construction (27) are non-critical, except transport,
//     storage and post (29), which is important;
//   - electricity and heat, gas, water (24..26) are critical for goods producers (01..27), important for services;
//   - other goods (01..23) are critical when they make at least 5% of the buyer's intermediate inputs, important
//     from 1%, non-critical below.
#include <cstdint>
#include <vector>

namespace tongchou {

enum class Criticality : std::uint8_t { NonCritical, Important, Critical };

//! Criticality [from * n + to] of the inputs of n = 42 sectors, from their input coefficients [from * n + to].
std::vector<Criticality> input_criticality(const std::vector<double>& input_coefficients, int n);

}  // namespace tongchou

#pragma once
// The risk levels of risk zoning (分区分级): their order and their names in scenarios ([zoning.low] ...), events.csv and
// the outputs. The rule that assigns them is measures/risk_zoning.hpp.
#include <cstdint>

namespace tongchou {

enum class RiskLevel : std::uint8_t { Low, Medium, High };
inline constexpr int kRiskLevels = 3;
inline constexpr const char* kRiskLevelNames[kRiskLevels] = {"low", "medium", "high"};

}  // namespace tongchou

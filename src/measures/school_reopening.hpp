#pragma once
// School reopening by level and grade (错峰开学, R13): the knob school.<level> counts the grades open from the top, so
// 1 opens only the final year (senior-3, junior-3 first), the level's number of grades opens all. Smaller classes
// scale class contacts (class_size); temperature checks find symptomatic pupils (school_checks); pupils living where
// the risk level was raised recently stay home first (students_from_risk_areas_home).
#include "model/kinds.hpp"

namespace tongchou {

//! Whether grade `grade` (1-based) of a school level is open when the top `open_grades` grades are.
inline bool grade_open(int level, int grade, float open_grades) {
  return static_cast<float>(grade) > static_cast<float>(kSchoolGrades[static_cast<std::size_t>(level)]) - open_grades + 0.5f;
}

}  // namespace tongchou

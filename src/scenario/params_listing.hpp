#pragma once
// What `tongchou params [SECTION]` prints: the parameter table and the measures of places, whole or one section.
#include <string>
#include <vector>

namespace tongchou {

//! The sections `tongchou params SECTION` accepts: those of the parameter table, and "measure" (the measures of places).
std::vector<std::string> params_sections();
//! The parameters of `section` (all when empty) as text, with the measures of places for the whole table and for the
//! sections that use them (zoning, measures, measure); throws InputError naming the sections if there is no such one.
std::string params_listing(const std::string& section);

}  // namespace tongchou

#pragma once
// Closed management of residential institutions (养老院、福利院、监狱、精神卫生机构): no visitors, staff on rotation
// living in. While closed, residents and staff make no community, venue or transport contacts; contacts inside the
// institution go on, so an outbreak that got in before closure runs its course there (reported apart by type).
#include "model/kinds.hpp"

namespace tongchou {

inline bool confined_to_institution(Occupation o, float institutions_closed) {
  return institutions_closed > 0.5f && (o == Occupation::InstitutionResident || o == Occupation::InstitutionStaff);
}

}  // namespace tongchou

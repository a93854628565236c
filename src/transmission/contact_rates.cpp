#include "transmission/contact_rates.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tongchou {

std::array<double, 3> community_level_shares(const Params& p) {
  if (p.transmission_homogeneous) return {0.0, 0.0, 1.0};
  return {1.0 - p.transmission_community_district_share - p.transmission_community_region_share,
          p.transmission_community_district_share, p.transmission_community_region_share};
}

ContactRates derive_contact_rates(const Population& pop, const RegionData& region, const Params& p) {
  ContactRates r;
  // Persons by band, counted in parallel in fixed chunks of persons (not by thread count), each chunk its own whole
  // counts, added in chunk order: whole numbers, so exactly the counts of the person-by-person loop.
  struct Counts {
    std::array<std::uint64_t, kContactBands> persons{}, in_school{}, at_work{}, transit{};
  };
  constexpr std::size_t kChunk = std::size_t{1} << 16;
  const std::size_t n = pop.persons();
  std::vector<Counts> part((n + kChunk - 1) / kChunk);
  const auto chunks = static_cast<std::ptrdiff_t>(part.size());
#pragma omp parallel for schedule(dynamic, 1)
  for (std::ptrdiff_t c = 0; c < chunks; ++c) {
    auto& out = part[static_cast<std::size_t>(c)];
    const std::size_t end = std::min(n, static_cast<std::size_t>(c + 1) * kChunk);
    for (std::size_t q = static_cast<std::size_t>(c) * kChunk; q < end; ++q) {
      const int b = contact_band(pop.age[q]);
      out.persons[b] += 1;
      const auto o = pop.occupation[q];
      if (o == Occupation::Student || o == Occupation::Teacher) out.in_school[b] += 1;
      if (o == Occupation::Worker) out.at_work[b] += 1;
      if (pop.flags[q] & kTransitUser) out.transit[b] += 1;
    }
  }
  std::array<double, kContactBands> persons{}, in_school{}, at_work{}, transit{};
  for (const auto& c : part)
    for (int b = 0; b < kContactBands; ++b) {
      persons[b] += static_cast<double>(c.persons[b]);
      in_school[b] += static_cast<double>(c.in_school[b]);
      at_work[b] += static_cast<double>(c.at_work[b]);
      transit[b] += static_cast<double>(c.transit[b]);
    }
  double visits = 0;
  for (int v = 0; v < kVenueTypes; ++v) visits += p.population_venue_patron_share[v] * p.population_venue_visit_probability[v];
  r.venue_visits_per_day = visits;
  const double venue_share = p.transmission_venue_share_of_other, transport_share = p.transmission_transport_share_of_other;
  auto capped = [](double x) { return std::min(x, kMaxContactsPerDay); };
  for (int b = 0; b < kContactBands; ++b) {
    double school = 0, work = 0, others = 0;
    for (int a = 0; a < kContactBands; ++a) {
      school += region.contacts[kSchool][b][a];
      work += region.contacts[kWork][b][a];
      others += region.contacts[kOthers][b][a];
      r.community[b][a] = region.contacts[kOthers][b][a] * (1.0 - venue_share - transport_share);
    }
    // Contacts of the whole band are made by its participants: divide by the share who take part.
    const double school_rate = in_school[b] > 0 ? capped(school * persons[b] / in_school[b]) : 0.0;
    r.per_band[static_cast<int>(Layer::Class)][b] = school_rate * p.transmission_class_share_of_school;
    r.per_band[static_cast<int>(Layer::School)][b] = school_rate * (1.0 - p.transmission_class_share_of_school);
    r.per_band[static_cast<int>(Layer::Workplace)][b] = at_work[b] > 0 ? capped(work * persons[b] / at_work[b]) : 0.0;
    r.per_band[static_cast<int>(Layer::Venue)][b] = visits > 0 ? capped(others * venue_share / visits) : 0.0;
    r.per_band[static_cast<int>(Layer::Transport)][b] = transit[b] > 0 ? capped(others * transport_share * persons[b] / transit[b]) : 0.0;
    r.per_band[static_cast<int>(Layer::Institution)][b] = p.transmission_institution_contacts;
    r.per_band[static_cast<int>(Layer::Hospital)][b] = p.transmission_hospital_contacts * p.transmission_hospital_protection;
  }
  if (p.transmission_homogeneous) {
    // Random mixing: every layer but the community is empty, and a person meets each band in proportion to its size,
    // with the population's mean number of 'other' contacts per day.
    double total = 0, contacts = 0;
    for (int b = 0; b < kContactBands; ++b) total += persons[b];
    for (int b = 0; b < kContactBands; ++b)
      for (int a = 0; a < kContactBands; ++a) contacts += persons[b] * region.contacts[kOthers][b][a];
    for (auto& row : r.per_band) row.fill(0.0);
    for (int b = 0; b < kContactBands; ++b)
      for (int a = 0; a < kContactBands; ++a) r.community[b][a] = total > 0 ? contacts / total * persons[a] / total : 0.0;
  }
  for (int l = 0; l < kLayers; ++l) r.max_rate[l] = *std::max_element(r.per_band[l].begin(), r.per_band[l].end());
  return r;
}

}  // namespace tongchou

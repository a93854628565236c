// Where the people of one district spend their days: schools and classes, enterprises and work teams,
// residential institutions with staff, hospitals with health workers, venues and public transport.
#include <algorithm>
#include <cmath>

#include "population/district_fragment.hpp"

namespace tongchou::synthesis {

namespace {

template <class T>
void shuffle(std::vector<T>& v, Rng& rng) {
  for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(i)]);
}

// Workers by IO sector; special roles (teachers, health workers, institution staff) are drawn from the
// matching sector first and from the largest other sector when that runs out.
struct WorkerPools {
  std::array<std::vector<PersonId>, kSectors> by_sector;
  PersonId take(int preferred, DistrictFragment& f) {
    int s = preferred;
    if (by_sector[s].empty()) {
      s = 0;
      for (int k = 1; k < kSectors; ++k)
        if (by_sector[k].size() > by_sector[s].size()) s = k;
      if (by_sector[s].empty()) return kNone;
    }
    const PersonId q = by_sector[s].back();
    by_sector[s].pop_back();
    f.sector[q] = static_cast<std::uint8_t>(preferred);
    return q;
  }
};

void assign_workers(DistrictFragment& f, WorkerPools& pools) {
  const auto& p = *f.params;
  const auto& d = *f.info;
  const auto& region = *f.region;
  // Sector draw: census section by the district's employment shares, then IO sector within the section by
  // national employment (data/economy/sectors42.csv).
  std::array<double, kIndustries> within{};
  for (int s = 0; s < kSectors; ++s) within[region.sector_industry[s]] += region.sector_employment[s];
  std::array<double, kSectors> cumulative{};
  double total = 0;
  for (int s = 0; s < kSectors; ++s) {
    const int ind = region.sector_industry[s];
    if (within[ind] > 0) total += d.industry_share[ind] * region.sector_employment[s] / within[ind];
    cumulative[s] = total;
  }
  Rng rng = f.rng(Purpose::Workplaces);
  std::vector<PersonId> employed;
  for (PersonId q = 0; q < f.persons(); ++q) {
    if (f.occupation[q] != Occupation::None) continue;
    if (f.age[q] < p.population_employment_age_min || f.age[q] > p.population_employment_age_max) continue;
    if (!rng.bernoulli(p.population_employment_rate)) continue;
    const double u = rng.uniform() * total;
    const int s = static_cast<int>(std::lower_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin());
    f.occupation[q] = Occupation::Worker;
    f.sector[q] = static_cast<std::uint8_t>(std::min(s, kSectors - 1));
    pools.by_sector[f.sector[q]].push_back(q);
    employed.push_back(q);
  }
  // Inbound migrant workers: residents with hukou in another province, taken to be employed.
  const double inbound_share =
      employed.empty() ? 0.0 : std::min(1.0, d.hukou_other_province / p.population_scale / static_cast<double>(employed.size()));
  for (PersonId q : employed)
    if (rng.bernoulli(inbound_share)) f.flags[q] |= kInboundMigrant;
  for (PersonId q = 0; q < f.persons(); ++q) {
    const bool rural = !(f.flags[q] & kUrban) && f.occupation[q] != Occupation::InstitutionResident;
    if (rural && f.age[q] >= p.population_employment_age_min && f.age[q] <= p.population_employment_age_max &&
        rng.bernoulli(p.migrants_poor_labour_share))
      f.flags[q] |= kPoorLabour;
  }
  // Roles are taken from the back of shuffled pools, so they are spread across the district.
  for (auto& v : pools.by_sector) shuffle(v, rng);
}

void build_institutions(DistrictFragment& f, WorkerPools& pools) {
  const auto& p = *f.params;
  for (const auto& [h, type] : f.institution_households) {
    const PersonId first = f.household_first[h];
    const PersonId end = h + 1 < f.household_first.size() ? f.household_first[h + 1] : static_cast<PersonId>(f.persons());
    const auto kind = static_cast<GroupKind>(static_cast<int>(GroupKind::NursingHome) + static_cast<int>(type));
    const GroupId g = f.add_group(kind, kNone, f.neighbourhoods[f.household_neighbourhood[h]].township);
    for (PersonId q = first; q < end; ++q) {
      f.members.push_back(q);
      f.primary_group[q] = g;
    }
    const auto staff = static_cast<std::uint32_t>(std::ceil((end - first) / p.population_institution_residents_per_staff));
    const int sector = type == InstitutionType::Prison ? sector::kPublicAdministration : sector::kHealthSocialWork;
    for (std::uint32_t k = 0; k < staff; ++k) {
      const PersonId q = pools.take(sector, f);
      if (q == kNone) break;
      f.occupation[q] = Occupation::InstitutionStaff;
      f.primary_group[q] = g;
      f.members.push_back(q);
    }
  }
}

void build_hospitals(DistrictFragment& f, WorkerPools& pools) {
  const auto& p = *f.params;
  const auto& d = *f.info;
  const auto count = static_cast<std::uint32_t>(std::max(1.0, std::round(d.population / p.population_people_per_hospital)));
  const auto workers = static_cast<std::uint32_t>(std::llround(static_cast<double>(f.persons()) * p.population_health_workers_per_1000 / 1000.0));
  const double beds = d.population * p.population_beds_per_1000 / 1000.0 / p.population_scale / count;
  for (std::uint32_t k = 0; k < count; ++k) {
    std::vector<PersonId> staff;
    for (std::uint32_t i = workers * k / count; i < workers * (k + 1) / count; ++i) {
      const PersonId q = pools.take(sector::kHealthSocialWork, f);
      if (q == kNone) break;
      staff.push_back(q);
    }
    const std::uint32_t township = staff.empty() ? 0 : f.neighbourhoods[f.household_neighbourhood[f.household[staff[0]]]].township;
    const GroupId g = f.add_group(GroupKind::Hospital, kNone, township);
    for (PersonId q : staff) {
      f.occupation[q] = Occupation::HealthWorker;
      f.primary_group[q] = g;
      f.members.push_back(q);
    }
    Hospital hosp;
    hosp.district = f.district_index;
    hosp.group = g;
    hosp.beds = static_cast<std::uint32_t>(std::llround(beds));
    hosp.icu_beds = static_cast<std::uint32_t>(std::llround(beds * p.population_icu_bed_share));
    f.hospitals.push_back(hosp);
  }
}

// Schools: kindergartens and primary schools per township, junior, senior schools and universities per district.
// Students are taken in id order (which follows townships and neighbourhoods), so schools and classes are local.
std::vector<std::int8_t> enrol_students(DistrictFragment& f) {
  const auto& p = *f.params;
  Rng rng = f.rng(Purpose::Schools);
  std::vector<std::int8_t> level(f.persons(), -1);
  for (PersonId q = 0; q < f.persons(); ++q) {
    if (f.occupation[q] != Occupation::None) continue;
    for (int l = 0; l < kSchoolLevels; ++l) {
      const int a = f.age[q] - kSchoolEntryAge[l];
      if (a >= 0 && a < kSchoolGrades[l]) {
        if (rng.bernoulli(p.population_enrolment[l])) {
          level[q] = static_cast<std::int8_t>(l);
          f.occupation[q] = Occupation::Student;
        }
        break;
      }
    }
  }
  return level;
}

void build_schools(DistrictFragment& f, WorkerPools& pools, const std::vector<std::int8_t>& level) {
  const auto& p = *f.params;
  for (int l = 0; l < kSchoolLevels; ++l) {
    const bool per_township = l <= static_cast<int>(SchoolLevel::Primary);
    const std::size_t catchments = per_township ? f.townships.size() : 1;
    const auto class_size = static_cast<std::size_t>(p.population_class_size[l]);
    const double per_school = kSchoolGrades[l] * p.population_classes_per_grade[l] * p.population_class_size[l];
    for (std::size_t c = 0; c < catchments; ++c) {
      const PersonId lo = per_township ? f.townships[c].first_person : 0;
      const PersonId hi = per_township ? lo + f.townships[c].person_count : static_cast<PersonId>(f.persons());
      std::vector<std::vector<PersonId>> grade(kSchoolGrades[l]);
      std::size_t students = 0;
      for (PersonId q = lo; q < hi; ++q)
        if (level[q] == l) {
          grade[f.age[q] - kSchoolEntryAge[l]].push_back(q);
          ++students;
        }
      if (students == 0) continue;
      const auto schools = static_cast<std::size_t>(std::max(1.0, std::round(static_cast<double>(students) / per_school)));
      for (std::size_t s = 0; s < schools; ++s) {
        // Classes of this school: contiguous chunks of each grade's share.
        std::vector<std::vector<PersonId>> classes;
        std::vector<std::uint8_t> class_grade;
        std::size_t in_school = 0;
        for (int g = 0; g < kSchoolGrades[l]; ++g) {
          const auto& v = grade[g];
          const std::size_t a = v.size() * s / schools, b = v.size() * (s + 1) / schools;
          if (a == b) continue;
          const std::size_t n_classes = (b - a + class_size - 1) / class_size;
          for (std::size_t k = 0; k < n_classes; ++k) {
            classes.emplace_back(v.begin() + static_cast<std::ptrdiff_t>(a + (b - a) * k / n_classes),
                                 v.begin() + static_cast<std::ptrdiff_t>(a + (b - a) * (k + 1) / n_classes));
            class_grade.push_back(static_cast<std::uint8_t>(g + 1));
          }
          in_school += b - a;
        }
        if (classes.empty()) continue;
        const auto teachers = static_cast<std::size_t>(std::ceil(static_cast<double>(in_school) / p.population_pupils_per_teacher));
        std::vector<std::vector<PersonId>> class_teachers(classes.size());
        for (std::size_t k = 0; k < teachers; ++k) {
          const PersonId q = pools.take(sector::kEducation, f);
          if (q == kNone) break;
          f.occupation[q] = Occupation::Teacher;
          class_teachers[k % classes.size()].push_back(q);
        }
        const std::uint32_t township = f.neighbourhoods[f.household_neighbourhood[f.household[classes[0][0]]]].township;
        const GroupId school = f.add_group(GroupKind::School, static_cast<std::uint32_t>(l), township);
        for (std::size_t k = 0; k < classes.size(); ++k) {
          f.members.insert(f.members.end(), classes[k].begin(), classes[k].end());
          f.members.insert(f.members.end(), class_teachers[k].begin(), class_teachers[k].end());
        }
        for (std::size_t k = 0; k < classes.size(); ++k) {
          const GroupId g = f.add_group(GroupKind::Class, school, township, class_grade[k]);
          for (PersonId q : classes[k]) {
            f.members.push_back(q);
            f.primary_group[q] = g;
          }
          for (PersonId q : class_teachers[k]) {
            f.members.push_back(q);
            f.primary_group[q] = g;
          }
        }
      }
    }
  }
}

// Enterprises: firm sizes from a discrete lognormal; employees split into work teams. Farm workers form one
// collective per village.
void build_enterprises(DistrictFragment& f, WorkerPools& pools) {
  const auto& p = *f.params;
  Rng rng = f.rng(Purpose::Workplaces, 1);
  const double sdlog = p.population_firm_size_sdlog;
  const double meanlog = std::log(p.population_firm_size_mean) - 0.5 * sdlog * sdlog;
  const auto team = static_cast<std::size_t>(p.population_team_size);
  auto emit = [&](int sector, const PersonId* first, std::size_t n) {
    Enterprise e;
    e.sector = static_cast<std::uint8_t>(sector);
    e.district = f.district_index;
    e.township = f.neighbourhoods[f.household_neighbourhood[f.household[first[0]]]].township;
    e.employees = static_cast<std::uint32_t>(n);
    e.size_class = static_cast<double>(n) * p.population_scale >= static_cast<double>(p.population_large_firm_employees)
                       ? SizeClass::Large
                       : SizeClass::SmallMediumMicro;
    e.first_team = static_cast<GroupId>(f.group_kind.size());
    const auto enterprise = static_cast<std::uint32_t>(f.enterprises.size());
    const std::size_t teams = (n + team - 1) / team;
    for (std::size_t t = 0; t < teams; ++t) {
      const GroupId g = f.add_group(GroupKind::WorkTeam, enterprise, e.township);
      for (std::size_t i = n * t / teams; i < n * (t + 1) / teams; ++i) {
        f.members.push_back(first[i]);
        f.primary_group[first[i]] = g;
      }
    }
    e.team_count = static_cast<std::uint32_t>(teams);
    f.enterprises.push_back(e);
  };
  for (int s = 0; s < kSectors; ++s) {
    auto& v = pools.by_sector[s];
    if (v.empty()) continue;
    if (s == sector::kAgriculture) {
      std::sort(v.begin(), v.end());  // id order = neighbourhood order
      std::size_t a = 0;
      while (a < v.size()) {
        std::size_t b = a + 1;
        const auto hood = f.household_neighbourhood[f.household[v[a]]];
        while (b < v.size() && f.household_neighbourhood[f.household[v[b]]] == hood) ++b;
        emit(s, &v[a], b - a);
        a = b;
      }
      continue;
    }
    std::size_t a = 0;
    while (a < v.size()) {
      const auto size = static_cast<std::size_t>(std::max(1.0, std::round(rng.lognormal(meanlog, sdlog))));
      const std::size_t n = std::min(size, v.size() - a);
      emit(s, &v[a], n);
      a += n;
    }
  }
}

// Venue member lists and transport groups, per township, from the pure membership functions.
void build_venues_and_transport(DistrictFragment& f) {
  const auto& p = *f.params;
  Rng rng = f.rng(Purpose::Transport);
  for (PersonId q = 0; q < f.persons(); ++q) {
    const auto o = f.occupation[q];
    const bool commuter = (o == Occupation::Worker || o == Occupation::Teacher || o == Occupation::HealthWorker ||
                           o == Occupation::InstitutionStaff || o == Occupation::Student) &&
                          f.age[q] >= 12;
    if (commuter && rng.bernoulli((f.flags[q] & kUrban) ? p.population_transit_share_urban : p.population_transit_share_rural))
      f.flags[q] |= kTransitUser;
  }
  f.venue_first.assign(f.townships.size() * kVenueTypes, 0);
  f.venue_count.assign(f.townships.size() * kVenueTypes, 0);
  f.transport_first.assign(f.townships.size(), 0);
  f.transport_count.assign(f.townships.size(), 0);
  std::vector<std::uint32_t> counts, choice;
  for (std::uint32_t t = 0; t < f.townships.size(); ++t) {
    const auto& tw = f.townships[t];
    for (int v = 0; v < kVenueTypes; ++v) {
      const double per = p.population_venues_per_10k[v];
      auto n = static_cast<std::uint32_t>(std::llround(tw.person_count * per / 1e4));
      if (n == 0 && per > 0 && tw.person_count > 0) n = 1;
      const std::size_t i = static_cast<std::size_t>(t) * kVenueTypes + v;
      f.venue_first[i] = static_cast<GroupId>(f.group_kind.size());
      f.venue_count[i] = n;
      if (n == 0) continue;
      // Counting sort of the township's patrons by venue.
      counts.assign(n + 1, 0);
      choice.resize(tw.person_count);
      for (PersonId k = 0; k < tw.person_count; ++k) {
        const PersonId q = tw.first_person + k;
        choice[k] = venue_choice(f.seed, f.first_person_global + q, v, p.population_venue_patron_share[v], n);
        if (choice[k] != kNone) counts[choice[k] + 1]++;
      }
      const std::size_t base = f.members.size();
      for (std::uint32_t k = 0; k < n; ++k) {
        counts[k + 1] += counts[k];
        f.add_group(GroupKind::Venue, static_cast<std::uint32_t>(v), t);
        f.group_offset.back() = base + counts[k];
      }
      f.members.resize(base + counts[n]);
      for (PersonId k = 0; k < tw.person_count; ++k)
        if (choice[k] != kNone) f.members[base + counts[choice[k]]++] = tw.first_person + k;
    }
    // Transport groups.
    std::uint32_t users = 0;
    for (PersonId k = 0; k < tw.person_count; ++k) users += (f.flags[tw.first_person + k] & kTransitUser) ? 1 : 0;
    const auto n = users == 0 ? 0u : static_cast<std::uint32_t>((users + p.population_transit_group_size - 1) / p.population_transit_group_size);
    f.transport_first[t] = static_cast<GroupId>(f.group_kind.size());
    f.transport_count[t] = n;
    if (n == 0) continue;
    counts.assign(n + 1, 0);
    choice.assign(tw.person_count, kNone);
    for (PersonId k = 0; k < tw.person_count; ++k)
      if (f.flags[tw.first_person + k] & kTransitUser) {
        choice[k] = transport_choice(f.seed, f.first_person_global + tw.first_person + k, n);
        counts[choice[k] + 1]++;
      }
    const std::size_t base = f.members.size();
    for (std::uint32_t k = 0; k < n; ++k) {
      counts[k + 1] += counts[k];
      f.add_group(GroupKind::Transport, kNone, t);
      f.group_offset.back() = base + counts[k];
    }
    f.members.resize(base + counts[n]);
    for (PersonId k = 0; k < tw.person_count; ++k)
      if (choice[k] != kNone) f.members[base + counts[choice[k]]++] = tw.first_person + k;
  }
}

}  // namespace

void build_activities(DistrictFragment& f) {
  // Enrolment first, so that only those not in school can be employed; then roles drawn from the workers.
  const auto level = enrol_students(f);
  WorkerPools pools;
  assign_workers(f, pools);
  build_institutions(f, pools);
  build_hospitals(f, pools);
  build_schools(f, pools, level);
  build_enterprises(f, pools);
  build_venues_and_transport(f);
}

}  // namespace tongchou::synthesis

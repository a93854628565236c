// Persons, residential institutions, households, townships and neighbourhoods of one district.
// Assumptions are documented in docs/model.md (Population synthesis).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "population/district_fragment.hpp"

namespace tongchou::synthesis {

std::uint32_t agents_in(const DistrictInfo& d, const Params& p) {
  return static_cast<std::uint32_t>(std::llround(d.population / p.population_scale));
}

std::uint32_t outbound_migrants_in(const DistrictInfo& d, const Params& p) {
  return static_cast<std::uint32_t>(std::llround(d.population * p.migrants_outbound_per_resident / p.population_scale));
}

namespace {

// Integer counts proportional to weights, summing exactly to total (largest remainder).
std::vector<std::uint32_t> apportion(const std::vector<double>& weights, std::uint32_t total) {
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<std::uint32_t> out(weights.size(), 0);
  if (sum <= 0 || weights.empty()) {
    if (!out.empty()) out[0] = total;
    return out;
  }
  std::vector<std::pair<double, std::size_t>> rem;
  std::uint32_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double exact = weights[i] / sum * total;
    out[i] = static_cast<std::uint32_t>(std::floor(exact));
    given += out[i];
    rem.emplace_back(exact - out[i], i);
  }
  std::sort(rem.begin(), rem.end(), [](auto& a, auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  for (std::size_t k = 0; given < total; ++k, ++given) out[rem[k % rem.size()].second]++;
  return out;
}

// Persons waiting to be placed, by single year of age and sex.
class AgePools {
 public:
  explicit AgePools(const std::vector<PersonDraft>& people) {
    for (std::uint32_t i = 0; i < people.size(); ++i) pools_[people[i].age][people[i].male ? 1 : 0].push_back(i);
  }
  void shuffle(Rng& rng) {
    for (auto& a : pools_)
      for (auto& s : a)
        for (std::size_t i = s.size(); i > 1; --i) std::swap(s[i - 1], s[rng.below(i)]);
  }
  std::size_t left() const {
    std::size_t n = 0;
    for (auto& a : pools_) n += a[0].size() + a[1].size();
    return n;
  }
  // Takes a person aged lo..hi (sex: 0 female, 1 male, -1 either), preferring a random age in range and the
  // nearest available age outside it when the range is exhausted. Returns false only if everyone is placed.
  bool take(int lo, int hi, int sex, Rng& rng, std::uint32_t& out) {
    lo = std::clamp(lo, 0, 100);
    hi = std::clamp(hi, lo, 100);
    const int start = lo + static_cast<int>(rng.below(static_cast<std::uint64_t>(hi - lo + 1)));
    for (int radius = 0; radius <= 100; ++radius) {
      for (int a : {start - radius, start + radius}) {
        if (a < 0 || a > 100 || (radius > 0 && a == start)) continue;
        if (take_at(a, sex, rng, out)) return true;
      }
    }
    if (sex >= 0) return take(lo, hi, -1, rng, out);
    return false;
  }

 private:
  bool take_at(int age, int sex, Rng& rng, std::uint32_t& out) {
    auto& f = pools_[age][0];
    auto& m = pools_[age][1];
    std::vector<std::uint32_t>* pool = nullptr;
    if (sex == 0) pool = &f;
    else if (sex == 1) pool = &m;
    else if (!f.empty() && !m.empty()) pool = rng.below(f.size() + m.size()) < f.size() ? &f : &m;
    else pool = f.empty() ? &m : &f;
    if (pool->empty()) return false;
    out = pool->back();
    pool->pop_back();
    return true;
  }
  std::array<std::array<std::vector<std::uint32_t>, 2>, 101> pools_;
};

// Household sizes: one-person share from the census, the rest 2 + truncated Poisson with the mean that
// reproduces the census mean household size.
std::vector<int> draw_household_sizes(const DistrictInfo& d, const Params& p, std::uint32_t persons, Rng& rng) {
  const double mean = d.family_household_pop / d.family_households;
  const double one = std::clamp(d.one_person_households / d.family_households, 0.0, 0.95);
  const int max_size = static_cast<int>(p.population_household_size_max);
  const double target_extra = std::max(0.0, (mean - one) / (1.0 - one) - 2.0);  // mean of size-2 among 2+
  auto truncated_mean = [&](double lambda) {
    double num = 0, den = 0, term = 1;
    for (int k = 0; k <= max_size - 2; ++k) {
      if (k > 0) term *= lambda / k;
      num += k * term;
      den += term;
    }
    return num / den;
  };
  double lo = 0, hi = 50;
  for (int it = 0; it < 60; ++it) {
    const double mid = 0.5 * (lo + hi);
    (truncated_mean(mid) < target_extra ? lo : hi) = mid;
  }
  const double lambda = 0.5 * (lo + hi);
  std::vector<double> pmf(max_size - 1);
  double term = 1, den = 0;
  for (int k = 0; k <= max_size - 2; ++k) {
    if (k > 0) term *= lambda / k;
    pmf[k] = term;
    den += term;
  }
  std::vector<int> sizes;
  std::uint64_t total = 0;
  const auto households = static_cast<std::uint64_t>(std::max(1.0, std::round(persons / mean)));
  sizes.reserve(households);
  for (std::uint64_t h = 0; h < households; ++h) {
    int s = 1;
    if (!rng.bernoulli(one)) {
      double u = rng.uniform() * den;
      int k = 0;
      while (k < max_size - 2 && u > pmf[k]) u -= pmf[k++];
      s = 2 + k;
    }
    sizes.push_back(s);
    total += s;
  }
  // Adjust to place exactly `persons`: shrink or grow random households within 1..max_size.
  while (total > persons) {
    auto& s = sizes[rng.below(sizes.size())];
    if (s > 1) --s, --total;
    else if (sizes.size() > 1 && total - 1 >= persons) {
      std::swap(s, sizes.back());
      sizes.pop_back();
      --total;
    }
  }
  while (total < persons) {
    auto& s = sizes[rng.below(sizes.size())];
    if (s < max_size) ++s, ++total;
    else if (rng.below(8) == 0) sizes.push_back(1), ++total;
  }
  return sizes;
}

// Fills one household of the given size from the pools; see docs/model.md for the composition rules.
void fill_household(int size, AgePools& pools, Rng& rng, std::vector<std::uint32_t>& out,
                    const std::vector<PersonDraft>& people) {
  out.clear();
  std::uint32_t id = 0;
  auto add = [&](int lo, int hi, int sex) {
    if (pools.take(lo, hi, sex, rng, id)) out.push_back(id);
  };
  auto uniform_int = [&](int lo, int hi) { return lo + static_cast<int>(rng.below(static_cast<std::uint64_t>(hi - lo + 1))); };
  if (size == 1) {
    if (rng.bernoulli(0.4)) add(60, 100, -1);
    else add(18, 59, -1);
    return;
  }
  const double u = rng.uniform();
  if (size == 2) {
    if (u < 0.5) {  // older couple
      add(55, 90, -1);
    } else if (u < 0.85) {  // younger couple
      add(22, 54, -1);
    } else {  // one parent and a child
      add(25, 55, -1);
      if (out.empty()) return;
      const int parent = people[out[0]].age;
      const int child = std::max(0, parent - uniform_int(22, 35));
      add(child, child, -1);
      return;
    }
    if (out.empty()) return;
    const int a = people[out[0]].age;
    add(a - 3, a + 3, people[out[0]].male ? 0 : 1);
    return;
  }
  // Families: parents, children, and grandparents in larger households.
  add(25, 55, -1);
  if (out.empty()) return;
  const int head = people[out[0]].age;
  int slots = size - 1;
  if (rng.bernoulli(0.9)) {
    add(head - 3, head + 3, people[out[0]].male ? 0 : 1);
    --slots;
  }
  int grandparents = 0;
  if (size >= 5) grandparents = std::min(2, size - 3);
  else if (size == 4 && rng.bernoulli(0.3)) grandparents = 1;
  grandparents = std::min(grandparents, slots - 1);
  for (int g = 0; g < grandparents; ++g) {
    const int a = head + uniform_int(22, 32);
    add(a - 2, a + 2, -1);
  }
  slots -= grandparents;
  for (int c = 0; c < slots; ++c) {
    const int a = std::max(0, head - uniform_int(20, 38));
    add(a, a, -1);
  }
}

}  // namespace

void build_households(DistrictFragment& f) {
  const auto& d = *f.info;
  const auto& p = *f.params;
  const std::uint32_t residents = agents_in(d, p);
  const std::uint32_t outbound = outbound_migrants_in(d, p);

  // 1. Ages and sexes: exact counts per census band (largest remainder), single years uniform within a band.
  std::vector<PersonDraft> people;
  people.reserve(residents + outbound);
  {
    std::vector<double> w;
    for (const auto& b : d.age_sex) {
      w.push_back(b.male);
      w.push_back(b.female);
    }
    const auto counts = apportion(w, residents);
    Rng rng = f.rng(Purpose::Ages);
    for (std::size_t i = 0; i < counts.size(); ++i) {
      const auto& b = d.age_sex[i / 2];
      for (std::uint32_t k = 0; k < counts[i]; ++k)
        people.push_back({static_cast<std::uint8_t>(b.age_lo + static_cast<int>(rng.below(static_cast<std::uint64_t>(b.age_hi - b.age_lo + 1)))),
                          i % 2 == 0});
    }
  }
  AgePools pools(people);
  Rng rng = f.rng(Purpose::Household);
  pools.shuffle(rng);

  // 2. Residents of institutions leave the family pool first.
  std::vector<InstitutionDraft> institutions;
  {
    std::uint32_t aged75 = 0;
    for (const auto& pd : people) aged75 += pd.age >= 75;
    const double n = residents;
    struct Need {
      InstitutionType type;
      double count;
      int lo, hi, sex;
    };
    const Need needs[] = {
        {InstitutionType::NursingHome, aged75 * p.population_nursing_home_share_75plus, 75, 100, -1},
        {InstitutionType::WelfareHome, n * p.population_welfare_home_per_100k / 1e5, 0, 17, -1},
        {InstitutionType::Prison, n * p.population_prison_per_100k / 1e5, 18, 60, 1},
        {InstitutionType::MentalHealth, n * p.population_mental_health_per_100k / 1e5, 18, 80, -1},
    };
    const auto size = static_cast<double>(p.population_institution_size);
    for (const auto& need : needs) {
      const auto count = static_cast<std::uint32_t>(std::llround(need.count));
      if (count == 0) continue;
      const auto k = static_cast<std::uint32_t>(std::max(1.0, std::round(count / size)));
      const std::size_t first = institutions.size();
      for (std::uint32_t i = 0; i < k; ++i) institutions.push_back({need.type, {}});
      for (std::uint32_t i = 0; i < count; ++i) {
        std::uint32_t id;
        if (pools.take(need.lo, need.hi, need.sex, rng, id)) institutions[first + i % k].residents.push_back(id);
      }
    }
  }

  // 3. Family households.
  std::vector<HouseholdDraft> households;
  const auto family_persons = static_cast<std::uint32_t>(pools.left());
  {
    auto sizes = draw_household_sizes(d, p, family_persons, rng);
    for (std::size_t i = sizes.size(); i > 1; --i) std::swap(sizes[i - 1], sizes[rng.below(i)]);
    households.reserve(sizes.size() + institutions.size());
    std::vector<std::uint32_t> members;
    for (int s : sizes) {
      fill_household(s, pools, rng, members, people);
      if (members.empty()) continue;
      HouseholdDraft h;
      h.members = members;
      h.urban = rng.bernoulli(d.urban_share);
      households.push_back(std::move(h));
    }
    // Anyone left (only when the size draws and age rules clash at the very end) joins random households.
    std::uint32_t id;
    while (pools.take(0, 100, -1, rng, id)) households[rng.below(households.size())].members.push_back(id);
  }

  // 4. Outbound migrant workers, home for the Spring Festival, join rural households.
  const std::uint32_t first_outbound = static_cast<std::uint32_t>(people.size());
  if (outbound > 0) {
    std::vector<double> w;
    std::vector<AgeSexBand> working;
    for (const auto& b : d.age_sex)
      if (b.age_lo >= 18 && b.age_hi <= 54) {
        working.push_back(b);
        w.push_back(b.male);
        w.push_back(b.female);
      }
    const auto counts = apportion(w, outbound);
    Rng mrng = f.rng(Purpose::Migrants);
    std::vector<std::uint32_t> rural;
    for (std::uint32_t h = 0; h < households.size(); ++h)
      if (!households[h].urban) rural.push_back(h);
    for (std::size_t i = 0; i < counts.size(); ++i) {
      const auto& b = working[i / 2];
      for (std::uint32_t k = 0; k < counts[i]; ++k) {
        people.push_back({static_cast<std::uint8_t>(b.age_lo + static_cast<int>(mrng.below(static_cast<std::uint64_t>(b.age_hi - b.age_lo + 1)))),
                          i % 2 == 0});
        const std::uint32_t h = rural.empty() ? static_cast<std::uint32_t>(mrng.below(households.size())) : rural[mrng.below(rural.size())];
        households[h].members.push_back(static_cast<std::uint32_t>(people.size() - 1));
      }
    }
  }
  for (std::size_t i = 0; i < institutions.size(); ++i) {
    HouseholdDraft h;
    h.members = institutions[i].residents;
    h.collective = true;
    h.institution = static_cast<std::int32_t>(i);
    h.urban = true;
    if (!h.members.empty()) households.push_back(std::move(h));
  }

  // 5. Townships: the region's list, or synthetic ones. Urban households go to subdistricts (街道) and rural ones
  // to towns and townships where the district has both kinds; sizes vary by a lognormal weight.
  std::vector<TownshipInfo> towns = d.townships;
  if (towns.empty()) {
    const auto n = static_cast<std::size_t>(std::max<double>(1, std::round(d.population / static_cast<double>(p.population_township_size))));
    const auto n_urban = static_cast<std::size_t>(std::round(static_cast<double>(n) * d.urban_share));
    for (std::size_t k = 0; k < n; ++k)
      towns.push_back({d.adcode * 1000 + static_cast<std::int64_t>(k + 1), "T" + std::to_string(k + 1),
                       k < n_urban ? TownshipType::Subdistrict : TownshipType::Town});
  }
  std::vector<double> weight(towns.size());
  for (auto& w : weight) w = rng.lognormal(0.0, 0.5);
  std::vector<std::uint32_t> urban_towns, rural_towns;
  for (std::uint32_t t = 0; t < towns.size(); ++t)
    (towns[t].type == TownshipType::Subdistrict ? urban_towns : rural_towns).push_back(t);
  if (urban_towns.empty()) urban_towns = rural_towns;
  if (rural_towns.empty()) rural_towns = urban_towns;
  auto cumulative = [&](const std::vector<std::uint32_t>& ids) {
    std::vector<double> c;
    double s = 0;
    for (auto t : ids) c.push_back(s += weight[t]);
    return c;
  };
  const auto cu = cumulative(urban_towns), cr = cumulative(rural_towns);
  auto pick = [&](const std::vector<std::uint32_t>& ids, const std::vector<double>& c) {
    const double u = rng.uniform() * c.back();
    return ids[static_cast<std::size_t>(std::lower_bound(c.begin(), c.end(), u) - c.begin())];
  };
  for (auto& h : households) h.township = h.urban ? pick(urban_towns, cu) : pick(rural_towns, cr);

  // 6. Final order: township, then urban/rural neighbourhoods of fixed household counts, then households.
  std::vector<std::vector<std::uint32_t>> by_town(towns.size());
  for (std::uint32_t h = 0; h < households.size(); ++h) by_town[households[h].township].push_back(h);
  std::vector<std::uint32_t> pool_to_local(people.size(), kNone);
  std::vector<std::int32_t> institution_of_household;
  f.age.reserve(people.size());
  for (std::uint32_t t = 0; t < towns.size(); ++t) {
    Township tw;
    tw.code = towns[t].code;
    tw.name = towns[t].name;
    tw.type = towns[t].type;
    tw.district = f.district_index;
    tw.first_person = static_cast<PersonId>(f.age.size());
    tw.first_neighbourhood = static_cast<std::uint32_t>(f.neighbourhoods.size());
    for (int urban = 1; urban >= 0; --urban) {
      std::uint32_t in_current = 0;
      const auto per = static_cast<std::uint32_t>(urban ? p.population_compound_households : p.population_village_households);
      for (auto h : by_town[t]) {
        if (households[h].urban != static_cast<bool>(urban)) continue;
        if (in_current == 0 || in_current >= per) {
          f.neighbourhoods.push_back({t, static_cast<bool>(urban), static_cast<std::uint32_t>(f.household_first.size()), 0});
          in_current = 0;
        }
        ++in_current;
        f.neighbourhoods.back().household_count++;
        const auto local_h = static_cast<std::uint32_t>(f.household_first.size());
        f.household_first.push_back(static_cast<PersonId>(f.age.size()));
        f.household_neighbourhood.push_back(static_cast<std::uint32_t>(f.neighbourhoods.size() - 1));
        f.household_collective.push_back(households[h].collective ? 1 : 0);
        institution_of_household.push_back(households[h].institution);
        for (auto m : households[h].members) {
          pool_to_local[m] = static_cast<std::uint32_t>(f.age.size());
          f.age.push_back(people[m].age);
          std::uint8_t fl = people[m].male ? kMale : 0;
          if (households[h].urban && !households[h].collective) fl |= kUrban;
          if (m >= first_outbound) fl |= kOutboundMigrant;
          f.flags.push_back(fl);
          f.household.push_back(local_h);
          f.occupation.push_back(m >= first_outbound ? Occupation::OutboundMigrant : Occupation::None);
        }
      }
    }
    tw.person_count = static_cast<PersonId>(f.age.size()) - tw.first_person;
    tw.neighbourhood_count = static_cast<std::uint32_t>(f.neighbourhoods.size()) - tw.first_neighbourhood;
    f.townships.push_back(tw);
  }
  f.sector.assign(f.age.size(), 255);
  f.primary_group.assign(f.age.size(), kNone);

  // 7. Institution residents; their groups are emitted with the staff in build_activities.
  for (std::uint32_t h = 0; h < f.household_first.size(); ++h) {
    const auto inst = institution_of_household[h];
    if (inst < 0) continue;
    f.institution_households.emplace_back(h, institutions[inst].type);
    const PersonId end = h + 1 < f.household_first.size() ? f.household_first[h + 1] : static_cast<PersonId>(f.age.size());
    for (PersonId q = f.household_first[h]; q < end; ++q) f.occupation[q] = Occupation::InstitutionResident;
  }
}

}  // namespace tongchou::synthesis

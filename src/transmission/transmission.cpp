#include "transmission/transmission.hpp"

#include <malloc.h>  // malloc_trim (glibc)
#include <omp.h>

#include <algorithm>
#include <cmath>

#include "core/fit_capacity.hpp"

namespace tongchou {

namespace {
constexpr std::uint64_t key(Layer layer, std::uint32_t id) { return (static_cast<std::uint64_t>(layer) << 32) | id; }
constexpr std::size_t kTrimBytes = std::size_t{1} << 20;  // buffers freed on a day that make malloc_trim worth it
constexpr std::size_t kSmallListBytes = 256;  // community lists below this are left as they are (clear_and_fit)
constexpr std::size_t kScanRound = 64;  // blocks of the parallel scan buffered at once (64 x 2,048 infectious records)
}  // namespace

Transmission::Transmission(const Population& pop, const NaturalHistory& nh, const ContactRates& rates,
                           const TransmissionRates& tr, const Params& p)
    : pop_(pop),
      nh_(nh),
      rates_(rates),
      tr_(tr),
      p_(p),
      seed_(static_cast<std::uint64_t>(p.scenario_seed)),
      sus_max_(nh.max_susceptibility()) {
  for (const auto& tw : pop.townships) units_.push_back({tw.first_person, tw.person_count, 0});
  for (const auto& d : pop.districts) units_.push_back({d.first_person, d.person_count, 1});
  units_.push_back({0, static_cast<PersonId>(pop.persons()), 2});
  // Persons of each band: townships counted in parallel, districts and the region summed from the townships within
  // them (persons are ordered by township; exact integers, so the same for any number of threads).
  const std::size_t towns = pop.townships.size();
  std::vector<std::array<std::int64_t, kContactBands>> counts(units_.size());
#pragma omp parallel for schedule(dynamic, 8)
  for (std::int64_t ti = 0; ti < static_cast<std::int64_t>(towns); ++ti) {
    const auto& unit = units_[static_cast<std::size_t>(ti)];
    auto& c = counts[static_cast<std::size_t>(ti)];
    c.fill(0);
    for (PersonId q = unit.first; q < unit.first + unit.count; ++q) c[contact_band(pop.age[q])] += 1;
  }
  for (std::size_t u = towns; u < units_.size(); ++u) {
    auto& c = counts[u];
    c.fill(0);
    const std::uint64_t lo = units_[u].first, hi = lo + units_[u].count;
    for (std::size_t t = 0; t < towns; ++t)
      if (units_[t].first >= lo && std::uint64_t{units_[t].first} + units_[t].count <= hi)
        for (int a = 0; a < kContactBands; ++a) c[a] += counts[t][a];
  }
  unit_band_count_.resize(units_.size());
  for (std::size_t u = 0; u < units_.size(); ++u)
    for (int a = 0; a < kContactBands; ++a) unit_band_count_[u][a] = static_cast<float>(counts[u][a]);
  level_share_ = community_level_shares(p);
  for (int v = 0; v < kVenueTypes; ++v)
    visit_threshold_[v] = static_cast<std::uint32_t>(std::lround(p.population_venue_visit_probability[v] * 65536.0));
  group_max_hazard_.assign(pop.groups(), 0.0f);
  const auto group_count = static_cast<GroupId>(pop.groups());  // fewer groups than persons, whose ids are 32-bit
#pragma omp parallel for schedule(dynamic, 4096)
  for (GroupId g = 0; g < group_count; ++g) {
    const auto li = static_cast<int>(layer_of(pop.group_kind[g]));
    float m = 0;
    for (const PersonId q : pop.members[g]) {
      const int age = pop.age[q];
      m = std::max(m, static_cast<float>(rates.per_band[li][contact_band(age)]) * nh.susceptibility(age));
    }
    group_max_hazard_[g] = m;
  }
  group_w_.assign(pop.groups(), 0.0f);
  group_head_.assign(pop.groups(), kNone);
  household_w_.assign(pop.households(), 0.0f);
  household_head_.assign(pop.households(), kNone);
  unit_w_.assign(units_.size() * kContactBands, 0.0f);
  unit_touched_.assign(units_.size(), 0);
  township_part_.resize(towns);
  for (std::size_t t = 0; t < towns; ++t) township_part_[t] = static_cast<std::uint8_t>(t * kParts / towns);
  township_records_.resize(pop.townships.size() * kContactBands);
  township_marks_.resize(pop.townships.size() * kContactBands);
  upper_cumulative_.resize((units_.size() - pop.townships.size()) * kContactBands);
}

std::uint32_t Transmission::visits(PersonId q, int day) const {
  // Two 64-bit hashes give seven 16-bit uniforms, one per venue type (resolution 1/65536).
  const std::uint64_t person_day = (static_cast<std::uint64_t>(q) << 20) | static_cast<std::uint32_t>(day);
  const std::uint64_t h[2] = {hash_bits(seed_, Purpose::VenueVisit, person_day, 0), hash_bits(seed_, Purpose::VenueVisit, person_day, 1)};
  std::uint32_t mask = 0;
  for (int v = 0; v < kVenueTypes; ++v) {
    const auto bits = static_cast<std::uint32_t>((h[v / 4] >> (16 * (v % 4))) & 0xFFFFu);
    if (bits < visit_threshold_[v]) mask |= 1u << v;
  }
  return mask;
}

GroupId Transmission::hospital_of(PersonId q, std::uint32_t township) const {
  const auto& d = pop_.districts[pop_.townships[township].district];
  Rng r(seed_, Purpose::Hospital, q);
  return pop_.hospitals[d.first_hospital + r.below(d.hospital_count)].group;
}

std::size_t Transmission::release_buffers() {
  std::size_t bytes = 0;
  const std::size_t towns = pop_.townships.size();
  for (auto u : touched_units_) {
    unit_touched_[u] = 0;
    for (int a = 0; a < kContactBands; ++a) {
      const std::size_t slot = std::size_t{u} * kContactBands + a;
      unit_w_[slot] = 0;
      if (u < towns) bytes += release(township_records_[slot]) + release(township_marks_[slot]);
      else bytes += release(upper_cumulative_[slot - towns * kContactBands]);
    }
  }
  touched_units_.clear();
  for (auto* parts : {&household_parts_, &group_parts_}) {
    auto& w = parts == &household_parts_ ? household_w_ : group_w_;
    auto& head = parts == &household_parts_ ? household_head_ : group_head_;
    for (auto& part : *parts) {
      for (auto i : part.touched) w[i] = 0, head[i] = kNone;
      bytes += release(part.touched) + release(part.contributions);
    }
  }
  for (auto& ops : block_ops_) {
    for (auto& v : ops.household) bytes += release(v);
    for (auto& v : ops.group) bytes += release(v);
    for (auto& v : ops.community) bytes += release(v);
  }
  for (auto& v : first_touch_) bytes += release(v);
  bytes += release(merged_firsts_);
  for (auto& v : thread_out_) bytes += release(v);
  return bytes;
}

void Transmission::add(std::vector<float>& w, std::vector<std::uint32_t>& head, Part& part, std::uint32_t index, std::uint32_t r,
                       float x) {
  if (head[index] == kNone) part.touched.push_back(index);
  part.contributions.push_back({r, head[index]});
  head[index] = static_cast<std::uint32_t>(part.contributions.size() - 1);
  w[index] += x;
}

bool Transmission::add_community(std::uint32_t slot, std::uint32_t r, float w) {
  const std::uint32_t t = slot / kContactBands;
  const bool first = !unit_touched_[t];
  unit_touched_[t] = 1;
  auto& records = township_records_[slot];
  records.push_back(r);
  unit_w_[slot] += w;  // the cumulative infectiousness after this record
  if (records.size() % kMarkEvery == 0) township_marks_[slot].push_back(unit_w_[slot]);
  return first;
}


// Whether member j of group g takes part today under the place's measures (the susceptible side of a contact).
bool Transmission::admitted(const PlaceRules& rules, GroupKind kind, GroupId g, PersonId j, int venue, int day) const {
  switch (kind) {
    case GroupKind::WorkTeam:
    case GroupKind::Class: return rules.attends(j, g, pop_.township_of(j));
    case GroupKind::School: {
      const GroupId own = pop_.primary_group[j];
      return own == kNone || rules.attends(j, own, pop_.township_of(j));
    }
    case GroupKind::Venue: return rules.admitted(j, pop_.township_of(j), venue, day);
    case GroupKind::Transport: return rules.rides(j);
    default: return true;
  }
}

PersonId Transmission::pick_infector(const Part& part, std::uint32_t head, double total, Rng& rng, int day,
                                     const DayControls& c, const SimState& st, bool hospital) const {
  double u = rng.uniform() * total;
  const InfectionRecord* last = nullptr;
  for (std::uint32_t k = head; k != kNone; k = part.contributions[k].next) {
    last = &st.infections[part.contributions[k].record];
    const float w = infectiousness(*last, day, st);
    u -= hospital && (st.status[last->person] & kHospitalised) ? patient_weight(w, c) : w;
    if (u < 0) break;
  }
  return last ? last->person : kNone;
}

std::uint32_t Transmission::pick_in_township(std::size_t slot, float target, int day, const SimState& st) const {
  const auto& records = township_records_[slot];
  const auto& marks = township_marks_[slot];
  // Entries before the first mark above the target are at most the target: the pick is in that mark's stretch (or
  // in the entries after the last mark).
  const auto k = static_cast<std::size_t>(std::upper_bound(marks.begin(), marks.end(), target) - marks.begin());
  float cumulative = k == 0 ? 0.0f : marks[k - 1];
  const std::size_t end = std::min(records.size(), (k + 1) * kMarkEvery);
  for (std::size_t i = k * kMarkEvery; i < end; ++i) {
    cumulative += infectiousness(st.infections[records[i]], day, st);  // a community contributor is not in hospital
    if (target < cumulative) return records[i];
  }
  return records.back();
}

// What infectious record r adds today: sink.household(h, r, w), sink.group(g, r, w), sink.community(slot, r, w), in
// this order (the order in which places' contributions are linked, hence the infector picks).
template <class Sink>
void Transmission::scan(std::uint32_t r, int day, const DayControls& controls, const PlaceRules& rules, const SimState& st,
                        Sink& sink) const {
  const auto& rec = st.infections[r];
  const PersonId q = rec.person;
  const float w = infectiousness(rec, day, st);
  if (w <= 0.0f) return;
  const std::uint8_t s = st.status[q];
  // Household, township and groups from the population's arrays (the record does not copy them: 16 bytes less).
  const auto h = pop_.household[q];
  if (s & kHospitalised) {
    const float in_hospital = patient_weight(w, controls);  // weight() recomputes it for the picks
    if (in_hospital > 0.0f) sink.group(hospital_of(q, pop_.township_of_household(h)), r, in_hospital);
    return;
  }
  if (takes_part(s, Layer::Household) && !pop_.household_collective[h]) sink.household(h, r, w);
  if (!takes_part(s, Layer::Community)) return;  // every other layer is closed to this person too
  const auto t = pop_.township_of_household(h);
  const GroupId g = pop_.primary_group[q];
  if (g != kNone && rules.attends(q, g, t)) {
    sink.group(g, r, w);
    if (pop_.group_kind[g] == GroupKind::Class) sink.group(pop_.group_parent[g], r, w);
  }
  const bool outside = rules.out(q, t, day);
  const std::uint32_t visiting = outside ? visits(q, day) : 0u;
  for (int v = 0; v < kVenueTypes; ++v) {
    if (!(visiting & (1u << v)) || controls.venue[v] <= 0.0f) continue;
    const GroupId venue = pop_.venue_in(q, t, v);  // computed, not stored: only for the types visited today
    if (venue == kNone || !rules.venue_open(q, t, v, day)) continue;
    sink.group(venue, r, w);
  }
  if (controls.layer[static_cast<int>(Layer::Transport)] > 0.0f)
    if (const GroupId bus = pop_.transport_in(q, t); bus != kNone && rules.rides(q)) sink.group(bus, r, w);
  if (!outside) return;
  // Community: the township's list; districts and the region are summed from townships below.
  sink.community(static_cast<std::uint32_t>(t * kContactBands + contact_band(pop_.age[q])), r, w);
}

// Infectiousness into places. On one thread (or with few infectious people) each contribution is added as the scan
// finds it. Otherwise the scan runs in parallel over fixed blocks of the infectious list, each block keeping what it
// found by part in record order; then the parts are filled in parallel, each from every block in block order. Every
// place thus receives its contributions in record order either way: the same sums, links and picks for any number
// of threads.
void Transmission::scan_infectious(int day, const DayControls& controls, const SimState& st) {
  const PlaceRules rules(pop_, seed_, controls.places);
  const std::size_t n = st.infectious.size();
  const std::size_t blocks = (n + kScanBlock - 1) / kScanBlock;
  // Yesterday's places of a part back to zero, before the part is filled again.
  const auto reset = [](Part& part, std::vector<float>& w, std::vector<std::uint32_t>& head) {
    for (auto i : part.touched) w[i] = 0, head[i] = kNone;
    clear_and_fit(part.touched);
    clear_and_fit(part.contributions);  // kept at its largest, it held 24 MB at 1 M persons long after the peak
  };
  if (omp_get_max_threads() == 1 || blocks < 2) {
    for (auto& part : household_parts_) reset(part, household_w_, household_head_);
    for (auto& part : group_parts_) reset(part, group_w_, group_head_);
    struct Direct {
      Transmission& tr;
      void household(std::uint32_t h, std::uint32_t r, float w) { tr.add(tr.household_w_, tr.household_head_, tr.household_parts_[part_of(h)], h, r, w); }
      void group(std::uint32_t g, std::uint32_t r, float w) { tr.add(tr.group_w_, tr.group_head_, tr.group_parts_[part_of(g)], g, r, w); }
      void community(std::uint32_t slot, std::uint32_t r, float w) {
        if (tr.add_community(slot, r, w)) tr.touched_units_.push_back(slot / kContactBands);
      }
    } sink{*this};
    for (std::uint32_t r : st.infectious) scan(r, day, controls, rules, st, sink);
  } else {
    // Rounds of at most kScanRound blocks bound the buffers (whatever the population); within a round the parts
    // are filled from its blocks in order, and rounds follow one another, so the order is the infectious list's.
    // A round of 8 blocks a thread keeps every thread busy; at 2 threads its buffers are a quarter of 64 blocks'.
    const std::size_t round_size = std::min(kScanRound, 8 * static_cast<std::size_t>(omp_get_max_threads()));
    const std::size_t round_blocks = std::min(blocks, round_size);
    if (block_ops_.size() < round_blocks) block_ops_.resize(round_blocks);
    struct Buffer {
      const Transmission& tr;
      BlockOps& ops;
      void household(std::uint32_t h, std::uint32_t r, float w) { ops.household[part_of(h)].push_back({h, r, w}); }
      void group(std::uint32_t g, std::uint32_t r, float w) { ops.group[part_of(g)].push_back({g, r, w}); }
      void community(std::uint32_t slot, std::uint32_t r, float w) { ops.community[tr.community_part(slot)].push_back({slot, r, w}); }
    };
    for (std::size_t first = 0; first < blocks; first += round_size) {
      const std::size_t in_round = std::min(round_size, blocks - first);
      const auto nb = static_cast<std::int64_t>(in_round);
#pragma omp parallel
      {
#pragma omp for schedule(dynamic, 1)
        for (std::int64_t b = 0; b < nb; ++b) {
          auto& ops = block_ops_[static_cast<std::size_t>(b)];
          for (auto& v : ops.household) clear_and_fit(v);
          for (auto& v : ops.group) clear_and_fit(v);
          // Sixteen small lists a block, each of whose largest size over the run would stay held under the default
          // floor (7 MB more at 1 M, 2 threads): fitted from 256 bytes, as the township lists.
          for (auto& v : ops.community) clear_and_fit(v, 256);
          Buffer sink{*this, ops};
          const std::size_t block = first + static_cast<std::size_t>(b);
          const std::size_t end = std::min(n, (block + 1) * kScanBlock);
          for (std::size_t i = block * kScanBlock; i < end; ++i) scan(st.infectious[i], day, controls, rules, st, sink);
        }
        // Tasks 0..kParts-1 fill household parts, the next kParts group parts, the last kParts the community slots
        // of their range of townships (each township's slots in one task, from the blocks in block order); a part's
        // townships touched first in this round are kept with the record that touched them, and merged into
        // touched_units_ below in record order: the serial scan's order of first touch.
#pragma omp for schedule(dynamic, 1)
        for (int task = 0; task < 3 * kParts; ++task) {
          if (task >= 2 * kParts) {
            const int k = task - 2 * kParts;
            auto& firsts = first_touch_[static_cast<std::size_t>(k)];
            firsts.clear();
            for (std::size_t j = 0; j < in_round; ++j)
              for (const auto& op : block_ops_[j].community[static_cast<std::size_t>(k)])
                if (add_community(op.index, op.record, op.w)) firsts.emplace_back(op.record, op.index / kContactBands);
            continue;
          }
          const bool households = task < kParts;
          const int k = households ? task : task - kParts;
          auto& part = households ? household_parts_[k] : group_parts_[k];
          auto& w = households ? household_w_ : group_w_;
          auto& head = households ? household_head_ : group_head_;
          if (first == 0) reset(part, w, head);
          for (std::size_t j = 0; j < in_round; ++j)
            for (const auto& op : households ? block_ops_[j].household[k] : block_ops_[j].group[k]) add(w, head, part, op.index, op.record, op.w);
        }
      }
      // Townships touched first in this round, in scan order (a few hundred at most: merged serially).
      merged_firsts_.clear();
      for (const auto& firsts : first_touch_) merged_firsts_.insert(merged_firsts_.end(), firsts.begin(), firsts.end());
      std::sort(merged_firsts_.begin(), merged_firsts_.end());  // records are distinct: one township each
      for (const auto& [at, t] : merged_firsts_) touched_units_.push_back(t);
    }
  }
}

void Transmission::run(int day, const DayControls& controls, const SimState& st, std::vector<Candidate>& out) {
  // Reset what yesterday touched (households and groups by part, in scan_infectious).
  std::size_t freed = 0;
  const std::size_t towns = pop_.townships.size();
  for (auto u : touched_units_) {
    unit_touched_[u] = 0;
    for (int a = 0; a < kContactBands; ++a) {
      const std::size_t slot = std::size_t{u} * kContactBands + a;
      unit_w_[slot] = 0;
      // Thousands of small lists, each under clear_and_fit's floor: fitted from 256 bytes (together they held 2 MB
      // at 1 M persons from the epidemic's peak to the last day).
      if (u < towns) freed += clear_and_fit(township_records_[slot], kSmallListBytes) + clear_and_fit(township_marks_[slot], kSmallListBytes);
      else freed += clear_and_fit(upper_cumulative_[slot - towns * kContactBands], kSmallListBytes);
    }
  }
  touched_units_.clear();

  // 1. Infectiousness into places.
  const auto buffer_bytes = [this] {
    std::size_t bytes = 0;
    for (const auto* parts : {&household_parts_, &group_parts_})
      for (const auto& part : *parts) bytes += part.contributions.capacity() * sizeof(Contribution) + part.touched.capacity() * sizeof(std::uint32_t);
    for (const auto& ops : block_ops_) {
      for (const auto& v : ops.household) bytes += v.capacity() * sizeof(Op);
      for (const auto& v : ops.group) bytes += v.capacity() * sizeof(Op);
      for (const auto& v : ops.community) bytes += v.capacity() * sizeof(Op);
    }
    return bytes;
  };
  const std::size_t before = buffer_bytes();
  scan_infectious(day, controls, st);
  const std::size_t after = buffer_bytes();
  if (after < before) freed += before - after;
  // What the buffers gave back lies in holes between blocks still in use (the infection records' chunks among them):
  // malloc_trim returns their pages to the system, or the run's peak holds the epidemic's peak buffers as well.
  if (freed >= kTrimBytes) malloc_trim(0);
  const PlaceRules rules(pop_, seed_, controls.places);

  // Township slots hold their contributors' records and marks (add_community) for O(log n) infector picks. District
  // and region slots hold (cumulative infectiousness, township): an infector there is a township, then a person of it.
  const std::size_t touched_towns = touched_units_.size();
  for (std::size_t i = 0; i < touched_towns; ++i) {
    const auto t = touched_units_[i];
    const std::uint32_t upper[2] = {static_cast<std::uint32_t>(pop_.townships.size() + pop_.townships[t].district),
                                    static_cast<std::uint32_t>(units_.size() - 1)};
    for (int a = 0; a < kContactBands; ++a) {
      const std::size_t slot = static_cast<std::size_t>(t) * kContactBands + a;
      const float total = unit_w_[slot];  // the records' infectiousness summed in their order (add_community)
      if (total <= 0) continue;
      for (int level = 1; level <= 2; ++level) {
        const auto u = upper[level - 1];
        if (level_share_[level] <= 0) continue;
        const float reach = level == 2 ? rules.inter_district_share(t) : 1.0f;  // inter_district_travel
        if (reach <= 0.0f) continue;
        if (!unit_touched_[u]) {
          unit_touched_[u] = 1;
          touched_units_.push_back(u);
        }
        const std::size_t up = static_cast<std::size_t>(u) * kContactBands + a;
        unit_w_[up] += reach < 1.0f ? total * reach : total;
        upper_cumulative_[up - towns * kContactBands].emplace_back(unit_w_[up], t);
      }
    }
  }

  // 2. Infections in each place, in parallel; each place has its own random stream.
  const int threads = omp_get_max_threads();
  thread_out_.resize(static_cast<std::size_t>(threads));
  for (auto& v : thread_out_) clear_and_fit(v);
  // The places touched are read from the parts' lists in place (not copied into one list: 4 bytes a place less at the
  // peak), as tasks of up to 64 households or 16 groups numbered part after part: tasks[k] is part k's first task.
  using Tasks = std::array<std::size_t, kParts + 1>;
  const auto number = [](const std::array<Part, kParts>& parts, std::size_t chunk, std::size_t& places) {
    Tasks tasks{};
    for (int k = 0; k < kParts; ++k) {
      places += parts[k].touched.size();
      tasks[k + 1] = tasks[k] + (parts[k].touched.size() + chunk - 1) / chunk;
    }
    return tasks;
  };
  std::size_t nh = 0, ng = 0;
  const Tasks household_tasks = number(household_parts_, 64, nh), group_tasks = number(group_parts_, 16, ng);
  // Calls f(place) for the places of task t.
  const auto each_place = [](const std::array<Part, kParts>& parts, const Tasks& tasks, std::size_t chunk, std::size_t t,
                             auto&& f) {
    const auto k = static_cast<std::size_t>(std::upper_bound(tasks.begin() + 1, tasks.end(), t) - tasks.begin() - 1);
    const auto& touched = parts[k].touched;
    const std::size_t first = (t - tasks[k]) * chunk, last = std::min(touched.size(), first + chunk);
    for (std::size_t i = first; i < last; ++i) f(touched[i]);
  };
  const std::size_t nt = touched_units_.size();
  const auto by_person = [](const Candidate& a, const Candidate& b) {
    return a.person != b.person ? a.person < b.person : a.key < b.key;
  };
  // Days with little to do run on one thread: a parallel region costs more than it saves (results are the same).
#pragma omp parallel if (nh + ng + nt >= 1000)
  {
    auto& local = thread_out_[static_cast<std::size_t>(omp_get_thread_num())];
#pragma omp for schedule(dynamic, 1) nowait
    for (std::size_t t = 0; t < household_tasks[kParts]; ++t)
      each_place(household_parts_, household_tasks, 64, t, [&](std::uint32_t h) { process_household(h, day, controls, st, local); });
#pragma omp for schedule(dynamic, 1) nowait
    for (std::size_t t = 0; t < group_tasks[kParts]; ++t)
      each_place(group_parts_, group_tasks, 16, t, [&](GroupId g) { process_group(g, day, controls, st, local); });
#pragma omp for schedule(dynamic, 1)
    for (std::size_t i = 0; i < nt; ++i) process_unit(touched_units_[i], day, controls, st, local);
    std::sort(local.begin(), local.end(), by_person);  // each thread its own, then merged below
  }
  out.clear();
  for (auto& v : thread_out_) {
    const auto mid = static_cast<std::ptrdiff_t>(out.size());
    out.insert(out.end(), v.begin(), v.end());
    std::inplace_merge(out.begin(), out.begin() + mid, out.end(), by_person);
  }
  out.erase(std::unique(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.person == b.person; }),
            out.end());
}

void Transmission::process_household(std::uint32_t h, int day, const DayControls& c, const SimState& st,
                                     std::vector<Candidate>& out) const {
  const double base = tr_.beta_household * c.layer[static_cast<int>(Layer::Household)] * household_w_[h];
  if (base <= 0) return;
  Rng rng(seed_, Purpose::Transmission, key(Layer::Household, h), static_cast<std::uint32_t>(day));
  for (PersonId j = pop_.household_first[h]; j < pop_.household_first[h + 1]; ++j) {
    if (st.state[j] != DiseaseState::Susceptible || !takes_part(st.status[j], Layer::Household)) continue;
    const double p = 1.0 - std::exp(-base * nh_.susceptibility(pop_.age[j]));
    if (rng.uniform() < p)
      out.push_back({j, pick_infector(household_parts_[part_of(h)], household_head_[h], household_w_[h], rng, day, c, st, false), h, static_cast<std::uint8_t>(Layer::Household),
                     static_cast<float>(rng.uniform())});
  }
}

void Transmission::process_group(GroupId g, int day, const DayControls& c, const SimState& st, std::vector<Candidate>& out) const {
  const GroupKind kind = pop_.group_kind[g];
  const Layer layer = layer_of(kind);
  const auto li = static_cast<int>(layer);
  const std::uint32_t n = pop_.group_size(g);
  double factor = c.layer[li];
  double denom = n > 1 ? n - 1.0 : 1.0;
  int venue = -1;
  if (kind == GroupKind::Class) factor *= c.school[pop_.group_parent[pop_.group_parent[g]]];
  else if (kind == GroupKind::School) factor *= c.school[pop_.group_parent[g]];
  else if (kind == GroupKind::Venue) {
    venue = static_cast<int>(pop_.group_parent[g]);
    factor *= c.venue[venue];
    denom = std::max(1.0, p_.population_venue_visit_probability[venue] * n - 1.0);
  } else if (kind == GroupKind::Hospital) {
    denom = std::max<double>(1.0, n);
  }
  const PlaceRules rules(pop_, seed_, c.places);
  factor *= rules.group_factor(g);
  if (factor <= 0 || n == 0) return;
  const double base = tr_.beta * factor * group_w_[g] / denom;
  // Hospital groups also hold patients (not members), so their bound uses the layer's maximum.
  const double bound = kind == GroupKind::Hospital ? rates_.max_rate[li] * sus_max_ : group_max_hazard_[g] * (1.0 + 1e-6);
  const double p_max = 1.0 - std::exp(-base * bound);
  if (p_max <= 0) return;
  Rng rng(seed_, Purpose::Transmission, key(layer, g), static_cast<std::uint32_t>(day));
  const double log1mp = std::log1p(-std::min(p_max, 1.0 - 1e-12));
  const GroupMembers::Group members = pop_.members[g];
  for (std::uint64_t m = rng.geometric_skip(log1mp); m < n; m += 1 + rng.geometric_skip(log1mp)) {
    const PersonId j = members[static_cast<std::uint32_t>(m)];
    if (st.state[j] != DiseaseState::Susceptible || !takes_part(st.status[j], layer)) continue;
    if (venue >= 0 && !(visits(j, day) & (1u << venue))) continue;
    if (c.places && !admitted(rules, kind, g, j, venue, day)) continue;
    const double p = 1.0 - std::exp(-base * rates_.per_band[li][contact_band(pop_.age[j])] * nh_.susceptibility(pop_.age[j]));
    if (rng.uniform() * p_max < p)
      out.push_back({j, pick_infector(group_parts_[part_of(g)], group_head_[g], group_w_[g], rng, day, c, st, kind == GroupKind::Hospital), g, static_cast<std::uint8_t>(layer),
                     static_cast<float>(rng.uniform())});
  }
}

void Transmission::process_unit(std::uint32_t u, int day, const DayControls& c, const SimState& st,
                                std::vector<Candidate>& out) const {
  const auto& unit = units_[u];
  const double factor = c.layer[static_cast<int>(Layer::Community)] * level_share_[unit.level];
  if (factor <= 0) return;
  const auto& count = unit_band_count_[u];
  const float* w = &unit_w_[static_cast<std::size_t>(u) * kContactBands];
  std::array<double, kContactBands> pressure{};  // infectiousness per person of each band
  for (int a = 0; a < kContactBands; ++a) pressure[a] = count[a] > 0 ? w[a] / count[a] : 0.0;
  std::array<double, kContactBands> lambda{};
  double lambda_max = 0;
  for (int b = 0; b < kContactBands; ++b) {
    double s = 0;
    for (int a = 0; a < kContactBands; ++a) s += rates_.community[b][a] * pressure[a];
    lambda[b] = tr_.beta * factor * s;
    lambda_max = std::max(lambda_max, lambda[b]);
  }
  const double p_max = 1.0 - std::exp(-lambda_max * sus_max_);
  if (p_max <= 0) return;
  const PlaceRules rules(pop_, seed_, c.places);
  Rng rng(seed_, Purpose::Transmission, key(Layer::Community, u), static_cast<std::uint32_t>(day));
  const double log1mp = std::log1p(-std::min(p_max, 1.0 - 1e-12));
  for (std::uint64_t m = rng.geometric_skip(log1mp); m < unit.count; m += 1 + rng.geometric_skip(log1mp)) {
    const PersonId j = unit.first + static_cast<PersonId>(m);
    if (st.state[j] != DiseaseState::Susceptible || !takes_part(st.status[j], Layer::Community)) continue;
    if (c.places) {
      const std::uint32_t home = unit.level == 0 ? u : pop_.township_of(j);
      if (!rules.out(j, home, day) || (unit.level == 2 && !rules.crosses_districts(j, home, day))) continue;
    }
    const int b = contact_band(pop_.age[j]);
    const double p = 1.0 - std::exp(-lambda[b] * nh_.susceptibility(pop_.age[j]));
    if (rng.uniform() * p_max >= p) continue;
    // Infector: a band by its share of the hazard, then a person of that band by infectiousness.
    double x = rng.uniform() * lambda[b] / (tr_.beta * factor);
    int a = 0;
    for (; a < kContactBands - 1; ++a) {
      x -= rates_.community[b][a] * pressure[a];
      if (x < 0) break;
    }
    for (int step = 1; w[a] <= 0 && step < 2 * kContactBands; ++step) {  // rounding: nearest band with infectiousness
      const int k = a + ((step & 1) ? -(step + 1) / 2 : step / 2);
      if (k >= 0 && k < kContactBands && w[k] > 0) a = k;
    }
    std::uint32_t township = u;
    if (unit.level > 0) {  // a township first, by the district's or region's cumulative list
      const auto& cum = upper_cumulative_[(static_cast<std::size_t>(u) - pop_.townships.size()) * kContactBands + a];
      const float target = static_cast<float>(rng.uniform()) * cum.back().first;
      auto it = std::upper_bound(cum.begin(), cum.end(), target, [](float t, const auto& e) { return t < e.first; });
      township = it == cum.end() ? cum.back().second : it->second;
    }
    // Then a person of the township: its slot's total is the last cumulative value (add_community).
    const std::size_t slot = static_cast<std::size_t>(township) * kContactBands + a;
    const float target = static_cast<float>(rng.uniform()) * unit_w_[slot];
    const PersonId infector = st.infections[pick_in_township(slot, target, day, st)].person;
    // The place recorded is the infectee's township, whatever the mixing level.
    out.push_back({j, infector, pop_.township_of(j),
                   static_cast<std::uint8_t>(Layer::Community), static_cast<float>(rng.uniform())});
  }
}

}  // namespace tongchou

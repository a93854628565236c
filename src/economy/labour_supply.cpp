#include "economy/labour_supply.hpp"

#include <algorithm>
#include <vector>

#include "disease/natural_history.hpp"

namespace tongchou {

LabourSample::LabourSample(const Population& pop) : stride_(std::max<std::size_t>(1, pop.persons() / kLabourSample)) {
  township_begin_.reserve(pop.townships.size() + 1);
  // Twice over the sample: counted, then stored (the list exactly as long as it needs to be).
  auto walk = [&](auto&& township, auto&& take) {
    for (const auto& tw : pop.townships) {
      township();
      const PersonId first = static_cast<PersonId>((tw.first_person + stride_ - 1) / stride_ * stride_);
      for (PersonId q = first; q < tw.first_person + tw.person_count; q += static_cast<PersonId>(stride_)) {
        const auto f = pop.flags[q];
        if (pop.sector[q] < kSectors || ((f & kPoorLabour) && (f & kOutboundMigrant))) take(q);
      }
    }
  };
  std::size_t n = 0;
  walk([] {}, [&](PersonId) { ++n; });
  members_.reserve(n);
  walk([&] { township_begin_.push_back(members_.size()); },
       [&](PersonId q) {
         if (pop.sector[q] < kSectors && (pop.flags[q] & kPoorLabour)) poor_.push_back(static_cast<std::uint32_t>(members_.size()));
         members_.push_back(q);
       });
  township_begin_.push_back(members_.size());
  poor_.shrink_to_fit();
}

LabourCount LabourSample::count(const Population& pop, const SimState& st, const PlaceControls& places, const Params& params) const {
  constexpr std::uint8_t kNotWell = kAway | kHospitalised | kIsolated | kQuarantinedCentral;
  constexpr std::uint8_t kKeptAway = kNotWell | kQuarantinedHome | kCodeHold;
  // The sample is counted in parallel in fixed chunks of members, each into its own part, and the parts added in
  // chunk order: the result does not depend on the number of threads (nor on how the chunks are shared among them).
  constexpr std::size_t kChunk = 16384;
  const std::size_t chunks = (members_.size() + kChunk - 1) / kChunk;
  std::vector<LabourCount> parts(chunks);
  std::array<bool, kSectors> essential{};
  for (int s = 0; s < kSectors; ++s) essential[s] = essential_sector(s);
  const double alternative = params.economy_transit_alternative_share;
  const double commute_closed = params.economy_closed_management_commute_share;
#pragma omp parallel for schedule(dynamic, 1) if (chunks > 1)
  for (std::int64_t c = 0; c < static_cast<std::int64_t>(chunks); ++c) {
    auto& out = parts[static_cast<std::size_t>(c)];
    std::array<std::uint32_t, kSectors> workers{}, well{};  // whole counts, exact: added to the part at the end
    std::uint32_t poor_away = 0;
    const std::size_t begin = static_cast<std::size_t>(c) * kChunk, end = std::min(members_.size(), begin + kChunk);
    // The township of the chunk's first member, then each township's members within the chunk.
    const auto first = std::upper_bound(township_begin_.begin(), township_begin_.end(), begin);
    auto t = static_cast<std::uint32_t>(first - township_begin_.begin() - 1);
    // While every township so far in the chunk lets each available worker count exactly 1 (transport running, no
    // closed management: the common case), the sums of ones are whole numbers, so they are counted as exceptions
    // (not well, kept away) and found by subtraction: the same doubles as adding 1.0 per worker, in a fraction of
    // the instructions. The first township where a worker may count a fraction turns the sums into doubles, exactly,
    // and the rest of the chunk adds worker by worker as before.
    bool whole = true;
    std::array<std::uint32_t, kSectors> not_well{}, kept{}, poor_available{};
    auto poor = std::lower_bound(poor_.begin(), poor_.end(), static_cast<std::uint32_t>(begin));
    auto end_whole = [&] {  // every worker counted so far is one of `workers`
      whole = false;
      for (int s = 0; s < kSectors; ++s) {
        well[s] = workers[s] - not_well[s];
        out.available[s] = static_cast<double>(well[s] - kept[s]);
        out.poor_available[s] = static_cast<double>(poor_available[s]);
      }
    };
    for (std::size_t from = begin; from < end; ++t) {
      const std::size_t to = std::min(end, township_begin_[t + 1]);
      const auto& k = places.at(t);
      const double transport = std::clamp(static_cast<double>(knob(k, Knob::PublicTransport)), 0.0, 1.0);
      const double transit = 1.0 - (1.0 - alternative) * (1.0 - transport);  // exactly 1 with transport running
      const bool closed = knob(k, Knob::ClosedManagementDays) > 0;
      if (whole && transit == 1.0 && (!closed || commute_closed == 1.0)) {
        for (std::size_t m = from; m < to; ++m) {
          const PersonId q = members_[m];
          const auto s = pop.sector[q];
          if (s >= kSectors) {
            poor_away += (st.status[q] & kAway) != 0;
            continue;
          }
          ++workers[s];
          const auto status = st.status[q];
          const bool ill = symptomatic(st.state[q]);
          if (status == 0 && !ill) continue;  // well and able to work: the common case
          if ((status & kNotWell) || ill) ++not_well[s];
          else if (status & kKeptAway) ++kept[s];
        }
        for (; poor != poor_.end() && *poor < to; ++poor) {
          const PersonId q = members_[*poor];
          if (!(st.status[q] & kKeptAway) && !symptomatic(st.state[q])) ++poor_available[pop.sector[q]];
        }
        from = to;
        continue;
      }
      if (whole) end_whole();
      for (std::size_t m = from; m < to; ++m) {
        const PersonId q = members_[m];
        const auto s = pop.sector[q];
        const auto f = pop.flags[q];
        if (s >= kSectors) {
          poor_away += (st.status[q] & kAway) != 0;
          continue;
        }
        ++workers[s];
        if ((st.status[q] & kNotWell) || symptomatic(st.state[q])) continue;
        ++well[s];
        if (st.status[q] & kKeptAway) continue;
        double w = (f & kTransitUser) ? transit : 1.0;
        if (closed && !essential[s]) w *= commute_closed;
        out.available[s] += w;
        if (f & kPoorLabour) out.poor_available[s] += w;
      }
      from = to;
    }
    if (whole) end_whole();
    for (int s = 0; s < kSectors; ++s) out.workers[s] = workers[s], out.well[s] = well[s];
    out.poor_outbound_away = poor_away;
  }
  LabourCount total;
  total.stride = stride_;
  for (const auto& p : parts) {
    for (int s = 0; s < kSectors; ++s) {
      total.workers[s] += p.workers[s];
      total.available[s] += p.available[s];
      total.well[s] += p.well[s];
      total.poor_available[s] += p.poor_available[s];
    }
    total.poor_outbound_away += p.poor_outbound_away;
  }
  return total;
}

}  // namespace tongchou

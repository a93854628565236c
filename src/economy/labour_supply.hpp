#pragma once
// Who can work today (B1, B5): a pass over the residents of every township, counting by IO sector the workers who
// are here (not away: migrant workers not yet back), without symptoms, not in hospital, isolation or central
// quarantine (`well`: they could work from home, remote_work.hpp), and of them (`available`) those not in home
// quarantine, not kept at home by a yellow or red health code where codes are checked, not confined by closed
// management (unless their sector is essential (work_resumption.hpp), or with economy.closed_management_commute_share),
// and able to commute (public transport users lose the share of transport suspended, less those who find another
// way). Each counts 1 or the fraction of a day's commute they can make. The sample is counted in parallel in fixed chunks
// added in chunk order, so the result does not depend on the number of threads. In regions of more than kLabourSample
// persons every stride-th person is counted (a fixed systematic sample of about kLabourSample; the shares it gives
// have a standard error below 0.1% per sector), so that the daily pass stays a small part of the run.
#include <array>
#include <cstdint>
#include <vector>

#include "measures/place_controls.hpp"
#include "measures/work_resumption.hpp"
#include "population/population.hpp"
#include "scenario/parameters.hpp"
#include "state/sim_state.hpp"

namespace tongchou {

inline constexpr std::size_t kLabourSample = 1000000;

struct LabourCount {
  std::size_t stride = 1;                    //!< every stride-th person was counted; counts below are of the sample
  std::array<double, kSectors> workers{};    //!< residents employed in each sector (agents), away or not
  std::array<double, kSectors> available{};  //!< of them, able to work today (agents; commuting shares fractional)
  std::array<double, kSectors> well{};       //!< of them, here and well enough to work from home (agents)
  std::array<double, kSectors> poor_available{};  //!< registered-poor workers able to work (agents)
  double poor_outbound_away = 0;             //!< registered-poor outbound workers gone back to jobs elsewhere (agents)
};

//! The sampled persons who matter to the labour count (workers, and registered-poor outbound workers), with their
//! fixed sector and flags kept beside them, so that each day reads only their status and disease state.
class LabourSample {
 public:
  explicit LabourSample(const Population& pop);
  LabourCount count(const Population& pop, const SimState& st, const PlaceControls& places, const Params& params) const;

 private:
  std::size_t stride_ = 1;
  //! Workers (and poor outbound workers: sector kSectors or above) in person order; their sector and flags are read
  //! from the population, which does not change (4 bytes a member, not 8: docs/performance.md, Memory).
  std::vector<PersonId> members_;
  std::vector<std::size_t> township_begin_;   //!< members of township t: [township_begin_[t], township_begin_[t + 1])
  std::vector<std::uint32_t> poor_;           //!< positions in members_ of registered-poor workers (ascending)
};

}  // namespace tongchou

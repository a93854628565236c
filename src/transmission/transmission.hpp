#pragma once
// One day of transmission. Infectious people add their infectiousness to each place they are in (households,
// groups, and townships, districts and the region for community mixing); in each place that holds infectiousness, susceptible members are
// infected with probability 1 - exp(-hazard). Members are sampled by geometric skipping with the largest
// hazard of the place and then thinned to their own hazard, so each place costs O(infections), not O(members).
// Every place draws from its own counter-based stream: results do not depend on threads or visiting order.
#include <array>
#include <cstdint>
#include <vector>

#include "disease/natural_history.hpp"
#include "measures/place_controls.hpp"  // PlaceRules: who takes part where, by the measures in force
#include "population/population.hpp"
#include "scenario/parameters.hpp"
#include "state/sim_state.hpp"
#include "transmission/calibration.hpp"
#include "transmission/contact_rates.hpp"

namespace tongchou {

class Transmission {
 public:
  Transmission(const Population& pop, const NaturalHistory& nh, const ContactRates& rates, const TransmissionRates& tr,
               const Params& p);

  //! Proposes the day's infections (one per infected person, sorted by person id).
  void run(int day, const DayControls& controls, const SimState& st, std::vector<Candidate>& out);

  //! Venue types (bit v) a person visits on a day if they are a patron: a pure function of (seed, person, day).
  std::uint32_t visits(PersonId q, int day) const;
  //! The hospital of its district that a patient living in `township` is admitted to (a pure function).
  GroupId hospital_of(PersonId q, std::uint32_t township) const;
  //! Frees the buffers of the day's step (contributions, touched places, scan blocks, candidates); a later run()
  //! allocates them again. Returns the bytes freed.
  std::size_t release_buffers();

 private:
  //! One infectious person's contribution to a household or group, linked per place in record order. It holds the
  //! infection record, not the person and weight: the weight is recomputed from the record when an infector is
  //! picked (weight(): the same float the scan added), 8 bytes instead of 12 (docs/performance.md, Memory).
  struct Contribution {
    std::uint32_t record;
    std::uint32_t next;
  };
  static_assert(sizeof(Contribution) == 8, "docs/performance.md counts 8 bytes per contribution");
  //! One infectious person's contribution to a place (household, group, or community slot), found by the scan.
  struct Op {
    std::uint32_t index;
    std::uint32_t record;
    float w;
  };
  //! Households and groups are split by id into kParts fixed parts (blocks of 4,096 ids dealt round); each part
  //! holds the contributions to its places, linked per place, so parts can be filled in parallel.
  static constexpr int kParts = 16;
  static constexpr std::size_t kScanBlock = 2048;  //!< infectious records per block of the parallel scan
  static constexpr std::uint32_t part_of(std::uint32_t index) { return (index >> 12) % kParts; }
  struct Part {
    std::vector<Contribution> contributions;
    std::vector<std::uint32_t> touched;
  };
  //! What one block of the scan found, in record order: household and group contributions by part, community ones
  //! by township part (community_part()).
  struct BlockOps {
    std::array<std::vector<Op>, kParts> household, group, community;
  };
  //! Township slots are split into kParts fixed ranges of townships, filled in parallel (add_community).
  std::uint32_t community_part(std::uint32_t slot) const { return township_part_[slot / kContactBands]; }
  std::vector<std::uint8_t> township_part_;  //!< per township: township x kParts / townships (no division per op)
  //! A township first touched by a community part's task in a round of the scan: (record, township). The infectious
  //! list is in record order (Simulation::progress) and a record adds to one township slot at most, so sorted by
  //! record the parts' lists give the serial scan's order of first touch.
  using FirstTouch = std::pair<std::uint32_t, std::uint32_t>;
  template <class Sink>
  void scan(std::uint32_t r, int day, const DayControls& controls, const PlaceRules& rules, const SimState& st, Sink& sink) const;
  void add(std::vector<float>& w, std::vector<std::uint32_t>& head, Part& part, std::uint32_t index, std::uint32_t r, float x);
  //! Adds a contribution to township slot `slot`; returns true if it is the township's first today (the caller
  //! appends it to touched_units_, in scan order).
  bool add_community(std::uint32_t slot, std::uint32_t r, float w);
  //! What an infection record adds to a place today: its infectiousness (scan() and the picks compute it here, so a
  //! pick subtracts the very floats the scan summed), times patient_weight()'s factors for a patient in hospital.
  float infectiousness(const InfectionRecord& rec, int day, const SimState& st) const {
    return nh_.infectiousness(rec.course(), day - st.day_zero - rec.day);
  }
  float patient_weight(float w, const DayControls& c) const {
    return w * static_cast<float>(p_.transmission_hospital_patient_factor) * c.hospital_patient;
  }
  void scan_infectious(int day, const DayControls& controls, const SimState& st);
  void process_group(GroupId g, int day, const DayControls& c, const SimState& st, std::vector<Candidate>& out) const;
  void process_household(std::uint32_t h, int day, const DayControls& c, const SimState& st, std::vector<Candidate>& out) const;
  void process_unit(std::uint32_t u, int day, const DayControls& c, const SimState& st, std::vector<Candidate>& out) const;
  //! The infector of a place by its contributions' weights; `hospital`: the place is a hospital, where patients add
  //! patient_weight() (elsewhere no contributor is in hospital).
  PersonId pick_infector(const Part& part, std::uint32_t head, double total, Rng& rng, int day, const DayControls& c,
                         const SimState& st, bool hospital) const;
  //! The record of township slot `slot` whose cumulative infectiousness first exceeds `target` (the last if none).
  std::uint32_t pick_in_township(std::size_t slot, float target, int day, const SimState& st) const;
  bool admitted(const PlaceRules& rules, GroupKind kind, GroupId g, PersonId j, int venue, int day) const;

  const Population& pop_;
  const NaturalHistory& nh_;
  const ContactRates& rates_;
  const TransmissionRates& tr_;
  const Params& p_;
  std::uint64_t seed_;
  float sus_max_;
  //! Community mixing units: townships, then districts, then the whole region; each is a range of persons.
  struct MixingUnit {
    PersonId first, count;
    int level;  //!< 0 township, 1 district, 2 region
  };
  std::vector<MixingUnit> units_;
  std::vector<std::array<float, kContactBands>> unit_band_count_;
  std::array<double, 3> level_share_{};

  //! Largest contact rate x susceptibility among each group's members: bounds the hazard for skip sampling.
  std::vector<float> group_max_hazard_;
  std::array<std::uint32_t, kVenueTypes> visit_threshold_{};
  std::array<Part, kParts> household_parts_, group_parts_;
  std::vector<BlockOps> block_ops_;  //!< kept between days (capacity reused)
  std::vector<float> group_w_, household_w_, unit_w_;
  std::vector<std::uint32_t> group_head_, household_head_;
  std::vector<std::uint32_t> touched_units_;
  std::array<std::vector<FirstTouch>, kParts> first_touch_;  //!< per community part, in one round (kept between days)
  std::vector<FirstTouch> merged_firsts_;                     //!< the parts' first touches, sorted by place in the scan
  std::vector<std::uint8_t> unit_touched_;
  //! Per township slot (township x band): the records of its contributors in scan order, and every kMarkEvery-th
  //! cumulative infectiousness. A pick searches the marks, then recomputes at most kMarkEvery weights from the mark
  //! before (the same floats summed in the same order: the same cumulative values as a stored list, 4.5 bytes an
  //! entry instead of 8).
  static constexpr std::size_t kMarkEvery = 8;
  std::vector<std::vector<std::uint32_t>> township_records_;
  std::vector<std::vector<float>> township_marks_;
  //! Per district and region slot: (cumulative infectiousness, township), for O(log n) picks of a township.
  std::vector<std::vector<std::pair<float, std::uint32_t>>> upper_cumulative_;
  std::vector<std::vector<Candidate>> thread_out_;
};

}  // namespace tongchou

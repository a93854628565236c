#include "economy/economy.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "economy/festival_migrants.hpp"
#include "economy/finished_stock.hpp"
#include "economy/freight_goods.hpp"
#include "economy/regional_economy.hpp"
#include "economy/remote_work.hpp"
#include "economy/spring_festival.hpp"
#include "measures/work_resumption.hpp"

namespace tongchou {

namespace {
constexpr int kAgriculture = 0, kFood = 5, kIndustryFirst = 1, kIndustryLast = 25;  // industry: NBS sectors 02-26

// Counted in parallel in fixed chunks of persons (not by thread count), whole counts added in chunk order: exactly the
// counts of the person-by-person loop.
std::array<double, kSectors> workers_by_sector(const Population& pop) {
  constexpr std::size_t kChunk = std::size_t{1} << 16;
  const std::size_t n = pop.sector.size();
  std::vector<std::array<std::uint64_t, kSectors>> part((n + kChunk - 1) / kChunk);
  const auto chunks = static_cast<std::ptrdiff_t>(part.size());
#pragma omp parallel for schedule(dynamic, 1)
  for (std::ptrdiff_t c = 0; c < chunks; ++c) {
    auto& out = part[static_cast<std::size_t>(c)];
    out.fill(0);
    const std::size_t end = std::min(n, static_cast<std::size_t>(c + 1) * kChunk);
    for (std::size_t q = static_cast<std::size_t>(c) * kChunk; q < end; ++q)
      if (const auto s = pop.sector[q]; s < kSectors) out[s] += 1;
  }
  std::array<double, kSectors> w{};
  for (const auto& counts : part)
    for (int s = 0; s < kSectors; ++s) w[s] += static_cast<double>(counts[s]);
  return w;
}

std::array<double, kSectors> scaled(std::array<double, kSectors> agents, double scale) {
  for (auto& x : agents) x *= scale;
  return agents;
}

double labour_share(const IoTable& io) {
  double w = 0, va = 0;
  for (int i = 0; i < kSectors; ++i) w += io.compensation[i], va += io.value_added[i];
  return va > 0 ? w / va : 0.0;
}
}  // namespace

Economy::Economy(const Population& pop, const Params& params)
    : pop_(pop), table_(load_io_table(params)), reopening_(pop, static_cast<std::uint64_t>(params.scenario_seed)),
      workers_(workers_by_sector(pop)), labour_sample_(pop) {
  IoBaseline base = regional_baseline(table_, scaled(workers_, pop.scale));
  base.finished_days.assign(static_cast<std::size_t>(kSectors), 0.0);
  base.freight.assign(static_cast<std::size_t>(kSectors), 0);
  for (int s = 0; s < kSectors; ++s) {
    if (produces_to_stock(s)) base.finished_days[static_cast<std::size_t>(s)] = params.economy_finished_stock_days;
    base.freight[static_cast<std::size_t>(s)] = travels_by_freight(s) ? 1 : 0;
  }
  model_ = std::make_unique<DynamicIo>(std::move(base),
                                       IoSettings{params.economy_inventory_days, params.economy_restocking_days,
                                                  params.economy_hiring_rate, params.economy_firing_rate,
                                                  params.economy_labour_elasticity});
  const auto& b = model_->baseline();
  demand_ = std::make_unique<HouseholdDemand>(b.households, b.government, b.investment, b.exports, labour_share(table_));
  for (const auto& e : pop.enterprises) {
    enterprises_[e.sector] += 1;
    employees_[e.sector] += e.employees;
    if (e.size_class == SizeClass::Large) employees_large_[e.sector] += e.employees, enterprises_large_[e.sector] += 1;
  }
  std::array<double, kSectors> large_share{};
  for (int s = 0; s < kSectors; ++s) large_share[s] = workers_[s] > 0 ? employees_large_[s] / workers_[s] : 0.0;
  ordinary_ = std::make_unique<OrdinaryYear>(b, IoSettings{params.economy_inventory_days, params.economy_restocking_days,
                                                           params.economy_hiring_rate, params.economy_firing_rate,
                                                           params.economy_labour_elasticity},
                                             params, large_share, labour_share(table_));
  // Enterprises are stored district by district; the daily tally runs over these ranges.
  district_enterprises_.push_back(0);
  for (std::uint32_t e = 1; e < pop.enterprises.size(); ++e)
    if (pop.enterprises[e].district != pop.enterprises[e - 1].district) district_enterprises_.push_back(e);
  district_enterprises_.push_back(static_cast<std::uint32_t>(pop.enterprises.size()));
  labour_supply_ = b.workers;
  festival_migrants_ = festival_migrant_shares(b.workers, params);
  population_ = static_cast<double>(pop.persons()) * pop.scale;
}

void Economy::open_enterprises(int day, Date date, const Params& params, const PlaceControls& places) {
  reopening_.update(day, date, params, places);
}

void Economy::produce(Date date, const Params& params, const PlaceControls& places, const SimState& st, double reported_cases_14d) {
  const auto& b = model_->baseline();
  // Enterprises open, and the share of their workers the measures let work (work x work.NN x work.large or
  // work.small where they are).
  // Districts in parallel, added in district order: the result does not depend on the number of threads.
  struct Tally {
    std::array<double, kSectors> open{}, allowed{}, allowed_large{}, open_large{};
  };
  std::vector<Tally> parts(district_enterprises_.size() - 1);
  const auto parts_count = static_cast<int>(parts.size());
#pragma omp parallel for schedule(dynamic, 1)
  for (int d = 0; d < parts_count; ++d) {
    auto& out = parts[static_cast<std::size_t>(d)];
    for (std::uint32_t e = district_enterprises_[static_cast<std::size_t>(d)]; e < district_enterprises_[static_cast<std::size_t>(d) + 1]; ++e) {
      if (reopening_.is_closed(e)) continue;
      const auto& ent = pop_.enterprises[e];
      const float share = work_share(places.at(ent.township), ent.sector, ent.size_class);
      if (share > 0.0f) out.open[ent.sector] += 1;
      out.allowed[ent.sector] += static_cast<double>(share) * ent.employees;
      if (ent.size_class == SizeClass::Large) {
        out.allowed_large[ent.sector] += static_cast<double>(share) * ent.employees;
        if (share > 0.0f) out.open_large[ent.sector] += 1;
      }
    }
  }
  std::array<double, kSectors> open{}, allowed{}, allowed_large{}, open_large{};
  for (const auto& p : parts)
    for (int s = 0; s < kSectors; ++s) {
      open[s] += p.open[s];
      open_large[s] += p.open_large[s];
      allowed[s] += p.allowed[s];
      allowed_large[s] += p.allowed_large[s];
    }
  const LabourCount labour = labour_sample_.count(pop_, st, places, params);
  EconomyDay today;
  std::array<double, kSectors> allowed_share{}, large_share{}, ordinary{};
  double poor_working = 0, large_ind_working = 0;
  for (int s = 0; s < kSectors; ++s) {
    const auto i = static_cast<std::size_t>(s);
    const double workers = workers_[s];  // all of them; labour counts a sample
    // The year's own Spring Festival (spring_festival.hpp, the ordinary year's calendar): migrant workers away and
    // plants closed over the holiday. Where the measures or the epidemic keep more away, they decide: the same
    // workers are kept away by the later of the two (the smaller share at work), never by both.
    ordinary[s] = ordinary_labour_share(date, s, params, festival_migrants_[i]);
    if (workers <= 0 || labour.workers[s] <= 0) {
      labour_supply_[i] = 0;
      continue;
    }
    // Workers outside enterprises (teachers, health workers, institution staff) are not closed by work measures.
    const double others = std::max(0.0, workers - employees_[s]);
    const double allowed_all = allowed[s] + others;
    allowed_share[s] = allowed_all / workers;
    large_share[s] = allowed_all > 0 ? allowed_large[s] / allowed_all : 0.0;
    // On site: allowed and available; from home: the sector's remote share of the workers who are well.
    const double on_site = allowed_share[s] * (labour.available[s] / labour.workers[s]);
    const double remote = std::min(1.0, params.economy_remote_work * remote_work_share(s));
    const double share = std::min(ordinary[s], on_site + remote * std::max(0.0, labour.well[s] / labour.workers[s] - on_site));
    labour_supply_[i] = b.workers[i] * share;
    poor_working += labour.poor_available[s] * static_cast<double>(labour.stride) * allowed_share[s];
    if (s >= kIndustryFirst && s <= kIndustryLast && employees_large_[s] > 0)
      large_ind_working += employees_large_[s] * std::min(ordinary[s], allowed_large[s] / employees_large_[s] * (labour.available[s] / labour.workers[s]));
  }
  // Final demand, from yesterday's labour income, today's venues and transport, and fear of recent cases.
  DemandConditions cond;
  cond.labour_income = labour_income_;
  cond.cases_per_million = population_ > 0 ? reported_cases_14d / population_ * 1e6 : 0.0;
  double weight = 0, checkpoints = 0;
  cond.venue_open.fill(0.0);
  cond.public_transport = 0;
  for (std::size_t t = 0; t < pop_.townships.size(); ++t) {
    const double w = pop_.townships[t].person_count;
    const auto& k = places.at(static_cast<std::uint32_t>(t));
    for (int v = 0; v < kVenueTypes; ++v) cond.venue_open[static_cast<std::size_t>(v)] += w * std::clamp(static_cast<double>(knob(k, venue_knob(v))), 0.0, 1.0);
    cond.public_transport += w * std::clamp(static_cast<double>(knob(k, Knob::PublicTransport)), 0.0, 1.0);
    if (knob(k, Knob::Checkpoints) > 0.5f) checkpoints += w;
    weight += w;
  }
  if (weight > 0) {
    for (auto& v : cond.venue_open) v /= weight;
    cond.public_transport /= weight;
    checkpoints /= weight;
  }
  demand_->update(cond, params);
  // Logistics (B4): checkpoints at the region's entries (A5) slow the freight that crosses them, not deliveries inside.
  const double freight = params.economy_freight_capacity * (1.0 - params.economy_checkpoint_freight_cut * checkpoints);
  const IoDay& x = model_->step(labour_supply_, demand_->consumption(), demand_->investment(), demand_->exports(),
                                FreightCapacity{freight, params.economy_freight_capacity});

  // Labour income for tomorrow's consumption: wages of workers at work and of those on the ordinary holiday (paid
  // leave, as in the ordinary year), benefits for the others.
  double paid = 0, wages = 0;
  for (std::size_t i = 0; i < static_cast<std::size_t>(kSectors); ++i) {
    if (b.workers[i] <= 0) continue;
    const double holiday = 1.0 - ordinary[i], at_work = std::min(x.labour_used[i] / b.workers[i], ordinary[i]);
    paid += b.wages[i] * (at_work + holiday + params.economy_benefit_replacement * (ordinary[i] - at_work));
    wages += b.wages[i];
  }
  labour_income_ = wages > 0 ? paid / wages : 1.0;

  double va = 0, va0 = 0, out = 0, out0 = 0, at_work = 0, workers_all = 0, ent_open = 0, ent_all = 0, food = 0, food0 = 0;
  for (int s = 0; s < kSectors; ++s) {
    const auto i = static_cast<std::size_t>(s);
    SectorDay sd;
    sd.enterprises_open_share = enterprises_[s] > 0 ? open[s] / enterprises_[s] : 1.0;
    sd.workers_at_work_share = b.workers[i] > 0 ? x.labour_used[i] / b.workers[i] : 1.0;
    sd.output_vs_baseline = b.output[i] > 0 ? x.output[i] / b.output[i] : 1.0;
    sd.value_added = x.value_added[i];
    sd.value_added_baseline = b.value_added_share[i] * b.output[i];
    sd.labour_supply_share = b.workers[i] > 0 ? labour_supply_[i] / b.workers[i] : 1.0;
    sd.employment_share = b.workers[i] > 0 ? x.employment[i] / b.workers[i] : 1.0;
    sd.demand_vs_baseline = b.output[i] > 0 ? x.demand[i] / b.output[i] : 1.0;
    sd.capacity_vs_baseline = b.output[i] > 0 ? x.capacity[i] / b.output[i] : 1.0;
    sd.input_limit_vs_baseline = b.output[i] > 0 ? std::min(9.99, x.input_limit[i] / b.output[i]) : 1.0;
    if (workers_[s] > 0) {
      sd.value_added_large = sd.value_added * large_share[s];
      sd.value_added_large_baseline = sd.value_added_baseline * (employees_large_[s] / workers_[s]);
    }
    sectors_.push_back(sd);
    va += sd.value_added;
    va0 += sd.value_added_baseline;
    out += x.output[i];
    out0 += b.output[i];
    at_work += x.labour_used[i];
    workers_all += b.workers[i];
    ent_open += open[s];
    ent_all += enterprises_[s];
    if (s == kAgriculture || s == kFood) {
      const double delivered = x.demand[i] > 0 ? x.output[i] / x.demand[i] : 1.0;
      food += demand_->consumption()[i] * delivered;
      food0 += b.consumption[i];
    }
  }
  today.value_added = va;
  today.value_added_baseline = va0;
  today.gdp_index = va0 > 0 ? va / va0 : 1.0;
  today.gdp_loss_cum = (days_.empty() ? 0.0 : days_.back().gdp_loss_cum) + (va0 - va);
  today.output_vs_baseline = out0 > 0 ? out / out0 : 1.0;
  today.workers_at_work_share = workers_all > 0 ? at_work / workers_all : 1.0;
  today.enterprises_open_share = ent_all > 0 ? ent_open / ent_all : 1.0;
  today.consumption_index = demand_->household_index();
  today.freight = freight;
  today.fear = demand_->fear();
  today.poor_labour_employed =
      (poor_working + labour.poor_outbound_away * static_cast<double>(labour.stride)) * pop_.scale + params.economy_public_welfare_jobs;
  const auto ag = static_cast<std::size_t>(kAgriculture);
  planting_.day(date, params, b.workers[ag] > 0 ? x.labour_used[ag] / b.workers[ag] : 1.0,
                b.output[ag] > 0 ? x.input_limit[ag] / b.output[ag] : 1.0);
  today.spring_planted_share = planting_.planted();
  today.food_supply_index = food0 > 0 ? food / food0 : 1.0;
  today.approvals_waiting = reopening_.waiting_for_approval();
  double large_open = 0, large_all = 0, ind_open = 0, ind_all = 0, ind_workers = 0;
  for (int s = 0; s < kSectors; ++s) {
    large_open += open_large[s], large_all += enterprises_large_[s];
    if (s >= kIndustryFirst && s <= kIndustryLast) ind_open += open_large[s], ind_all += enterprises_large_[s], ind_workers += employees_large_[s];
  }
  today.large_enterprises_open_share = large_all > 0 ? large_open / large_all : 1.0;
  today.large_industrial_open_share = ind_all > 0 ? ind_open / ind_all : 1.0;
  today.large_industrial_workers_share = ind_workers > 0 ? large_ind_working / ind_workers : 1.0;
  days_.push_back(today);
}

}  // namespace tongchou

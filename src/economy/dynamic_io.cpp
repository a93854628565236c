#include "economy/dynamic_io.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tongchou {

namespace {
void resize(IoDay& d, int n) {
  for (auto* v : {&d.demand, &d.output, &d.capacity, &d.input_limit, &d.value_added, &d.employment, &d.labour_used,
                  &d.finished_stock, &d.final_demand, &d.final_delivered, &d.shippable})
    v->assign(static_cast<std::size_t>(n), 0.0);
}
}  // namespace

DynamicIo::DynamicIo(IoBaseline baseline, IoSettings settings) : base_(std::move(baseline)), set_(settings) {
  const int n = base_.n;
  const auto nn = static_cast<std::size_t>(n * n);
  stock_.assign(nn, 0.0);
  orders_.assign(nn, 0.0);
  // Output is the fixed point of the demand the baseline orders add up to, summed as step() sums it, so that the
  // steady state holds to the last bit (the iteration converges: the region's own input shares sum below 1).
  for (int iteration = 0; iteration < 200; ++iteration) {
    const std::vector<double> x(base_.output);
    for (int j = 0; j < n; ++j) {
      double d = 0;
      for (int i = 0; i < n; ++i) {
        const auto k = static_cast<std::size_t>(j * n + i);
        d += base_.local_share[k] * (base_.a[k] * x[static_cast<std::size_t>(i)]);
      }
      base_.output[static_cast<std::size_t>(j)] = d + (base_.consumption[static_cast<std::size_t>(j)] + base_.investment[static_cast<std::size_t>(j)] +
                                                       base_.exports[static_cast<std::size_t>(j)]);
    }
    if (x == base_.output) break;
  }
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const auto k = static_cast<std::size_t>(j * n + i);
      stock_[k] = set_.inventory_days * (base_.a[k] * base_.output[static_cast<std::size_t>(i)]);
    }
  last_demand_ = base_.output;
  employment_ = base_.workers;
  // Baseline deliveries to the region, summed as step() sums them (so that they match to the last bit).
  local0_.assign(static_cast<std::size_t>(n), 0.0);
  for (int j = 0; j < n; ++j) {
    const auto s = static_cast<std::size_t>(j);
    double d = 0;
    for (int i = 0; i < n; ++i) {
      const auto k = static_cast<std::size_t>(j * n + i);
      d += base_.local_share[k] * (base_.a[k] * base_.output[static_cast<std::size_t>(i)]);
    }
    local0_[s] = d + (base_.consumption[s] + base_.investment[s]);
  }
  if (base_.freight.empty()) base_.freight.assign(static_cast<std::size_t>(n), 1);
  share_in_.assign(static_cast<std::size_t>(n), 1.0);
  share_out_.assign(static_cast<std::size_t>(n), 1.0);
  base_.finished_days.resize(static_cast<std::size_t>(n), 0.0);
  finished_.assign(static_cast<std::size_t>(n), 0.0);
  room_.assign(static_cast<std::size_t>(n), 0.0);
  for (int i = 0; i < n; ++i) baseline_va_ += base_.value_added_share[static_cast<std::size_t>(i)] * base_.output[static_cast<std::size_t>(i)];
  resize(day_, n);
}

const IoDay& DynamicIo::step(const std::vector<double>& labour_supply, const std::vector<double>& consumption,
                             const std::vector<double>& investment, const std::vector<double>& exports, FreightCapacity freight) {
  const int n = base_.n;
  const auto& x0 = base_.output;
  const auto& a = base_.a;
  const auto& sigma = base_.local_share;
  auto idx = [n](int from, int to) { return static_cast<std::size_t>(from * n + to); };
  // Orders for today, from yesterday's demand and today's stock gaps.
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const auto k = idx(j, i);
      const double target = set_.inventory_days * (a[k] * x0[static_cast<std::size_t>(i)]);
      orders_[k] = std::max(0.0, a[k] * last_demand_[static_cast<std::size_t>(i)] + (target - stock_[k]) / set_.restocking_days);
    }
  // Demand, and what of it the freight capacity lets a goods producer ship: to the region at most phi_in times its
  // baseline deliveries there, outside at most phi_out times its baseline sales outside (orders beyond stay unfilled).
  for (int j = 0; j < n; ++j) {
    const auto s = static_cast<std::size_t>(j);
    double d = 0;
    for (int i = 0; i < n; ++i) d += sigma[idx(j, i)] * orders_[idx(j, i)];
    day_.final_demand[s] = consumption[s] + investment[s] + exports[s];
    day_.demand[s] = d + day_.final_demand[s];
    const double local = d + (consumption[s] + investment[s]);
    const double local_max = freight.inside * local0_[s], outside_max = freight.outside * base_.exports[s];
    share_in_[s] = base_.freight[s] && local > local_max ? local_max / local : 1.0;
    share_out_[s] = base_.freight[s] && exports[s] > outside_max ? outside_max / exports[s] : 1.0;
    day_.shippable[s] = share_in_[s] == 1.0 && share_out_[s] == 1.0 ? day_.demand[s] : share_in_[s] * local + share_out_[s] * exports[s];
  }
  // Production: labour, inputs, demand (and room in the finished-goods stock of sectors that produce to stock).
  for (int i = 0; i < n; ++i) {
    const auto s = static_cast<std::size_t>(i);
    room_[s] = std::max(0.0, base_.finished_days[s] * x0[s] - finished_[s]);
  }
  for (int i = 0; i < n; ++i) {
    const auto s = static_cast<std::size_t>(i);
    const double l0 = base_.workers[s];
    const double used = std::min(employment_[s], labour_supply[s]);
    day_.labour_used[s] = used;
    const double cap = l0 > 0 ? x0[s] * std::pow(used / l0, set_.labour_elasticity) : 0.0;
    double inp = std::numeric_limits<double>::infinity();
    for (int j = 0; j < n; ++j) {
      const auto k = idx(j, i);
      if (a[k] <= 0) continue;
      if (base_.criticality[k] == Criticality::Critical) inp = std::min(inp, stock_[k] / a[k]);
      else if (base_.criticality[k] == Criticality::Important) inp = std::min(inp, stock_[k] / (0.5 * a[k]) + 0.5 * cap);
    }
    day_.capacity[s] = cap;
    day_.input_limit[s] = inp;
    day_.output[s] = std::min({cap, inp, day_.shippable[s] + room_[s]});
    day_.value_added[s] = base_.value_added_share[s] * day_.output[s];
  }
  // Deliveries: proportional rationing of what each producer has (output and finished stock) over what it can ship;
  // goods from outside arrive up to the freight capacity times their baseline flow.
  for (int j = 0; j < n; ++j) {
    const auto sj = static_cast<std::size_t>(j);
    const double delivered = std::min(day_.shippable[sj], day_.output[sj] + finished_[sj]);
    finished_[sj] = std::max(0.0, finished_[sj] + (day_.output[sj] - delivered));
    day_.finished_stock[sj] = finished_[sj];
    const double filled = day_.shippable[sj] > 0 ? delivered / day_.shippable[sj] : 1.0;
    const double short_local = 1.0 - share_in_[sj] * filled;  // share of an order from the region left unfilled
    if (share_in_[sj] == 1.0 && share_out_[sj] == 1.0) {
      day_.final_delivered[sj] = day_.final_demand[sj] - short_local * day_.final_demand[sj];
    } else {
      day_.final_delivered[sj] = filled * (share_in_[sj] * (consumption[sj] + investment[sj]) + share_out_[sj] * exports[sj]);
    }
    for (int i = 0; i < n; ++i) {
      const auto k = idx(j, i);
      const double outside = (1.0 - sigma[k]) * orders_[k];
      const double short_outside = base_.freight[sj] ? std::max(0.0, outside - freight.outside * ((1.0 - sigma[k]) * (a[k] * x0[static_cast<std::size_t>(i)]))) : 0.0;
      const double received = orders_[k] - short_local * (sigma[k] * orders_[k]) - short_outside;
      stock_[k] = std::max(0.0, stock_[k] + (received - a[k] * day_.output[static_cast<std::size_t>(i)]));
    }
  }
  // Hiring and firing towards the labour that inputs and demand call for.
  for (int i = 0; i < n; ++i) {
    const auto s = static_cast<std::size_t>(i);
    const double l0 = base_.workers[s];
    const double can_sell = std::min(day_.input_limit[s], day_.shippable[s] + room_[s]);  // the room as it was this morning
    const double wanted = x0[s] > 0 ? std::min(l0, l0 * (can_sell / x0[s])) : l0;
    const double gap = wanted - employment_[s];
    employment_[s] += gap * (gap > 0 ? set_.hiring_rate : set_.firing_rate);
    day_.employment[s] = employment_[s];
  }
  last_demand_ = day_.demand;
  return day_;
}

}  // namespace tongchou

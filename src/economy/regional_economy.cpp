#include "economy/regional_economy.hpp"

#include <algorithm>

namespace tongchou {

IoBaseline regional_baseline(const IoTable& io, const std::array<double, kSectors>& workers) {
  constexpr int n = kSectors;
  constexpr double kDaysPerYear = 365.0;
  IoBaseline b;
  b.n = n;
  const auto nn = static_cast<std::size_t>(n * n);
  for (auto* v : {&b.output, &b.value_added_share, &b.workers, &b.wages, &b.consumption, &b.households, &b.government, &b.investment, &b.exports})
    v->assign(static_cast<std::size_t>(n), 0.0);
  b.a.assign(nn, 0.0);
  b.local_share.assign(nn, 0.0);
  std::array<double, n> r{};
  double all_region = 0, all_nation = 0;
  for (int i = 0; i < n; ++i) {
    r[i] = workers[i] / io.employment[i];
    all_region += workers[i];
    all_nation += io.employment[i];
    const auto s = static_cast<std::size_t>(i);
    b.output[s] = io.gross_output[i] * r[i] / kDaysPerYear;
    b.value_added_share[s] = io.value_added[i] / io.gross_output[i];
    b.workers[s] = workers[i];
    b.wages[s] = io.compensation[i] * r[i] / kDaysPerYear;
  }
  const double r_all = all_nation > 0 ? all_region / all_nation : 0.0;
  std::vector<double> a_domestic(nn);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const auto k = static_cast<std::size_t>(j * n + i);
      a_domestic[k] = io.flow_domestic(j, i) / io.gross_output[i];
      b.a[k] = a_domestic[k] + io.flow_imported(j, i) / io.gross_output[i];
    }
  for (int j = 0; j < n; ++j) {
    const auto sj = static_cast<std::size_t>(j);
    double wanted = 0, sales = 0;  // the region's producers' demand for domestic j; the nation's sales of j to producers
    for (int i = 0; i < n; ++i) {
      wanted += a_domestic[static_cast<std::size_t>(j * n + i)] * b.output[static_cast<std::size_t>(i)];
      sales += io.flow_domestic(j, i);
    }
    double share = r_all > 0 ? std::min(1.0, r[j] / r_all) : 0.0;
    if (wanted > 0) share = std::min(share, std::min(1.0, sales / io.gross_output[j]) * b.output[sj] / wanted);
    double local = 0;
    for (int i = 0; i < n; ++i) {
      const auto k = static_cast<std::size_t>(j * n + i);
      b.local_share[k] = b.a[k] > 0 ? share * a_domestic[k] / b.a[k] : 0.0;
      local += b.local_share[k] * (b.a[k] * b.output[static_cast<std::size_t>(i)]);
    }
    const double final_uses = std::max(0.0, b.output[sj] - local);
    const double c = io.consumption[j], v = std::max(0.0, io.capital_formation[j]), e = io.exports[j];
    const double total = c + v + e;
    const double consumption = total > 0 ? final_uses * c / total : 0.0;
    b.government[sj] = c > 0 ? consumption * (io.government[j] / c) : 0.0;
    b.households[sj] = std::max(0.0, consumption - b.government[sj]);
    b.consumption[sj] = b.households[sj] + b.government[sj];  // summed as the daily demand sums it
    b.investment[sj] = total > 0 ? final_uses * v / total : 0.0;
    b.exports[sj] = total > 0 ? final_uses * e / total : final_uses;
  }
  b.criticality = input_criticality(b.a, n);
  return b;
}

}  // namespace tongchou

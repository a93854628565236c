#include "economy/input_criticality.hpp"

namespace tongchou {

std::vector<Criticality> input_criticality(const std::vector<double>& a, int n) {
  // 0-based sector indices of the NBS 42-sector table.
  constexpr int kLastGoods = 22, kUtilitiesFirst = 23, kUtilitiesLast = 25, kConstruction = 26, kTransport = 28;
  constexpr int kFood = 5, kRefinedFuel = 10, kChemicals = 11, kCatering = 29, kHealth = 39;
  std::vector<Criticality> out(a.size(), Criticality::NonCritical);
  for (int to = 0; to < n; ++to) {
    double total = 0;
    for (int from = 0; from < n; ++from) total += a[static_cast<std::size_t>(from * n + to)];
    const bool goods_buyer = to <= kConstruction;
    for (int from = 0; from < n; ++from) {
      const auto k = static_cast<std::size_t>(from * n + to);
      if (a[k] <= 0) continue;
      Criticality c = Criticality::NonCritical;
      if (from == kTransport) {
        c = Criticality::Important;
      } else if (from >= kUtilitiesFirst && from <= kUtilitiesLast) {
        c = goods_buyer ? Criticality::Critical : Criticality::Important;
      } else if (from <= kLastGoods) {
        const double share = total > 0 ? a[k] / total : 0;
        if (goods_buyer)
          c = share >= 0.05 ? Criticality::Critical : share >= 0.01 ? Criticality::Important : Criticality::NonCritical;
        else if ((from == kRefinedFuel && to == kTransport) || (from == kChemicals && to == kHealth) ||
                 (from == kFood && to == kCatering))
          c = Criticality::Critical;
        else
          c = share >= 0.10 ? Criticality::Important : Criticality::NonCritical;
      }
      out[k] = c;
    }
  }
  return out;
}

}  // namespace tongchou

#pragma once
// The dynamic input-output model of Pichler, Pangallo, del Rio-Chanona, Lafond and Farmer (J. Econ. Dyn. Control
// 2022), one step per simulated day, for n sectors (docs/model.md, economy, has the equations):
//   orders      O_ji = A_ji d_i(t-1) + (n_days A_ji x0_i - S_ji) / tau, split into the part bought in the region
//               (sigma_ji) and the part from outside;
//   demand      d_j  = sum_i sigma_ji O_ji + c_j + v_j + e_j (consumption, investment, exports);
//   freight     goods (sectors whose `freight` flag is set) travel by freight, at most the logistics capacity times
//               their baseline flow: a goods producer ships at most phi_in (x0_j - e0_j) to the region and
//               phi_out e0_j outside; an input of goods from outside arrives at most phi_out (1 - sigma_ji) A_ji x0_i;
//               what cannot be shipped stays unfilled (the stock gap orders it again, no more arrives);
//   capacity    x_cap_i = x0_i (min(employment_i, labour supply_i) / l0_i)^alpha (alpha = 1: Pichler et al.'s
//               Leontief in labour; below 1: capital fixed in the short run, Cobb-Douglas with labour share alpha);
//   inputs      x_inp_i = min( S_ji / A_ji over critical inputs j, S_ki / (A_ki / 2) + x_cap_i / 2 over important k );
//   output      x_i = min(x_cap_i, x_inp_i, d~_i + F_i x0_i - G_i), d~_i the demand that can be shipped: a sector
//               that produces to stock (F_i days of finished goods, 0 for most) goes on producing into its stock G_i
//               when demand falls short and sells from it when demand exceeds output; every customer of j gets the
//               share delivered_j / d~_j of its shippable order, delivered_j = min(d~_j, x_j + G_j);
//   stocks      S_ji += received_ji - A_ji x_i;
//   employment  moves towards l0_i min(x_inp_i, d~_i + room in the finished stock) / x0_i at the hiring or firing rate.
// Workers kept away by the epidemic stay employed (they come back to their jobs); firing follows lost demand or
// inputs. Written so that the baseline is reproduced exactly (no rounding drift) when nothing is shocked.
#include <vector>

#include "economy/input_criticality.hpp"

namespace tongchou {

//! A region's economy in its steady state, per day.
struct IoBaseline {
  int n = 0;                                        //!< sectors
  std::vector<double> output;                       //!< x0, gross output per day
  std::vector<double> value_added_share;            //!< value added per unit of output
  std::vector<double> workers;                      //!< l0, persons employed
  std::vector<double> wages;                        //!< compensation per day
  std::vector<double> consumption, investment, exports;  //!< final demand per day (exports: all sales outside the region)
  std::vector<double> households, government;       //!< consumption's two parts, per day
  std::vector<double> a;                            //!< input coefficients [from * n + to], all origins
  std::vector<double> local_share;                  //!< sigma [from * n + to]: share of that input bought in the region
  std::vector<Criticality> criticality;             //!< [from * n + to]
  std::vector<double> finished_days;                //!< F: finished-goods stock a sector may build, days of x0 (empty: none)
  std::vector<unsigned char> freight;               //!< 1: the sector's goods travel by freight (empty: every sector's)
};

//! Logistics capacity relative to normal (交通保畅): for goods crossing the region's border (inputs from outside,
//! sales outside) and for goods delivered inside the region.
struct FreightCapacity {
  double outside = 1, inside = 1;
};

struct IoSettings {
  double inventory_days = 10, restocking_days = 5, hiring_rate = 1.0 / 30, firing_rate = 2.0 / 30;
  double labour_elasticity = 1;  //!< alpha
};

//! One day of the economy, per sector.
struct IoDay {
  std::vector<double> demand, output, capacity, input_limit, value_added, employment, labour_used;
  std::vector<double> finished_stock;  //!< G, finished goods held at the end of the day
  std::vector<double> final_demand, final_delivered;  //!< consumption + investment + exports, ordered and delivered
  std::vector<double> shippable;  //!< of demand, what the freight capacity lets the producer deliver
};

class DynamicIo {
 public:
  //! Sets output to exactly the baseline demand, stocks to their targets and employment to the baseline.
  DynamicIo(IoBaseline baseline, IoSettings settings);

  //! Advances one day: `labour_supply` persons able to work per sector, final demand per sector, and the logistics
  //! capacity that bounds the flows of goods.
  const IoDay& step(const std::vector<double>& labour_supply, const std::vector<double>& consumption,
                    const std::vector<double>& investment, const std::vector<double>& exports, FreightCapacity freight);

  const IoBaseline& baseline() const { return base_; }
  const IoDay& day() const { return day_; }
  //! Stock of input `from` held by sector `to`.
  double stock(int from, int to) const { return stock_[static_cast<std::size_t>(from * base_.n + to)]; }
  double baseline_value_added() const { return baseline_va_; }

 private:
  IoBaseline base_;
  IoSettings set_;
  std::vector<double> stock_, orders_, last_demand_, employment_, finished_, room_;  // room_: F x0 - G this morning
  std::vector<double> local0_;  // baseline deliveries to the region, summed as step() sums them
  std::vector<double> share_in_, share_out_;  // today: shares of the orders from the region and from outside that can be shipped
  IoDay day_;
  double baseline_va_ = 0;
};

}  // namespace tongchou

#pragma once
// Sectors that produce to stock (docs/model.md, economy): when demand falls they go on producing and store what they
// cannot sell, up to economy.finished_stock_days of their baseline output, and sell from that stock when demand
// comes back. Agriculture cannot stop its herds growing or its crops ripening; mines, refineries, coke ovens and
// smelters are continuous processes that are costly to stop (in early 2020 China's mining value added fell 1.7% in
// Q1 while manufacturing fell 10.2%, NBS 17 Apr 2020, and the coal and steel stocks rose). Everyone else produces
// only what is ordered.
namespace tongchou {

//! 0-based NBS sector index.
inline bool produces_to_stock(int sector) {
  switch (sector + 1) {  // 1-based NBS codes: agriculture, mining, oil refining and coking, metal smelting
    case 1: case 2: case 3: case 4: case 5: case 11: case 14: return true;
    default: return false;
  }
}

}  // namespace tongchou

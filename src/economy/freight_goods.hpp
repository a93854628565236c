#pragma once
// Sectors whose deliveries travel by freight (MEASURES.md B4, 交通保畅; docs/model.md, economy): goods, NBS codes
// 01-22 (agriculture, mining, manufacturing, other manufacturing and waste resources). The logistics capacity bounds
// their deliveries inside the region, their sales outside and the inputs of them from outside. Not bound (U):
// repair of machinery (23, a service done on site), electricity, gas and water (24-26: grid and pipes), construction
// (27: built where it stands; its materials are goods of 09-15 and are bound as inputs) and every service (28-42).
namespace tongchou {

//! 0-based NBS sector index.
inline bool travels_by_freight(int sector) { return sector >= 0 && sector < 22; }

}  // namespace tongchou

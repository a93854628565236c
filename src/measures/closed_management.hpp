#pragma once
// Closed management of compounds and villages (封闭管理, R12): one entrance, temperature checks at the gate, and one
// person per household out every N days for supplies. The person is a fixed adult of the household (any member if
// none is adult); the day of the cycle is fixed per household. Only those out take part in community mixing and
// venues that day; work (for enterprises that resumed) and hospital visits are not restricted.
#include <cstdint>

#include "population/population.hpp"

namespace tongchou {

//! The member of household h who goes out under closed management.
PersonId household_shopper(const Population& pop, std::uint64_t seed, std::uint32_t h);
//! Whether person q goes out on `day` when their area is under closed management with one outing every `every_days`.
bool goes_out(const Population& pop, std::uint64_t seed, PersonId q, int day, int every_days);

}  // namespace tongchou

#pragma once
// The national input-output table of 2018 (NBS, 42 sectors) as the project carries it: per sector its employment,
// gross output, value added, compensation and final uses, and the intermediate flows from each sector to each other,
// of domestic and of imported origin (data/economy/, derived by tools/derive_data.py; CNY million per year).
#include <array>
#include <string>
#include <vector>

#include "model/kinds.hpp"
#include "scenario/parameters.hpp"

namespace tongchou {

struct IoTable {
  std::array<std::string, kSectors> name_en, name_zh;
  std::array<double, kSectors> employment{};         //!< persons
  std::array<double, kSectors> gross_output{};       //!< CNY million per year
  std::array<double, kSectors> value_added{};
  std::array<double, kSectors> compensation{};       //!< of employees
  std::array<double, kSectors> consumption{};        //!< final consumption (households and government)
  std::array<double, kSectors> government{};         //!< of which government consumption (0 where the table has no such column)
  std::array<double, kSectors> capital_formation{};  //!< gross capital formation (may be negative: stocks run down)
  std::array<double, kSectors> exports{};
  //! Intermediate flows [from * kSectors + to]: inputs of sector `to` bought from sector `from`.
  std::vector<double> domestic, imported;

  double flow_domestic(int from, int to) const { return domestic[static_cast<std::size_t>(from * kSectors + to)]; }
  double flow_imported(int from, int to) const { return imported[static_cast<std::size_t>(from * kSectors + to)]; }
};

//! Reads data/economy/sectors42.csv and io42_flows_2018.csv (or their copies under scenario.data_dir) and checks them:
//! sector codes 01..42 in order, known codes in the flows, no negative stock, flow or output, government consumption
//! (optional column) within final consumption, and every sector's
//! inputs plus value added equal to its gross output. Throws InputError naming file, line and column of every problem.
IoTable load_io_table(const Params& params);

}  // namespace tongchou

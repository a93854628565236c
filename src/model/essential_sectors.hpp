#pragma once
// The essential sectors: those that kept working through the shutdown of early 2020 (the work knob does not restrict
// them; the economy's ordinary Spring Festival does not close them).
namespace tongchou {

//! Sectors that stay at work in a shutdown (0-based NBS index): agriculture, food, chemicals (medicines,
//! disinfectant), utilities, wholesale and retail (supermarkets, markets), transport, health, public administration
//! (CHONGQING-2020.md S5: utilities, supermarkets, farm markets and medical supplies); and the energy and
//! continuous-process industries, which cannot stop without damage and were kept running as supplies of the
//! people's livelihood (国计民生): mining (02-05), oil refining and coking (11), metal smelting (14) (NBS: mining
//! -6.5% in Jan-Feb 2020 against manufacturing -15.7%, REFERENCES.md s3).
inline bool essential_sector(int sector) {
  switch (sector + 1) {  // 1-based NBS codes
    case 1: case 2: case 3: case 4: case 5: case 6: case 11: case 12: case 14: case 24: case 25: case 26: case 28:
    case 29: case 40: case 42: return true;
    default: return false;
  }
}

}  // namespace tongchou

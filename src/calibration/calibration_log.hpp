#pragma once
// calibration.csv: one row per evaluation of a calibration, appended and synced to disk as each evaluation finishes, so
// that an interrupted calibration keeps every finished evaluation and the same command resumes from them.
//   evaluation,<key 1>,...,<key n>,loss,loss_seed_<s1>,...,loss_seed_<sk>,setup
// Values are written as applied (TOML text: 2.5, 2020-02-10), losses with every digit (they read back exactly);
// `setup` is the fingerprint of what decides a loss (the scenario, the observed series, the loss, the seeds), so that
// rows of another fit are never taken for this one's.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tongchou {

struct EvaluationRow {
  int index = 0;                    //!< 1-based
  std::vector<std::string> values;  //!< one per fitted key, as applied
  double loss = 0;                  //!< mean over seeds plus the priors' penalty
  std::vector<double> seed_losses;  //!< one per seed of [evaluation]
};

class CalibrationLog {
 public:
  //! Opens DIR/calibration.csv for these keys and seeds: reads the rows of an earlier run of the same fit (a row cut
  //! short by a crash is dropped), or starts the file. Throws OutputError when the file is another fit's.
  CalibrationLog(std::filesystem::path file, std::vector<std::string> keys, std::vector<std::int64_t> seeds, std::string setup);

  const std::vector<EvaluationRow>& rows() const { return rows_; }
  //! Appends a row and syncs it to disk. Throws OutputError.
  void append(const EvaluationRow& row);
  const std::filesystem::path& path() const { return file_; }

  std::string header() const;
  std::string line(const EvaluationRow& row) const;

 private:
  std::filesystem::path file_;
  std::vector<std::string> keys_;
  std::vector<std::int64_t> seeds_;
  std::string setup_;
  std::vector<EvaluationRow> rows_;
};

//! A short hexadecimal fingerprint (64-bit FNV-1a) of a text.
std::string fingerprint(const std::string& text);

}  // namespace tongchou

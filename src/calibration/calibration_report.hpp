#pragma once
// A calibration's report.html: the observed series against the fitted scenario's median and 5-95% band (daily and
// cumulative), each parameter's value by evaluation and the loss by evaluation, and the fit's summary (fit.json).
// Self-contained: ECharts (web/node_modules, compiled in) and the data are inlined.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "calibration/observed_counts.hpp"
#include "core/date.hpp"

namespace tongchou {

struct CalibrationReportData {
  std::string scenario;
  Date start;
  std::vector<std::string> keys;
  std::vector<bool> dates;  //!< per key: its values are day numbers
  std::vector<ObservedCounts> observed;
  std::vector<double> p5, median, p95, cum_p5, cum_median, cum_p95;  //!< per simulated day, the fitted scenario's runs
  struct Evaluation {
    int index;
    std::vector<double> values;
    double loss;
  };
  std::vector<Evaluation> evaluations;
  int best = 0;
  std::vector<int> within;
  nlohmann::ordered_json fit;
};

std::string calibration_report_html(const CalibrationReportData& data);

}  // namespace tongchou

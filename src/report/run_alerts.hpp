#pragma once
// Plain warnings about a run that a reader must not miss: a replay far from the reported series, and more people in
// hospital than designated beds. scorecard_text prints them; the page shows them in a warning box (report_data).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/run_directory.hpp"

namespace tongchou {

//! Simulated cumulative confirmed cases at the last reported date outside [kFarLow, kFarHigh] × the reported
//! figure: the replay is "far from the reported series".
inline constexpr double kFarLow = 0.5;
inline constexpr double kFarHigh = 2.0;

//! The simulated against the reported cumulative confirmed cases at the last date both have.
struct ReportedGap {
  double simulated = 0;
  double reported = 0;
  std::string date;  //!< ISO; empty when only summary.json's "comparison" gave the figures
  bool far() const { return reported > 0 ? simulated < kFarLow * reported || simulated > kFarHigh * reported : simulated > 0; }
};

//! People in hospital above the designated beds (daily.csv's in_hospital > bed_capacity on some day, or else
//! summary.json's peak_in_hospital > designated_beds).
struct BedsOverrun {
  double peak = 0;        //!< the most people in hospital on one day
  double beds = 0;        //!< designated beds that day (summary: designated_beds)
  std::string first_date; //!< first day over (empty from summary.json alone)
  std::string peak_date;
  int days_over = 0;      //!< days with more people in hospital than beds (0 from summary.json alone)
};

//! comparison.csv's last row with a reported figure, else summary.json's "comparison"; nullopt without either.
std::optional<ReportedGap> reported_gap(const RunDirectory& run);

//! nullopt when the beds were never exceeded (or the run has no such figures).
std::optional<BedsOverrun> beds_overrun(const RunDirectory& run);

//! The page's warnings of one run: [{"kind": "far_from_reported", simulated, reported, ratio, date, low, high},
//! {"kind": "beds_exceeded", peak, beds, first_date, peak_date, days_over}]; empty when there is nothing to warn of.
nlohmann::ordered_json run_alerts(const RunDirectory& run);

}  // namespace tongchou

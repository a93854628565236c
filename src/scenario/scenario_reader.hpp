#pragma once
// The reader of a scenario's TOML (inside scenario/ only): the problems found so far, each with the file, line, column
// and key, and the reading of each part. scenario.cpp reads the file and its [sections] (parse_scenario) and --set
// (scenario_overrides.cpp); scenario_reader.cpp reads one value of a parameter; scenario_imports.cpp the [[imports]]
// and [[arrivals]] entries; scenario_schedule.cpp the [[schedule]] entries; scenario_measures.cpp the [[measure]]
// entries and the risk levels' tables ([zoning.low] ...).
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "core/date.hpp"
#include "core/error.hpp"
#include "scenario/scenario.hpp"

namespace tongchou {

struct ScenarioReader {
  std::string file;
  std::vector<Diagnostic> problems;

  void add(const toml::source_region& where, std::string key, std::string message);

  static std::string node_kind(const toml::node& n);

  static std::optional<double> as_number(const toml::node& n);

  static std::optional<Date> as_date(const toml::node& n);

  // Sets one parameter from a TOML node; records a problem if the type is wrong.
  void set(Params& p, const ParamSpec& spec, const toml::node& n);

  void unknown(const toml::source_region& where, const std::string& path, const std::string& word,
               const std::vector<std::string>& known);

  // scenario_imports.cpp
  // The keys of [[imports]] and [[arrivals]] entries that say when, from where and to whom (Destination); false for
  // any other key.
  bool read_destination(const std::string& key, const toml::node& v, const std::string& path, Destination& d, bool& has_date);

  // Rules every Destination obeys once its entry is read.
  void check_destination(const toml::table& t, const std::string& section, Destination& d, bool has_date);

  void read_import(const toml::table& t, std::vector<ImportSpec>& out);

  void read_arrival(const toml::table& t, std::vector<ArrivalSpec>& out);

  // scenario_schedule.cpp
  void read_schedule(const toml::table& t, std::vector<ScheduleEntry>& out);

  // scenario_measures.cpp
  // A measure value: a number in the knob's range; true/false for on/off knobs.
  std::optional<double> knob_value(const toml::node& v, int k, const std::string& path);

  std::vector<std::string> knob_names(bool with_groups = false);

  // [zoning.low] etc.: measure = value. Dotted names (venue.restaurant) may be written as sub-tables.
  void read_level(const toml::table& t, const std::string& level, LevelMeasures& out);

  void read_measure(const toml::table& t, std::vector<MeasureEntry>& out);
};

//! The checks across sections and entries (scenario.cpp), run once a scenario is read and again after --set.
std::vector<Diagnostic> cross_checks(const Scenario& sc);

}  // namespace tongchou

#include "scenario/scenario_reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

// [[imports]] and [[arrivals]] entries of a scenario: when, where to, whom, how many.
namespace tongchou {

// The keys of [[imports]] and [[arrivals]] entries that say when, from where and to whom (Destination); false for
// any other key.
bool ScenarioReader::read_destination(const std::string& key, const toml::node& v, const std::string& path, Destination& d, bool& has_date) {
  if (key == "date") {
    has_date = true;
    if (auto x = as_date(v)) d.date = *x;
    else add(v.source(), path, "expected a date (YYYY-MM-DD), found " + node_kind(v));
  } else if (key == "district") {
    if (auto* s = v.as_string()) d.district = s->get();
    else if (auto* i = v.as_integer()) d.district = std::to_string(i->get());
    else add(v.source(), path, "expected an adcode, a district name or \"*\", found " + node_kind(v));
  } else if (key == "distribute") {
    auto* s = v.as_string();
    if (!s || (s->get() != "population" && s->get() != "observed_cases"))
      add(v.source(), path, "must be \"population\" or \"observed_cases\"");
    else d.distribute = s->get();
  } else if (key == "age_min" || key == "age_max") {
    auto* i = v.as_integer();
    if (!i || i->get() < 0 || i->get() > 110) add(v.source(), path, "must be an integer age in 0..110");
    else (key == "age_min" ? d.age_min : d.age_max) = i->get();
  } else if (key == "origin") {
    if (auto* s = v.as_string()) d.origin = s->get();
    else add(v.source(), path, "expected a string, found " + node_kind(v));
  } else {
    return false;
  }
  return true;
}

// Rules every Destination obeys once its entry is read; an entry without a date is marked undated.
void ScenarioReader::check_destination(const toml::table& t, const std::string& section, Destination& d, bool has_date) {
  if (!has_date) {
    add(t.source(), section, "an [[" + section + "]] entry needs a date");
    d.undated = true;
  }
  if (d.age_min > d.age_max) add(t.source(), section + ".age_min", "must not exceed age_max");
}

void ScenarioReader::read_import(const toml::table& t, std::vector<ImportSpec>& out) {
  static const std::vector<std::string> keys = {"date", "infections", "district", "distribute", "age_min", "age_max", "origin"};
  ImportSpec imp;
  imp.line = static_cast<int>(t.source().begin.line);
  bool has_date = false, has_count = false;
  for (auto&& [k, v] : t) {
    const std::string key(k.str());
    const std::string path = "imports." + key;
    if (read_destination(key, v, path, imp, has_date)) continue;
    if (key == "infections") {
      has_count = true;
      auto x = as_number(v);
      if (!x) add(v.source(), path, "expected a number, found " + node_kind(v));
      else if (!(*x >= 0 && *x <= 1e9)) add(v.source(), path, fmt::format("must be in 0..1e9, found {}", *x));
      else imp.infections = *x;
    } else {
      unknown(k.source(), path, key, keys);
    }
  }
  check_destination(t, "imports", imp, has_date);
  if (!has_count) add(t.source(), "imports", "an [[imports]] entry needs infections");
  out.push_back(imp);
}

void ScenarioReader::read_arrival(const toml::table& t, std::vector<ArrivalSpec>& out) {
  static const std::vector<std::string> keys = {"date", "days", "travellers", "prevalence", "origin", "origin_risk", "mode",
                                                "district", "distribute", "age_min", "age_max"};
  ArrivalSpec a;
  a.line = static_cast<int>(t.source().begin.line);
  bool has_date = false, has_count = false;
  auto text = [&](const toml::node& v, const std::string& path, std::string& into, const std::vector<std::string>& choices) {
    auto* s = v.as_string();
    if (s && std::find(choices.begin(), choices.end(), s->get()) != choices.end()) into = s->get();
    else add(v.source(), path, fmt::format("must be one of {}", fmt::join(choices, ", ")));
  };
  for (auto&& [k, v] : t) {
    const std::string key(k.str());
    const std::string path = "arrivals." + key;
    if (read_destination(key, v, path, a, has_date)) continue;
    if (key == "days") {
      auto* i = v.as_integer();
      if (!i || i->get() < 1 || i->get() > 3650) add(v.source(), path, "must be a whole number of days in 1..3650");
      else a.days = static_cast<int>(i->get());
    } else if (key == "travellers" || key == "prevalence") {
      has_count |= key == "travellers";
      auto x = as_number(v);
      const double hi = key == "travellers" ? 1e9 : 1.0;
      if (!x) add(v.source(), path, "expected a number, found " + node_kind(v));
      else if (!(*x >= 0 && *x <= hi)) add(v.source(), path, fmt::format("must be in 0..{}, found {}", hi, *x));
      else (key == "travellers" ? a.travellers : a.prevalence) = *x;
    } else if (key == "origin_risk") {
      text(v, path, a.origin_risk, {"low", "medium", "high"});
    } else if (key == "mode") {
      text(v, path, a.mode, {"road", "rail", "air", "bus"});
    } else {
      unknown(k.source(), path, key, keys);
    }
  }
  check_destination(t, "arrivals", a, has_date);
  if (!has_count) add(t.source(), "arrivals", "an [[arrivals]] entry needs travellers");
  out.push_back(a);
}

}  // namespace tongchou

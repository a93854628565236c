#include "scenario/parameters.hpp"
#include "scenario/folder_name.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace tongchou {

namespace param_default {
Date Date_(const char* text) {
  auto d = parse_date(text);
  if (!d) throw std::logic_error(std::string("bad date default in parameters.def: ") + text);
  return *d;
}
std::vector<double> RealList(const char* text) {
  std::vector<double> out;
  std::string_view s(text);
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == '[' || s[i] == ']' || s[i] == ',' || s[i] == ' ')) ++i;
    if (i >= s.size()) break;
    double v = 0;
    auto [ptr, ec] = std::from_chars(s.data() + i, s.data() + s.size(), v);
    if (ec != std::errc()) throw std::logic_error(std::string("bad list default in parameters.def: ") + text);
    i = static_cast<std::size_t>(ptr - s.data());
    out.push_back(v);
  }
  return out;
}
}  // namespace param_default

namespace {
std::string_view unquote(std::string_view s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
  return s;
}

std::vector<ParamSpec> build_table() {
  std::vector<ParamSpec> t;
#define TC_PARAM(section, name, type, def, unit, range, meaning, source)                                      \
  t.push_back(ParamSpec{#section, #name, std::string(#section "." #name), ParamType::type, unquote(#def), unit, \
                        range, meaning, source, ParamMember(&Params::section##_##name)});
#include "scenario/parameters.def"
#undef TC_PARAM
  return t;
}

std::optional<double> range_bound(std::string_view range, bool upper) {
  const auto dots = range.find("..");
  if (dots == std::string_view::npos) return std::nullopt;
  const auto part = upper ? range.substr(dots + 2) : range.substr(0, dots);
  double v = 0;
  auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
  if (ec != std::errc() || ptr != part.data() + part.size()) {
    // Dates as bounds: compare as day numbers.
    if (auto d = parse_date(part)) return static_cast<double>(d->days);
    return std::nullopt;
  }
  return v;
}

std::string format_real(double v) {
  std::string s = fmt::format("{}", v);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0u : 1u)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

std::optional<double> ParamSpec::min() const { return range_bound(range, false); }
std::optional<double> ParamSpec::max() const { return range_bound(range, true); }

std::vector<std::string> ParamSpec::choices() const {
  std::vector<std::string> out;
  if (type != ParamType::Text || range.empty()) return out;
  std::size_t start = 0;
  for (;;) {
    const auto bar = range.find('|', start);
    out.emplace_back(range.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return out;
}

std::span<const ParamSpec> parameter_table() {
  static const std::vector<ParamSpec> table = build_table();
  return table;
}

const ParamSpec* find_param(std::string_view key) {
  for (const auto& s : parameter_table())
    if (s.key == key) return &s;
  return nullptr;
}

std::string_view type_name(ParamType t) {
  switch (t) {
    case ParamType::Real: return "real";
    case ParamType::Int: return "integer";
    case ParamType::Bool: return "boolean";
    case ParamType::Date: return "date";
    case ParamType::Text: return "text";
    case ParamType::RealList: return "list of reals";
  }
  return "?";
}

std::string value_as_toml(const Params& p, const ParamSpec& spec) {
  return std::visit(
      [&](auto member) -> std::string {
        const auto& v = p.*member;
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, double>) return format_real(v);
        else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
        else if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
        else if constexpr (std::is_same_v<T, Date>) return format_date(v);
        else if constexpr (std::is_same_v<T, std::string>) {
          return toml_string(v);
        } else {
          std::string s = "[";
          for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + format_real(v[i]);
          return s + "]";
        }
      },
      spec.member);
}

std::optional<std::string> check_range(const Params& p, const ParamSpec& spec) {
  const auto lo = spec.min(), hi = spec.max();
  auto out_of = [&](double x) { return (lo && x < *lo) || (hi && x > *hi) || std::isnan(x); };
  auto range_text = [&] { return fmt::format("must be in {}", spec.range); };
  switch (spec.type) {
    case ParamType::Real: {
      const double v = p.*std::get<double Params::*>(spec.member);
      if (out_of(v)) return fmt::format("{} {}, found {}", range_text(), spec.unit, format_real(v));
      break;
    }
    case ParamType::Int: {
      const auto v = p.*std::get<std::int64_t Params::*>(spec.member);
      if (out_of(static_cast<double>(v))) return fmt::format("{} {}, found {}", range_text(), spec.unit, v);
      break;
    }
    case ParamType::Date: {
      const auto v = p.*std::get<Date Params::*>(spec.member);
      if (out_of(v.days)) return fmt::format("{}, found {}", range_text(), format_date(v));
      break;
    }
    case ParamType::Text: {
      const auto& v = p.*std::get<std::string Params::*>(spec.member);
      const auto c = spec.choices();
      if (!c.empty() && std::find(c.begin(), c.end(), v) == c.end())
        return fmt::format("must be one of {}, found \"{}\"", fmt::join(c, ", "), v);
      if (std::string_view(spec.key) == "scenario.name") return folder_name_problem(v);
      break;
    }
    case ParamType::RealList: {
      const auto& v = p.*std::get<std::vector<double> Params::*>(spec.member);
      const auto expected = param_default::RealList(std::string(spec.default_text).c_str()).size();
      if (v.size() != expected) return fmt::format("must have {} elements, found {}", expected, v.size());
      for (std::size_t i = 0; i < v.size(); ++i)
        if (out_of(v[i])) return fmt::format("element {} {} {}, found {}", i + 1, range_text(), spec.unit, format_real(v[i]));
      break;
    }
    case ParamType::Bool: break;
  }
  return std::nullopt;
}

std::string toml_string(std::string_view v) {
  std::string s = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') s += '\\';
    if ((c >= 0 && c < 32 && c != '\t') || c == 127) s += fmt::format("\\u{:04X}", static_cast<unsigned>(c));
    else s += c;
  }
  return s + "\"";
}

namespace {
std::string escape_cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else out += c;
  }
  return out;
}
}  // namespace

std::string parameters_markdown() {
  std::string s =
      "# Parameters\n\n"
      "Generated by `tongchou params --markdown` from `src/scenario/parameters.def`; do not edit by hand.\n"
      "A test fails when this file and the table drift apart. Set any parameter in a scenario file under its\n"
      "section (`[transmission]` then `r0 = 3`) or on the command line (`--set transmission.r0=3`).\n"
      "\"U\" in a source marks a value not confirmed in a primary source: an adjustable default.\n";
  std::string_view section;
  for (const auto& p : parameter_table()) {
    if (p.section != section) {
      section = p.section;
      s += fmt::format("\n## [{}]\n\n| name | type | default | unit | range | meaning | source |\n|---|---|---|---|---|---|---|\n",
                       section);
    }
    s += fmt::format("| `{}` | {} | `{}` | {} | {} | {} | {} |\n", p.key, type_name(p.type), p.default_text,
                     escape_cell(p.unit), escape_cell(p.range), escape_cell(p.meaning), escape_cell(p.source));
  }
  return s;
}

std::string parameters_text() { return parameters_text(""); }

std::string parameters_text(std::string_view only) {
  std::string s;
  std::string_view section;
  for (const auto& p : parameter_table()) {
    if (!only.empty() && p.section != only) continue;
    if (p.section != section) {
      section = p.section;
      s += fmt::format("\n[{}]\n", section);
    }
    s += fmt::format("  {:<42} {:<8} default {}", p.key, type_name(p.type), p.default_text);
    if (!p.unit.empty()) s += fmt::format(" {}", p.unit);
    if (!p.range.empty()) s += fmt::format("  range {}", p.range);
    s += fmt::format("\n      {}\n", p.meaning);
    if (!p.source.empty()) s += fmt::format("      source: {}\n", p.source);
  }
  return s;
}

std::vector<std::string> closest_names(std::string_view word, const std::vector<std::string>& candidates) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  for (const auto& c : candidates) {
    const auto d = edit_distance(word, c);
    if (d <= limit) scored.emplace_back(d, c);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (auto& [d, c] : scored) out.push_back(c);
  return out;
}

}  // namespace tongchou

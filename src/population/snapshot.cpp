#include "population/snapshot.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdio>
#include <cstring>
#include <map>
#include <sstream>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include "core/atomic_file.hpp"
#include "core/checksum.hpp"
#include "core/error.hpp"
#include "core/mapped_file.hpp"

namespace tongchou {

static_assert(std::endian::native == std::endian::little, "population snapshots are little-endian arrays, copied as they are");

namespace {

// The header: magic[8], version u32, key_bytes u32, file_bytes u64, checksum u64 (of bytes [32, file_bytes)),
// section_count u32, reserved u32 (0); then the key text, zero padding to 8 bytes, the directory (kEntryBytes per
// section: name[32] NUL-padded, element_bytes u32, reserved u32, count u64, offset u64), zero padding to 64 bytes,
// and the sections, each at an offset that is a multiple of 64.
constexpr std::array<char, 8> kMagic = {'T', 'C', 'P', 'O', 'P', 'S', 'N', 'P'};
constexpr std::size_t kHeaderBytes = 40, kChecksummedFrom = 32, kNameBytes = 32, kEntryBytes = 56, kAlign = 64;
constexpr const char* kKey = "population.snapshot";

std::size_t round_up(std::size_t n, std::size_t a) { return (n + a - 1) / a * a; }

template <class T>
void put(std::string& out, T x) {
  static_assert(std::is_trivially_copyable_v<T>);
  out.append(reinterpret_cast<const char*>(&x), sizeof x);
}
template <class T>
T get(const unsigned char* p) {
  T x;
  std::memcpy(&x, p, sizeof x);
  return x;
}

struct Section {
  std::string name;
  std::uint32_t element_bytes = 0;
  std::uint64_t count = 0, offset = 0;
  const void* data = nullptr;
  std::vector<unsigned char> owned;  // a column gathered from a vector of structs
};

// Every array of a Population, in file order, for the writer (Collect) and the reader (Load): one list, so the two
// cannot disagree. Types come from the members themselves: narrowing one changes its element size, and a snapshot
// with the old size is refused (raise kSnapshotFormatVersion anyway).
template <class V, class P>
void describe(V& v, P& pop) {
  v.value("scale", pop.scale);
  v.array("age", pop.age);
  v.array("flags", pop.flags);
  v.array("occupation", pop.occupation);
  v.array("primary_group", pop.primary_group);
  v.array("sector", pop.sector);

  v.table("districts", pop.districts);
  v.column("districts.adcode", pop.districts, &District::adcode);
  v.column("districts.name_zh", pop.districts, &District::name_zh);
  v.column("districts.name_en", pop.districts, &District::name_en);
  v.column("districts.census_population", pop.districts, &District::census_population);
  v.column("districts.first_township", pop.districts, &District::first_township);
  v.column("districts.township_count", pop.districts, &District::township_count);
  v.column("districts.first_person", pop.districts, &District::first_person);
  v.column("districts.person_count", pop.districts, &District::person_count);
  v.column("districts.first_hospital", pop.districts, &District::first_hospital);
  v.column("districts.hospital_count", pop.districts, &District::hospital_count);

  v.table("townships", pop.townships);
  v.column("townships.code", pop.townships, &Township::code);
  v.column("townships.name", pop.townships, &Township::name);
  v.column("townships.type", pop.townships, &Township::type);
  v.column("townships.district", pop.townships, &Township::district);
  v.column("townships.first_person", pop.townships, &Township::first_person);
  v.column("townships.person_count", pop.townships, &Township::person_count);
  v.column("townships.first_nbhd", pop.townships, &Township::first_neighbourhood);
  v.column("townships.nbhd_count", pop.townships, &Township::neighbourhood_count);

  v.table("nbhds", pop.neighbourhoods);
  v.column("nbhds.township", pop.neighbourhoods, &Neighbourhood::township);
  v.column("nbhds.urban", pop.neighbourhoods, &Neighbourhood::urban);
  v.column("nbhds.first_household", pop.neighbourhoods, &Neighbourhood::first_household);
  v.column("nbhds.household_count", pop.neighbourhoods, &Neighbourhood::household_count);

  v.array("household_first", pop.household_first);
  v.array("household_nbhd", pop.household_neighbourhood);
  v.array("household_collective", pop.household_collective);

  v.array("group_kind", pop.group_kind);
  v.array("group_parent", pop.group_parent);
  v.array("group_township", pop.group_township);
  v.members(pop.members);
  v.array("class_grade", pop.class_grade);

  v.array("venue_first", pop.venue_first);
  v.array("venue_count", pop.venue_count);
  v.array("transport_first", pop.transport_first);
  v.array("transport_count", pop.transport_count);
  v.value("membership_seed", pop.membership_seed);
  v.fixed("venue_patron_share", pop.venue_patron_share);

  v.table("enterprises", pop.enterprises);
  v.column("enterprises.sector", pop.enterprises, &Enterprise::sector);
  v.column("enterprises.size_class", pop.enterprises, &Enterprise::size_class);
  v.column("enterprises.district", pop.enterprises, &Enterprise::district);
  v.column("enterprises.township", pop.enterprises, &Enterprise::township);
  v.column("enterprises.first_team", pop.enterprises, &Enterprise::first_team);
  v.column("enterprises.team_count", pop.enterprises, &Enterprise::team_count);
  v.column("enterprises.employees", pop.enterprises, &Enterprise::employees);

  v.table("hospitals", pop.hospitals);
  v.column("hospitals.district", pop.hospitals, &Hospital::district);
  v.column("hospitals.group", pop.hospitals, &Hospital::group);
  v.column("hospitals.beds", pop.hospitals, &Hospital::beds);
  v.column("hospitals.icu_beds", pop.hospitals, &Hospital::icu_beds);
}

// The writer's side: each array as a section (pointing at the population's own memory, or at a gathered column).
struct Collect {
  std::vector<Section> sections;

  Section& add(std::string name, std::uint32_t element_bytes, std::uint64_t count, const void* data) {
    Section& s = sections.emplace_back();
    s.name = std::move(name), s.element_bytes = element_bytes, s.count = count, s.data = data;
    return s;
  }
  template <class T>
  void array(const char* name, const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    add(name, sizeof(T), v.size(), v.data());
  }
  template <class T>
  void value(const char* name, const T& x) {
    static_assert(std::is_trivially_copyable_v<T>);
    add(name, sizeof(T), 1, &x);
  }
  template <class T, std::size_t N>
  void fixed(const char* name, const std::array<T, N>& a) {
    add(name, sizeof(T), N, a.data());
  }
  void members(const GroupMembers& m) {
    array("member_offset", m.offsets());
    array("member_base", m.bases());
    array("members", m.units());
  }
  template <class S>
  void table(const char* name, const std::vector<S>& rows) {
    Section& s = add(std::string(name) + ".rows", sizeof(std::uint64_t), 1, nullptr);
    s.owned.resize(sizeof(std::uint64_t));
    const std::uint64_t n = rows.size();
    std::memcpy(s.owned.data(), &n, sizeof n);
    s.data = s.owned.data();
  }
  template <class S, class M>
  void column(const char* name, const std::vector<S>& rows, M S::*member) {
    if constexpr (std::is_same_v<M, std::string>) {
      Section& off = add(std::string(name) + ".off", sizeof(std::uint64_t), rows.size() + 1, nullptr);
      std::string chars;
      std::uint64_t at = 0;
      off.owned.resize((rows.size() + 1) * sizeof(std::uint64_t));
      for (std::size_t i = 0; i <= rows.size(); ++i) {
        std::memcpy(off.owned.data() + i * sizeof at, &at, sizeof at);
        if (i < rows.size()) chars += rows[i].*member, at = chars.size();
      }
      off.data = off.owned.data();
      Section& chr = add(std::string(name) + ".chr", 1, chars.size(), nullptr);
      chr.owned.assign(chars.begin(), chars.end());
      chr.data = chr.owned.data();
    } else {
      static_assert(std::is_trivially_copyable_v<M>);
      Section& s = add(name, sizeof(M), rows.size(), nullptr);
      s.owned.resize(rows.size() * sizeof(M));
      for (std::size_t i = 0; i < rows.size(); ++i) std::memcpy(s.owned.data() + i * sizeof(M), &(rows[i].*member), sizeof(M));
      s.data = s.owned.data();
    }
  }
};

[[noreturn]] void refuse(const std::filesystem::path& path, const std::string& why) {
  throw InputError({{path.string(), 0, 0, kKey, why}});
}

// The reader's side: each array from its section, checked against the directory in order.
struct Load {
  const std::filesystem::path& path;
  const unsigned char* base;
  std::vector<Section> dir;
  std::size_t next = 0;

  const Section& take(const std::string& name, std::size_t element_bytes) {
    if (next >= dir.size()) refuse(path, fmt::format("the snapshot ends before section {} (damaged or of another layout)", name));
    const Section& s = dir[next++];
    if (s.name != name || s.element_bytes != element_bytes)
      refuse(path, fmt::format("section {} of {}-byte elements expected, found {} of {}-byte elements (another layout)", name,
                               element_bytes, s.name, s.element_bytes));
    return s;
  }
  template <class T>
  void copy(const Section& s, T* to) {
    if (s.count > 0) std::memcpy(static_cast<void*>(to), base + s.offset, s.count * sizeof(T));
  }
  template <class T>
  void array(const char* name, std::vector<T>& v) {
    const Section& s = take(name, sizeof(T));
    v.resize(s.count);
    copy(s, v.data());
  }
  template <class T>
  void value(const char* name, T& x) {
    const Section& s = take(name, sizeof(T));
    if (s.count != 1) refuse(path, fmt::format("section {} holds {} values, not 1", name, s.count));
    copy(s, &x);
  }
  template <class T, std::size_t N>
  void fixed(const char* name, std::array<T, N>& a) {
    const Section& s = take(name, sizeof(T));
    if (s.count != N) refuse(path, fmt::format("section {} holds {} values, not {}", name, s.count, N));
    copy(s, a.data());
  }
  void members(GroupMembers& m) {
    std::vector<std::uint32_t> offsets, bases;
    std::vector<std::uint16_t> units;
    array("member_offset", offsets);
    array("member_base", bases);
    array("members", units);
    if (const std::string why = GroupMembers::from_arrays(std::move(offsets), std::move(bases), std::move(units), m); !why.empty())
      refuse(path, "inconsistent: " + why);
  }
  template <class S>
  void table(const char* name, std::vector<S>& rows) {
    const Section& s = take(std::string(name) + ".rows", sizeof(std::uint64_t));
    if (s.count != 1) refuse(path, fmt::format("section {}.rows holds {} values, not 1", name, s.count));
    const auto n = get<std::uint64_t>(base + s.offset);
    if (n > 0xFFFFFFFFull) refuse(path, fmt::format("{} rows of {}: more than any population has", n, name));
    rows.assign(n, S{});
  }
  template <class S, class M>
  void column(const char* name, std::vector<S>& rows, M S::*member) {
    if constexpr (std::is_same_v<M, std::string>) {
      const Section& off = take(std::string(name) + ".off", sizeof(std::uint64_t));
      const Section& chr = take(std::string(name) + ".chr", 1);
      if (off.count != rows.size() + 1) refuse(path, fmt::format("section {}.off holds {} offsets for {} rows", name, off.count, rows.size()));
      std::uint64_t prev = 0;
      for (std::size_t i = 0; i <= rows.size(); ++i) {
        const std::uint64_t at = get<std::uint64_t>(base + off.offset + i * sizeof(std::uint64_t));
        if (at < prev || at > chr.count || (i == 0 && at != 0) || (i == rows.size() && at != chr.count))
          refuse(path, fmt::format("section {}.off: offsets out of order or outside the text", name));
        if (i > 0) rows[i - 1].*member = std::string(reinterpret_cast<const char*>(base + chr.offset + prev), at - prev);
        prev = at;
      }
    } else {
      const Section& s = take(name, sizeof(M));
      if (s.count != rows.size()) refuse(path, fmt::format("section {} holds {} values for {} rows", name, s.count, rows.size()));
      for (std::size_t i = 0; i < rows.size(); ++i) {
        if constexpr (std::is_same_v<M, bool>) {
          const unsigned char b = base[s.offset + i];
          if (b > 1) refuse(path, fmt::format("section {}: value {} is not a boolean", name, b));
          rows[i].*member = b == 1;
        } else {
          std::memcpy(&(rows[i].*member), base + s.offset + i * sizeof(M), sizeof(M));
        }
      }
    }
  }
};

// "population.scale=8\n..." as key -> value.
std::map<std::string, std::string> key_lines(const std::string& key) {
  std::map<std::string, std::string> out;
  std::istringstream in(key);
  for (std::string line; std::getline(in, line);) {
    const auto eq = line.find('=');
    if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return out;
}

std::string key_difference(const std::string& made, const std::string& wanted) {
  const auto a = key_lines(made), b = key_lines(wanted);
  std::vector<std::string> diffs;
  auto name = [](const std::string& k) { return k == "seed" ? std::string("population seed") : k; };
  for (const auto& [k, v] : b) {
    const auto it = a.find(k);
    if (it == a.end()) diffs.push_back(fmt::format("{}: not recorded in the snapshot (this scenario: {})", name(k), v));
    else if (it->second != v) diffs.push_back(fmt::format("{} = {} in the snapshot, {} in this scenario", name(k), it->second, v));
  }
  for (const auto& [k, v] : a)
    if (!b.count(k)) diffs.push_back(fmt::format("{}: in the snapshot ({}), unknown to this tongchou", name(k), v));
  std::string out;
  for (std::size_t i = 0; i < diffs.size() && i < 6; ++i) out += (i ? "; " : "") + diffs[i];
  if (diffs.size() > 6) out += fmt::format("; and {} more", diffs.size() - 6);
  return out;
}

// Ids and ranges that index other arrays: a snapshot that passes these cannot make the simulation read out of bounds.
std::string inconsistency(const Population& p) {
  const std::size_t n = p.persons(), H = p.households(), G = p.groups(), T = p.townships.size(), N = p.neighbourhoods.size(),
                    D = p.districts.size();
  auto per_person = {p.flags.size(), p.occupation.size(), p.primary_group.size(), p.sector.size()};
  for (auto s : per_person)
    if (s != n) return "the per-person arrays differ in length";
  if (p.household_first.size() != H + 1 || p.household_collective.size() != H) return "the household arrays differ in length";
  if (p.household_first.front() != 0 || p.household_first.back() != n || !std::is_sorted(p.household_first.begin(), p.household_first.end()))
    return "household_first is not an ordered index of the persons";
  if (p.group_parent.size() != G || p.group_township.size() != G || p.class_grade.size() != G || p.members.groups() != G)
    return "the group arrays differ in length";
  if (p.venue_first.size() != T * kVenueTypes || p.venue_count.size() != T * kVenueTypes || p.transport_first.size() != T ||
      p.transport_count.size() != T)
    return "the venue and transport lookups do not match the townships";
  for (std::size_t i = 0; i < n; ++i)
    if (p.primary_group[i] >= G && p.primary_group[i] != kNone) return fmt::format("person {} has a bad group", i);
  for (std::size_t g = 0; g < G; ++g)
    for (const PersonId m : p.members[static_cast<GroupId>(g)])
      if (m >= n) return fmt::format("a member of group {} is not a person", g);
  for (std::size_t h = 0; h < H; ++h)
    if (p.household_neighbourhood[h] >= N) return fmt::format("household {} has a bad neighbourhood", h);
  for (std::size_t g = 0; g < G; ++g)
    if (static_cast<int>(p.group_kind[g]) > static_cast<int>(GroupKind::Hospital) || (p.group_township[g] >= T && p.group_township[g] != kNone))
      return fmt::format("group {} has a bad kind or township", g);
  for (std::size_t i = 0; i < p.venue_first.size(); ++i)
    if (std::uint64_t{p.venue_first[i]} + p.venue_count[i] > G) return "a venue lookup points outside the groups";
  for (std::size_t i = 0; i < T; ++i)
    if (std::uint64_t{p.transport_first[i]} + p.transport_count[i] > G) return "a transport lookup points outside the groups";
  for (const auto& nb : p.neighbourhoods)
    if (nb.township >= T || std::uint64_t{nb.first_household} + nb.household_count > H) return "a neighbourhood has a bad township or households";
  for (const auto& t : p.townships)
    if (t.district >= D || std::uint64_t{t.first_person} + t.person_count > n || std::uint64_t{t.first_neighbourhood} + t.neighbourhood_count > N)
      return "a township has a bad district, persons or neighbourhoods";
  for (const auto& d : p.districts)
    if (std::uint64_t{d.first_township} + d.township_count > T || std::uint64_t{d.first_person} + d.person_count > n ||
        std::uint64_t{d.first_hospital} + d.hospital_count > p.hospitals.size())
      return "a district has bad townships, persons or hospitals";
  for (const auto& e : p.enterprises)
    if (e.district >= D || e.township >= T || std::uint64_t{e.first_team} + e.team_count > G) return "an enterprise has a bad district, township or teams";
  for (const auto& h : p.hospitals)
    if (h.district >= D || h.group >= G) return "a hospital has a bad district or group";
  return {};
}

}  // namespace

void write_population_snapshot(const Population& pop, const std::string& key, const std::filesystem::path& path) {
  Collect c;
  describe(c, pop);
  const std::size_t key_end = kHeaderBytes + key.size(), dir_at = round_up(key_end, 8);
  std::size_t at = round_up(dir_at + c.sections.size() * kEntryBytes, kAlign);
  for (auto& s : c.sections) {
    if (s.name.size() >= kNameBytes) throw std::logic_error("snapshot section name too long: " + s.name);
    s.offset = at;
    at = round_up(at + s.count * s.element_bytes, kAlign);
  }
  const std::uint64_t file_bytes = at;

  std::string front;  // bytes [kChecksummedFrom, first section)
  put(front, static_cast<std::uint32_t>(c.sections.size()));
  put(front, std::uint32_t{0});
  front += key;
  front.resize(dir_at - kChecksummedFrom, '\0');
  for (const auto& s : c.sections) {
    std::array<char, kNameBytes> name{};
    std::memcpy(name.data(), s.name.data(), s.name.size());
    front.append(name.data(), name.size());
    put(front, s.element_bytes);
    put(front, std::uint32_t{0});
    put(front, s.count);
    put(front, s.offset);
  }
  front.resize(c.sections.empty() ? front.size() : c.sections.front().offset - kChecksummedFrom, '\0');

  // The sections and their padding, in order, to `sink` (twice: for the checksum, then to the file).
  const std::array<char, kAlign> zeros{};
  auto each_chunk = [&](auto&& sink) {
    sink(front.data(), front.size());
    for (const auto& s : c.sections) {
      const auto* p = static_cast<const char*>(s.data);
      std::size_t left = s.count * s.element_bytes;
      for (std::size_t step = 0; left > 0; p += step, left -= step) sink(p, step = std::min<std::size_t>(left, 1 << 20));
      const std::size_t used = s.count * s.element_bytes;
      sink(zeros.data(), round_up(used, kAlign) - used);
    }
  };
  Checksum sum;
  each_chunk([&](const char* p, std::size_t n) { sum.update(p, n); });

  std::string header;
  header.append(kMagic.data(), kMagic.size());
  put(header, kSnapshotFormatVersion);
  put(header, static_cast<std::uint32_t>(key.size()));
  put(header, file_bytes);
  put(header, sum.value());
  AtomicFile file(path);
  file.write(header);
  each_chunk([&](const char* p, std::size_t n) { file.write(std::string_view(p, n)); });
  file.commit();
}

void check_snapshot_output(const std::filesystem::path& path) {
  std::error_code ec;
  const auto st = std::filesystem::symlink_status(path, ec);
  if (st.type() == std::filesystem::file_type::not_found) {
    if (path.has_parent_path()) prepare_output_directory(path.parent_path());
    return;
  }
  if (st.type() != std::filesystem::file_type::regular)
    throw OutputError(path.string() + ": not a regular file; tongchou writes a population snapshot only to a new file or over an earlier snapshot");
  std::array<char, kMagic.size()> head{};
  std::FILE* f = std::fopen(path.c_str(), "rb");
  const bool ours = f && std::fread(head.data(), 1, head.size(), f) == head.size() && head == kMagic;
  if (f) std::fclose(f);
  if (!ours)
    throw OutputError(path.string() + ": exists and is not a population snapshot; tongchou replaces only an earlier snapshot "
                                      "(remove it or choose another name)");
}

Population read_population_snapshot(const std::filesystem::path& path, const std::string& expected_key) {
  const MappedFile file(path, kKey);
  const unsigned char* b = file.data();
  const std::size_t size = file.size();
  if (size < kHeaderBytes || std::memcmp(b, kMagic.data(), kMagic.size()) != 0)
    refuse(path, "not a population snapshot of tongchou (it does not begin with TCPOPSNP); write one with `tongchou population "
                 "SCENARIO -o FILE`");
  const auto version = get<std::uint32_t>(b + 8);
  if (version != kSnapshotFormatVersion)
    refuse(path, fmt::format("snapshot format version {}; this tongchou reads version {}: write it again with `tongchou population`",
                             version, kSnapshotFormatVersion));
  const auto key_bytes = get<std::uint32_t>(b + 12);
  const auto file_bytes = get<std::uint64_t>(b + 16);
  if (file_bytes != size)
    refuse(path, fmt::format("{}: the header gives {} bytes, the file has {}", size < file_bytes ? "truncated" : "damaged (extra bytes)",
                             file_bytes, size));
  if (checksum(b + kChecksummedFrom, size - kChecksummedFrom) != get<std::uint64_t>(b + 24))
    refuse(path, "corrupted: its checksum does not match its contents");

  const auto sections = get<std::uint32_t>(b + 32);
  if (key_bytes > size - kHeaderBytes) refuse(path, "damaged: the population key runs past the end of the file");
  const std::string key(reinterpret_cast<const char*>(b + kHeaderBytes), key_bytes);
  if (key != expected_key)
    refuse(path, "made for another population: " + key_difference(key, expected_key) +
                     " (make one for this scenario with `tongchou population`)");

  const std::size_t dir_at = round_up(kHeaderBytes + key_bytes, 8);
  if (sections > (size - dir_at) / kEntryBytes) refuse(path, "damaged: the directory runs past the end of the file");
  Load load{path, b, {}, 0};
  for (std::size_t i = 0; i < sections; ++i) {
    const unsigned char* e = b + dir_at + i * kEntryBytes;
    Section s;
    s.name.assign(reinterpret_cast<const char*>(e), strnlen(reinterpret_cast<const char*>(e), kNameBytes));
    s.element_bytes = get<std::uint32_t>(e + kNameBytes);
    s.count = get<std::uint64_t>(e + kNameBytes + 8);
    s.offset = get<std::uint64_t>(e + kNameBytes + 16);
    if (s.element_bytes == 0 || s.offset > size || s.count > (size - s.offset) / s.element_bytes)
      refuse(path, fmt::format("damaged: section {} lies outside the file", s.name));
    load.dir.push_back(std::move(s));
  }
  Population pop;
  describe(load, pop);
  if (load.next != load.dir.size())
    refuse(path, fmt::format("{} sections more than this tongchou reads (another layout)", load.dir.size() - load.next));
  if (const std::string why = inconsistency(pop); !why.empty()) refuse(path, "inconsistent: " + why);
  // Each person's household is not stored: persons are ordered by household, household_first gives their ranges.
  try {
    pop.household = HouseholdIndex::from_first(pop.household_first);
  } catch (const std::invalid_argument& e) {
    refuse(path, std::string("inconsistent: ") + e.what());
  }
  return pop;
}

}  // namespace tongchou

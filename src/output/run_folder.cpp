#include "output/run_folder.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>  // renameat2
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/input_file.hpp"

namespace fs = std::filesystem;

namespace tongchou {

namespace {

constexpr const char* kPartialTag = "partial";
constexpr const char* kOldTag = "old";

// The files a run or a comparison wrote before folders had a manifest: such a folder may be replaced too.
constexpr const char* kLegacyRunFiles[] = {"daily.csv", "districts.csv", "infections.csv", "events.csv", "sectors.csv",
                                           "closed_loop.csv", "comparison.csv", "scenario.resolved.toml", "summary.json",
                                           "report.html"};

fs::path parent_of(const fs::path& target) { return target.has_parent_path() ? target.parent_path() : fs::path("."); }

fs::path sibling(const fs::path& target, const char* tag, long pid) {
  return parent_of(target) / ("." + target.filename().string() + ".tongchou-" + tag + "." + std::to_string(pid));
}

bool pid_alive(long pid) { return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM); }

// "NAME.tmp.<pid>" -> pid, or -1.
long temp_pid(std::string_view name, std::string_view base) {
  const std::string prefix = std::string(base) + ".tmp.";
  if (name.size() <= prefix.size() || name.substr(0, prefix.size()) != prefix) return -1;
  long pid = -1;
  const auto digits = name.substr(prefix.size());
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
  return ec == std::errc() && ptr == digits.data() + digits.size() ? pid : -1;
}

bool is_legacy_name(const std::string& name) {
  for (const char* known : kLegacyRunFiles)
    if (name == known || temp_pid(name, known) >= 0) return true;
  return false;
}

void fsync_dir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);  // best effort: some file systems cannot sync a directory
  ::close(fd);
}

std::string listing(const std::vector<std::string>& names) {
  std::string s;
  for (std::size_t i = 0; i < names.size() && i < 3; ++i) s += (i ? ", " : "") + names[i];
  if (names.size() > 3) s += " and " + std::to_string(names.size() - 3) + " more";
  return s;
}

// Why `target` may not be replaced by a folder of this kind, or "" when it may.
std::string replace_problem(const fs::path& target, FolderKind kind) {
  struct stat st {};
  if (::lstat(target.c_str(), &st) != 0) {
    if (errno == ENOENT) return "";
    return "cannot inspect output folder " + target.string() + ": " + errno_text(errno);
  }
  const std::string what = kind == FolderKind::Run ? "run" : "comparison";
  const std::string advice = ": give another -o, or move it away";
  if (!S_ISDIR(st.st_mode))
    return "output path " + target.string() + " is " + describe_path(target) + ", not a " + what +
           " folder; tongchou replaces only an empty folder or one it wrote" + advice;
  std::error_code ec;
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(target, ec)) names.push_back(entry.path().filename().string());
  if (ec) return "cannot read output folder " + target.string() + ": " + ec.message();
  std::sort(names.begin(), names.end());
  if (names.empty()) return "";
  std::vector<std::string> foreign;
  if (std::find(names.begin(), names.end(), kManifestName) != names.end()) {
    const auto text = read_regular_file(target / kManifestName);
    Manifest m;
    std::string error;
    if (!text.text || !parse_manifest(*text.text, m, error))
      return "output folder " + target.string() + " holds a manifest.json that tongchou did not write (" +
             (text.text ? error : text.error) + ")" + advice;
    if (m.kind != (kind == FolderKind::Run ? "run" : "compare"))
      return "output folder " + target.string() + " holds the output of `tongchou " + (m.kind == "run" ? "run" : m.kind) +
             "`, not of a " + what + advice;
    for (const auto& n : names)
      if (n != kManifestName && !m.find(n)) foreign.push_back(n);
  } else if (kind == FolderKind::Run) {
    for (const auto& n : names)
      if (!is_legacy_name(n)) foreign.push_back(n);
    const bool ours = std::find(names.begin(), names.end(), "summary.json") != names.end() ||
                      std::find(names.begin(), names.end(), "scenario.resolved.toml") != names.end();
    if (foreign.empty() && !ours)
      return "output folder " + target.string() + " holds " + listing(names) +
             " but no summary.json or scenario.resolved.toml: not recognisably a run of tongchou" + advice;
  } else {
    for (const auto& n : names)
      if (n != "report.html" && temp_pid(n, "report.html") < 0) foreign.push_back(n);
    if (foreign.empty() && std::find(names.begin(), names.end(), "report.html") != names.end() &&
        !is_tongchou_report(target / "report.html"))
      foreign.push_back("report.html");
  }
  if (!foreign.empty())
    return "output folder " + target.string() + " holds " + listing(foreign) +
           ", which tongchou did not write there; it replaces only an empty folder or one it wrote" + advice;
  return "";
}

// Removes what dead processes left beside the target; restores a previous folder that a killed fallback swap
// had set aside.
void remove_stale(const fs::path& target) {
  const std::string prefix = "." + target.filename().string() + ".tongchou-";
  std::error_code ec;
  std::vector<fs::path> partial, old;
  for (const auto& entry : fs::directory_iterator(parent_of(target), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string rest = name.substr(prefix.size());
    const auto dot = rest.find('.');
    if (dot == std::string::npos) continue;
    const std::string tag = rest.substr(0, dot), digits = rest.substr(dot + 1);
    long pid = -1;
    auto [ptr, perr] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
    if (perr != std::errc() || ptr != digits.data() + digits.size() || pid_alive(pid)) continue;
    if (tag == kPartialTag) partial.push_back(entry.path());
    else if (tag == kOldTag) old.push_back(entry.path());
  }
  for (const auto& p : old) {
    struct stat st {};
    if (::lstat(target.c_str(), &st) != 0 && errno == ENOENT && ::rename(p.c_str(), target.c_str()) == 0) continue;
    fs::remove_all(p, ec);
  }
  for (const auto& p : partial) fs::remove_all(p, ec);
}

void create_parent(const fs::path& target) {
  const fs::path parent = parent_of(target);
  std::error_code ec;
  if (!fs::is_directory(parent, ec)) {
    if (fs::exists(parent, ec))
      throw OutputError("cannot create output directory " + target.string() + ": " + parent.string() + " is " +
                        describe_path(parent) + ", not a directory");
    fs::create_directories(parent, ec);
    if (ec) throw OutputError("cannot create output directory " + parent.string() + ": " + ec.message());
  }
  if (::access(parent.c_str(), W_OK) != 0)
    throw OutputError("cannot write in " + parent.string() + " (for " + target.string() + "): " + errno_text(errno));
}

}  // namespace

fs::path normal_target(const fs::path& target) {
  fs::path t = target.lexically_normal();
  if (!t.has_filename() && t.has_parent_path()) t = t.parent_path();
  const std::string name = t.filename().string();
  if (name.empty() || name == "." || name == "..") {
    std::error_code ec;
    t = fs::absolute(t, ec).lexically_normal();
    if (!t.has_filename() && t.has_parent_path() && t != t.root_path()) t = t.parent_path();
  }
  return t;
}

bool is_tongchou_report(const fs::path& file) {
  const auto text = read_regular_file(file, 4096);  // the meta tag is in the page's head
  if (!text.text) return false;
  return text.text->find("<meta name=\"generator\" content=\"tongchou\">") != std::string::npos;
}

void check_output_file(const fs::path& file) {
  struct stat st {};
  std::error_code ec;
  const fs::path parent = file.has_parent_path() ? file.parent_path() : fs::path(".");
  for (const auto& entry : fs::directory_iterator(parent, ec)) {  // temporary files of dead processes
    const long pid = temp_pid(entry.path().filename().string(), file.filename().string());
    if (pid >= 0 && !pid_alive(pid)) fs::remove(entry.path(), ec);
  }
  if (::lstat(file.c_str(), &st) != 0) {
    if (errno == ENOENT) return;
    throw OutputError("cannot inspect " + file.string() + ": " + errno_text(errno));
  }
  if (!S_ISREG(st.st_mode))
    throw OutputError("will not replace " + file.string() + ": it is " + describe_path(file) +
                      ", not a report of tongchou; give another -o");
  if (!is_tongchou_report(file))
    throw OutputError("will not replace " + file.string() +
                      ": it is not a report written by tongchou; give another -o, or move it away");
}

void check_output_folder(const fs::path& target_in, FolderKind kind) {
  const fs::path target = normal_target(target_in);
  create_parent(target);
  remove_stale(target);
  if (const auto problem = replace_problem(target, kind); !problem.empty()) throw OutputError(problem);
}

StagedFolder::StagedFolder(fs::path target, FolderKind kind) : target_(normal_target(target)), kind_(kind) {
  create_parent(target_);
  staging_ = sibling(target_, kPartialTag, ::getpid());
  std::error_code ec;
  fs::remove_all(staging_, ec);  // left by an earlier process that had our pid
  if (::mkdir(staging_.c_str(), 0777) != 0)
    throw OutputError("cannot create staging folder " + staging_.string() + ": " + errno_text(errno));
}

StagedFolder::~StagedFolder() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

void StagedFolder::take_files(const fs::path& from, const std::vector<std::string>& skip) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(from, ec)) {
    const std::string name = entry.path().filename().string();
    if (std::find(skip.begin(), skip.end(), name) != skip.end() || !entry.is_regular_file(ec)) continue;
    const fs::path to = staging_ / name;
    if (::link(entry.path().c_str(), to.c_str()) == 0) continue;
    if (!fs::copy_file(entry.path(), to, ec))
      throw OutputError("cannot copy " + entry.path().string() + " to " + to.string() + ": " + ec.message());
  }
  if (ec) throw OutputError("cannot read folder " + from.string() + ": " + ec.message());
}

void StagedFolder::commit(Manifest manifest, bool carried_over) {
  manifest.kind = kind_ == FolderKind::Run ? "run" : "compare";
  std::error_code ec;
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(staging_, ec)) names.push_back(entry.path().filename().string());
  if (ec) throw OutputError("cannot read staging folder " + staging_.string() + ": " + ec.message());
  std::sort(names.begin(), names.end());
  for (const auto& name : names) {
    if (name == kManifestName || manifest.find(name) || carried_over) continue;
    const auto d = digest_file(staging_ / name);
    if (!d.error.empty()) throw OutputError("cannot read back " + (staging_ / name).string() + ": " + d.error);
    manifest.files.push_back({name, d.bytes, d.fnv1a64});
  }
  std::sort(manifest.files.begin(), manifest.files.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  write_file_atomically(staging_ / kManifestName, manifest_json(manifest));
  fsync_dir(staging_);

  if (const auto problem = carried_over ? std::string() : replace_problem(target_, kind_); !problem.empty()) {
    committed_ = true;  // keep what was written: the user decides
    throw OutputError(problem + "; this run's outputs are kept in " + staging_.string());
  }
  swap_in_folder(staging_, target_, true);
  committed_ = true;
}

void swap_in_folder(const fs::path& staging, const fs::path& target, bool exchange) {
  const fs::path parent = parent_of(target);
  std::error_code ec;
  if (::rename(staging.c_str(), target.c_str()) == 0) {  // no target yet (or an empty one)
    fsync_dir(parent);
    return;
  }
  if (errno != EEXIST && errno != ENOTEMPTY && errno != EISDIR)
    throw OutputError("cannot rename " + staging.string() + " to " + target.string() + ": " + errno_text(errno));
  if (exchange) {
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
      fsync_dir(parent);
      fs::remove_all(staging, ec);  // the staging name now holds the previous folder
      return;
    }
    if (errno != EINVAL && errno != ENOSYS)
      throw OutputError("cannot swap " + staging.string() + " with " + target.string() + ": " + errno_text(errno));
  }
  // No atomic exchange on this file system: set the previous folder aside, move the new one in. A process killed
  // in between leaves the previous folder under .<name>.tongchou-old.<pid>; the next run puts it back.
  const fs::path old = sibling(target, kOldTag, ::getpid());
  fs::remove_all(old, ec);
  if (::rename(target.c_str(), old.c_str()) != 0)
    throw OutputError("cannot move " + target.string() + " aside to " + old.string() + ": " + errno_text(errno));
  if (::rename(staging.c_str(), target.c_str()) != 0) {
    const std::string why = errno_text(errno);
    ::rename(old.c_str(), target.c_str());
    throw OutputError("cannot rename " + staging.string() + " to " + target.string() + ": " + why);
  }
  fsync_dir(parent);
  fs::remove_all(old, ec);
}

}  // namespace tongchou

#include "output/manifest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/input_file.hpp"

namespace tongchou {

const ManifestFile* Manifest::find(std::string_view name) const {
  for (const auto& f : files)
    if (f.name == name) return &f;
  return nullptr;
}

namespace {
constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;
std::uint64_t fnv1a64(std::uint64_t h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}
}  // namespace

std::string fnv1a64_hex(std::string_view bytes) { return fmt::format("{:016x}", fnv1a64(kFnvOffset, bytes)); }

FileDigest digest_file(const std::filesystem::path& file) {
  FileDigest d;
  std::uint64_t h = kFnvOffset;
  d.error = read_regular_chunks(file, [&](std::string_view bytes) {
    h = fnv1a64(h, bytes);
    d.bytes += bytes.size();
    return true;
  });
  if (d.error.empty()) d.fnv1a64 = fmt::format("{:016x}", h);
  return d;
}

std::string manifest_json(const Manifest& m) {
  nlohmann::ordered_json j;
  j["generator"] = m.generator;
  j["kind"] = m.kind;
  if (m.kind == "run") {
    j["scenario"] = m.scenario;
    j["seed"] = m.seed;
  }
  auto files = nlohmann::ordered_json::array();
  for (const auto& f : m.files) files.push_back({{"name", f.name}, {"bytes", f.bytes}, {"fnv1a64", f.fnv1a64}});
  j["files"] = std::move(files);
  return j.dump(2) + "\n";
}

bool parse_manifest(std::string_view text, Manifest& out, std::string& error) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    error = std::string("malformed JSON: ") + e.what();
    return false;
  }
  try {
    if (!j.is_object() || !j.contains("generator") || !j["generator"].is_string() ||
        j["generator"].get<std::string>().rfind("tongchou", 0) != 0) {
      error = "not a manifest written by tongchou (no \"generator\": \"tongchou ...\")";
      return false;
    }
    out.generator = j["generator"].get<std::string>();
    out.kind = j.value("kind", std::string("run"));
    out.scenario = j.contains("scenario") && j["scenario"].is_string() ? j["scenario"].get<std::string>() : "";
    out.seed = j.contains("seed") && j["seed"].is_number_integer() ? j["seed"].get<std::int64_t>() : -1;
    out.files.clear();
    if (!j.contains("files") || !j["files"].is_array()) {
      error = "\"files\" is missing or not a list";
      return false;
    }
    for (const auto& f : j["files"]) {
      ManifestFile mf;
      mf.name = f.at("name").get<std::string>();
      mf.bytes = f.at("bytes").get<std::uint64_t>();
      mf.fnv1a64 = f.at("fnv1a64").get<std::string>();
      if (mf.name.empty() || mf.name.find('/') != std::string::npos || mf.name == "." || mf.name == "..") {
        error = "a file name \"" + mf.name + "\" that is not a plain file name";
        return false;
      }
      out.files.push_back(std::move(mf));
    }
  } catch (const nlohmann::json::exception& e) {
    error = std::string("malformed entry: ") + e.what();
    return false;
  }
  return true;
}

std::vector<std::string> manifest_mismatches(const Manifest& m, const std::filesystem::path& dir, std::string_view ignore) {
  std::vector<std::string> out;
  for (const auto& f : m.files) {
    if (f.name == ignore) continue;
    const auto d = digest_file(dir / f.name);
    if (!d.error.empty()) {
      out.push_back(f.name + " " + (d.error == "missing" ? std::string("is missing (it was written by the run)") : d.error));
      continue;
    }
    if (d.bytes != f.bytes)
      out.push_back(fmt::format("{} changed after the run: {} bytes when written, {} now", f.name, f.bytes, d.bytes));
    else if (d.fnv1a64 != f.fnv1a64)
      out.push_back(f.name + " changed after the run: its checksum differs from manifest.json's");
  }
  std::error_code ec;
  std::vector<std::string> extra;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name == kManifestName || name.empty() || name[0] == '.' || name == ignore || m.find(name)) continue;
    extra.push_back(name);
  }
  std::sort(extra.begin(), extra.end());
  for (const auto& name : extra) out.push_back(name + " is not part of the run (not listed in manifest.json)");
  return out;
}

}  // namespace tongchou

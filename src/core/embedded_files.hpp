#pragma once
// Files compiled into the binary: region tables (data/) and built-in scenarios (scenarios/).
#include <optional>
#include <span>
#include <string_view>

namespace tongchou {

//! One embedded file, named by its path relative to the repository root (e.g. "data/chongqing/districts.csv").
struct EmbeddedFile {
  std::string_view path;
  std::string_view contents;
};

//! All embedded files, in a fixed order.
std::span<const EmbeddedFile> embedded_files();

//! The contents of an embedded file, or nothing if it is not embedded.
inline std::optional<std::string_view> find_embedded(std::string_view path) {
  for (const auto& f : embedded_files())
    if (f.path == path) return f.contents;
  return std::nullopt;
}

}  // namespace tongchou

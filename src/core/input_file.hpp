#pragma once
// Reading an input file (a scenario, a data table) safely: the path is checked before it is opened, so that a folder,
// a named pipe, a device or a socket given where a file is expected is refused with a clear message and never blocks;
// text that is not UTF-8 is refused with the line of the first bad byte.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace tongchou {

//! Largest input file read (scenarios and data tables are far smaller; this bounds memory for a wrong path).
inline constexpr std::uint64_t kMaxInputFileBytes = 256ull << 20;

//! What is at a path, as far as reading it as an input file goes.
enum class PathKind { Missing, Regular, Directory, Other };
PathKind path_kind(const std::string& path);

//! Reads a whole regular file. Throws InputError naming `path` with a human reason: "is a directory", "is not a regular
//! file (a named pipe)", "cannot read ...", "larger than ...". `what` names the file's role ("scenario file").
std::string read_input_file(const std::string& path, std::string_view what);

//! The first byte offset at which `text` is not valid UTF-8 (overlong forms, surrogates and values above U+10FFFF are
//! invalid too), or nullopt when all of it is.
std::optional<std::size_t> invalid_utf8_at(std::string_view text);

//! Throws InputError "not UTF-8 text" with the line and column of the first invalid byte, or when the text holds a NUL
//! byte (a binary file). `name` names the file in the message.
void require_utf8_text(std::string_view text, const std::string& name);

}  // namespace tongchou

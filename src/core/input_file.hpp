#pragma once
// Reading a file tongchou is given (a scenario, a data table, a plan, a run folder's files): the one reader. The path is
// checked before it is opened, so that a folder, a named pipe, a device or a socket given where a file is expected is
// refused with a clear message and never blocks (a FIFO would block the reader forever); text that is not UTF-8 is
// refused with the line of the first bad byte. Two ways of saying why not: read_input_file throws an InputError naming
// the file's role (inputs: scenarios, tables); read_regular_file and read_regular_chunks return a short reason (a run
// folder's files, which their readers name in their own messages).
#include <cstdint>
#include <filesystem>
#include <functional>
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

//! What is at a path, in words: "a directory", "a FIFO", "a device", "a socket", "a regular file", "nothing".
std::string describe_path(const std::filesystem::path& path);

//! Reads a whole regular file. Throws InputError naming `path` with a human reason: "is a directory", "is not a regular
//! file (a named pipe)", "cannot read ...", "larger than ...". `what` names the file's role ("scenario file").
std::string read_input_file(const std::string& path, std::string_view what);

//! The whole file, or an error message naming what is there instead ("is a FIFO, not a regular file",
//! "cannot open: Permission denied", "missing"); nothing is opened unless stat says it is a regular file. At most
//! `max_bytes` bytes are read (the start of the file).
struct FileText {
  std::optional<std::string> text;
  std::string error;
};
FileText read_regular_file(const std::filesystem::path& path, std::size_t max_bytes = static_cast<std::size_t>(-1));

//! Reads a regular file in pieces, passing each to `chunk` (which returns false to stop); returns "" or the error
//! as read_regular_file gives it.
std::string read_regular_chunks(const std::filesystem::path& path, const std::function<bool(std::string_view)>& chunk);

//! The text of errno `code` ("No space left on device").
std::string errno_text(int code);

//! The first byte offset at which `text` is not valid UTF-8 (overlong forms, surrogates and values above U+10FFFF are
//! invalid too), or nullopt when all of it is.
std::optional<std::size_t> invalid_utf8_at(std::string_view text);

//! Throws InputError "not UTF-8 text" with the line and column of the first invalid byte, or when the text holds a NUL
//! byte (a binary file). `name` names the file in the message.
void require_utf8_text(std::string_view text, const std::string& name);

}  // namespace tongchou

#pragma once
// Reading a file that must be a regular file: a directory, FIFO, socket or device where a file should be is refused
// before it is opened (a FIFO would block the reader forever).
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace tongchou {

//! What is at a path, in words: "a directory", "a FIFO", "a device", "a socket", "a regular file", "nothing".
std::string describe_path(const std::filesystem::path& path);

//! The whole file, or an error message naming what is there instead ("is a FIFO, not a regular file",
//! "cannot open: Permission denied"); nothing is opened unless stat says it is a regular file. At most
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

}  // namespace tongchou

#pragma once
// Errors carry where they come from (file, line, column, key) so that users can fix their input.
#include <stdexcept>
#include <string>
#include <vector>

namespace tongchou {

//! Process exit codes; documented in README.md and `tongchou --help`.
enum class ExitCode : int {
  Ok = 0,
  RuntimeError = 1,  //!< an unexpected failure inside the simulator
  BadInput = 2,      //!< command line, scenario or data file invalid
  OutputError = 3,   //!< the output directory or a file in it could not be written
  Interrupted = 130, //!< stopped by SIGINT; no partial output is left under final names
};

//! One problem found in an input, with its location.
struct Diagnostic {
  std::string file;
  int line = 0;    //!< 1-based; 0 when unknown
  int column = 0;  //!< 1-based; 0 when unknown
  std::string key; //!< key path (e.g. "transmission.r0") or column name
  std::string message;

  //! "file:line:column: key: message"
  std::string to_string() const;
};

//! Thrown when an input has one or more problems; carries all of them.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

//! Thrown when an output cannot be written.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace tongchou

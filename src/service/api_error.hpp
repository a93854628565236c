#pragma once
// An error of a request that the API answers with an HTTP status and {"error": message} (and "problems": the
// file:line:column: key: message lines of a scenario, as the command line prints them).
#include <stdexcept>
#include <string>
#include <vector>

namespace tongchou::service {

struct ApiError : std::runtime_error {
  ApiError(int http_status, const std::string& message, std::vector<std::string> lines = {})
      : std::runtime_error(message), status(http_status), problems(std::move(lines)) {}
  int status;
  std::vector<std::string> problems;
};

}  // namespace tongchou::service

#include "report/script_json.hpp"

namespace tongchou {

std::string script_safe(std::string_view json) {
  std::string out;
  out.reserve(json.size() + json.size() / 100);
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] == '<' && i + 1 < json.size() && (json[i + 1] == '/' || json[i + 1] == '!')) out += "\\u003c";
    else out += json[i];
  }
  return out;
}

}  // namespace tongchou

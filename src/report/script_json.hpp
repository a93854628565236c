#pragma once
// JSON placed inside a page's <script> element: the one escaping every page tongchou writes (report.html, the
// sweep's, the calibration's and the optimisation's reports) uses.
#include <string>
#include <string_view>

namespace tongchou {

//! `json` with every "</" and "<!" written as "\u003c/" and "\u003c!": the same JSON value, and no text that could
//! end the script element or open a comment inside it.
std::string script_safe(std::string_view json);

}  // namespace tongchou

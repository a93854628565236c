#include "report/page_shell.hpp"

namespace tongchou {

namespace {

constexpr std::string_view kBaseCss =
    R"CSS(body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 0; color: #222; background: #f6f6f4; }
header { padding: 12px 20px; background: #243b53; color: #fff; }
h1 { margin: 0; font-size: 20px; } #subtitle { font-size: 13px; opacity: .85; margin-top: 4px; }
h2 { font-size: 16px; margin: 0 0 8px; }
main { padding: 12px 20px; } .card { background: #fff; border-radius: 6px; padding: 12px; margin-bottom: 14px; box-shadow: 0 1px 3px #0002; }
)CSS";

}  // namespace

std::string page_shell_head(const PageShell& page) {
  std::string out = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="tongchou">
<title>tongchou )";
  out += page.title;
  out += "</title>\n<style>\n";
  out += kBaseCss;
  out += page.css;
  out += "</style>\n</head>\n<body>\n<!-- Written by tongchou (";
  out += page.writer;
  out += R"(). Self-contained: ECharts (Apache License 2.0,
     https://echarts.apache.org) and )";
  out += page.inlined;
  out += R"( are inlined; no network is used. -->
<header><h1 id="title"></h1><div id="subtitle"></div></header>
)";
  return out;
}

}  // namespace tongchou

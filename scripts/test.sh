#!/usr/bin/env bash
# Builds tongchou and runs every test: the release build runs all tests (unit, statistical, end-to-end, bad input,
# generated docs, derived data, the Python module under pytest, and the browser test of report.html in headless
# Chromium); a build with AddressSanitizer and UndefinedBehaviorSanitizer reruns the unit and bad-input tests. Exits
# non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"
ctest --preset release -j "$jobs"
if [ "${TONGCHOU_SKIP_SANITIZE:-0}" != "1" ]; then
  cmake --preset sanitize >/dev/null
  cmake --build --preset sanitize -j "$jobs" --target unit_tests tongchou
  ctest --preset sanitize -j "$jobs"
fi

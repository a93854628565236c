#!/usr/bin/env bash
# Builds tongchou and runs every test: the release build runs all tests (unit, statistical, end-to-end, bad input,
# generated docs, derived data, the Python module under pytest, `tongchou serve` against SQLite and a PostgreSQL the tests
# start themselves, and the browser tests of report.html and the service's dashboard in headless Chromium); a build
# with AddressSanitizer and UndefinedBehaviorSanitizer reruns the unit and bad-input tests;
# scripts/fuzz.sh fuzzes the scenario and run-folder readers for a bounded time (TONGCHOU_FUZZ_SECONDS, default 60 per
# target). Exits non-zero if anything fails. TONGCHOU_SKIP_SANITIZE=1 skips the sanitizer build, TONGCHOU_SKIP_FUZZ=1
# the fuzzing.
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
if [ "${TONGCHOU_SKIP_FUZZ:-0}" != "1" ]; then
  TONGCHOU_JOBS=$jobs scripts/fuzz.sh
fi

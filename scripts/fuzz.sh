#!/usr/bin/env bash
# Fuzzes the scenario reader and the run-folder reader with libFuzzer (clang, AddressSanitizer and
# UndefinedBehaviorSanitizer): builds the preset "fuzz" (build/fuzz), replays the regression inputs of
# tests/fuzz/regressions/<target>/ (inputs that once crashed), then fuzzes each target for TONGCHOU_FUZZ_SECONDS
# (default 60) from its corpus tests/fuzz/corpus/<target>/. Fails on any crash, leak, sanitizer report or timeout; the
# input that caused it is left in build/fuzz/artifacts/ (make it a regression test: copy it to
# tests/fuzz/regressions/<target>/ and add a unit or bad-input test, then fix). New inputs go to build/fuzz/corpus/,
# never into the repository's corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${TONGCHOU_FUZZ_SECONDS:-60}
jobs=${TONGCHOU_JOBS:-$(nproc)}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs" --target fuzz_scenario fuzz_run_folder
mkdir -p build/fuzz/artifacts
for target in fuzz_scenario fuzz_run_folder; do
  bin=build/fuzz/tests/fuzz/$target
  regressions=tests/fuzz/regressions/$target
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    echo "== $target: replaying $(ls "$regressions" | wc -l) regression inputs"
    "$bin" -runs=1 "$regressions"/*
  fi
  echo "== $target: fuzzing for ${seconds}s"
  mkdir -p "build/fuzz/corpus/$target"
  seeds=("tests/fuzz/corpus/$target")
  [ "$target" = fuzz_scenario ] && seeds+=(scenarios)  # the built-in scenarios as they are now
  # -timeout: an input taking over 10 s counts as a hang; -rss_limit_mb: a memory blow-up counts as a crash.
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="build/fuzz/artifacts/$target-" "build/fuzz/corpus/$target" "${seeds[@]}"
done
echo "fuzzing: no crash in ${seconds}s per target"

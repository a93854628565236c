#!/usr/bin/env bash
# Builds tongchou and its Python module (build/release/python, docs/python.md) and runs the built-in default scenario
# (chongqing); extra arguments go to `tongchou run`.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target tongchou tongchou_python
./build/release/tongchou run "$@"

#!/usr/bin/env bash
# Installs everything tongchou needs to build and test on Debian 12 (run as root): the C++ toolchain and libraries,
# clang with libFuzzer and its OpenMP runtime (scripts/fuzz.sh),
# Node.js and npm (report.html bundles ECharts from the npm registry), Chromium and a Chinese font (the browser test of
# report.html), pybind11, pandas and pytest for Debian's own Python 3 (the Python module, docs/python.md), nlopt
# (`tongchou calibrate`), pagmo2 (`tongchou optimise`), Open MPI (`mpirun -n R tongchou ensemble|sweep`,
# docs/outputs.md), cpp-httplib, SQLite, libpqxx, OpenSSL and PostgreSQL (`tongchou serve` and its store tests,
# docs/service.md), GNU time (the benchmarks in scripts/), then `npm ci` in web/ (versions pinned by
# web/package-lock.json).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(
  build-essential cmake ninja-build git python3 time
  libtomlplusplus-dev libcli11-dev libfmt-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev libomp-14-dev
  chromium fonts-wqy-microhei
  python3-dev pybind11-dev python3-pybind11 python3-pandas python3-pytest
  libnlopt-cxx-dev
  libpagmo-dev
  libopenmpi-dev openmpi-bin
  libcpp-httplib-dev libsqlite3-dev libpqxx-dev libssl-dev postgresql pkg-config
)
# Debian's nodejs and npm, unless a Node.js with npm is installed already (e.g. from NodeSource, which bundles npm).
command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
cd "$(dirname "$0")/../web"
if [ ! -f node_modules/echarts/dist/echarts.min.js ] || [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund
fi

#!/usr/bin/env bash
# What a calibration costs (issue 16 §2: a 200-evaluation fit of yunyang in 15 minutes or less on 2 cores): the wall
# time of `tongchou calibrate yunyang` fitting transmission.r0 and behaviour.distancing_max to yunyang's reported
# cases, a budget of EVALS evaluations of SEEDS seeds each (the search may stop before its budget, at the optimiser's
# tolerance: the script says how many it made), with the machine's load before and after.
# Usage: EVALS=200 SEEDS=2 bash scripts/bench_calibrate.sh [extra options, e.g. --threads 2 --scale 2]
set -euo pipefail
bin=${TONGCHOU:-$(dirname "$0")/../build/release/tongchou}
evals=${EVALS:-200}
seeds=${SEEDS:-2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/fit.toml" <<TOML
[[parameter]]
key = "transmission.r0"
lo = 1.5
hi = 4.0

[[parameter]]
key = "behaviour.distancing_max"
lo = 0.0
hi = 0.9

[evaluation]
seeds = $seeds

[search]
budget = $evals

[report]
runs = 20
TOML
echo "load before: $(uptime)"
start=$(date +%s.%N)
"$bin" calibrate yunyang --fit "$tmp/fit.toml" -o "$tmp/out" "$@" 2>"$tmp/progress" | tee "$tmp/summary"
end=$(date +%s.%N)
echo "load after:  $(uptime)"
n=$(($(wc -l < "$tmp/out/calibration.csv") - 1))
calls=$(grep -c '^  evaluation ' "$tmp/progress" || true)
# The search's share: the elapsed seconds printed when the report's runs begin.
search=$(grep 'the fitted scenario:' "$tmp/progress" | sed -E 's/.*\(([0-9.]+) s\)$/\1/')
awk -v s="$start" -v e="$end" -v n="$n" -v c="$calls" -v k="$seeds" -v q="$search" 'BEGIN {
  t = e - s
  printf "calibrate yunyang: %d optimiser calls, %d distinct evaluations of %d seeds: search %.0f s, %.1f s in all (with the 20 runs of the report)\n", c, n, k, q, t
  printf "%.2f s per evaluation; 200 evaluations would take %.1f min (+ %.0f s for the report)\n", q / n, (200 * q / n + t - q) / 60, t - q
}'

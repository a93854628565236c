#!/usr/bin/env bash
# How population.scale (one agent for k people) moves a run's figures: runs SCENARIO at each scale for seeds 1..SEEDS
# and writes one CSV row per run (scale, seed, wall seconds, health figures of summary.json) to standard output.
# Usage: SEEDS=10 SCALES="1 4 10" THREADS=16 bash scripts/scale_study.sh [SCENARIO] > scale.csv
# (docs/validation.md, "Scale", quotes a run of it on a 16-core machine.)
set -euo pipefail
scenario=${1:-chongqing}
bin=${TONGCHOU:-$(dirname "$0")/../build/release/tongchou}
seeds=${SEEDS:-10}
scales=${SCALES:-1 4 10}
threads=${THREADS:-$(nproc)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "scale,seed,wall_s,infections,local,confirmed,deaths,peak_in_hospital,zero_active"
for scale in $scales; do
  for seed in $(seq 1 "$seeds"); do
    t0=$(date +%s.%N)
    "$bin" run "$scenario" --scale "$scale" --seed "$seed" -q --threads "$threads" -o "$tmp/run" >/dev/null
    t1=$(date +%s.%N)
    python3 - "$scale" "$seed" "$t0" "$t1" "$tmp/run/summary.json" <<'PY'
import json, sys
h = json.load(open(sys.argv[5]))["health"]
keys = ["infections", "local_infections", "confirmed", "deaths", "peak_in_hospital", "zero_active_confirmed_date"]
print(",".join([sys.argv[1], sys.argv[2], "%.2f" % (float(sys.argv[4]) - float(sys.argv[3]))] + [str(h.get(k)) for k in keys]))
PY
  done
done

#!/usr/bin/env bash
# What an ensemble costs against one run (issue 18: an ensemble of 20 yunyang runs within 5x one yunyang run, on 2
# cores): the median wall time of RUNS repetitions of `tongchou run SCENARIO` and of `tongchou ensemble SCENARIO --runs N`.
# Usage: RUNS=3 N=20 bash scripts/bench_ensemble.sh [SCENARIO] [extra options, e.g. --threads 2]
set -euo pipefail
scenario=${1:-yunyang}
shift || true
bin=${TONGCHOU:-$(dirname "$0")/../build/release/tongchou}
reps=${RUNS:-3}
n=${N:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
wall() {  # seconds of one command, from /usr/bin/time
  /usr/bin/time -f "%e" "$@" 2>&1 >/dev/null | tail -1
}
one=() ens=()
for r in $(seq 1 "$reps"); do
  rm -rf "$tmp/one" "$tmp/ens"
  one+=("$(wall "$bin" run "$scenario" -q -o "$tmp/one" "$@")")
  ens+=("$(wall "$bin" ensemble "$scenario" --runs "$n" -q -o "$tmp/ens" "$@")")
done
m1=$(printf '%s\n' "${one[@]}" | median)
mn=$(printf '%s\n' "${ens[@]}" | median)
echo "one run of $scenario: ${one[*]} s (median $m1)"
echo "ensemble of $n runs:  ${ens[*]} s (median $mn)"
awk -v a="$m1" -v b="$mn" -v n="$n" 'BEGIN { printf "ensemble / one run = %.2f (%d runs one after another would be %d)\n", b / a, n, n }'

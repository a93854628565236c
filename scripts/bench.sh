#!/usr/bin/env bash
# Whole-run benchmarks: `tongchou run uncontrolled --people N --threads T` for N = 1 M and 10 M, T = 1 and 2;
# median wall time of RUNS runs (hyperfine), peak memory (/usr/bin/time), and the phase times the run prints.
# Optionally the full chongqing scenario on 2 threads (CHONGQING=1). Prints a Markdown table for docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { apt-get install -y -qq hyperfine >/dev/null; }
BIN=build/release/tongchou
RUNS=${RUNS:-5}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
echo "| people | threads | median wall s (min–max) | ns per person-day | peak RSS MB | bytes per person | phases (last run) |"
echo "|---|---|---|---|---|---|---|"
for n in ${SIZES:-1000000 10000000}; do
  for t in 1 2; do
    runs=$RUNS
    [ "$n" -ge 10000000 ] && runs=${RUNS_LARGE:-3}
    cmd="$BIN run uncontrolled --people $n --threads $t -q -o $OUT/u"
    hyperfine -w 0 -r "$runs" --export-json "$OUT/h.json" "$cmd" >/dev/null 2>&1
    read -r median min max < <(python3 -c "import json; r=json.load(open('$OUT/h.json'))['results'][0]; print(r['median'], r['min'], r['max'])")
    /usr/bin/time -f "%M" -o "$OUT/mem" $cmd > "$OUT/log"
    rss_kb=$(tail -1 "$OUT/mem")
    phases=$(grep "time " "$OUT/log" | sed 's/^ *//')
    python3 - "$n" "$t" "$median" "$min" "$max" "$rss_kb" "$phases" <<'PY'
import sys
n, t, med, lo, hi, rss, phases = sys.argv[1:]
n, med, lo, hi, rss = int(n), float(med), float(lo), float(hi), int(rss)
print(f"| {n:,} | {t} | {med:.2f} ({lo:.2f}–{hi:.2f}) | {med * 1e9 / (n * 200):.1f} | {rss / 1024:.0f} | {rss * 1024 / n:.0f} | {phases} |")
PY
  done
done
if [ "${CHONGQING:-0}" = "1" ]; then
  /usr/bin/time -f "%e %M" -o "$OUT/cq" $BIN run chongqing --threads 2 -q -o "$OUT/cq_out" > "$OUT/cqlog"
  read -r secs kb < "$OUT/cq"
  echo
  echo "chongqing (2 threads): ${secs} s wall, peak RSS $((kb / 1024)) MB; $(grep 'time ' "$OUT/cqlog" | sed 's/^ *//')"
fi

#!/usr/bin/env bash
# Whole-run benchmarks: `tongchou run uncontrolled --people N --threads T` for N = 1 M and 10 M, T = 1 and 2;
# median wall time of RUNS runs (hyperfine), peak memory (/usr/bin/time), and the phase times the run prints.
# Optionally the full chongqing scenario on 2 threads (CHONGQING=1). Prints a Markdown table for docs/performance.md,
# then the 1 M x 200 days 1-thread run over the reference kernel (bench/reference_kernel.c: 120 random look-ups per
# person and 200 passes over 16 bytes per person), by median wall time and by mean CPU time (user + system); issue
# 20's target is at most 2.0. SIZES="1000000" skips 10 M; KERNEL=0 skips the kernel.
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
    read -r median min max cpu < <(python3 -c "import json; r=json.load(open('$OUT/h.json'))['results'][0]; print(r['median'], r['min'], r['max'], r['user'] + r['system'])")
    [ "$n" = 1000000 ] && [ "$t" = 1 ] && echo "$median $cpu" > "$OUT/one_million"
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
if [ "${KERNEL:-1}" = "1" ] && [ -f "$OUT/one_million" ]; then
  cc -O2 -o "$OUT/kernel" bench/reference_kernel.c
  hyperfine -w 1 -r "$RUNS" --export-json "$OUT/k.json" "$OUT/kernel" >/dev/null 2>&1
  read -r kmedian kcpu < <(python3 -c "import json; r=json.load(open('$OUT/k.json'))['results'][0]; print(r['median'], r['user'] + r['system'])")
  read -r median cpu < "$OUT/one_million"
  echo
  python3 - "$median" "$cpu" "$kmedian" "$kcpu" <<'PY'
import sys
m, c, km, kc = map(float, sys.argv[1:])
print(f"reference kernel (1 M persons, 200 days): {km:.2f} s wall, {kc:.2f} s CPU; "
      f"tongchou 1 M x 200 days, 1 thread: {m:.2f} s wall, {c:.2f} s CPU; "
      f"ratio {m / km:.2f} by wall time, {c / kc:.2f} by CPU time (target <= 2.0)")
PY
fi
if [ "${CHONGQING:-0}" = "1" ]; then
  /usr/bin/time -f "%e %M" -o "$OUT/cq" $BIN run chongqing --threads 2 -q -o "$OUT/cq_out" > "$OUT/cqlog"
  read -r secs kb < "$OUT/cq"
  echo
  echo "chongqing (2 threads): ${secs} s wall, peak RSS $((kb / 1024)) MB; $(grep 'time ' "$OUT/cqlog" | sed 's/^ *//')"
fi

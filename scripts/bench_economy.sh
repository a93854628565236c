#!/usr/bin/env bash
# What the economy adds to the run time of the built-in chongqing scenario (issue 5: at most 10%). Runs
# `tongchou run chongqing` with the economy on and off (economy.enabled), alternating, RUNS times each (default 5),
# and prints the median wall and CPU (user + system) times and the added share. Timing on a shared machine varies
# from minute to minute; alternating the two keeps the comparison fair. Extra arguments go to both runs
# (e.g. --scale 4 for a quicker check).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/release/tongchou}
RUNS=${RUNS:-5}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
for ((i = 1; i <= RUNS; i++)); do
  for e in true false; do
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/t" "$BIN" run chongqing -q -o "$OUT/run" --set "economy.enabled=$e" "$@" > /dev/null
    echo "$e $(cat "$OUT/t")" >> "$OUT/times"
  done
done
python3 - "$OUT/times" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def med(on, k):
    value = (lambda r: float(r[2]) + float(r[3])) if k == "cpu" else (lambda r: float(r[k]))
    return statistics.median(value(r) for r in rows if r[0] == on)
print("| economy | median wall s | median CPU s | peak RSS MB |")
print("|---|---|---|---|")
for on in ("true", "false"):
    rss = statistics.median(int(r[4]) for r in rows if r[0] == on) / 1024
    print(f"| {'on' if on == 'true' else 'off'} | {med(on, 1):.2f} | {med(on, 'cpu'):.2f} | {rss:.0f} |")
wall = med("true", 1) / med("false", 1) - 1
cpu = med("true", "cpu") / med("false", "cpu") - 1
print(f"\nthe economy adds {100 * wall:.1f}% wall time and {100 * cpu:.1f}% CPU time (target: at most 10%), "
      f"{sum(r[0] == 'true' for r in rows)} runs each")
PY

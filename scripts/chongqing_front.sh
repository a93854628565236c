#!/usr/bin/env bash
# The chongqing reopening front of docs/plans.md ("Example: the chongqing reopening"), reproduced: the optimisation of
# examples/plans/chongqing-reopening.toml (the measures' own reopening dates: work resumption, closed management of
# compounds, venues, schools; infections against Q1's GDP lost y/y; one agent per 10 people, 2 runs per plan) on the
# chongqing scenario as fitted, and on a harder epidemic: r0 3.0 (within the 95% interval 1.4-3.9 of Li et al. 2020,
# 1.8 times the fitted 1.63) with masks in public half as common from 24 Jan (behaviour.mask_adoption 0.5, the low
# end of its fitted box), each followed by the markdown table of the docs (the scenario's own plan, then the front) and its wall time;
# with chromium, a screenshot of each report. Rerun it after a refit of the scenario and paste the tables into
# docs/plans.md. 3 to 4 minutes a case on 2 loaded cores.
# Usage: scripts/chongqing_front.sh [OUT_DIR]   (default output/chongqing-front; TONGCHOU=path/to/tongchou; THREADS=2;
#        CASES="fitted harder" to run one of them)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${TONGCHOU:-$ROOT/build/release/tongchou}"
OUT="${1:-output/chongqing-front}"
THREADS="${THREADS:-2}"
CASES="${CASES:-fitted harder}"
PLAN="$ROOT/examples/plans/chongqing-reopening.toml"
mkdir -p "$OUT"

# The harder epidemic: chongqing with r0 3.0 and the mask adoption of 24 Jan (fitted) set to 0.5, everything else the same.
sed -e 's/^behaviour\.mask_adoption = [0-9.]* .*/behaviour.mask_adoption = 0.5    # half the fitted adoption (scripts\/chongqing_front.sh)/' \
    -e 's/^r0 = [0-9.]* .*/r0 = 3.0    # within the 95% interval of Li et al. 2020 (scripts\/chongqing_front.sh)/' \
    -e 's/^name = "chongqing"/name = "chongqing-harder"/' "$ROOT/scenarios/chongqing.toml" > "$OUT/chongqing-harder.toml"
grep -q '^behaviour.mask_adoption = 0.5' "$OUT/chongqing-harder.toml" && grep -q '^r0 = 3.0' "$OUT/chongqing-harder.toml" ||
  { echo "the mask adoption or r0 line of scenarios/chongqing.toml changed" >&2; exit 1; }

table() {  # the docs' table of an optimisation folder: the scenario's own plan, then the front
  python3 - "$1" <<'PY'
import csv, os, sys
d = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(d, "evaluations.csv"))))
front = list(csv.DictReader(open(os.path.join(d, "pareto.csv"))))
keys = ["economy.resumption_from", "measure.work_feb24.from", "measure.compounds_closed.until",
        "measure.restaurants_limited.until", "measure.senior3_back.from", "measure.primary_back.from"]
print("| plan | enterprises may reopen, 40% at work | 93% (large firms), 70% (small) at work | closed management ends | dine-in limits, gyms end "
      "| senior-3, junior-3 back | primary 4-6 back | infections (median) | Q1 GDP y/y lost | jobs lost | value added lost |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
def line(name, r):
    cells = [name] + [r[k] for k in keys] + [f"{float(r['health.infections.median']):,.0f}",
             f"{100 * float(r['gdp_loss_yoy.median']):.1f}%", f"{float(r['jobs_lost.median']):,.0f}",
             f"{100 * float(r['gdp_loss.median']):.1f}%"]
    print("| " + " | ".join(cells) + " |")
for r in rows:
    if r["generation"] == "scenario":
        line("2020 (the scenario)", r)
for r in front:
    line("front " + r["plan"], r)
feasible = [r for r in rows if r["feasible"] == "true" and r["generation"] != "scenario"]
inf = sorted({float(r["health.infections.median"]) for r in feasible})
print(f"\n{len(rows)} plans evaluated (the scenario's own included), {len(front)} on the front; median infections of the "
      f"feasible plans {inf[0]:,.0f} to {inf[-1]:,.0f}.")
PY
}

for case in $CASES; do
  scenario=chongqing
  [ "$case" = harder ] && scenario="$OUT/chongqing-harder.toml"
  start=$(date +%s.%N)
  "$BIN" optimise "$scenario" --scale 10 --plan "$PLAN" --threads "$THREADS" -q -o "$OUT/$case" > /dev/null
  end=$(date +%s.%N)
  echo "## $case ($(python3 -c "print(f'{$end - $start:.1f}')") s wall, --threads $THREADS)"
  table "$OUT/$case" | tee "$OUT/$case.md"
  echo
done

if command -v chromium > /dev/null; then
  for case in $CASES; do
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1400 --virtual-time-budget=5000 \
      --screenshot="$OUT/report-$case.png" "file://$(cd "$OUT" && pwd)/$case/report.html" > /dev/null 2>&1 || true
    echo "screenshot: $OUT/report-$case.png"
  done
fi

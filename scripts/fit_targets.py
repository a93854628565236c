#!/usr/bin/env python3
"""The three targets of the refitted chongqing (issue 16 section 3), read from an ensemble's folder.

    python3 scripts/fit_targets.py ENSEMBLE_DIR [--last-reported 2020-02-24] [--cumulative-reported 576]

ENSEMBLE_DIR is `tongchou ensemble chongqing --runs 20 -o ENSEMBLE_DIR`: every run's comparison.csv (the reported
series beside the simulated one) is read. Printed, and exit 1 when a target is missed:
  1. the median over runs of the simulated cumulative confirmed cases on the last day, within +-20% of the reported
     figure (576 local cases by 30 April 2020, CHONGQING-2020.md);
  2. the share of days on which the reported daily count lies inside the runs' 5-95% band (the quantiles as
     `tongchou ensemble` and `tongchou calibrate` compute them: linear between order statistics), at least 80%;
  3. the median over runs of the last day with a new confirmed case, within 7 days of the reported last local
     case (24 Feb 2020; the three cases of March were imported from abroad, which the scenario does not simulate).
"""
import argparse
import csv
import datetime
import math
import pathlib
import statistics
import sys


def quantile(sorted_values, q):
    x = (len(sorted_values) - 1) * q
    lo, hi = math.floor(x), math.ceil(x)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (x - lo)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ensemble_dir")
    ap.add_argument("--last-reported", default="2020-02-24", help="reported last local confirmed case")
    ap.add_argument("--cumulative-reported", type=float, default=576, help="reported cumulative confirmed (local)")
    a = ap.parse_args()
    runs = sorted(pathlib.Path(a.ensemble_dir, "runs").glob("*/comparison.csv"))
    if not runs:
        sys.exit(f"fit_targets: no runs/*/comparison.csv under {a.ensemble_dir}")
    dates, observed, simulated = None, None, []
    for path in runs:
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
        if dates is None:
            dates = [r["date"] for r in rows]
            observed = [float(r["observed_new_confirmed"]) if r["observed_new_confirmed"] != "" else None for r in rows]
        elif [r["date"] for r in rows] != dates:
            sys.exit(f"fit_targets: {path}: other dates than the first run")
        simulated.append([float(r["simulated_new_confirmed"]) for r in rows])
    n = len(simulated)
    totals = sorted(sum(s) for s in simulated)
    median_total = quantile(totals, 0.5)
    inside = days = 0
    for d, y in enumerate(observed):
        if y is None:
            continue
        day = sorted(s[d] for s in simulated)
        days += 1
        inside += quantile(day, 0.05) <= y <= quantile(day, 0.95)
    coverage = inside / days
    lasts = []
    for s in simulated:
        nz = [d for d, v in enumerate(s) if v > 0]
        lasts.append(datetime.date.fromisoformat(dates[nz[-1]]).toordinal() if nz else None)
    found = sorted(x for x in lasts if x is not None)
    median_last = datetime.date.fromordinal(round(statistics.median(found))) if found else None
    reported_last = datetime.date.fromisoformat(a.last_reported)
    ok1 = abs(median_total / a.cumulative_reported - 1) <= 0.2
    ok2 = coverage >= 0.8
    ok3 = median_last is not None and abs((median_last - reported_last).days) <= 7
    print(f"runs {n}, days {days} ({dates[0]} to {dates[-1]})")
    print(f"cumulative confirmed, median {median_total:,.0f} (5-95%: {quantile(totals, 0.05):,.0f}-"
          f"{quantile(totals, 0.95):,.0f}) vs reported {a.cumulative_reported:,.0f}: "
          f"{100 * (median_total / a.cumulative_reported - 1):+.1f}% {'OK' if ok1 else 'MISSED'} (+-20%)")
    print(f"reported daily series inside the 5-95% band on {inside}/{days} days = {100 * coverage:.1f}% "
          f"{'OK' if ok2 else 'MISSED'} (>= 80%)")
    peaks = sorted(max(s) for s in simulated)
    peak_days = sorted(datetime.date.fromisoformat(dates[s.index(max(s))]).toordinal() for s in simulated)
    obs_peak = max(y for y in observed if y is not None)
    print(f"peak daily confirmed, median {quantile(peaks, 0.5):,.0f} (5-95%: {quantile(peaks, 0.05):,.0f}-"
          f"{quantile(peaks, 0.95):,.0f}) on {datetime.date.fromordinal(round(statistics.median(peak_days)))} (median) "
          f"vs reported {obs_peak:,.0f} on {dates[observed.index(obs_peak)]}")
    if found:
        print(f"last confirmed case, median {median_last} (runs: {datetime.date.fromordinal(found[0])} to "
              f"{datetime.date.fromordinal(found[-1])}) vs reported {reported_last}: "
              f"{(median_last - reported_last).days:+d} days {'OK' if ok3 else 'MISSED'} (+-7)")
    else:
        print("last confirmed case: no run has a confirmed case MISSED")
    return 0 if ok1 and ok2 and ok3 else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The out-of-sample figures of docs/validation.md from ensemble folders: for each DIR (`tongchou ensemble NAME
--runs N -o DIR`), the reported and simulated cumulative confirmed cases, peak daily new confirmed cases (and its
date) and date of the last new confirmed case, read from every run's comparison.csv; simulated as the median over
the runs and the range. Prints a Markdown table.

Usage: tools/out_of_sample.py DIR [DIR ...]"""
import csv
import glob
import json
import os
import statistics
import sys


def figures(series):
    """(cumulative, peak, peak date, last date with a new case) of [(date, new cases)]."""
    peak = max(v for _, v in series)
    return (sum(v for _, v in series), peak, next(d for d, v in series if v == peak),
            max((d for d, v in series if v > 0), default="–"))


def main(dirs):
    if not dirs:
        sys.exit(__doc__)
    print("| region | runs | cumulative confirmed: reported / simulated median (range) | peak daily: reported / "
          "simulated median (range) | last new case: reported / simulated median (range) |")
    print("|---|---|---|---|---|")
    for top in dirs:
        files = sorted(glob.glob(os.path.join(top, "runs", "*", "comparison.csv")))
        if not files:
            sys.exit(f"{top}: no runs/*/comparison.csv (an ensemble folder of a scenario with a reported series?)")
        sims, observed = [], None
        for path in files:
            with open(path, encoding="utf-8") as f:
                rows = list(csv.DictReader(f))
            sims.append(figures([(r["date"], round(float(r["simulated_new_confirmed"]))) for r in rows]))
            observed = figures([(r["date"], round(float(r["observed_new_confirmed"]))) for r in rows])
        def span(i):
            values = sorted(s[i] for s in sims)
            return values[len(values) // 2] if isinstance(values[0], str) else statistics.median(values), values[0], values[-1]
        cum, peak, last = span(0), span(1), span(3)
        with open(os.path.join(os.path.dirname(files[0]), "summary.json"), encoding="utf-8") as f:
            name = json.load(f)["scenario"]["name"]
        print(f"| {name} | {len(sims)} | {observed[0]} / **{cum[0]:g}** ({cum[1]}–{cum[2]}) | {observed[1]} ({observed[2]}) / "
              f"**{peak[0]:g}** ({peak[1]}–{peak[2]}) | {observed[3]} / **{last[0]}** ({last[1]} – {last[2]}) |")


if __name__ == "__main__":
    main(sys.argv[1:])

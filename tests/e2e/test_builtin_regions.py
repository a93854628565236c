"""The built-in 2020 scenarios of issue 17 (bazhong, tianmen, lvliang): `tongchou scenarios` lists them, each runs
small (--scale 8 --days 60) to completion, and its outputs name its own region (its districts or townships, its
Chinese name in the report), carry the imports from Wuhan and the measures of its file.
Usage: test_builtin_regions.py PATH_TO_TONGCHOU."""
import csv
import json
import os
import subprocess
import sys
import tempfile

BIN = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness import check, finish, runner  # noqa: E402

DATA = os.path.join(HERE, "..", "..", "data")
REGIONS = {"bazhong": "巴中市", "tianmen": "天门市", "lvliang": "吕梁市"}
run = runner(BIN)

listed = [line.split()[0] for line in run("scenarios").stdout.splitlines() if line.strip()]
for name in REGIONS:
    check(name in listed, f"`tongchou scenarios` lists {name}: {listed}")

with tempfile.TemporaryDirectory() as tmp:
    for name, name_zh in REGIONS.items():
        out = os.path.join(tmp, name)
        p = run("run", name, "--scale", "8", "--days", "60", "-o", out, "-q")
        if p.returncode != 0:
            continue
        summary = json.load(open(os.path.join(out, "summary.json"), encoding="utf-8"))
        check(summary["scenario"]["name"] == name and summary["scenario"]["region"] == name,
              f"{name}: summary.json scenario {summary['scenario']}")
        check(summary["scenario"]["days_simulated"] == 60, f"{name}: 60 days simulated")
        # The districts (or Tianmen's townships, its units) of the region's own tables, none of Chongqing's.
        with open(os.path.join(DATA, name, "districts.csv"), encoding="utf-8") as f:
            own = {row["name_en"] for row in csv.DictReader(f)}
        with open(os.path.join(out, "districts.csv"), encoding="utf-8") as f:
            text = f.read()
        check(any(d in text for d in own), f"{name}: districts.csv names its districts {sorted(own)}")
        check("Yuzhong" not in text and "Wanzhou" not in text, f"{name}: districts.csv names no district of Chongqing")
        check(summary["scenario"].get("region_name_zh") == name_zh, f"{name}: summary.json region_name_zh is {name_zh}")
        report = open(os.path.join(out, "report.html"), encoding="utf-8").read()
        title = report[report.find("<title>"):report.find("</title>")]
        check(name_zh in title and "重庆" not in title, f"{name}: report.html's title names {name_zh}: {title}")
        # Its reported series beside the simulated one (the out-of-sample comparison).
        check(os.path.exists(os.path.join(out, "comparison.csv")) and "comparison" in summary,
              f"{name}: comparison.csv and summary.json comparison")
        # Imports from Wuhan (the scenario's [[imports]] origin) and the region's measures in events.csv.
        with open(os.path.join(out, "events.csv"), encoding="utf-8") as f:
            measures = {row["measure"] for row in csv.DictReader(f)}
        check("school.senior" in measures or "public_transport" in measures,
              f"{name}: events.csv holds the scenario's measures: {sorted(measures)[:10]}")
        resolved = open(os.path.join(out, "scenario.resolved.toml"), encoding="utf-8").read()
        check('origin = "Wuhan"' in resolved, f"{name}: the imports from Wuhan are in scenario.resolved.toml")
    # Tianmen's lockdown: the stay-at-home order and the closed transport are measures of its run.
    events = os.path.join(tmp, "tianmen", "events.csv")
    if os.path.exists(events):
        with open(events, encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        check(any(r["measure"] == "stay_at_home_outings" and r["new"] == "0.1" and r["date"] == "2020-02-16" for r in rows),
              "tianmen: stay_at_home_outings 0.1 from 16 Feb in events.csv")
        check(any(r["measure"] == "public_transport" and r["new"] == "0" and r["date"] == "2020-01-24" for r in rows),
              "tianmen: public transport suspended on 24 Jan in events.csv")

finish()

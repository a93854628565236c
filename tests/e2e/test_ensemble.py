"""End-to-end tests of `tongchou ensemble`: every run a whole run folder that a plain run repeats, the bands of
ensemble.csv and summary.json recomputed here from the runs' own files, the same folder for 1 and 2 threads, resuming,
and bad input. Usage: test_ensemble.py PATH_TO_TONGCHOU"""
import csv
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time

BIN = os.path.abspath(sys.argv[1])
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, digests, finish, rows, runner  # noqa: E402

SCENARIO = ["yunyang", "--scale", "8", "--days", "70"]


run = runner(BIN)


def band(values):
    """(p5, median, p95) with linear interpolation between order statistics (type 7)."""
    v = sorted(values)
    if len(v) == 1:
        return v[0], v[0], v[0]
    q = statistics.quantiles(v, n=20, method="inclusive")
    return q[0], statistics.median(v), q[-1]


def rebound(daily):
    started, quiet = False, 0
    for r in daily:
        if float(r["new_local"]) > 0:
            if started and quiet >= 14:
                return 1
            started, quiet = True, 0
        elif started:
            quiet += 1
    return 0


with tempfile.TemporaryDirectory() as tmp:
    a = os.path.join(tmp, "a")
    p = run("ensemble", *SCENARIO, "--runs", "4", "--threads", "2", "-o", a)
    check("report:" in p.stdout and "probability of a rebound" in p.stdout, f"ensemble's closing lines: {p.stdout}")
    check(sorted(os.listdir(a)) == ["ensemble.csv", "report.html", "runs", "summary.json"], f"ensemble folder: {os.listdir(a)}")
    check(sorted(os.listdir(os.path.join(a, "runs"))) == ["001", "002", "003", "004"], "one folder per run")

    # Each run is what a plain run with its seed and the ensemble's population seed writes, file for file.
    single = os.path.join(tmp, "single")
    run("run", *SCENARIO, "--seed", "3", "--set", "population.seed=1", "-q", "-o", single)
    check(digests(single) == digests(os.path.join(a, "runs", "003")), "runs/003 differs from `run --seed 3 --set population.seed=1`")
    # ... and differs from seed 1's run: the seeds are used.
    check(digests(os.path.join(a, "runs", "001"))["daily.csv"] != digests(single)["daily.csv"], "runs 1 and 3 are identical")

    # ensemble.csv: recompute every band from the runs' daily.csv.
    dailies = [rows(os.path.join(a, "runs", f"{i:03}", "daily.csv")) for i in range(1, 5)]
    ens = rows(os.path.join(a, "ensemble.csv"))
    check(len(ens) > 70 * 10, f"ensemble.csv has {len(ens)} rows")
    bad = 0
    for e in ens:
        day = [d for d in dailies[0] if d["date"] == e["date"]]
        idx = dailies[0].index(day[0])
        vals = [float(d[idx][e["series"]]) for d in dailies if d[idx][e["series"]] != ""]
        p5, med, p95 = band(vals)
        if int(e["runs"]) != len(vals) or any(abs(float(e[k]) - x) > 1e-6 * max(1, abs(x)) for k, x in
                                              (("p5", p5), ("median", med), ("p95", p95))):
            bad += 1
            if bad < 4:
                print("mismatch:", e, (p5, med, p95))
    check(bad == 0, f"{bad} rows of ensemble.csv differ from the bands of the runs' daily.csv")
    check({e["series"] for e in ens} >= {"new_infections", "cumulative_confirmed", "in_hospital", "gdp_index"},
          "ensemble.csv lacks key series")

    # summary.json: bands of the runs' scorecards, the probability of a rebound.
    with open(os.path.join(a, "summary.json")) as f:
        s = json.load(f)
    runs = []
    for i in range(1, 5):
        with open(os.path.join(a, "runs", f"{i:03}", "summary.json")) as f:
            runs.append(json.load(f))
    for key in ("infections", "confirmed", "deaths", "peak_in_hospital"):
        p5, med, p95 = band([r["health"][key] for r in runs])
        b = s["bands"]["health"][key]
        check(abs(b["median"] - med) < 1e-9 and abs(b["p5"] - p5) < 1e-9 and abs(b["p95"] - p95) < 1e-9,
              f"band of health.{key}: {b} vs {(p5, med, p95)}")
    check("gdp_change" in json.dumps(s["bands"].get("economy", {})), "economy figures are banded")
    k = sum(rebound(d) for d in dailies)
    check(s["rebounds"] == k and abs(s["probability_of_rebound"] - k / 4) < 1e-12, f"rebounds {s['rebounds']} vs {k}")
    check(s["scenario"]["seeds"] == [1, 2, 3, 4] and s["scenario"]["population_seed"] == 1, f"scenario block {s['scenario']}")

    # The same folder, byte for byte, with one thread.
    b = os.path.join(tmp, "b")
    run("ensemble", *SCENARIO, "--runs", "4", "--threads", "1", "-q", "-o", b)
    check(digests(a) == digests(b), "ensemble folders differ between 1 and 2 threads")

    # Run again: every run is kept, nothing changes. Fewer runs: the extra run's folder goes.
    p = run("ensemble", *SCENARIO, "--runs", "4", "--threads", "2", "-o", a)
    check("(4 kept from before)" in p.stdout, f"rerun did not keep the runs: {p.stdout}")
    check(digests(a) == digests(b), "a resumed ensemble differs")
    run("ensemble", *SCENARIO, "--runs", "3", "-q", "-o", a)
    check(sorted(os.listdir(os.path.join(a, "runs"))) == ["001", "002", "003"], "a smaller ensemble left runs/004")

    # Interrupted (Ctrl-C) while running: exit 130, finished runs kept; the same command then completes it.
    c = os.path.join(tmp, "c")
    proc = subprocess.Popen([BIN, "ensemble", *SCENARIO, "--runs", "6", "--threads", "1", "-o", c],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and not os.path.exists(os.path.join(c, "runs", "002", "summary.json")):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    check(proc.returncode in (0, 130), f"interrupted ensemble exited {proc.returncode}: {err[-300:]}")
    if proc.returncode == 130:
        check("resume" in err, f"interrupted ensemble does not say how to resume: {err[-300:]}")
    p = run("ensemble", *SCENARIO, "--runs", "6", "--threads", "1", "-o", c)
    full = os.path.join(tmp, "full")
    run("ensemble", *SCENARIO, "--runs", "6", "--threads", "2", "-q", "-o", full)
    check(digests(c) == digests(full), "a resumed ensemble differs from one run at once")

    # Bad input.
    for args, frag in ((["--runs", "0"], "--runs"), (["--runs", "2", "--seeds", "1,2"], "excludes"),
                       (["--seeds", "1,x"], "--seeds"), ([], "--runs")):
        p = run("ensemble", *SCENARIO, *args, "-o", os.path.join(tmp, "bad"), expect=2)
        check(frag in p.stderr, f"`ensemble {' '.join(args)}`: stderr lacks {frag!r}: {p.stderr[-300:]}")
        check(not os.path.exists(os.path.join(tmp, "bad", "runs", "001")), f"`ensemble {' '.join(args)}` ran anyway")

    # -o that is not an ensemble's folder: refused before anything runs, nothing in it touched.
    foreign = os.path.join(tmp, "foreign")
    os.makedirs(foreign)
    with open(os.path.join(foreign, "notes.txt"), "w") as f:
        f.write("mine")
    p = run("ensemble", *SCENARIO, "--runs", "2", "-o", foreign, expect=3)
    check("notes.txt" in p.stderr and sorted(os.listdir(foreign)) == ["notes.txt"], f"foreign folder: {p.stderr[-300:]}")

finish()

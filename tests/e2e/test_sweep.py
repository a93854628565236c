"""End-to-end tests of `tongchou sweep`: a 2x2 grid whose points are the run folders of plain runs with the same
--set values, sweep.csv recomputed from the points' summary.json, a parameter that must move a figure does, a Latin
hypercube with one point per stratum, measure ids as inputs, the same folder for 1 and 2 threads, resuming, K runs
per point, and bad input. Usage: test_sweep.py PATH_TO_TONGCHOU"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

BIN = os.path.abspath(sys.argv[1])
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, digests, finish, rows, runner  # noqa: E402

SCENARIO = ["uncontrolled", "--people", "30000", "--days", "60"]
GRID = ["--param", "transmission.r0=1.5,3", "--param", "population.seed=1,2"]


run = runner(BIN)


def flat(node, prefix, out):
    for k, v in node.items():
        key = f"{prefix}.{k}"
        if isinstance(v, dict):
            flat(v, key, out)
        elif not isinstance(v, list):
            out[key] = v
    return out


def same(cell, value):
    if value is None:
        return cell == ""
    if isinstance(value, str):
        return cell == value
    return abs(float(cell) - float(value)) <= 1e-12 * max(1.0, abs(float(value)))


with tempfile.TemporaryDirectory() as tmp:
    a = os.path.join(tmp, "a")
    p = run("sweep", *SCENARIO, *GRID, "--threads", "2", "-o", a)
    check("report:" in p.stdout and "sweep.csv" in p.stdout, f"sweep's closing lines: {p.stdout}")
    check(sorted(os.listdir(a)) == ["points", "report.html", "sweep.csv"], f"sweep folder: {os.listdir(a)}")
    check(sorted(os.listdir(os.path.join(a, "points"))) == ["0001", "0002", "0003", "0004"], "one folder per point")

    # The grid: first key slowest. Each point is the run folder of a plain run with the same values, byte for byte.
    table = rows(os.path.join(a, "sweep.csv"))
    check([(r["transmission.r0"], r["population.seed"]) for r in table] == [("1.5", "1"), ("1.5", "2"), ("3", "1"), ("3", "2")],
          f"grid points: {[(r['transmission.r0'], r['population.seed']) for r in table]}")
    for i, (r0, ps) in enumerate((("1.5", "1"), ("3", "2")), start=0):
        point = "0001" if i == 0 else "0004"
        single = os.path.join(tmp, f"single{i}")
        run("run", *SCENARIO, "--set", f"transmission.r0={r0}", "--set", f"population.seed={ps}", "-q", "-o", single)
        check(digests(single) == digests(os.path.join(a, "points", point)),
              f"points/{point} differs from `run --set transmission.r0={r0} --set population.seed={ps}`")

    # sweep.csv: every scorecard figure of each point's summary.json, flattened (health.infections ...).
    bad = 0
    for r in table:
        with open(os.path.join(a, "points", r["point"], "summary.json")) as f:
            s = json.load(f)
        figures = {}
        for section in ("health", "measures", "health_codes", "comparison", "economy"):
            if isinstance(s.get(section), dict):
                flat(s[section], section, figures)
        for k, v in figures.items():
            if k not in r or not same(r[k], v):
                bad += 1
                if bad < 4:
                    print("mismatch:", r["point"], k, r.get(k), v)
        check(len(r) == 3 + len(figures), f"point {r['point']}: {len(r)} columns for {len(figures)} figures")
    check(bad == 0, f"{bad} cells of sweep.csv differ from the points' summary.json")
    check("health.infections" in table[0] and "economy.gdp_change" in table[0], f"columns: {list(table[0])[:8]}")

    # r0 moves infections: 3 gives more than 1.5 for the same population seed.
    inf = {(r["transmission.r0"], r["population.seed"]): float(r["health.infections"]) for r in table}
    check(inf[("3", "1")] > 2 * inf[("1.5", "1")] and inf[("3", "2")] > 2 * inf[("1.5", "2")], f"infections by r0: {inf}")

    # The report draws one dot per point (checked in a browser by tests/browser/sweep_test.js); here: it holds the table.
    with open(os.path.join(a, "report.html"), encoding="utf-8") as f:
        html = f.read()
    check('name="generator" content="tongchou"' in html and "health.infections" in html and "echarts" in html,
          "report.html lacks its data or chart library")

    # The same folder, byte for byte, with one thread.
    b = os.path.join(tmp, "b")
    run("sweep", *SCENARIO, *GRID, "--threads", "1", "-q", "-o", b)
    check(digests(a) == digests(b), "sweep folders differ between 1 and 2 threads")

    # Run again: every point kept, nothing changes. A smaller sweep: the extra points' folders go.
    p = run("sweep", *SCENARIO, *GRID, "--threads", "2", "-o", a)
    check("(4 kept from before)" in p.stdout, f"rerun did not keep the points: {p.stdout}")
    check(digests(a) == digests(b), "a resumed sweep differs")

    # Interrupted (Ctrl-C) while running: exit 130, finished points kept; the same command then completes it.
    c = os.path.join(tmp, "c")
    grid6 = ["--param", "transmission.r0=1.5,2,2.5,3,3.5,4"]
    proc = subprocess.Popen([BIN, "sweep", *SCENARIO, *grid6, "--threads", "1", "-o", c],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and not os.path.exists(os.path.join(c, "points", "0002", "manifest.json")):
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    check(proc.returncode in (0, 130), f"interrupted sweep exited {proc.returncode}: {err[-300:]}")
    if proc.returncode == 130:
        check("resume" in err, f"interrupted sweep does not say how to resume: {err[-300:]}")
        check(not os.path.exists(os.path.join(c, "sweep.csv")), "an interrupted sweep wrote sweep.csv")
    kept_before = digests(os.path.join(c, "points", "0001"))
    p = run("sweep", *SCENARIO, *grid6, "--threads", "1", "-o", c)
    check("kept from before" in p.stdout and "(0 kept" not in p.stdout, f"resume kept nothing: {p.stdout}")
    check(digests(os.path.join(c, "points", "0001")) == kept_before, "a kept point changed")
    full = os.path.join(tmp, "full")
    run("sweep", *SCENARIO, *grid6, "--threads", "2", "-q", "-o", full)
    check(digests(c) == digests(full), "a resumed sweep differs from one run at once")

    # Latin hypercube: 5 points, each inside the range, one in each fifth of it; whole days for dates.
    lhs = os.path.join(tmp, "lhs")
    run("sweep", "yunyang", "--scale", "40", "--days", "60", "--samples", "5", "--range", "transmission.r0=1.5:3",
        "--range", "measure.work_feb10.from=2020-02-03:2020-02-17", "--threads", "2", "-q", "-o", lhs)
    t = rows(os.path.join(lhs, "sweep.csv"))
    check(len(t) == 5, f"LHS points: {len(t)}")
    r0s = [float(r["transmission.r0"]) for r in t]
    check(all(1.5 <= x <= 3 for x in r0s), f"r0 outside 1.5..3: {r0s}")
    check(sorted(int((x - 1.5) / 0.3) if x < 3 else 4 for x in r0s) == [0, 1, 2, 3, 4], f"r0 not one per stratum: {r0s}")
    days = [time.strptime(r["measure.work_feb10.from"], "%Y-%m-%d").tm_yday - time.strptime("2020-02-03", "%Y-%m-%d").tm_yday for r in t]
    check(all(0 <= d <= 14 for d in days), f"dates outside the range: {days}")
    check(sorted(d * 5 // 15 for d in days) == [0, 1, 2, 3, 4], f"dates not one per stratum: {days}")
    # The measure's date is the point's, and the closure before it still ends the day before (entries back to back).
    with open(os.path.join(lhs, "points", "0001", "scenario.resolved.toml")) as f:
        resolved = f.read()
    check(f'from = {t[0]["measure.work_feb10.from"]}\nid = "work_feb10"' in resolved, "point 1's work_feb10 does not start on its date")
    again = os.path.join(tmp, "lhs2")
    run("sweep", "yunyang", "--scale", "40", "--days", "60", "--samples", "5", "--range", "transmission.r0=1.5:3",
        "--range", "measure.work_feb10.from=2020-02-03:2020-02-17", "--threads", "1", "-q", "-o", again)
    check(digests(lhs) == digests(again), "the same LHS sweep differs (design not seeded by the scenario)")

    # K runs per point: each point an ensemble; median, p5 and p95 columns from its summary.json.
    k = os.path.join(tmp, "k")
    run("sweep", *SCENARIO, "--param", "transmission.r0=2,3", "--runs", "3", "--threads", "2", "-q", "-o", k)
    t = rows(os.path.join(k, "sweep.csv"))
    with open(os.path.join(k, "points", "0002", "summary.json")) as f:
        s = json.load(f)
    b = s["bands"]["health"]["infections"]
    check(sorted(os.listdir(os.path.join(k, "points", "0002", "runs"))) == ["001", "002", "003"], "K=3: three runs per point")
    check(same(t[1]["health.infections"], b["median"]) and same(t[1]["health.infections_p5"], b["p5"]) and
          same(t[1]["health.infections_p95"], b["p95"]), f"K=3 band columns: {t[1].get('health.infections')} vs {b}")

    # Bad input: exit 2 with the key; nothing run.
    for args, frag in ((["--param", "transmission.rr0=2,3"], 'did you mean "transmission.r0"'),
                       (["--param", "measure.no_such_id.value=0.5"], "no_such_id"),
                       (["--samples", "3", "--range", "transmission.r0=3:1.5"], "transmission.r0: bounds reversed"),
                       (["--runs", "0", "--param", "transmission.r0=2"], "--runs"),
                       (["--samples", "3"], "--samples"),
                       (["--range", "transmission.r0=1:2"], "--samples"),
                       (["--param", "transmission.r0=2,x"], "transmission.r0"),
                       (["--param", "transmission.r0=-1"], "transmission.r0"),
                       ([], "--param")):
        p = run("sweep", *SCENARIO, *args, "-o", os.path.join(tmp, "bad"), expect=2)
        check(frag in p.stderr, f"`sweep {' '.join(args)}`: stderr lacks {frag!r}: {p.stderr[-300:]}")
        check(not os.path.exists(os.path.join(tmp, "bad", "points", "0001")), f"`sweep {' '.join(args)}` ran anyway")
    p = run("sweep", "yunyang", "--scale", "40", "--days", "60", "--param", "measure.work_feb10.value=0.5,2",
            "-o", os.path.join(tmp, "bad"), expect=2)
    check("measure.work_feb10.value" in p.stderr and "0..1" in p.stderr, f"measure value out of range: {p.stderr[-300:]}")

    # A [[schedule]] entry's value: the point's scenario.resolved.toml has it in the entry of that date.
    sch = os.path.join(tmp, "sch")
    run("sweep", "yunyang", "--scale", "40", "--days", "60", "--param", "schedule.2020-02-08.health.onset_to_visit_mean=1.25,3.5",
        "-q", "-o", sch)
    for point, v in (("0001", "1.25"), ("0002", "3.5")):
        with open(os.path.join(sch, "points", point, "scenario.resolved.toml")) as f:
            text = f.read()
        check(f'date = 2020-02-08\n"health.onset_to_visit_mean" = {v}\n' in text, f"schedule value {v} not in point {point}'s scenario")
    p = run("sweep", "yunyang", "--scale", "40", "--days", "60", "--param", "schedule.2020-02-08.health.onset_to_visit_man=1",
            "-o", os.path.join(tmp, "bad"), expect=2)
    check('did you mean "schedule.2020-02-08.health.onset_to_visit_mean"' in p.stderr, f"schedule key typo: {p.stderr[-300:]}")

    # Measure ids in a scenario file: checked with file:line (format, uniqueness).
    ids = os.path.join(tmp, "ids.toml")
    with open(ids, "w") as f:
        f.write('[scenario]\nname = "ids"\nregion = "synthetic"\n\n[[measure]]\nid = "Work-A"\nmeasure = "work"\nvalue = 0.5\n\n'
                '[[measure]]\nid = "w"\nmeasure = "work"\nvalue = 0.5\nuntil = 2020-01-30\n\n'
                '[[measure]]\nid = "w"\nmeasure = "work"\nvalue = 0.5\nfrom = 2020-02-01\n')
    p = run("validate", ids, expect=2)
    check(f"{ids}:6:6: measure.id" in p.stderr and f"{ids}:16: measure.id" in p.stderr and "line 10" in p.stderr,
          f"measure ids not checked with file:line: {p.stderr[-400:]}")

    # -o that is not a sweep's folder: refused before anything runs.
    foreign = os.path.join(tmp, "foreign")
    os.makedirs(foreign)
    with open(os.path.join(foreign, "notes.txt"), "w") as f:
        f.write("mine")
    p = run("sweep", *SCENARIO, *GRID, "-o", foreign, expect=3)
    check("notes.txt" in p.stderr and sorted(os.listdir(foreign)) == ["notes.txt"], f"foreign folder: {p.stderr[-300:]}")

finish()

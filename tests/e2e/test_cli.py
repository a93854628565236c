"""End-to-end tests of the tongchou command: outputs, their columns, determinism across thread counts, --set,
resolved scenarios that run again, and the subcommands. Usage: test_cli.py PATH_TO_TONGCHOU"""
import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile

BIN = os.path.abspath(sys.argv[1])
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, finish  # noqa: E402


def run(*args, expect=0):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    check(p.returncode == expect, f"`tongchou {' '.join(args)}` exited {p.returncode}, expected {expect}: {p.stderr[-500:]}")
    return p


def digest(directory):
    h = {}
    for name in sorted(os.listdir(directory)):
        with open(os.path.join(directory, name), "rb") as f:
            h[name] = hashlib.sha256(f.read()).hexdigest()
    return h


SMALL = ["uncontrolled", "--people", "30000", "--days", "80", "-q"]

with tempfile.TemporaryDirectory() as tmp:
    one, two = os.path.join(tmp, "t1"), os.path.join(tmp, "t2")
    run("run", *SMALL, "--threads", "1", "-o", one)
    run("run", *SMALL, "--threads", "2", "-o", two)
    expected = {"daily.csv", "districts.csv", "events.csv", "infections.csv", "sectors.csv", "summary.json",
                "scenario.resolved.toml", "report.html", "manifest.json"}
    check(set(os.listdir(one)) == expected, f"output files: {sorted(os.listdir(one))}")
    check(digest(one) == digest(two), "outputs differ between 1 and 2 threads")
    p = run("run", *SMALL, "-o", os.path.join(tmp, "t3"))
    check("scorecard" in p.stdout and "infections" in p.stdout and f"report: {os.path.join(tmp, 't3', 'report.html')}" in p.stdout,
          f"run does not end with the scorecard and the report's path: {p.stdout[-600:]}")
    # The same with every health measure on: case finding, screening, tracing, quarantine, supplies (yunyang).
    m1, m2 = os.path.join(tmp, "m1"), os.path.join(tmp, "m2")
    measures = ["yunyang", "--days", "60", "-q", "--set", "supplies.track=true", "--set", "health.fever_background_rate=0.0005"]
    run("run", *measures, "--threads", "1", "-o", m1)
    run("run", *measures, "--threads", "2", "-o", m2)
    check(digest(m1) == digest(m2), "outputs with measures differ between 1 and 2 threads")
    # The measure timeline of early 2020 (scenarios/yunyang.toml): events, risk levels, the reported series beside.
    with open(os.path.join(m1, "events.csv"), newline="") as f:
        events = list(csv.DictReader(f))
    check(list(events[0].keys()) == ["date", "place", "measure", "old", "new", "reason", "place_code"], "events.csv columns")
    check(any(e["date"] == "2020-02-08" and e["place"] == "region" and e["measure"] == "closed_management_days" and e["new"] == "2"
              for e in events), "events.csv lacks city-wide closed management on 2020-02-08")
    check(any(e["measure"] == "risk_level" and e["place_code"] == "500235" for e in events), "events.csv lacks district risk levels")
    with open(os.path.join(m1, "districts.csv"), newline="") as f:
        levels = {r["risk_level"] for r in csv.DictReader(f)}
    check(levels <= {"low", "medium", "high"} and "low" in levels, f"districts.csv risk_level values: {levels}")
    with open(os.path.join(m1, "comparison.csv"), newline="") as f:
        comparison = list(csv.DictReader(f))
    check(len(comparison) == 60 and comparison[-1]["observed_cumulative_confirmed"] == "25",
          "comparison.csv lacks the reported series of Yunyang (25 cases)")

    with open(os.path.join(one, "daily.csv"), newline="") as f:
        daily = list(csv.DictReader(f))
    check(len(daily) == 80, f"daily.csv has {len(daily)} rows, expected 80")
    for column in ["date", "new_infections", "new_local", "new_imported", "active_infections", "cumulative_infections",
                   "cumulative_deaths", "latent", "presymptomatic", "asymptomatic", "mild", "severe", "critical",
                   "new_confirmed", "confirmed_active", "in_hospital", "bed_capacity", "in_icu", "rt_case"]:
        check(column in daily[0], f"daily.csv lacks column {column}")
    total = sum(int(r["new_infections"]) for r in daily)
    check(total == int(daily[-1]["cumulative_infections"]), "new infections do not add up to the cumulative count")
    check(all(int(r["new_local"]) + int(r["new_imported"]) == int(r["new_infections"]) for r in daily),
          "local + imported != new infections")
    with open(os.path.join(one, "infections.csv"), newline="") as f:
        tree = list(csv.DictReader(f))
    check(len(tree) == total, f"infections.csv has {len(tree)} rows, daily.csv counts {total}")
    people = {r["person"] for r in tree}
    check(len(people) == len(tree), "a person is infected twice")
    local = [r for r in tree if r["layer"] != "imported"]
    check(all(r["infector"] in people for r in local), "an infector is not itself in the infection tree")
    with open(os.path.join(one, "districts.csv"), newline="") as f:
        districts = list(csv.DictReader(f))
    check(sum(int(r["new_infections"]) for r in districts) == total, "districts.csv does not add up to daily.csv")
    summary = json.load(open(os.path.join(one, "summary.json")))
    check(summary["health"]["infections"] == total, "summary.json infections differ from daily.csv")
    cal = summary["calibration"]
    check(cal["r0_basis"] == "growth", "r0_basis is not growth by default")
    check(abs(cal["r0_next_generation"] * cal["growth_correction"] - 2.5) < 1e-6, "growth-based r0 not calibrated to 2.5")
    check(0.5 < cal["growth_correction"] < 1.2 and cal["pilot_growth_rate_per_day"] > 0, f"no growth pilot: {cal}")
    ngm = os.path.join(tmp, "ngm")
    run("run", *SMALL, "-o", ngm, "--set", "transmission.r0_basis=next_generation")
    cal = json.load(open(os.path.join(ngm, "summary.json")))["calibration"]
    check(cal["r0_basis"] == "next_generation", "--set transmission.r0_basis=next_generation did not reach the calibration")
    check(abs(cal["r0_next_generation"] - 2.5) < 1e-6 and cal["growth_correction"] == 1, f"eigenvalue not calibrated to 2.5: {cal}")
    # scenario.imports_scale multiplies every [[imports]] entry (uncontrolled: 10 infections on its first day; whole
    # agents at scale 1, so the count is exact).
    for factor, expected in ((3, 30), (0, 0)):
        scaled = os.path.join(tmp, f"imports{factor}")
        run("run", "uncontrolled", "--people", "30000", "--days", "1", "-q", "-o", scaled, "--set", f"scenario.imports_scale={factor}")
        got = json.load(open(os.path.join(scaled, "summary.json")))["health"]["imported_infections"]
        check(got == expected, f"scenario.imports_scale={factor}: {got} imported infections, expected {expected}")

    # The resolved scenario runs again and gives the same outputs.
    again = os.path.join(tmp, "again")
    run("run", os.path.join(one, "scenario.resolved.toml"), "-q", "-o", again)
    check(digest(again)["daily.csv"] == digest(one)["daily.csv"], "scenario.resolved.toml does not reproduce the run")

    # Another seed gives another epidemic; --set changes the parameter used.
    other = os.path.join(tmp, "seed2")
    run("run", *SMALL, "--seed", "2", "--set", "transmission.r0=3", "-o", other)
    check(digest(other)["daily.csv"] != digest(one)["daily.csv"], "seed 2 gives the same epidemic as seed 1")
    resolved = open(os.path.join(other, "scenario.resolved.toml")).read()
    check("r0 = 3.0" in resolved and "seed = 2" in resolved, "--set / --seed not reflected in scenario.resolved.toml")

    # Scale: one agent for 10 people; counts are reported in people.
    scaled = os.path.join(tmp, "scaled")
    run("run", "uncontrolled", "--people", "100000", "--scale", "10", "--days", "20", "-q", "-o", scaled)
    s = json.load(open(os.path.join(scaled, "summary.json")))
    check(s["population"]["agents"] == 10000 and s["population"]["people"] == 100000, "--scale not applied")

    # Subcommands.
    p = run("scenarios")
    check(all(n in p.stdout for n in ["chongqing", "yunyang", "uncontrolled"]), "scenarios does not list the built-ins")
    p = run("params")
    check("transmission.r0" in p.stdout and "source:" in p.stdout, "params does not print the table")
    p = run("validate", "chongqing", "yunyang", "uncontrolled")
    check(p.stdout.count(": ok") == 3, "built-in scenarios do not validate")
    # report.html: self-contained (no network), rebuilt by `report`, runs overlaid by `compare`.
    html = open(os.path.join(m1, "report.html"), encoding="utf-8").read()
    check(html.startswith("<!DOCTYPE html>") and "/*@" not in html, "report.html has an unfilled placeholder")
    check("echarts" in html and '"kind":"run"' in html and '"label":"yunyang"' in html, "report.html lacks ECharts or the data")
    check("<script src" not in html and "<link" not in html, "report.html loads something from outside")
    check('"district_outlines"' not in html and '"FeatureCollection"' in html and '"500235"' in html, "report.html lacks Yunyang's outline")
    os.remove(os.path.join(m1, "report.html"))
    p = run("report", m1)
    check(os.path.exists(os.path.join(m1, "report.html")) and "report:" in p.stdout, "`report DIR` does not rebuild report.html")
    alt = os.path.join(tmp, "alt", "r.html")
    run("report", m1, "-o", alt)
    check(os.path.exists(alt), "`report DIR -o FILE` does not write FILE")
    cmp_dir = os.path.join(tmp, "cmp")
    p = run("compare", m1, one, "-o", cmp_dir)
    chtml = open(os.path.join(cmp_dir, "report.html"), encoding="utf-8").read()
    check('"kind":"compare"' in chtml and '"label":"yunyang"' in chtml and '"label":"uncontrolled"' in chtml,
          "compare report lacks a run")
    check(p.stdout.count("health") >= 2, "compare does not print both scorecards")
    # init: an editable copy that validates, runs, and is never overwritten.
    cwd = os.getcwd()
    os.chdir(tmp)
    try:
        p = run("init", "quick", "--from", "yunyang")
        text = open("quick.toml", encoding="utf-8").read()
        check(text.startswith("# quick.toml: an editable copy") and 'name = "quick"' in text and "[zoning]" in text and "#" in text,
              "init does not write a commented copy named quick")
        run("validate", "quick.toml")
        run("init", "quick", "--from", "yunyang", expect=2)
        check(open("quick.toml", encoding="utf-8").read() == text, "init overwrote a file")
        run("run", "quick.toml", "--days", "5", "-q")
        check(os.path.exists(os.path.join("output", "quick", "report.html")), "a scenario from init does not run into output/quick")
    finally:
        os.chdir(cwd)
    for sub in ["run", "validate", "params", "scenarios", "report", "compare", "init"]:
        p = run(sub, "--help")
        check("Example" in p.stdout, f"`{sub} --help` has no examples")
    p = run("--help")
    check("Exit codes" in p.stdout, "--help does not document exit codes")

# Command line (issue 15 §3-5): bare tongchou, --version, usage lines, params SECTION, --set zoning.LEVEL.MEASURE.
with tempfile.TemporaryDirectory() as tmp:
    p = subprocess.run([BIN], capture_output=True, text=True, cwd=tmp, timeout=30)
    check(p.returncode == 0 and "Usage: tongchou [OPTIONS] [SUBCOMMAND]" in p.stdout and "run" in p.stdout,
          f"bare tongchou does not print the help: {p.returncode} {p.stdout[:200]!r}")
    check(os.listdir(tmp) == [], f"bare tongchou wrote {os.listdir(tmp)} (it must not run a scenario)")
    version = next(line.split("VERSION")[1].split()[0] for line in open(os.path.join(os.path.dirname(__file__), "..", "..",
                                                                                          "CMakeLists.txt")) if line.startswith("project("))
    p = run("--version")
    check(p.stdout == f"tongchou {version}\n", f"--version printed {p.stdout!r}, expected tongchou {version}")
    for sub in ["run", "params", "report"]:
        p = run(sub, "--help")
        check(f"Usage: tongchou {sub} " in p.stdout and BIN not in p.stdout, f"`{sub} --help` usage line: {p.stdout[:200]!r}")
    p = run("params")
    check("transmission.r0" in p.stdout and "venue.restaurant" in p.stdout and "checkpoints" in p.stdout,
          "params does not list the measures of places")
    p = run("params", "health")
    check("health.care_seeking" in p.stdout and "transmission.r0" not in p.stdout and "venue.restaurant" not in p.stdout,
          "params health is not the [health] section alone")
    p = run("params", "zoning")
    check("zoning.enabled" in p.stdout and "venue.restaurant" in p.stdout
          and "health.care_seeking" not in p.stdout, "params zoning lacks the zoning parameters or the measures")
    out = os.path.join(tmp, "z")
    run("run", "uncontrolled", "--people", "2000", "--days", "3", "-q", "-o", out, "--set", "zoning.high.work=0.25",
        "--set", "zoning.high.venue.restaurant=0", "--set", "zoning.low.work=1")
    resolved = open(os.path.join(out, "scenario.resolved.toml"), encoding="utf-8").read()
    high = resolved.split("[zoning.high]\n", 1)[-1].split("\n\n", 1)[0]
    check('"venue.restaurant" = 0.0' in high and "work = 0.25" in high and "[zoning.low]\nwork = 1.0" in resolved,
          f"--set zoning.LEVEL.MEASURE not in scenario.resolved.toml: {high!r}")

# Progress when stderr is not a terminal (logs, CI): phase lines, plain day lines, each phase's share; -q silent; stdout
# and the outputs unchanged by it (issue 15 §5).
with tempfile.TemporaryDirectory() as tmp:
    env = dict(os.environ, TONGCHOU_PROGRESS_SECONDS="0")
    args = [BIN, "run", "uncontrolled", "--people", "5000", "--days", "4"]
    p = subprocess.run(args + ["-o", os.path.join(tmp, "a")], capture_output=True, text=True, env=env)
    check(p.returncode == 0, f"progress run exited {p.returncode}")
    for line in ["  region data ...", "  synthesis ...", "  calibration ...", "  days ...", "  day 1/4 (25%)",
                 "  day 4/4 (100%)", "  outputs ...", "  done in "]:
        check(line in p.stderr, f"plain progress lacks {line!r}: {p.stderr[-800:]}")
    check("synthesis" in p.stderr.split("done in")[-1] and "%" in p.stderr.split("done in")[-1], "no phase shares at the end")
    q = subprocess.run(args + ["-q", "-o", os.path.join(tmp, "b")], capture_output=True, text=True, env=env)
    # -q silences progress, not warnings (this small run's growth pilots fall back, and says so on stderr).
    check(q.returncode == 0 and all(l.startswith("warning: ") for l in q.stderr.splitlines()),
          f"-q is not silent: {q.stderr[-400:]}")
    check("warning: " in p.stderr and "warning: " in q.stderr, "the run's warning is not on stderr with and without -q")
    check(digest(os.path.join(tmp, "a")) == digest(os.path.join(tmp, "b")), "progress changed the outputs")
    plain = [l for l in p.stdout.splitlines() if not l.startswith(("  time ", "  outputs in ", "report: "))]
    check(plain == [l for l in q.stdout.splitlines() if not l.startswith(("  time ", "  outputs in ", "report: "))],
          "progress changed standard output")

finish()

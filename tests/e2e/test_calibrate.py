"""End-to-end tests of `tongchou calibrate`: a fit of transmission.r0 to "observed" cases made by a run with a known
r0 finds it within the seed noise; the outputs (calibration.csv, fitted.toml runnable as it is, fitted_band.csv,
fit.json, report.html); the same folder for 1 and 2 threads; resuming after --budget and after Ctrl-C looks the
evaluations up instead of running them again. Usage: test_calibrate.py PATH_TO_TONGCHOU"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import tomllib

BIN = os.path.abspath(sys.argv[1])
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, digests, finish, rows, runner  # noqa: E402

# A small synthetic region whose cases are found (fever clinics from the first day): ~700 reported cases in 60 days.
# The eigenvalue basis of r0: in 20,000 people the growth basis's pilots are too short to bracket every r0 (where they
# do not, it falls back to the eigenvalue, docs/model.md), which makes the loss jump between neighbouring r0; this
# test is of the search, not of the basis.
SCENARIO = ["uncontrolled", "--people", "20000", "--days", "60", "--set", "health.case_finding=true",
            "--set", "health.case_finding_start=2020-01-01", "--set", "transmission.r0_basis=next_generation"]
TRUE_R0 = 2.0
# The tolerance: fits of this setup to observations made with other seeds (97, 98, 99) at r0 = 2.0 gave 1.81 to 2.22
# (the observed epidemic is one random realisation of ~700 cases); 0.3 covers that spread, and excludes the search's
# starting point (2.5, the middle of [1, 4]), so a search that does not move fails.
TOLERANCE = 0.3

FIT = """
[[parameter]]
key = "transmission.r0"
lo = 1.0
hi = 4.0

[[observed]]
file = "observed/daily.csv"
date = "date"
value = "new_confirmed"

[evaluation]
seeds = 3

[search]
budget = 20

[report]
runs = 10
"""

run = runner(BIN)


def without_refit_line(path):
    with open(path) as f:
        return [line for line in f if not line.startswith("# refit:")]


with tempfile.TemporaryDirectory() as tmp:
    run("run", *SCENARIO, "--seed", "99", "--set", f"transmission.r0={TRUE_R0}", "-q", "-o", os.path.join(tmp, "observed"))
    fit = os.path.join(tmp, "fit.toml")
    with open(fit, "w") as f:
        f.write(FIT)

    a = os.path.join(tmp, "a")
    p = run("calibrate", *SCENARIO, "--fit", fit, "--threads", "2", "-o", a)
    check("evaluation 1/20" in p.stderr and "best" in p.stderr, f"progress lines: {p.stderr[-400:]}")
    check("report:" in p.stdout and "fitted scenario:" in p.stdout, f"closing lines: {p.stdout}")
    check(sorted(os.listdir(a)) == ["calibration.csv", "fit.json", "fitted.toml", "fitted_band.csv", "report.html"],
          f"calibration folder: {os.listdir(a)}")
    table = rows(os.path.join(a, "calibration.csv"))
    check(len(table) >= 8, f"only {len(table)} evaluations")
    check(list(table[0].keys()) == ["evaluation", "transmission.r0", "loss", "loss_seed_1", "loss_seed_2", "loss_seed_3", "setup"],
          f"calibration.csv columns: {list(table[0].keys())}")
    for r in table:  # the loss is the mean of the seeds' losses (no prior)
        mean = sum(float(r[f"loss_seed_{s}"]) for s in (1, 2, 3)) / 3
        check(abs(float(r["loss"]) - mean) <= 1e-9 * max(1.0, mean), f"evaluation {r['evaluation']}: loss is not the seeds' mean")
    check(len({r["transmission.r0"] for r in table}) == len(table), "an evaluation was run twice for the same value")
    j = json.load(open(os.path.join(a, "fit.json")))
    best = j["best"]["values"]["transmission.r0"]
    check(abs(best - TRUE_R0) <= TOLERANCE, f"fitted r0 {best} is not within {TOLERANCE} of {TRUE_R0}")
    check(min(float(r["loss"]) for r in table) == j["best"]["loss"], "fit.json's best is not the lowest loss of calibration.csv")
    u = j["uncertainty"]["transmission.r0"]
    check(u["lo"] <= best <= u["hi"], f"the range within the noise {u} does not hold the best {best}")
    check(j["noise"]["standard_error"] > 0 and j["noise"]["threshold"] >= j["best"]["loss"], f"noise: {j['noise']}")
    for i in j["noise"]["evaluations_within"]:
        check(float(table[i - 1]["loss"]) <= j["noise"]["threshold"], f"evaluation {i} is not within the noise")
    check(0 <= j["observed"][0]["days_inside_band"] <= 1 and j["observed"][0]["observed_total"] > 100, f"observed: {j['observed']}")
    band = rows(os.path.join(a, "fitted_band.csv"))
    check(len(band) == 60 and all(float(b["simulated_p5"]) <= float(b["simulated_median"]) <= float(b["simulated_p95"]) for b in band),
          "fitted_band.csv: 60 days, p5 <= median <= p95")
    observed = rows(os.path.join(tmp, "observed", "daily.csv"))
    check([b["observed"] for b in band] == [o["new_confirmed"] for o in observed], "fitted_band.csv's observed column is the file's")
    html = open(os.path.join(a, "report.html"), encoding="utf-8").read()
    check("var CALIBRATION = " in html and "echarts" in html and "transmission.r0" in html, "report.html holds the data and ECharts")
    fitted = open(os.path.join(a, "fitted.toml")).read()
    check("# fitted:" in fitted and "transmission.r0 = " in fitted and "# refit: tongchou calibrate" in fitted,
          f"fitted.toml's comment block: {fitted[:600]}")
    with open(os.path.join(a, "fitted.toml"), "rb") as f:
        check(tomllib.load(f)["transmission"]["r0"] == best, "fitted.toml does not set the fitted r0")
    # fitted.toml runs as it is.
    run("run", os.path.join(a, "fitted.toml"), "--days", "5", "-q", "-o", os.path.join(tmp, "fitted-run"))

    # One thread, stopped by --budget after 8 evaluations, then the same command without it: the same folder.
    b = os.path.join(tmp, "b")
    run("calibrate", *SCENARIO, "--fit", fit, "--threads", "1", "--budget", "8", "-q", "-o", b)
    check(len(rows(os.path.join(b, "calibration.csv"))) <= 8, "--budget 8 made more than 8 evaluations")
    p = run("calibrate", *SCENARIO, "--fit", fit, "--threads", "1", "-o", b)
    kept = [line for line in p.stderr.splitlines() if "(kept)" in line]
    check(len(kept) >= 8, f"resuming ran the first evaluations again: {len(kept)} kept")
    for name in ("calibration.csv", "fit.json", "fitted_band.csv", "report.html"):
        check(digests(a)[name] == digests(b)[name], f"{name} differs between 2 threads and 1 thread resumed")
    check(without_refit_line(os.path.join(a, "fitted.toml")) == without_refit_line(os.path.join(b, "fitted.toml")),
          "fitted.toml differs between 2 threads and 1 thread resumed")

    # Ctrl-C: exit 130, calibration.csv whole up to the last finished evaluation; the same command resumes.
    c = os.path.join(tmp, "c")
    proc = subprocess.Popen([BIN, "calibrate", *SCENARIO, "--fit", fit, "--threads", "1", "-o", c],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    csv = os.path.join(c, "calibration.csv")
    deadline = time.time() + 60
    while time.time() < deadline and (not os.path.exists(csv) or len(open(csv).read().splitlines()) < 4):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    check(proc.returncode == 130, f"interrupted calibrate exited {proc.returncode}: {err[-300:]}")
    check("run the same command to resume" in err, f"interrupted calibrate's message: {err[-300:]}")
    text = open(csv).read()
    done = rows(csv)
    check(text.endswith("\n") and len(done) >= 3, f"calibration.csv after Ctrl-C: {len(done)} rows")
    check([r["loss"] for r in done] == [r["loss"] for r in table[:len(done)]], "the evaluations before Ctrl-C differ")
    check(not os.path.exists(os.path.join(c, "fit.json")), "fit.json written by an interrupted calibration")
    p = run("calibrate", *SCENARIO, "--fit", fit, "--threads", "2", "-o", c)
    check(f"({len(done)} kept from before)" in p.stdout, f"resumed after Ctrl-C: {p.stdout}")
    check(digests(a)["calibration.csv"] == digests(c)["calibration.csv"], "calibration.csv after Ctrl-C and resuming differs")

    # A folder that is not a calibration's is refused before anything runs.
    other = os.path.join(tmp, "other")
    os.makedirs(other)
    open(os.path.join(other, "notes.txt"), "w").write("x")
    p = run("calibrate", *SCENARIO, "--fit", fit, "-o", other, expect=3)
    check("not a calibration's" in p.stderr, f"foreign folder: {p.stderr}")

finish()

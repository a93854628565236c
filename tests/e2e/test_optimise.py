"""End-to-end tests of `tongchou optimise` with a known answer: on a small synthetic region where ending the lockdown
later lowers infections and raises the value added lost (examples/plans/reopening-synthetic.toml), one variable (the
reopening date); the front found is non-dominated and complete among the evaluations, spans both ends of the date
range, trades the two objectives monotonically along the dates, is byte-identical for 1 and 2 threads, its plan files
repeat their evaluations, and an interrupted optimisation resumes to the same folder. Usage: test_optimise.py PATH"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

BIN = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from harness import check, digests, finish, rows, runner  # noqa: E402

SCENARIO = os.path.join(REPO, "examples", "plans", "reopening-synthetic.toml")
PLAN = os.path.join(REPO, "examples", "plans", "reopening.toml")
KEY, INF, GDP = "measure.lockdown.until", "health.infections.median", "gdp_loss.median"
LO, HI, TOLERANCE_DAYS = "2020-01-10", "2020-03-20", 7

run = runner(BIN)


def day(text):
    return int(time.mktime(time.strptime(text, "%Y-%m-%d")) // 86400)


def dominates(a, b):
    return all(x <= y for x, y in zip(a, b)) and any(x < y for x, y in zip(a, b))


p = run("optimise", "--help")
check("Usage: tongchou optimise" in p.stdout and "Examples:" in p.stdout and "Exit codes" in p.stdout and "--plan" in p.stdout,
      f"optimise --help: {p.stdout[:300]}")

with tempfile.TemporaryDirectory() as tmp:
    a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
    p = run("optimise", SCENARIO, "--plan", PLAN, "--threads", "2", "-o", a)
    check("generation 3/3" in p.stderr, f"progress lines per generation: {p.stderr}")
    check("report:" in p.stdout and "front:" in p.stdout, f"closing lines: {p.stdout}")
    check(sorted(os.listdir(a)) == ["evaluations.csv", "front", "pareto.csv", "plan.toml", "report.html", "scenario.resolved.toml"],
          f"optimisation folder: {sorted(os.listdir(a))}")
    run("optimise", SCENARIO, "--plan", PLAN, "--threads", "1", "-q", "-o", b)
    check(digests(a) == digests(b), "the optimisation's folder differs between --threads 2 and --threads 1")

    evals, front = rows(os.path.join(a, "evaluations.csv")), rows(os.path.join(a, "pareto.csv"))
    own = [r for r in evals if r["generation"] == "scenario"]
    check(len(own) == 1 and own[0][KEY] == "2020-02-10", f"the scenario's own plan evaluated: {own}")
    search = [r for r in evals if r["generation"] != "scenario"]
    check(len(search) >= 8 and all(r["runs"] == "2" for r in evals), f"evaluations: {len(search)}")
    check(len({r[KEY] for r in search}) == len(search), "a plan evaluated twice (not looked up)")
    # The first generation begins with the scenario's own plan (member 0, looked up: its row is the scenario's), then
    # the box's lowest and highest corners (members 1 and 2); the rest are random.
    first = [(r["member"], r[KEY]) for r in search if r["generation"] == "0"]
    check(first[:2] == [("1", LO), ("2", HI)] and "0" not in [m for m, _ in first], f"the first generation's seeded plans: {first}")
    feasible = [r for r in search if r["feasible"] == "true"]
    obj = lambda r: (float(r[INF]), float(r[GDP]))  # noqa: E731
    check(len(front) >= 2, f"front of {len(front)} plans")
    for f in front:
        check(not any(dominates(obj(r), obj(f)) for r in feasible), f"front plan {f['plan']} ({f[KEY]}) is dominated")
    on_front = {f[KEY] for f in front}
    for r in feasible:
        if r[KEY] not in on_front:
            check(any(dominates(obj(f), obj(r)) for f in front), f"plan {r[KEY]} is not dominated yet not on the front")
    # The known answer: the front spans the date range (earliest and latest within the tolerance), and along it a later
    # reopening has fewer infections and a larger economic loss.
    dates = sorted(day(f[KEY]) for f in front)
    check(dates[0] - day(LO) <= TOLERANCE_DAYS, f"the front's earliest reopening {front[-1][KEY]} is far from {LO}")
    check(day(HI) - dates[-1] <= TOLERANCE_DAYS, f"the front's latest reopening is far from {HI}: {sorted(on_front)}")
    by_date = sorted(front, key=lambda f: f[KEY])
    check(all(float(x[GDP]) < float(y[GDP]) and float(x[INF]) > float(y[INF]) for x, y in zip(by_date, by_date[1:])),
          f"along the front, later reopening must lower infections and raise gdp_loss: {[(f[KEY], f[INF], f[GDP]) for f in by_date]}")
    # Each front plan is a runnable scenario; seeds 1 and 2 of it give the evaluation's median.
    check(sorted(os.listdir(os.path.join(a, "front"))) == [f"{i + 1:03}.toml" for i in range(len(front))], "front/NNN.toml per plan")
    first = os.path.join(a, "front", "001.toml")
    infections = []
    for seed in ("1", "2"):
        out = os.path.join(tmp, f"front1-{seed}")
        run("run", first, "--seed", seed, "-q", "-o", out)
        infections.append(json.load(open(os.path.join(out, "summary.json")))["health"]["infections"])
    check(abs(sum(infections) / 2 - float(front[0][INF])) < 1e-9, f"front/001.toml gives {infections}, pareto.csv {front[0][INF]}")
    html = open(os.path.join(a, "report.html"), encoding="utf-8").read()
    check("var OPTIMISE" in html and '"own":true' in html and "echarts" in html, "report.html holds the plans and the own plan")

    # Interrupted: the finished evaluations are kept; the same command resumes (looks them up) to the same folder.
    c = os.path.join(tmp, "c")
    proc = subprocess.Popen([BIN, "optimise", SCENARIO, "--plan", PLAN, "--threads", "2", "-o", c], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    journal = os.path.join(c, "evaluations.csv")
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if os.path.exists(journal) and len(open(journal).read().splitlines()) >= 6:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    check(proc.returncode == 130, f"interrupted optimisation exited {proc.returncode}: {err[-300:]}")
    kept = len(rows(journal))
    check(5 <= kept < len(evals), f"{kept} evaluations kept after the interruption")
    p = run("optimise", SCENARIO, "--plan", PLAN, "--threads", "2", "-o", c)
    check(f"({kept} looked up from before)" in p.stdout, f"resumed run looked up {kept}: {p.stdout}")
    check(digests(c) == digests(a), "the resumed optimisation's folder differs from the uninterrupted one")

    # MOEA/D (one plan at a time), three variables of which one continuous, plans whose scenario cannot hold together
    # (the lockdown ending before it starts: infeasible, not run): every plan asked for is in evaluations.csv, the
    # folder the same for 1 and 2 threads.
    plan2 = os.path.join(tmp, "moead.toml")
    with open(plan2, "w") as f:
        f.write('[[variable]]\nkey = "measure.lockdown.from"\nlo = 2020-01-01\nhi = 2020-03-01\n'
                '[[variable]]\nkey = "measure.lockdown.until"\nlo = 2020-01-10\nhi = 2020-03-20\n'
                '[[variable]]\nkey = "measure.lockdown.value"\nlo = 0\nhi = 0.5\n'
                '[[objective]]\nfigure = "health.deaths"\n[[objective]]\nfigure = "economy.gdp_loss_cny_million"\nstatistic = "mean"\n'
                '[search]\nalgorithm = "moead"\npopulation = 5\ngenerations = 1\nruns = 1\nseed = 3\n')
    m1, m2 = os.path.join(tmp, "m1"), os.path.join(tmp, "m2")
    for d, threads in ((m1, "2"), (m2, "1")):
        run("optimise", SCENARIO, "--plan", plan2, "--days", "40", "--threads", threads, "-q", "-o", d)
    check(digests(m1) == digests(m2), "MOEA/D: the folder differs between --threads 2 and 1")
    table = rows(os.path.join(m1, "evaluations.csv"))
    plans = [tuple(r[k] for k in ("measure.lockdown.from", "measure.lockdown.until", "measure.lockdown.value")) for r in table]
    # Generation 0: the scenario's own plan (looked up: no row of its own), the lowest and highest corners, 2 random
    # plans; generation 1's 5 plans one at a time, each a row unless it is a plan evaluated before.
    check(len(set(plans)) == len(plans) and [r["member"] for r in table if r["generation"] == "0"] == ["1", "2", "3", "4"] and
          plans[1] == ("2020-01-01", "2020-01-10", "0") and plans[2] == ("2020-03-01", "2020-03-20", "0.5") and
          all(r["member"] in "01234" for r in table if r["generation"] == "1"), f"MOEA/D: evaluations {plans}")
    for r in table:
        bad = r["measure.lockdown.until"] < r["measure.lockdown.from"]
        check(bad == (r["problem"] != ""), f"plan {r['measure.lockdown.from']}..{r['measure.lockdown.until']}: problem {r['problem']!r}")
        check(not bad or (r["feasible"] == "false" and r["health.deaths.median"] == ""), f"an impossible plan has figures: {r}")
    check(0 < float(table[3]["measure.lockdown.value"]) < 0.5 and "." in table[3]["measure.lockdown.value"], "a continuous variable")

    # Another scenario in the same folder is refused (its evaluations are of other runs).
    p = run("optimise", SCENARIO, "--plan", PLAN, "--days", "60", "-o", a, expect=3)
    check("another scenario" in p.stderr, f"refusal: {p.stderr}")

finish()

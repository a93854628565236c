"""End-to-end test of a single-objective `tongchou optimise` (one [[objective]]: pagmo2's extended ant colony, gaco)
with a known answer: on the small synthetic region where ending the lockdown later lowers infections and raises the
jobs lost (examples/plans/reopening-synthetic.toml), minimise jobs_lost with the median infections at most a limit
halfway between those of the earliest and the latest reopening (measured here by `tongchou sweep`). The answer is the
earliest reopening that keeps within the limit: the best plan found is feasible, no feasible plan evaluated loses
fewer jobs, a reopening TOLERANCE_DAYS + 1 days earlier breaks the limit (the best is within the tolerance of the
answer), pareto.csv holds the best plan, and the folder is byte-identical for 1 and 2 threads.
Usage: test_optimise_single.py PATH_TO_TONGCHOU"""
import datetime
import os
import sys
import tempfile

BIN = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from harness import check, digests, finish, rows, runner  # noqa: E402

SCENARIO = os.path.join(REPO, "examples", "plans", "reopening-synthetic.toml")
KEY, LO, HI, TOLERANCE_DAYS = "measure.lockdown.until", "2020-01-10", "2020-03-20", 10

run = runner(BIN)


def infections(tmp, name, *dates):
    """The median infections of 2 runs (seeds 1, 2, as the optimiser's plans) of each reopening date."""
    out = os.path.join(tmp, name)
    run("sweep", SCENARIO, "--param", f"{KEY}={','.join(dates)}", "--runs", "2", "--threads", "2", "-q", "-o", out)
    return {r[KEY]: float(r["health.infections"]) for r in rows(os.path.join(out, "sweep.csv"))}


with tempfile.TemporaryDirectory() as tmp:
    ends = infections(tmp, "ends", LO, HI)
    check(ends[LO] > ends[HI], f"the known answer needs fewer infections with a later reopening: {ends}")
    limit = round((ends[LO] + ends[HI]) / 2)
    plan = os.path.join(tmp, "single.toml")
    with open(plan, "w") as f:
        f.write(f'[[variable]]\nkey = "{KEY}"\nlo = {LO}\nhi = {HI}\n'
                '[[objective]]\nfigure = "jobs_lost"\n'
                f'[[constraint]]\nfigure = "health.infections"\nstatistic = "median"\nat_most = {limit}\n'
                '[search]\npopulation = 8\ngenerations = 2\nruns = 2\nseed = 1\n')
    a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
    p = run("optimise", SCENARIO, "--plan", plan, "--threads", "2", "-o", a)
    check("gaco" in p.stderr and "generation 2/2" in p.stderr, f"the single-objective search by default: {p.stderr}")
    run("optimise", SCENARIO, "--plan", plan, "--threads", "1", "-q", "-o", b)
    check(digests(a) == digests(b), "the single-objective optimisation's folder differs between --threads 2 and 1")

    evals, front = rows(os.path.join(a, "evaluations.csv")), rows(os.path.join(a, "pareto.csv"))
    search = [r for r in evals if r["generation"] != "scenario"]
    check(len(search) >= 8, f"evaluations: {len(search)}")
    feasible = [r for r in search if r["feasible"] == "true"]
    check(len(front) == 1, f"pareto.csv holds the best plan: {len(front)} rows")
    best = front[0]
    check(float(best["health.infections.median"]) <= limit, f"the best plan keeps the limit {limit}: {best['health.infections.median']}")
    check(all(float(r["jobs_lost.median"]) >= float(best["jobs_lost.median"]) for r in feasible),
          "a feasible plan evaluated loses fewer jobs than the best")
    # GDP loss year on year in the scorecard columns too: a later reopening loses more of Q1 against the year before.
    by_date = sorted(search, key=lambda r: r[KEY])
    check(float(by_date[-1]["gdp_loss_yoy.median"]) > float(by_date[0]["gdp_loss_yoy.median"]),
          f"gdp_loss_yoy: {[(r[KEY], r['gdp_loss_yoy.median']) for r in by_date]}")
    # The known answer: TOLERANCE_DAYS + 1 days before the best, the limit is broken (within tolerance of the earliest).
    earlier = datetime.date.fromisoformat(best[KEY]) - datetime.timedelta(days=TOLERANCE_DAYS + 1)
    if earlier >= datetime.date.fromisoformat(LO):
        before = infections(tmp, "before", earlier.isoformat())[earlier.isoformat()]
        check(before > limit, f"reopening on {earlier} ({before} infections) keeps the limit {limit}: the best, {best[KEY]}, "
                              f"is more than {TOLERANCE_DAYS} days from the earliest reopening that does")

finish()

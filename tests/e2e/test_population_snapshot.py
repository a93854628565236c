"""End-to-end tests of population snapshots: `tongchou population` writes one, and a run, an ensemble and a scenario
file naming it give the same outputs, byte for byte, as synthesising (all but the snapshot's path in
scenario.resolved.toml and that file's line in manifest.json). Usage: test_population_snapshot.py PATH_TO_TONGCHOU"""
import json
import os
import sys
import tempfile

BIN = os.path.abspath(sys.argv[1])
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, digests, finish, runner  # noqa: E402

run = runner(BIN)
SCALE = ["--scale", "8"]


def same_but_the_path(a, b, what):
    """Every file of folder b equals a's; scenario.resolved.toml differs only in population.snapshot (the path)."""
    da, db = digests(a), digests(b)
    check(sorted(da) == sorted(db), f"{what}: other files: {sorted(set(da) ^ set(db))}")
    differing = sorted(k for k in da if k in db and da[k] != db[k])
    allowed = {"scenario.resolved.toml", "manifest.json"}
    allowed |= {os.path.join(os.path.dirname(k), n) for k in da for n in allowed}
    check(set(differing) <= allowed, f"{what}: files differ: {differing}")
    for resolved in (k for k in da if os.path.basename(k) == "scenario.resolved.toml"):
        la = open(os.path.join(a, resolved)).read().splitlines()
        lb = open(os.path.join(b, resolved)).read().splitlines()
        diff = [(x, y) for x, y in zip(la, lb) if x != y]
        check(len(la) == len(lb) and all(x.startswith("snapshot = ") and y.startswith("snapshot = ") for x, y in diff),
              f"{what}: {resolved} differs beyond population.snapshot: {diff[:3]}")
    for manifest in (k for k in da if os.path.basename(k) == "manifest.json"):
        ma, mb = (json.load(open(os.path.join(d, manifest))) for d in (a, b))
        def files(m):  # every entry but scenario.resolved.toml's
            return [f for f in m.get("files", []) if not str(f.get("path", f.get("name", ""))).endswith("scenario.resolved.toml")]
        check(files(ma) == files(mb) and len(files(ma)) > 3, f"{what}: {manifest} lists other files or checksums")


with tempfile.TemporaryDirectory() as tmp:
    pop = os.path.join(tmp, "y8.pop")
    p = run("population", "yunyang", *SCALE, "-o", pop)
    check(os.path.getsize(pop) > 1_000_000 and "wrote" in p.stdout, f"no snapshot written: {p.stdout}")
    check(open(pop, "rb").read(8) == b"TCPOPSNP", "the snapshot does not begin with its magic")
    # Writing it again gives the same bytes, and replaces the earlier snapshot.
    with open(pop, "rb") as f:
        first = f.read()
    run("population", "yunyang", *SCALE, "-o", pop, "-q")
    with open(pop, "rb") as f:
        check(f.read() == first, "a second snapshot of the same population differs")

    # One run both ways: every output file the same.
    a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
    run("run", "yunyang", *SCALE, "-q", "-o", a)
    p = run("run", "yunyang", *SCALE, "-q", "--population", pop, "-o", b)
    same_but_the_path(a, b, "run --population")
    check(all("population snapshot" in l or l.startswith("warning: ") for l in p.stderr.splitlines()),
          f"unexpected progress output: {p.stderr[-400:]}")

    # A scenario file naming the snapshot (population.snapshot): run a's scenario.resolved.toml with it.
    with open(os.path.join(a, "scenario.resolved.toml")) as f:
        text = f.read()
    check('snapshot = ""' in text, "scenario.resolved.toml lacks population.snapshot")
    toml = os.path.join(tmp, "y.toml")
    with open(toml, "w") as f:
        f.write(text.replace('snapshot = ""', f'snapshot = "{pop}"'))
    c = os.path.join(tmp, "c")
    run("run", toml, "-q", "-o", c)
    da, dc = digests(a), digests(c)  # (summary.json and report.html name the scenario's file: compare the tables)
    csvs = [k for k in da if k.endswith(".csv")]
    check(len(csvs) >= 4 and all(da[k] == dc.get(k) for k in csvs), "population.snapshot in a scenario file: the tables differ")

    # An ensemble on the snapshot: the same folder as on its own population.
    e, f = os.path.join(tmp, "e"), os.path.join(tmp, "f")
    run("ensemble", "yunyang", *SCALE, "--days", "40", "--runs", "2", "-q", "-o", e)
    run("ensemble", "yunyang", *SCALE, "--days", "40", "--runs", "2", "-q", "--population", pop, "-o", f)
    same_but_the_path(e, f, "ensemble --population")

finish()

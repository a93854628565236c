"""End-to-end tests of `mpirun -n R tongchou ensemble|sweep|optimise`: the folders written with R = 1, 2 and 3 processes
(oversubscribed) and 1 or 2 threads each are byte for byte those of the command without mpirun, every file, manifests
too (optimise: the small known-answer plan of test_optimise.py); a resumed launch keeps the finished runs; an optimisation interrupted
mid-generation keeps every rank's finished plans and resumes to the same folder; bad input is reported once, by rank 0, with exit code 2; `run`,
`calibrate` and `population` under mpirun with R > 1 are refused. Registered only when tongchou is built with MPI (TONGCHOU_MPI).
Usage: test_mpi.py PATH_TO_TONGCHOU PATH_TO_MPIEXEC"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

BIN = os.path.abspath(sys.argv[1])
MPIEXEC = sys.argv[2]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, digests, finish, runner  # noqa: E402

# 8 pilot epidemics per grid point of the growth basis instead of 64 (in 20,000 people nine tenths of a run's CPU time):
# the basis is still computed by every rank as by the plain command, and the folders are compared byte for byte.
PILOTS = ["--set", "transmission.growth_pilot_runs=8"]
ENSEMBLE = ["uncontrolled", "--people", "20000", "--days", "40", "--runs", "4", *PILOTS]
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OPTIMISE = [os.path.join(REPO, "examples", "plans", "reopening-synthetic.toml"), "--plan",
            os.path.join(REPO, "examples", "plans", "reopening.toml")]
SWEEP = ["uncontrolled", "--people", "20000", "--days", "40", "--param", "transmission.r0=1.5,3",
         "--param", "population.seed=1,2", *PILOTS]
# Open MPI refuses root without these (CI containers run as root); shared memory without the kernel's cross-memory
# attach, which containers often forbid.
ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMPI_MCA_btl_vader_single_copy_mechanism="none")

run = runner(BIN)


def mpirun(ranks, *args, expect=0):
    cmd = [MPIEXEC, "--oversubscribe", "-n", str(ranks), BIN, *args]
    p = subprocess.run(cmd, capture_output=True, text=True, env=ENV, timeout=300)
    check(p.returncode == expect, f"`mpirun -n {ranks} tongchou {' '.join(args)}` exited {p.returncode}, expected {expect}: "
                                  f"{p.stderr[-800:]}")
    return p


with tempfile.TemporaryDirectory() as tmp:
    for command, args in (("ensemble", ENSEMBLE), ("sweep", SWEEP)):
        ref = os.path.join(tmp, command + "-plain")
        run(command, *args, "--threads", "2", "-q", "-o", ref)
        want = digests(ref)
        check(len(want) > 20, f"{command}: too few files in the plain folder ({len(want)})")
        for ranks, threads in ((1, 2), (2, 1), (3, 1), (3, 2)):
            out = os.path.join(tmp, f"{command}-n{ranks}-t{threads}")
            p = mpirun(ranks, command, *args, "--threads", str(threads), "-o", out)
            got = digests(out)
            check(got == want, f"{command} under mpirun -n {ranks} --threads {threads}: files differ from the plain "
                               f"command: {sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))[:8]}")
            check(p.stdout.count("report: ") == 1, f"{command} -n {ranks}: the closing lines once, from rank 0: {p.stdout}")
            if ranks > 1:
                check(f"rank {ranks - 1}/{ranks}:" in p.stderr, f"{command} -n {ranks}: no progress line of the last rank: {p.stderr}")

    # The optimiser: every rank runs the same seeded search, each generation's plans spread over them.
    ref = os.path.join(tmp, "optimise-plain")
    run("optimise", *OPTIMISE, "--threads", "2", "-q", "-o", ref)
    want = digests(ref)
    check("evaluations.csv" in want and "pareto.csv" in want and any(k.startswith("front") for k in want),
          f"optimise: the plain folder lacks its files: {sorted(want)}")
    for ranks, threads in ((1, 2), (2, 1), (3, 1)):
        out = os.path.join(tmp, f"optimise-n{ranks}-t{threads}")
        p = mpirun(ranks, "optimise", *OPTIMISE, "--threads", str(threads), "-o", out)
        got = digests(out)
        check(got == want, f"optimise under mpirun -n {ranks} --threads {threads}: files differ from the plain command: "
                           f"{sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))[:8]}")
        check(p.stdout.count("report: ") == 1 and p.stderr.count("generation 3/3") == 1,
              f"optimise -n {ranks}: progress and closing lines once, from rank 0: {p.stdout} {p.stderr}")
    # Resuming under mpirun: the journal's plans are looked up on every rank, none run again; the folder is the same.
    out = os.path.join(tmp, "optimise-n2-t1")
    os.remove(os.path.join(out, "pareto.csv"))
    p = mpirun(2, "optimise", *OPTIMISE, "--threads", "1", "-o", out)
    ran = [int(n) for n in re.findall(r"plans, (\d+) run,", p.stderr)]
    check(len(ran) == 4 and not any(ran) and "own plan: looked up" in p.stderr and "(0 looked up" not in p.stdout,
          f"optimise resumed under mpirun: every plan looked up: {p.stdout} {p.stderr}")
    check(digests(out) == want, "optimise resumed under mpirun: the folder differs")

    # Interrupted mid-generation (Ctrl-C to mpirun): every finished plan is kept, the other ranks' too (each is sent
    # to rank 0 as it finishes), with the same figures as the uninterrupted run; the same command resumes to the same
    # folder. Plans of a second or so each (more people, one run). A generation's plans to run are, in member order,
    # its rows of the uninterrupted evaluations.csv: the j-th goes to rank j % R.
    ranks = 3
    slow_plan = os.path.join(tmp, "slow-plan.toml")
    with open(slow_plan, "w") as f:
        f.write('[[variable]]\nkey = "measure.lockdown.until"\nlo = 2020-01-10\nhi = 2020-02-15\n'
                '[[objective]]\nfigure = "health.infections"\n[[objective]]\nfigure = "gdp_loss"\n'
                '[search]\npopulation = 8\ngenerations = 1\nruns = 1\nseed = 1\n')
    slow = [OPTIMISE[0], "--plan", slow_plan, "--people", "100000", "--days", "60"]
    slow_ref = os.path.join(tmp, "optimise-slow-plain")
    run("optimise", *slow, "--threads", "2", "-q", "-o", slow_ref)
    slow_want = digests(slow_ref)
    ref_rows = {}
    for line in open(os.path.join(slow_ref, "evaluations.csv")).read().splitlines()[1:]:
        generation, member = line.split(",")[:2]
        ref_rows.setdefault(generation, []).append((int(member), line))
    rank_of = {}  # (generation, member) -> rank
    for generation, members in ref_rows.items():
        for j, (member, _) in enumerate(sorted(members)):
            rank_of[(generation, member)] = j % ranks
    ref_line = {(g, m): line for g, members in ref_rows.items() for m, line in members}

    def journal_rows(path):
        if not os.path.exists(path):
            return []
        return [(line.split(",")[0], int(line.split(",")[1]), line) for line in open(path).read().splitlines()[1:]]

    def rank_pids(parent):
        """The ranks mpirun started, {rank: pid}: its children, by the rank Open MPI puts in their environments."""
        pids = {}
        for d in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{d}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) != parent:
                        continue
                with open(f"/proc/{d}/environ", "rb") as f:
                    environ = f.read().split(b"\0")
            except (OSError, ValueError, IndexError):
                continue
            for e in environ:
                if e.startswith(b"OMPI_COMM_WORLD_RANK="):
                    pids[int(e.split(b"=", 1)[1])] = int(d)
        return pids

    def interrupted(out):
        """Launches the slow optimisation under mpirun and interrupts generation 0 at a moment that does not depend on
        the machine's speed: once the generation is under way (a row of it in the journal), the last rank is frozen
        (SIGSTOP), so that its plans cannot finish; once every plan of the other ranks is in the journal, SIGINT goes to every
        rank and to mpirun at once, and the frozen rank continues, to find the signal waiting. Returns (exit status, stderr, the journal's rows)."""
        journal = os.path.join(out, "evaluations.csv")
        proc = subprocess.Popen([MPIEXEC, "--oversubscribe", "-n", str(ranks), BIN, "optimise", *slow, "--threads", "1", "-o", out],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV, start_new_session=True)
        others = {m for (g, m), r in rank_of.items() if g == "0" and r != ranks - 1}
        deadline = time.time() + 120
        frozen = None
        try:
            while time.time() < deadline and proc.poll() is None:
                rows = journal_rows(journal)
                if frozen is None and any(g == "0" for g, _, _ in rows):
                    frozen = rank_pids(proc.pid).get(ranks - 1)
                    if frozen is not None:
                        os.kill(frozen, signal.SIGSTOP)
                if frozen is not None and others <= {m for g, m, _ in rows if g == "0"}:
                    break
                time.sleep(0.02)
            # Open MPI starts each rank in a process group of its own: the signal goes to each rank itself (mpirun
            # forwards its own a second or more later).
            for pid in rank_pids(proc.pid).values():
                try:
                    os.kill(pid, signal.SIGINT)
                except ProcessLookupError:
                    pass
            os.killpg(proc.pid, signal.SIGINT)
        finally:
            if frozen is not None:
                os.kill(frozen, signal.SIGCONT)
        _, err = proc.communicate(timeout=120)
        return proc.returncode, err, journal_rows(journal)

    def unfinished(kept):
        last = max((g for g, _, _ in kept if g != "scenario"), key=int, default=None)
        return last if last is not None and sum(1 for g, _, _ in kept if g == last) < len(ref_rows[last]) else None

    # The last rank may finish its plans before it is frozen (the journal is read every 20 ms): that try says nothing,
    # and is made again (at most 3 times) in a fresh folder.
    for attempt in range(3):
        out = os.path.join(tmp, f"optimise-interrupted-{attempt}")
        status, err, kept = interrupted(out)
        if unfinished(kept) is not None:
            break
        print(f"try {attempt + 1}: the generation finished before the interruption", flush=True)
    # mpirun itself exits 1 when interrupted; rank 0 tells of the interruption.
    check(status != 0 and "interrupted; the evaluations finished so far are kept" in err,
          f"optimise under mpirun -n {ranks}, interrupted: exit {status}: {err[-600:]}")
    last = unfinished(kept)
    others = [(g, m) for g, m, _ in kept if g == last and rank_of[(g, m)] != 0]
    check(last is not None and others,
          f"the interrupted generation {last} keeps the other ranks' finished plans: {[(g, m) for g, m, _ in kept]}")
    check(all(ref_line.get((g, m)) == line for g, m, line in kept), "a kept plan's row differs from the uninterrupted run's")
    p = mpirun(ranks, "optimise", *slow, "--threads", "1", "-o", out)
    check(f"({len(kept)} looked up from before)" in p.stdout, f"resumed under mpirun: {len(kept)} plans looked up: {p.stdout}")
    check(digests(out) == slow_want, "optimise interrupted and resumed under mpirun: the folder differs from the uninterrupted one")

    # Resuming: runs left by an interrupted launch are kept, the missing one is run, the folder is the same.
    out = os.path.join(tmp, "ensemble-n2-t1")
    shutil.rmtree(os.path.join(out, "runs", "003"))
    os.remove(os.path.join(out, "summary.json"))
    p = mpirun(2, "ensemble", *ENSEMBLE, "--threads", "1", "-o", out)
    check(p.stderr.count("kept from an earlier run") == 3, f"resumed under mpirun: 3 runs kept: {p.stderr}")
    check(digests(out) == digests(os.path.join(tmp, "ensemble-plain")), "resumed under mpirun: the folder differs")

    # Bad input: one message (from rank 0), exit code 2, nothing written.
    bad = os.path.join(tmp, "bad")
    p = mpirun(3, "sweep", *SWEEP, "--param", "transmission.no_such_key=1", "-o", bad, expect=2)
    check(p.stderr.count("error: invalid input") == 1 and "transmission.no_such_key" in p.stderr,
          f"bad input under mpirun: one message naming the key: {p.stderr}")
    check(not os.path.exists(bad), "bad input under mpirun wrote a folder")
    # An output folder that is not an ensemble's: checked once, by rank 0, before any run.
    taken = os.path.join(tmp, "taken")
    os.makedirs(taken)
    with open(os.path.join(taken, "notes.txt"), "w") as f:
        f.write("mine\n")
    p = mpirun(2, "ensemble", *ENSEMBLE, "-o", taken, expect=3)
    check(p.stderr.count("notes.txt") == 1, f"a foreign folder under mpirun: one message: {p.stderr}")
    check(sorted(os.listdir(taken)) == ["notes.txt"], f"a foreign folder under mpirun was written: {os.listdir(taken)}")
    p = mpirun(2, "optimise", *OPTIMISE, "-o", taken, expect=3)
    check(p.stderr.count("notes.txt") == 1, f"optimise into a foreign folder under mpirun: one message: {p.stderr}")
    check(sorted(os.listdir(taken)) == ["notes.txt"], f"optimise under mpirun wrote a foreign folder: {os.listdir(taken)}")

    # One run is not shared: R copies would write one folder.
    p = mpirun(2, "run", "uncontrolled", "--people", "20000", "--days", "10", "-o", os.path.join(tmp, "one"), expect=2)
    check(p.stderr.count("is one run") == 1, f"run under mpirun -n 2: one message: {p.stderr}")
    check(not os.path.exists(os.path.join(tmp, "one")), "run under mpirun -n 2 wrote a folder")
    # Nor are calibrate (its evaluations are not shared) and population (one snapshot file): refused, naming the command.
    for args, made in ((["calibrate", "yunyang", "--fit", os.path.join(REPO, "fits", "chongqing.toml"), "--budget", "2",
                         "-o", os.path.join(tmp, "fit")], "fit"),
                       (["population", "yunyang", "--scale", "20", "-o", os.path.join(tmp, "pop.snapshot")], "pop.snapshot")):
        p = mpirun(2, *args, expect=2)
        check(p.stderr.count(f"tongchou {args[0]} ") == 1 and "2 processes" in p.stderr,
              f"{args[0]} under mpirun -n 2: one message naming it: {p.stderr}")
        check(not os.path.exists(os.path.join(tmp, made)), f"{args[0]} under mpirun -n 2 wrote {made}")

finish()

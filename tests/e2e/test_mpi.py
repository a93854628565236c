"""End-to-end tests of `mpirun -n R tongchou ensemble|sweep`: the folders written with R = 1, 2 and 3 processes
(oversubscribed) and 1 or 2 threads each are byte for byte those of the command without mpirun, every file, manifests
too; a resumed launch keeps the finished runs; bad input is reported once, by rank 0, with exit code 2; `run` under
mpirun with R > 1 is refused. Registered only when tongchou is built with MPI (TONGCHOU_MPI).
Usage: test_mpi.py PATH_TO_TONGCHOU PATH_TO_MPIEXEC"""
import os
import shutil
import subprocess
import sys
import tempfile

BIN = os.path.abspath(sys.argv[1])
MPIEXEC = sys.argv[2]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, digests, finish, runner  # noqa: E402

ENSEMBLE = ["uncontrolled", "--people", "20000", "--days", "40", "--runs", "4"]
SWEEP = ["uncontrolled", "--people", "20000", "--days", "40", "--param", "transmission.r0=1.5,3",
         "--param", "population.seed=1,2"]
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

    # One run is not shared: R copies would write one folder.
    p = mpirun(2, "run", "uncontrolled", "--people", "20000", "--days", "10", "-o", os.path.join(tmp, "one"), expect=2)
    check(p.stderr.count("is one run") == 1, f"run under mpirun -n 2: one message: {p.stderr}")
    check(not os.path.exists(os.path.join(tmp, "one")), "run under mpirun -n 2 wrote a folder")

finish()

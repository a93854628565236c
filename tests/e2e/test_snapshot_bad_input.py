"""Bad population snapshots are refused with the file and the reason, exit 2, nothing written: another region, scale
or seed, another format version, truncated, corrupted, not a snapshot, absent; and `tongchou population -o` does not
replace a file that is not a snapshot (exit 3). Usage: test_snapshot_bad_input.py PATH_TO_TONGCHOU"""
import os
import subprocess
import sys
import tempfile

BIN = os.path.abspath(sys.argv[1])
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, finish, runner  # noqa: E402

run = runner(BIN)
SMALL = ["yunyang", "--scale", "50", "--days", "5"]


def expect_error(args, code, *fragments, outdir=None):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    check(p.returncode == code, f"`tongchou {' '.join(args)}` exited {p.returncode}, expected {code}; stderr: {p.stderr[-400:]}")
    for frag in fragments:
        check(frag in p.stderr, f"`tongchou {' '.join(args)}`: stderr lacks {frag!r}: {p.stderr[-600:]}")
    check("AddressSanitizer" not in p.stderr and "runtime error" not in p.stderr, f"sanitizer report for {args}")
    if outdir is not None:
        check(not os.path.exists(outdir) or not os.listdir(outdir), f"output left in {outdir}")
    return p


with tempfile.TemporaryDirectory() as tmp:
    pop = os.path.join(tmp, "y50.pop")
    run("population", *SMALL[:3], "-o", pop, "-q")
    with open(pop, "rb") as f:
        good = f.read()
    out = os.path.join(tmp, "out")
    run("run", *SMALL, "--population", pop, "-q", "-o", out)  # the snapshot itself is fine

    def bad(name, data):
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    none = os.path.join(tmp, "none")
    expect_error(["run", *SMALL[:1], "--scale", "40", "--days", "5", "--population", pop, "-o", none], 2, pop,
                 "population.snapshot", "made for another population", "population.scale = 50.0 in the snapshot, 40.0 in this scenario",
                 outdir=none)
    expect_error(["run", *SMALL, "--seed", "2", "--population", pop, "-o", none], 2, "population seed = 1 in the snapshot, 2",
                 outdir=none)
    expect_error(["run", "uncontrolled", "--people", "5000", "--days", "5", "--population", pop, "-o", none], 2,
                 'scenario.region = "yunyang" in the snapshot, "synthetic" in this scenario', outdir=none)
    # An ensemble whose snapshot is refused leaves nothing behind (not even an empty DIR/runs/).
    expect_error(["ensemble", *SMALL, "--runs", "2", "--set", "population.team_size=10", "--population", pop, "-o",
                  os.path.join(tmp, "ens")], 2, "population.team_size = 20 in the snapshot, 10")
    check(not os.path.exists(os.path.join(tmp, "ens")), f"a refused ensemble left {os.path.join(tmp, 'ens')} behind")
    truncated = bad("truncated.pop", good[: len(good) // 3])
    expect_error(["run", *SMALL, "--population", truncated, "-o", none], 2, truncated, "truncated", outdir=none)
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0x01
    corrupted = bad("corrupted.pop", bytes(flipped))
    expect_error(["run", *SMALL, "--population", corrupted, "-o", none], 2, corrupted, "corrupted: its checksum does not match",
                 outdir=none)
    version = bad("version.pop", good[:8] + bytes([7, 0, 0, 0]) + good[12:])
    expect_error(["run", *SMALL, "--population", version, "-o", none], 2, "snapshot format version 7; this tongchou reads version",
                 outdir=none)
    toml = bad("not.pop", b'[scenario]\nregion = "yunyang"\n')
    expect_error(["run", *SMALL, "--population", toml, "-o", none], 2, toml, "not a population snapshot", outdir=none)
    expect_error(["run", *SMALL, "--population", bad("empty.pop", b""), "-o", none], 2, "not a population snapshot", outdir=none)
    expect_error(["run", *SMALL, "--population", os.path.join(tmp, "absent.pop"), "-o", none], 2, "absent.pop", "cannot open",
                 outdir=none)
    expect_error(["run", *SMALL, "--population", tmp, "-o", none], 2, "not a regular file", outdir=none)
    # -o never replaces a file that is not a snapshot, nor a directory.
    expect_error(["population", *SMALL[:3], "-o", toml], 3, "not a population snapshot")
    with open(toml, "rb") as f:
        check(f.read() == b'[scenario]\nregion = "yunyang"\n', "population -o replaced a file that is not a snapshot")
    expect_error(["population", *SMALL[:3], "-o", tmp], 3, "not a regular file")
    expect_error(["population", *SMALL[:3]], 2, "--output is required")

finish()

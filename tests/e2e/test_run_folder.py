"""A run folder is always one whole run (issue 15 §1): runs killed with SIGKILL at 20 random moments (setup, days,
writing), a full disk, and outputs a run no longer writes. After each, the folder holds the complete previous run or
the complete new one: manifest.json verifies (sizes, FNV-1a-64 checksums, no other files), and no temporary file or
staging folder outlives the next run. Usage: test_run_folder.py PATH_TO_TONGCHOU"""
import json
import os
import random
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time

BIN = sys.argv[1]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, finish  # noqa: E402

# r0 as the next-generation eigenvalue: the growth basis's pilot epidemics (about nine tenths of a yunyang run's CPU
# time) would only lengthen the setup that 7 of the kills land in; what is checked is the folder, not the rates.
RUN = ["run", "yunyang", "--scale", "4", "-q", "--set", "transmission.r0_basis=next_generation"]
_hashes = {}


def fnv1a64(path):
    """FNV-1a 64-bit of a file, as manifest.json writes it; cached by inode, size and time (files are never
    rewritten in place, so a folder swapped back and forth is hashed once)."""
    st = os.stat(path)
    key = (st.st_ino, st.st_size, st.st_mtime_ns)
    if key not in _hashes:
        h = 0xcbf29ce484222325
        with open(path, "rb") as f:
            for byte in f.read():
                h = ((h ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
        _hashes[key] = f"{h:016x}"
    return _hashes[key]


def verify(folder, what):
    """The folder is one complete run: returns its manifest, or None after reporting why not."""
    manifest_path = os.path.join(folder, "manifest.json")
    if not os.path.isfile(manifest_path):
        check(False, f"{what}: {folder} has no manifest.json: {sorted(os.listdir(folder)) if os.path.isdir(folder) else 'no folder'}")
        return None
    m = json.load(open(manifest_path))
    listed = {f["name"] for f in m["files"]}
    present = set(os.listdir(folder)) - {"manifest.json"}
    check(listed == present, f"{what}: files differ from the manifest: extra {sorted(present - listed)}, missing {sorted(listed - present)}")
    for f in m["files"]:
        p = os.path.join(folder, f["name"])
        if not os.path.isfile(p):
            continue
        ok = os.path.getsize(p) == f["bytes"] and fnv1a64(p) == f["fnv1a64"]
        check(ok, f"{what}: {f['name']} does not match the manifest")
    check(m.get("generator", "").startswith("tongchou") and m.get("kind") == "run", f"{what}: manifest header {m}")
    return m


def leftovers(parent, target):
    """Temporary files and staging folders beside or inside the target."""
    out = [n for n in os.listdir(parent) if n != os.path.basename(target)]
    if os.path.isdir(target):
        out += [os.path.join(os.path.basename(target), n) for n in os.listdir(target) if ".tmp." in n]
    return out


def run(target, seed, *extra, preexec=None):
    return subprocess.run([BIN, *RUN, "--seed", str(seed), "-o", target, *extra], capture_output=True, text=True,
                          preexec_fn=preexec)


with tempfile.TemporaryDirectory() as tmp:
    parent = os.path.join(tmp, "out")
    os.makedirs(parent)
    target = os.path.join(parent, "k")

    # Time the phases of one run: setup (region data, synthesis, calibration), days, writing.
    t0 = time.monotonic()
    p = run(target, 1)
    total = time.monotonic() - t0
    check(p.returncode == 0, f"first run failed: {p.stderr[-400:]}")
    m = re.search(r"region data ([\d.]+) s, synthesis ([\d.]+) s, calibration ([\d.]+) s, \d+ days ([\d.]+) s.*outputs ([\d.]+) s",
                  p.stdout)
    check(m is not None, f"the run does not print its phase times: {p.stdout[-400:]}")
    region, synthesis, calibration, days, outputs = (float(x) for x in m.groups()) if m else (0.2, 0.2, 0.2, 1.0, 0.2)
    start = max(0.0, total - (region + synthesis + calibration + days + outputs))  # process start-up, reading
    setup_end = start + region + synthesis + calibration
    days_end = setup_end + days
    previous = verify(target, "first run")
    check(previous is not None and previous["seed"] == 1, "first run's manifest does not name seed 1")

    # 20 kills: 7 during setup, 7 during the days, 6 while writing (and around the swap at the end).
    rng = random.Random(15)
    moments = ([rng.uniform(0.0, setup_end) for _ in range(7)] + [rng.uniform(setup_end, days_end) for _ in range(7)] +
               [rng.uniform(days_end, total * 1.05) for _ in range(6)])
    rng.shuffle(moments)
    complete_new = 0
    for i, moment in enumerate(moments):
        seed = 2 + i
        proc = subprocess.Popen([BIN, *RUN, "--seed", str(seed), "-o", target], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(moment)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        what = f"kill {i + 1} at {moment:.2f} s (setup to {setup_end:.2f} s, days to {days_end:.2f} s)"
        now = verify(target, what)
        if now is None:
            continue
        check(now["seed"] in (previous["seed"], seed), f"{what}: the folder holds seed {now['seed']}, neither the previous "
                                                        f"run ({previous['seed']}) nor the new one ({seed})")
        if now["seed"] == seed and previous["seed"] != seed:
            complete_new += 1
        previous = now
        # What a killed run leaves is only its own staging folder, under a hidden name.
        for name in leftovers(parent, target):
            check(re.fullmatch(r"\.k\.tongchou-partial\.\d+", name) is not None, f"{what}: unexpected {name} beside the run")
    print(f"{complete_new} of 20 killed runs had finished their swap")
    check(complete_new < 20, "every killed run had finished: the kills do not cover setup and days")

    # A stale staging folder of a process that no longer exists, and a killed fallback swap's set-aside folder.
    dead = subprocess.Popen(["true"])
    dead.wait()
    os.makedirs(os.path.join(parent, f".k.tongchou-partial.{dead.pid}", "x"))
    open(os.path.join(parent, f".k.tongchou-partial.{dead.pid}", "daily.csv.tmp.1"), "w").close()
    p = run(target, 40)
    check(p.returncode == 0, f"run after the kills failed: {p.stderr[-400:]}")
    now = verify(target, "run after the kills")
    check(now is not None and now["seed"] == 40, "the run after the kills is not in the folder")
    check(leftovers(parent, target) == [], f"temporary files outlive the next run: {leftovers(parent, target)}")
    # `report` accepts the folder and keeps it one whole run.
    p = subprocess.run([BIN, "report", target], capture_output=True, text=True)
    check(p.returncode == 0, f"report of a complete run failed: {p.stderr[-400:]}")
    verify(target, "after report DIR")
    check(leftovers(parent, target) == [], f"report DIR leaves {leftovers(parent, target)}")

    # A full disk (a file size limit): exit 3 naming the reason, the previous run intact, nothing left behind.
    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    before = {n: open(os.path.join(target, n), "rb").read() for n in os.listdir(target)}
    p = run(target, 41, preexec=small_files)
    check(p.returncode == 3, f"a full disk exits {p.returncode}, expected 3: {p.stderr[-400:]}")
    check("File too large" in p.stderr and "Success" not in p.stderr, f"a full disk is not reported with its reason: {p.stderr[-400:]}")
    after = {n: open(os.path.join(target, n), "rb").read() for n in os.listdir(target)}
    check(before == after, "a full disk changed the previous run")
    check(leftovers(parent, target) == [], f"a full disk leaves {leftovers(parent, target)}")

    # Files this run does not write are not left in its folder.
    check(os.path.exists(os.path.join(target, "infections.csv")), "the run wrote no infections.csv")
    p = run(target, 42, "--set", "output.infections=false")
    check(p.returncode == 0, f"run without infections.csv failed: {p.stderr[-400:]}")
    check(not os.path.exists(os.path.join(target, "infections.csv")), "infections.csv of the previous run survives")
    now = verify(target, "output.infections=false")
    check(now is not None and now["seed"] == 42, "the run without infections.csv is not in the folder")

    # An older run folder (no manifest, only known output names) is replaced; a folder with other files is not.
    legacy = os.path.join(parent, "legacy")
    os.makedirs(legacy)
    for n in ("daily.csv", "summary.json", "scenario.resolved.toml", "comparison.csv", "daily.csv.tmp.12345"):
        open(os.path.join(legacy, n), "w").write("old\n")
    p = run(legacy, 43)
    check(p.returncode == 0, f"an older run folder is not replaced: {p.stderr[-400:]}")
    verify(legacy, "older run folder replaced")
    mine = os.path.join(parent, "mine")
    os.makedirs(mine)
    open(os.path.join(mine, "thesis.tex"), "w").write("mine\n")
    p = run(mine, 44)
    check(p.returncode == 3 and "thesis.tex" in p.stderr, f"a folder with other files is replaced: {p.returncode} {p.stderr[-300:]}")
    check(os.listdir(mine) == ["thesis.tex"], f"a refused folder changed: {os.listdir(mine)}")

finish()

"""scenario.resolved.toml repeats the run byte for byte: every built-in scenario is run (made small with --scale,
--people, --days, which land in the resolved file), then its scenario.resolved.toml is run into another directory,
and every output file must be the same. Usage: test_resolved.py PATH_TO_TONGCHOU.

What may differ, and only that: the path of the scenario that was run, which summary.json records as
scenario.source (report.html embeds summary.json) and scenario.resolved.toml names on its "# Source:" line. No output
records timings (they are printed only)."""
import json
import os
import re
import subprocess
import sys
import tempfile

BIN = sys.argv[1]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, finish  # noqa: E402

# Small but not trivial: chongqing and yunyang keep their 101 days (imports and measures reach the last ones). Every
# run sets r0 on the growth basis (the default) with 8 pilot epidemics per grid point instead of 64: the basis is
# computed, and must be repeated from the resolved file, as with 64 (in 20,000 people the 64 took nine tenths of the
# run). bazhong and lvliang (2.7 and 3.4 million people) at one agent for 24 people: about as many agents as yunyang.
PILOTS = ["--set", "transmission.growth_pilot_runs=8"]
SMALL = {
    "chongqing": ["--scale", "200", *PILOTS],
    "yunyang": ["--scale", "8", *PILOTS],
    "uncontrolled": ["--people", "20000", "--days", "60", *PILOTS],
    "national": ["--scale", "200", *PILOTS],
    "bazhong": ["--scale", "24", *PILOTS],
    "tianmen": ["--scale", "8", *PILOTS],
    "lvliang": ["--scale", "24", *PILOTS],
}


def run(args):
    p = subprocess.run([BIN, "run", *args, "-q"], capture_output=True, text=True)
    check(p.returncode == 0, f"`tongchou run {' '.join(args)}` exited {p.returncode}: {p.stderr[-600:]}")
    return p


def without_source(name, text):
    """The file's text with the scenario's path taken out (the only thing allowed to differ)."""
    if name == "summary.json":
        j = json.loads(text)
        j["scenario"].pop("source", None)
        return json.dumps(j, indent=2)
    if name == "report.html":
        return re.sub(r'"source":"(?:[^"\\]|\\.)*"', '"source":""', text)
    if name == "scenario.resolved.toml":
        return re.sub(r"^# Source: .*$", "# Source:", text, count=1, flags=re.M)
    if name == "manifest.json":  # the sizes and checksums of the three files above follow their paths
        j = json.loads(text)
        for entry in j["files"]:
            if entry["name"] in ("summary.json", "report.html", "scenario.resolved.toml"):
                entry.pop("bytes", None), entry.pop("fnv1a64", None)
        return json.dumps(j, indent=2)
    return text


builtin = [line.split()[0] for line in subprocess.run([BIN, "scenarios"], capture_output=True, text=True,
                                                         check=True).stdout.splitlines() if line.strip()]
check(sorted(builtin) == sorted(SMALL), f"built-in scenarios {builtin}: give each a small size in SMALL")

with tempfile.TemporaryDirectory() as tmp:
    for name in builtin:
        first, again = os.path.join(tmp, name, "first"), os.path.join(tmp, name, "again")
        if run([name, *SMALL.get(name, []), "-o", first]).returncode != 0:
            continue
        resolved = os.path.join(first, "scenario.resolved.toml")
        if run([resolved, "-o", again]).returncode != 0:
            continue
        files = sorted(os.listdir(first))
        check(files == sorted(os.listdir(again)), f"{name}: files {files} vs {sorted(os.listdir(again))}")
        check("daily.csv" in files and "events.csv" in files, f"{name}: outputs missing: {files}")
        for f in files:
            a = open(os.path.join(first, f), encoding="utf-8").read()
            b_path = os.path.join(again, f)
            if not os.path.exists(b_path):
                continue
            b = open(b_path, encoding="utf-8").read()
            if f in ("summary.json", "report.html", "scenario.resolved.toml", "manifest.json"):
                check(a != b, f"{name}: {f} should record the scenario's path, which differs between the runs")
                a, b = without_source(f, a), without_source(f, b)
            check(a == b, f"{name}: {f} differs when the resolved scenario is run again")

    # The resolved file holds the start values: yunyang's [health] value, not the one its last [[schedule]] entry sets.
    text = open(os.path.join(tmp, "yunyang", "first", "scenario.resolved.toml"), encoding="utf-8").read()
    health = text.split("\n[health]\n", 1)[1]
    schedule = re.findall(r'^"health\.onset_to_visit_mean" = (\S+)$', text, flags=re.M)
    start = re.search(r"^onset_to_visit_mean = (\S+)$", health, flags=re.M)
    check(start is not None and len(schedule) >= 2, "yunyang: onset_to_visit_mean and its [[schedule]] entries")
    if start and schedule:
        check(start.group(1) != schedule[-1], f"yunyang: start value {start.group(1)} is the last scheduled one")

finish()

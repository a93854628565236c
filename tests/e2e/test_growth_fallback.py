"""End-to-end test: transmission.r0_basis = "growth" falls back to the eigenvalue basis when its pilots cannot bracket
r0 (20,000 people, r0 2.5), and the run says so — one warning line on stderr, the warning in
summary.json's `warnings`, and `calibration.r0_basis_applied` = "next_generation"; a population large enough (30,000)
applies the growth basis and has no such warning; the eigenvalue basis asked for is no fall-back.
Usage: test_growth_fallback.py PATH_TO_TONGCHOU"""
import json
import os
import subprocess
import sys
import tempfile

BIN = os.path.abspath(sys.argv[1])
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, finish  # noqa: E402

MARK = 'transmission.r0_basis = "growth" fell back to "next_generation"'


def run(out, people, *sets):
    args = [BIN, "run", "uncontrolled", "--people", str(people), "--days", "2", "-q", "-o", out, "--set", "transmission.r0=2.5"]
    for s in sets:
        args += ["--set", s]
    p = subprocess.run(args, capture_output=True, text=True)
    check(p.returncode == 0, f"{' '.join(args[1:])} exited {p.returncode}: {p.stderr[-500:]}")
    summary = json.load(open(os.path.join(out, "summary.json")))
    check(MARK not in p.stdout, f"{' '.join(args[1:])}: the warning on stdout: {p.stdout[-500:]}")  # warnings go to stderr
    lines = [l for l in p.stderr.splitlines() if MARK in l]
    return summary, lines


with tempfile.TemporaryDirectory() as tmp:
    summary, lines = run(os.path.join(tmp, "small"), 20000)
    cal = summary["calibration"]
    check(len(lines) == 1, f"20,000 people: expected one fall-back warning line, got {lines}")
    check(all(l.strip().startswith("warning:") and "r0 = 2.5" in l and "20000 persons" in l for l in lines), f"unclear warning: {lines}")
    check(sum(MARK in w for w in summary["warnings"]) == 1, f"summary.json warnings lack the fall-back: {summary['warnings']}")
    check(cal["r0_basis"] == "growth" and cal["r0_basis_applied"] == "next_generation", f"fall-back not in the calibration block: {cal}")
    check(cal["growth_correction"] == 1 and abs(cal["r0_next_generation"] - 2.5) < 1e-6, f"fall-back not the eigenvalue basis: {cal}")

    summary, lines = run(os.path.join(tmp, "enough"), 30000)
    cal = summary["calibration"]
    check(not lines and not any(MARK in w for w in summary["warnings"]), f"30,000 people: a fall-back warning: {lines}")
    check(cal["r0_basis_applied"] == "growth" and cal["growth_correction"] < 1, f"30,000 people: growth basis not applied: {cal}")

    summary, lines = run(os.path.join(tmp, "ngm"), 20000, "transmission.r0_basis=next_generation")
    cal = summary["calibration"]
    check(not lines and cal["r0_basis_applied"] == "next_generation", f"next_generation asked for is no fall-back: {lines} {cal}")
finish()

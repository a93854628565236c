"""Shared checks for the end-to-end scripts: count passes and failures, print a closing line CI can read."""
import csv
import hashlib
import os
import subprocess
import sys

FAILURES = []
PASSED = 0


def check(condition, message):
    global PASSED
    if condition:
        PASSED += 1
    else:
        FAILURES.append(message)
        print("FAIL:", message)


def finish():
    print(f"{PASSED} passed, {len(FAILURES)} failed")
    sys.exit(1 if FAILURES else 0)


def runner(binary):
    """A function that runs `tongchou ARGS` and checks its exit code (`expect`, default 0)."""
    def run(*args, expect=0):
        p = subprocess.run([binary, *args], capture_output=True, text=True)
        check(p.returncode == expect, f"`tongchou {' '.join(args)}` exited {p.returncode}, expected {expect}: {p.stderr[-500:]}")
        return p
    return run


def digests(top):
    """SHA-256 of every file under `top`, by path relative to it."""
    out = {}
    for root, _, files in os.walk(top):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, top)] = hashlib.sha256(f.read()).hexdigest()
    return out


def rows(path):
    """A CSV file's rows as dicts."""
    with open(path, newline="") as f:
        return list(csv.DictReader(f))

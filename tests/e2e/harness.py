"""Shared checks for the end-to-end scripts: count passes and failures, print a closing line CI can read."""
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

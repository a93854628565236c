"""Outputs byte-identical for 1, 2 and 3 threads on runs large enough to take the parallel paths of the day step
(issue 20): the transmission scan in blocks of 2,048 infectious records, courses drawn in parallel on days with
2,048 or more infections, the labour count in chunks of 16,384 sampled workers. Usage: test_thread_identity.py TONGCHOU"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, digests, finish, rows, runner  # noqa: E402

run = runner(os.path.abspath(sys.argv[1]))

CASES = {
    # 150,000 people, no measures: up to about 5,000 infections a day by day 70.
    "uncontrolled": ["uncontrolled", "--people", "150000", "--days", "70", "-q"],
    # Measures, case finding, tracing and the economy (fractional commuting shares in the labour count).
    "yunyang": ["yunyang", "--scale", "8", "--days", "60", "-q"],
}

with tempfile.TemporaryDirectory() as tmp:
    for name, args in CASES.items():
        folders = {}
        for threads in (1, 2, 3):
            folders[threads] = os.path.join(tmp, f"{name}{threads}")
            run("run", *args, "--threads", str(threads), "-o", folders[threads])
        one = digests(folders[1])
        check(len(one) >= 8, f"{name}: outputs missing: {sorted(one)}")
        for threads in (2, 3):
            other = digests(folders[threads])
            differ = sorted(k for k in set(one) | set(other) if one.get(k) != other.get(k))
            check(not differ, f"{name}: outputs differ between 1 and {threads} threads: {differ}")
    # The uncontrolled case must reach the sizes at which the parallel paths are taken, or it tests nothing new.
    daily = rows(os.path.join(tmp, "uncontrolled1", "daily.csv"))
    peak_new = max(int(r["new_infections"]) for r in daily)
    peak_active = max(int(r["active_infections"]) for r in daily)
    check(peak_new >= 2048, f"uncontrolled: at most {peak_new} infections a day, below the parallel draw of courses (2,048)")
    check(peak_active >= 4 * 2048, f"uncontrolled: at most {peak_active} active infections, too few for several scan blocks")
finish()

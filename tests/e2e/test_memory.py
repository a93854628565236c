"""End-to-end tests of tongchou's memory footprint (issue 20, docs/performance.md "Memory"): the program does not link
pagmo2 (only `tongchou optimise` loads it, from libtongchou_pagmo.so: linked, its library added about 35 MB to every
run's peak) nor the service's libraries (`tongchou serve` loads libtongchou_serve.so: about 9 MB), and a small run's
peak resident memory stays within a bound the old layout exceeded.
Usage: test_memory.py PATH_TO_TONGCHOU"""
import os
import shutil
import subprocess
import sys
import tempfile

BIN = os.path.abspath(sys.argv[1])
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, finish  # noqa: E402

readelf = shutil.which("readelf")
if readelf:
    dynamic = subprocess.run([readelf, "-d", BIN], capture_output=True, text=True, check=True).stdout
    needed = [line for line in dynamic.splitlines() if "(NEEDED)" in line]
    check(needed, "readelf -d lists no needed library: not a dynamic program?")
    for lib in ("pagmo", "pqxx", "libpq.", "httplib", "sqlite", "crypto", "ssl"):
        check(not any(lib in line for line in needed), f"tongchou links {lib}: {[n for n in needed if lib in n]}")
    sanitized = any("asan" in line for line in needed)
else:
    print("readelf not found: the linking check is skipped")
    sanitized = False

for name in ("libtongchou_pagmo.so", "libtongchou_serve.so"):
    module = os.path.join(os.path.dirname(BIN), name)
    check(os.path.isfile(module), f"a module is not beside tongchou: {module}")

# Peak resident memory of a small run (20,000 people, 30 days): about 18 MB with the fixed costs of the program, 61 MB
# when pagmo2 and the service's libraries were linked, 26 MB when only the latter were. The sanitizers' shadow memory
# makes the figure meaningless there.
if not sanitized:
    with tempfile.TemporaryDirectory() as tmp:
        p = subprocess.Popen([BIN, "run", "uncontrolled", "--people", "20000", "--days", "30", "--threads", "2", "-q",
                              "-o", os.path.join(tmp, "out")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(p.pid, 0)
        err = p.stderr.read().decode()
        p.stderr.close()
        check(os.waitstatus_to_exitcode(status) == 0, f"the run failed: {err}")
        peak_mb = usage.ru_maxrss / 1024  # kB on Linux
        print(f"peak resident memory of uncontrolled --people 20000 --days 30: {peak_mb:.1f} MB")
        check(peak_mb < 25, f"peak resident memory {peak_mb:.1f} MB, over 25 MB for 20,000 people")

finish()

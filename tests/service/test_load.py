#!/usr/bin/env python3
"""Load test of `tongchou serve` on 127.0.0.1: 20 concurrent clients submit 200 small runs in all (uncontrolled,
2000 people, 20 days, each its own seed) and follow them to the end. Checks: every submission accepted, none lost (the
list holds all 200), all done, each with a whole run folder (manifest); prints the p50/p95/max API latency under load
and the throughput. Bounded: 20 x 10 runs, at most 240 s.
Usage: test_load.py PATH_TO_TONGCHOU [CLIENTS RUNS_PER_CLIENT]"""
import os
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_harness import Checks, Server, create_token  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
CLIENTS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
PER_CLIENT = int(sys.argv[3]) if len(sys.argv) > 3 else 10
TOTAL = CLIENTS * PER_CLIENT
DEADLINE_S = 240
check = Checks()
tmp = tempfile.mkdtemp(prefix="tongchou-load-")
data = os.path.join(tmp, "data")
token = create_token(BIN, data)
srv = Server(BIN, data, ["--workers", "2", "--threads", "1", "--max-queue", str(TOTAL)])
srv.token = token
srv.start()

latencies, errors, finished = [], [], {}
lock = threading.Lock()


def timed(method, path, body=None):
    t = time.perf_counter()
    st, out = srv.request(method, path, body)
    with lock:
        latencies.append(time.perf_counter() - t)
    return st, out


def client(c):
    mine = []
    for k in range(PER_CLIENT):
        seed = c * PER_CLIENT + k + 1
        st, out = timed("POST", "/api/jobs", {"kind": "run", "scenario": "uncontrolled", "seed": seed,
                                              "overrides": {"population.people": 2000, "scenario.days": 20}})
        if st != 201:
            with lock:
                errors.append(f"client {c} submit {k}: {st} {out}")
            continue
        mine.append(out["id"])
    pending = set(mine)
    end = start + DEADLINE_S
    while pending and time.time() < end:
        for job_id in sorted(pending):
            st, job = timed("GET", f"/api/jobs/{job_id}")
            if st != 200:
                with lock:
                    errors.append(f"client {c} GET {job_id}: {st}")
                pending.discard(job_id)
            elif job["status"] in ("done", "failed", "cancelled"):
                with lock:
                    finished[job_id] = job
                pending.discard(job_id)
        time.sleep(0.25)


start = time.time()
try:
    threads = [threading.Thread(target=client, args=(c,)) for c in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.time() - start
    check(not errors, f"every request answered as expected: {errors[:5]}")
    check(len(finished) == TOTAL, f"all {TOTAL} jobs followed to the end: {len(finished)}")
    not_done = [j for j in finished.values() if j["status"] != "done"]
    check(not not_done, f"all done: {[(j['id'], j['status'], j['message']) for j in not_done[:5]]}")
    st, lst = srv.request("GET", "/api/jobs?limit=100000")
    check(st == 200 and len(lst["jobs"]) == TOTAL and {j["status"] for j in lst["jobs"]} == {"done"}, "none lost: the list holds every job, done")
    ids = sorted(j["id"] for j in lst["jobs"])
    check(ids == list(range(1, TOTAL + 1)), "ids 1..N, none missing")
    whole = sum(os.path.isfile(os.path.join(data, "jobs", str(i), "manifest.json")) for i in ids)
    check(whole == TOTAL, f"every job's folder is a whole run (manifest.json): {whole}")
    lat = sorted(latencies)
    q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000  # noqa: E731
    print(f"load: {CLIENTS} clients, {TOTAL} runs in {elapsed:.1f} s ({TOTAL / elapsed:.1f} runs/s), {len(lat)} API requests; "
          f"latency p50 {q(0.5):.1f} ms, p95 {q(0.95):.1f} ms, max {lat[-1] * 1000:.1f} ms")
    check(srv.stop() == 0, "SIGTERM")
finally:
    if srv.proc.poll() is None:
        srv.kill()
    shutil.rmtree(tmp, ignore_errors=True)
sys.exit(check.finish("service load"))

#!/usr/bin/env python3
"""Fault test of `tongchou serve`: kill -9 the server mid-job, restart it, and check that the job is run again (or,
after 3 interrupted attempts, marked failed with the reason), that nothing is lost, that the SQLite file passes
PRAGMA integrity_check, and that no run folder is left mixed: every folder with a manifest.json holds exactly the files
it lists, with their sizes and FNV-1a-64 checksums, and no staging folder is left once the jobs are done.
Usage: test_fault.py PATH_TO_TONGCHOU"""
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_harness import SMALL_RUN, Checks, Server, create_token  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
check = Checks()
tmp = tempfile.mkdtemp(prefix="tongchou-fault-")
data = os.path.join(tmp, "data")
token = create_token(BIN, data)
EXTRA = ["--workers", "1", "--threads", "1"]
kills = 0


def start():
    s = Server(BIN, data, EXTRA)
    s.token = token
    return s.start()


def fnv1a64(path):
    h = 0xcbf29ce484222325
    with open(path, "rb") as f:
        for byte in f.read():
            h = ((h ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def mixed_folders(root):
    """Every folder under root whose files disagree with its manifest.json, with the reason."""
    bad = []
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if not x.startswith(".")]
        if "manifest.json" not in files:
            continue
        with open(os.path.join(d, "manifest.json")) as f:
            listed = {e["name"]: e for e in json.load(f)["files"]}
        present = {x for x in files if not x.startswith(".") and x != "manifest.json"}
        if present - set(listed):
            bad.append(f"{d}: not in the manifest: {sorted(present - set(listed))}")
        for name, e in listed.items():
            p = os.path.join(d, name)
            if not os.path.isfile(p):
                bad.append(f"{d}: {name} missing")
            elif os.path.getsize(p) != e["bytes"] or fnv1a64(p) != e["fnv1a64"]:
                bad.append(f"{d}: {name} differs from the manifest")
    return bad


try:
    # 1. A long run (500,000 people, 300 days: seconds even on a quiet machine, so that the kills land inside it) killed
    #    twice mid-run: it runs again each time and is done at the third attempt.
    srv = start()
    st, long_job = srv.request("POST", "/api/jobs", {"scenario": "uncontrolled", "overrides": {"population.people": 500000, "scenario.days": 300}})
    st, ens = srv.request("POST", "/api/jobs", dict(SMALL_RUN, kind="ensemble", runs=6))
    for attempt in (1, 2):
        job = srv.wait_job(long_job["id"], states=("running",))
        while srv.request("GET", f"/api/jobs/{long_job['id']}")[1]["progress"] < 0.2:
            time.sleep(0.05)
        srv.kill()
        kills += 1
        srv = start()
        check(f"queued again" in srv.log_text(), f"restart {attempt}: re-queued: {srv.log_text()}")
    job = srv.wait_job(long_job["id"], timeout=180)
    check(job["status"] == "done" and job["attempts"] == 3, f"killed twice, done at attempt 3: {job['status']} {job['attempts']} {job['message']}")

    # 2. An ensemble killed after some of its runs: the finished runs are kept, the rest run at the restart.
    while srv.request("GET", f"/api/jobs/{ens['id']}")[1]["progress"] < 0.3:
        time.sleep(0.02)
    srv.kill()
    kills += 1
    srv = start()
    job = srv.wait_job(ens["id"], timeout=120)
    check(job["status"] == "done" and all(f"runs/00{i}/manifest.json" in job["files"] for i in range(1, 7)), f"ensemble after a kill: {job['message']}")

    # 3. Small runs killed at arbitrary moments (during runs and folder writes): all done in the end.
    ids = [srv.request("POST", "/api/jobs", dict(SMALL_RUN, seed=s))[1]["id"] for s in range(1, 13)]
    for delay in (0.35, 0.7, 0.2):
        time.sleep(delay)
        srv.kill()
        kills += 1
        srv = start()
    for i in ids:
        job = srv.wait_job(i, timeout=120)
        check(job["status"] == "done", f"small run {i} after kills: {job['status']} {job['message']}")

    # 4. A job killed in each of its 3 attempts is marked failed with the reason at the next start, not lost.
    st, doomed = srv.request("POST", "/api/jobs", {"scenario": "uncontrolled", "overrides": {"population.people": 500000, "scenario.days": 400}})
    for attempt in (1, 2, 3):
        srv.wait_job(doomed["id"], states=("running",))
        srv.kill()
        kills += 1
        srv = start()
    job = srv.wait_job(doomed["id"], states=("failed",), timeout=10)
    check("3 attempts" in job["message"], f"marked failed with the reason: {job['message']}")

    st, lst = srv.request("GET", "/api/jobs")
    check(len(lst["jobs"]) == 15, f"no job lost: {len(lst['jobs'])} of 15")
    check(srv.stop() == 0, "SIGTERM")
    with sqlite3.connect(os.path.join(data, "tongchou.db")) as c:
        check(c.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "PRAGMA integrity_check ok")
    bad = mixed_folders(os.path.join(data, "jobs"))
    check(not bad, f"no run folder mixed: {bad[:5]}")
    staging = [x for x in os.listdir(os.path.join(data, "jobs")) if x.startswith(".")]
    check(not staging, f"no staging folder left: {staging}")
    print(f"fault: {kills} kill -9, every job re-run or marked failed, integrity_check ok, "
          f"{sum('manifest.json' in f for _, _, f in os.walk(os.path.join(data, 'jobs')))} folders checked against their manifests")
finally:
    if srv.proc.poll() is None:
        srv.kill()
    shutil.rmtree(tmp, ignore_errors=True)
sys.exit(check.finish("service fault"))

#!/usr/bin/env python3
"""Store tests of `tongchou serve` against SQLite (the default, DATA/tongchou.db) AND a real PostgreSQL that this test
starts and stops itself (postgres_fixture.py): tokens (only their hash) and jobs persist across restarts; a job queued
when the server stops, and one running when it is killed (kill -9), run again at the next start; a job whose stored
request no longer reads is marked failed with the reason, never lost; delete removes the record.
Usage: test_store.py PATH_TO_TONGCHOU [sqlite|postgresql ...]   (exit 77 only if PostgreSQL cannot be started)"""
import os
import shutil
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from postgres_fixture import Postgres  # noqa: E402
from serve_harness import SMALL_RUN, Checks, Server, create_token, free_port  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
backends = sys.argv[2:] or ["sqlite", "postgresql"]
check = Checks()
LONG = {"scenario": "uncontrolled", "overrides": {"population.people": 30000, "scenario.days": 400}}


def exercise(name, data, db, sql):
    """The same checks for each store; `sql(statement)` runs SQL on the store directly."""
    extra = ["--workers", "1", "--threads", "1"] + (["--db", db] if db else [])
    token = create_token(BIN, data, db=db)
    check(sql("SELECT count(*) FROM tokens").strip() in ("1", "[(1,)]"), f"{name}: one token stored")
    check(token not in sql("SELECT hash FROM tokens"), f"{name}: only the hash is stored")
    srv = Server(BIN, data, extra)
    srv.token = token
    srv.start()
    check(("PostgreSQL" if db else "SQLite") in srv.log_text(), f"{name}: the store named in the log: {srv.log_text()}")
    st, done = srv.request("POST", "/api/jobs", SMALL_RUN)
    check(st == 201 and srv.wait_job(done["id"])["status"] == "done", f"{name}: a run is done")
    st, running = srv.request("POST", "/api/jobs", LONG)
    st2, waiting = srv.request("POST", "/api/jobs", SMALL_RUN)
    srv.wait_job(running["id"], states=("running",))
    check(srv.request("GET", f"/api/jobs/{waiting['id']}")[1]["status"] == "queued", f"{name}: second job queued")
    srv.kill()  # kill -9 during the long run, with the small one waiting

    srv = Server(BIN, data, extra)
    srv.token = token
    srv.start()
    check("2 jobs queued again" in srv.log_text(), f"{name}: restart re-queues both: {srv.log_text()}")
    job = srv.wait_job(running["id"], states=("running",))
    check(job["attempts"] == 2, f"{name}: the killed job runs again (attempt {job['attempts']})")
    st, e = srv.request("POST", f"/api/jobs/{running['id']}/cancel")
    check(st == 200 and srv.wait_job(running["id"])["status"] == "cancelled", f"{name}: cancel the re-run")
    check(srv.wait_job(waiting["id"])["status"] == "done", f"{name}: the waiting job ran after the restart")
    st, job = srv.request("GET", f"/api/jobs/{done['id']}")
    check(st == 200 and job["status"] == "done" and job["scorecard"]["health"]["infections"] > 0, f"{name}: done job and its scorecard kept")
    # A job whose request cannot be read any more, left running: marked failed with the reason at the next start.
    st, broken = srv.request("POST", "/api/jobs", LONG)
    srv.wait_job(broken["id"], states=("running",))
    srv.kill()
    sql(f"UPDATE jobs SET spec = 'not json', status = 'running' WHERE id = {broken['id']}")
    srv = Server(BIN, data, extra)
    srv.token = token
    srv.start()
    job = srv.wait_job(broken["id"], states=("failed",), timeout=10)
    check("not run again" in job["message"] and "does not read" in job["message"], f"{name}: unreadable job failed with reason: {job['message']}")
    st, e = srv.request("DELETE", f"/api/jobs/{done['id']}")
    check(st == 200, f"{name}: delete")
    check(srv.stop() == 0, f"{name}: SIGTERM")
    left = sql(f"SELECT count(*) FROM jobs WHERE id = {done['id']}")
    check(left.strip() in ("0", "[(0,)]"), f"{name}: deleted from the store")


for backend in backends:
    t0 = time.time()
    tmp = tempfile.mkdtemp(prefix=f"tongchou-store-{backend}-")
    data = os.path.join(tmp, "data")
    if backend == "sqlite":
        def sql(statement, path=os.path.join(data, "tongchou.db")):
            with sqlite3.connect(path, timeout=10) as c:
                return str(c.execute(statement).fetchall())
        exercise("SQLite", data, None, sql)
        with sqlite3.connect(os.path.join(data, "tongchou.db")) as c:
            check(c.execute("PRAGMA journal_mode").fetchone()[0] == "wal", "SQLite: write-ahead log")
            check(c.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "SQLite: integrity_check ok")
    elif backend == "postgresql":
        pg = Postgres(free_port())
        why = pg.available()
        if why:
            print(f"SKIP: PostgreSQL store not tested: {why}")
            if len(backends) == 1:
                sys.exit(77)
            continue
        pg.start()
        try:
            exercise("PostgreSQL", data, pg.url(), pg.psql)
            check(not os.path.exists(os.path.join(data, "tongchou.db")), "PostgreSQL: no SQLite file made")
        finally:
            pg.stop()
    else:
        sys.exit(f"unknown backend {backend}")
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"{backend}: {time.time() - t0:.1f} s")
sys.exit(check.finish("service store"))

#!/usr/bin/env python3
"""API tests of `tongchou serve` (docs/service.md): tokens, every endpoint, errors with their status and message, the
limits (413, 429), file names that are not the job's (../ refused), each kind of job carried out through the library,
a run equal byte for byte to `tongchou run`, an optimisation's pareto.csv equal to `tongchou optimise`'s, and --read-token.
Usage: test_api.py PATH_TO_TONGCHOU"""
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_harness import SMALL_RUN, Checks, Server, create_token  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
check = Checks()
tmp = tempfile.mkdtemp(prefix="tongchou-api-")
data = os.path.join(tmp, "data")
token = create_token(BIN, data)
srv = Server(BIN, data, ["--workers", "1", "--threads", "1", "--max-people", "50000", "--max-body", "65536", "--max-queue", "3"])
srv.token = token
srv.start()
try:
    # ---- reading endpoints, the description, the dashboard ---------------------------------------------------------------
    check("127.0.0.1" in srv.log_text(), "binds 127.0.0.1 by default: " + srv.log_text())
    st, doc = srv.request("GET", "/api/openapi.json")
    check(st == 200 and doc["openapi"].startswith("3."), f"openapi.json: {st}")
    for path in ["/api/jobs", "/api/jobs/{id}", "/api/jobs/{id}/files", "/api/jobs/{id}/files/{name}", "/api/jobs/{id}/cancel", "/api/scenarios"]:
        check(path in doc.get("paths", {}), f"openapi.json describes {path}")
    check(set(doc["paths"]["/api/jobs"].keys()) >= {"get", "post"} and "delete" in doc["paths"]["/api/jobs/{id}"], "openapi: methods")
    kinds = doc["components"]["schemas"]["JobRequest"]["properties"]["kind"]["enum"]
    check(kinds[:3] == ["run", "ensemble", "sweep"] and "compare" in kinds, f"openapi: kinds {kinds}")
    refs = []

    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                refs.append(node["$ref"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(doc)

    def resolves(ref):
        node = doc
        for part in ref.lstrip("#/").split("/"):
            if not isinstance(node, dict) or part not in node:
                return False
            node = node[part]
        return True
    check(refs and all(r.startswith("#/") and resolves(r) for r in refs), f"openapi: every $ref resolves: {[r for r in refs if not resolves(r)]}")
    ops = [(p, m, o) for p, item in doc["paths"].items() for m, o in item.items() if m in ("get", "post", "delete")]
    check(all("responses" in o and o["responses"] for _, _, o in ops), "openapi: every operation has its responses")
    check(all(("security" in o) == (m != "get") for _, m, o in ops), "openapi: exactly the write operations need the bearer token")
    st, sc = srv.request("GET", "/api/scenarios")
    check(st == 200 and "uncontrolled" in [s["name"] for s in sc["scenarios"]], f"scenarios: {sc}")
    st, page = srv.request("GET", "/")
    check(st == 200 and "tongchou" in page and "dashboard.js" in page, "dashboard at /")
    st, js = srv.request("GET", "/echarts.min.js")
    check(st == 200 and len(js) > 500000, "ECharts served from the binary")
    st, e = srv.request("GET", "/api/nothing")
    check(st == 404 and "no such endpoint" in e["error"], f"unknown endpoint: {st} {e}")
    for bad in ["abc", "1abc", "0", "99999"]:
        st, e = srv.request("GET", f"/api/jobs/{bad}")
        check(st == 404 and "error" in e, f"GET /api/jobs/{bad}: {st} {e}")

    # ---- tokens --------------------------------------------------------------------------------------------------------
    st, e = srv.request("POST", "/api/jobs", SMALL_RUN, token=None)
    check(st == 401 and "Authorization: Bearer" in e["error"], f"no token: {st} {e}")
    st, e = srv.request("POST", "/api/jobs", SMALL_RUN, token="tc_" + "0" * 64)
    check(st == 401 and "unknown token" in e["error"], f"wrong token: {st} {e}")
    st, e = srv.request("POST", "/api/jobs", SMALL_RUN, token=None, headers={"Authorization": "Basic dXNlcjpwYXNz"})
    check(st == 401, f"Basic auth refused: {st}")
    with open(os.path.join(data, "tongchou.db"), "rb") as f:
        check(token.encode() not in f.read(), "the token itself is not stored")

    # ---- bad requests --------------------------------------------------------------------------------------------------
    st, e = srv.request("POST", "/api/jobs", raw=b"{not json")
    check(st == 400 and "not JSON" in e["error"], f"malformed JSON: {st} {e}")
    st, e = srv.request("POST", "/api/jobs", {"kind": "bake", "scenario": "yunyang"})
    check(st == 400 and "run, ensemble, sweep" in e["error"], f"unknown kind: {st} {e}")
    st, e = srv.request("POST", "/api/jobs", {"scenario": "atlantis"})
    check(st == 400 and "atlantis" in e["error"] and "uncontrolled" in e["error"], f"unknown scenario: {st} {e}")
    st, e = srv.request("POST", "/api/jobs", {"scenario": "/etc/passwd"})
    check(st == 400 and "not a built-in scenario" in e["error"], f"a path is not read: {st} {e}")
    st, e = srv.request("POST", "/api/jobs", dict(SMALL_RUN, overrides={"scenario.data_dir": "/etc"}))
    check(st == 400 and "scenario.data_dir" in e["error"], f"scenario.data_dir refused: {st} {e}")
    st, e = srv.request("POST", "/api/jobs", dict(SMALL_RUN, overrides={"transmission.r0": [1, 2]}))
    check(st == 400 and "transmission.r0" in e["error"], f"array override: {st} {e}")
    st, e = srv.request("POST", "/api/jobs", dict(SMALL_RUN, seed=-3))
    check(st == 400 and "seed" in e["error"], f"negative seed: {st} {e}")
    st, e = srv.request("POST", "/api/jobs", {"kind": "ensemble", "scenario": "uncontrolled"})
    check(st == 400 and "runs" in e["error"], f"ensemble without runs: {st} {e}")
    # An invalid scenario: the same file:line:column: key: message lines as `tongchou validate` prints.
    toml = '[scenario]\nname = "mine"\nregion = "synthetic"\ndays = -4\n\n[transmission]\nr0 = "high"\nbogus = 1\n'
    st, e = srv.request("POST", "/api/jobs", {"scenario": toml})
    path = os.path.join(tmp, "scenario.toml")
    with open(path, "w") as f:
        f.write(toml)
    cli = subprocess.run([BIN, "validate", "scenario.toml"], cwd=tmp, capture_output=True, text=True)
    cli_lines = [l.strip() for l in cli.stderr.splitlines() if l.startswith("  ")]
    check(st == 422 and e.get("problems") == cli_lines and len(cli_lines) >= 3, f"invalid scenario: {st} {e} vs CLI {cli_lines}")
    check(st == 422 and e["error"].startswith(f"invalid scenario ({len(cli_lines)} problems)"), f"422 message: {e}")
    st, e = srv.request("POST", "/api/jobs", dict(SMALL_RUN, overrides={"transmission.r0": -1}))
    check(st == 422 and any("transmission.r0" in p for p in e.get("problems", [])), f"bad override value: {st} {e}")

    # ---- limits --------------------------------------------------------------------------------------------------------
    st, e = srv.request("POST", "/api/jobs", dict(SMALL_RUN, overrides={"population.people": 100000}))
    check(st == 413 and "100000 agents" in e["error"] and "--max-people" in e["error"], f"people limit: {st} {e}")
    st, e = srv.request("POST", "/api/jobs", dict(SMALL_RUN, overrides={"population.people": 100000, "population.scale": 10}))
    check(st == 201, f"people after scale within the limit: {st} {e}")
    if st == 201:
        srv.request("POST", f"/api/jobs/{e['id']}/cancel")
    st, e = srv.request("POST", "/api/jobs", raw=b'{"scenario": "' + b"x" * 70000 + b'"}')
    check(st == 413 and "--max-body" in e["error"], f"body limit: {st} {e}")
    long_run = {"scenario": "uncontrolled", "overrides": {"population.people": 40000, "scenario.days": 300}}
    st, e = srv.request("POST", "/api/jobs", long_run)
    ids = [e["id"]]
    srv.wait_job(ids[0], states=("running",))  # the one worker is busy: the next three wait
    for i in range(4):
        st, e = srv.request("POST", "/api/jobs", long_run)
        if st == 201:
            ids.append(e["id"])
    check(st == 429 and "queue is full" in e["error"] and len(ids) == 4, f"queue limit: {st} {e} after {len(ids)}")
    st, e = srv.request("DELETE", f"/api/jobs/{ids[0]}")
    check(st == 409 and "cancel it first" in e["error"], f"delete a running job: {st} {e}")
    for i in ids:
        st, e = srv.request("POST", f"/api/jobs/{i}/cancel")
        check(st == 200, f"cancel {i}: {st} {e}")
    check(srv.wait_job(ids[0])["status"] == "cancelled", "running job cancelled")
    check(srv.wait_job(ids[1])["status"] == "cancelled", "queued job cancelled")
    st, e = srv.request("POST", f"/api/jobs/{ids[1]}/cancel")
    check(st == 409, f"cancel a cancelled job: {st} {e}")

    # ---- a run ---------------------------------------------------------------------------------------------------------
    st, made = srv.request("POST", "/api/jobs", SMALL_RUN)
    check(st == 201 and made["status"] == "queued", f"submit: {st} {made}")
    run_id = made["id"]
    job = srv.wait_job(run_id)
    check(job["status"] == "done" and job["progress"] == 1, f"run done: {job['status']} {job['message']}")
    check(job["scorecard"]["health"]["infections"] > 0, "scorecard: health.infections")
    check({"report.html", "daily.csv", "manifest.json", "summary.json"} <= set(job["files"]), f"files: {job['files']}")
    st, files = srv.request("GET", f"/api/jobs/{run_id}/files")
    check(st == 200 and files["files"] == job["files"], "GET files")
    st, daily = srv.request("GET", f"/api/jobs/{run_id}/files/daily.csv")
    check(st == 200 and daily.startswith("date,day,"), "GET a file")
    cli_dir = os.path.join(tmp, "cli-run")
    subprocess.run([BIN, "run", "uncontrolled", "--people", "2000", "--days", "20", "-q", "-o", cli_dir], check=True, capture_output=True)
    with open(os.path.join(cli_dir, "daily.csv")) as f:
        check(f.read() == daily, "the job's daily.csv equals `tongchou run`'s byte for byte")
    for name in ["../tongchou.db", "..%2F..%2Ftongchou.db", "%2Fetc%2Fpasswd", "daily.csv%2F..%2F..%2F..%2Ftongchou.db", ".hidden",
                 "runs/../daily.csv", "manifest.json%00"]:
        st, e = srv.request("GET", f"/api/jobs/{run_id}/files/{name}")
        check(st in (400, 404) and isinstance(e, dict) and "error" in e, f"file name {name!r} refused: {st} {str(e)[:80]}")
    st, e = srv.request("POST", f"/api/jobs/{run_id}/cancel")
    check(st == 409 and "is done" in e["error"], f"cancel a done job: {st} {e}")

    # ---- an ensemble, a sweep, a comparison ----------------------------------------------------------------------------
    st, ens = srv.request("POST", "/api/jobs", dict(SMALL_RUN, kind="ensemble", runs=3))
    st2, swp = srv.request("POST", "/api/jobs", dict(SMALL_RUN, kind="sweep", params={"transmission.r0": [1.5, 3.0]}))
    st3, run2 = srv.request("POST", "/api/jobs", dict(SMALL_RUN, seed=7))
    check(st == 201 and st2 == 201 and st3 == 201, f"submit plans: {st} {st2} {st3}")
    job = srv.wait_job(ens["id"])
    check(job["status"] == "done" and "runs/003/daily.csv" in job["files"] and "ensemble.csv" in job["files"], f"ensemble: {job['message']}")
    check("bands" in (job["scorecard"] or {}), "ensemble scorecard: bands")
    st, text = srv.request("GET", f"/api/jobs/{ens['id']}/files/runs/002/summary.json")
    check(st == 200, f"a file of an ensemble's run: {st}")
    job = srv.wait_job(swp["id"])
    check(job["status"] == "done" and "sweep.csv" in job["files"] and job["scorecard"]["points"] == 2, f"sweep: {job['message']}")
    check(srv.wait_job(run2["id"])["status"] == "done", "second run")
    st, e = srv.request("POST", "/api/jobs", {"kind": "compare", "jobs": [run_id, ens["id"]]})
    check(st == 400 and "not a finished run" in e["error"], f"compare an ensemble: {st} {e}")
    st, cmp = srv.request("POST", "/api/jobs", {"kind": "compare", "jobs": [run_id, run2["id"]]})
    job = srv.wait_job(cmp["id"])
    check(job["status"] == "done" and "report.html" in job["files"], f"compare: {job['message']}")
    st, html = srv.request("GET", f"/api/jobs/{cmp['id']}/files/report.html")
    check(st == 200 and f"job {run2['id']}" in html, "comparison report names the jobs")

    # ---- list, delete --------------------------------------------------------------------------------------------------
    st, lst = srv.request("GET", "/api/jobs")
    check(st == 200 and lst["jobs"][0]["id"] == cmp["id"] and len(lst["jobs"]) == 10, f"list, newest first, refused jobs not stored: {[j['id'] for j in lst['jobs']]}")
    st, e = srv.request("GET", "/api/jobs?limit=0")
    check(st == 400, f"limit=0: {st}")
    st, e = srv.request("DELETE", f"/api/jobs/{run2['id']}", token=None)
    check(st == 401, "delete needs the token")
    st, e = srv.request("DELETE", f"/api/jobs/{run2['id']}")
    check(st == 200 and e["deleted"], f"delete: {st} {e}")
    check(srv.request("GET", f"/api/jobs/{run2['id']}")[0] == 404, "deleted job is gone")
    check(not os.path.exists(os.path.join(data, "jobs", str(run2["id"]))), "deleted job's folder is gone")
    # One server per port and per DATA folder.
    other = subprocess.run([BIN, "serve", "--data", os.path.join(tmp, "other"), "--port", str(srv.port)], capture_output=True, text=True, timeout=30)
    check(other.returncode == 2 and "cannot listen" in other.stderr, f"port in use: {other.returncode} {other.stderr}")
    other = subprocess.run([BIN, "serve", "--data", data, "--port", "1"], capture_output=True, text=True, timeout=30)
    check(other.returncode == 2 and "another tongchou serve uses" in other.stderr, f"DATA in use: {other.returncode} {other.stderr}")

    # ---- an optimisation: the folder of `tongchou optimise`, its pareto.csv byte for byte; a bad plan's lines --------------
    scenario_file = os.path.join(REPO, "examples", "plans", "reopening-synthetic.toml")
    with open(os.path.join(REPO, "examples", "plans", "reopening.toml")) as f:
        # A tiny search (8 plans, 1 generation, 1 run each): about 15 runs of 20 000 people, a second or two.
        plan = f.read().replace("\ngenerations = 3\n", "\ngenerations = 1\n").replace("\nruns = 2\n", "\nruns = 1\n")
    check("generations = 1" in plan and "runs = 1" in plan, "the tiny plan")
    with open(scenario_file) as f:
        scenario_text = f.read()
    bad = plan.replace('figure = "gdp_loss" ', 'figure = "gdp_lost" ').replace("lo = 2020-01-10", 'lo = "soon"')
    st, e = srv.request("POST", "/api/jobs", {"kind": "optimise", "scenario": scenario_text, "plan": bad})
    plan_file = os.path.join(tmp, "plan.toml")
    with open(plan_file, "w") as f:
        f.write(bad)
    cli = subprocess.run([BIN, "optimise", scenario_file, "--plan", "plan.toml", "-q", "-o", os.path.join(tmp, "bad-opt")], cwd=tmp,
                         capture_output=True, text=True, timeout=60)
    cli_lines = [line.strip() for line in cli.stderr.splitlines() if line.startswith("  plan.toml:")]
    check(cli.returncode == 2 and len(cli_lines) == 2, f"CLI, bad plan: {cli.returncode} {cli.stderr[:300]}")
    check(st == 400 and e.get("problems") == cli_lines and e["error"].startswith("invalid plan (2 problems): plan.toml:5:6: ")
          and e["problems"][1].startswith("plan.toml:15:10: objective.figure: "),
          f"bad plan: 400 with the CLI's lines: {st} {str(e)[:300]} vs {cli_lines}")
    st, e = srv.request("POST", "/api/jobs", {"kind": "optimise", "scenario": scenario_text})
    check(st == 400 and e["error"].startswith("plan:"), f"optimise without a plan: {st} {e}")
    big = plan.replace('key = "measure.lockdown.until"', 'key = "population.people"').replace("lo = 2020-01-10", "lo = 20000") \
              .replace("hi = 2020-03-20", "hi = 90000").replace("step = 1 ", "step = 10000 ")
    st, e = srv.request("POST", "/api/jobs", {"kind": "optimise", "scenario": scenario_text, "plan": big})
    check(st == 413 and "90000" in e["error"], f"a plan's population.people beyond --max-people: {st} {e}")
    st, opt = srv.request("POST", "/api/jobs", {"kind": "optimise", "scenario": scenario_text, "plan": plan})
    check(st == 201, f"submit an optimisation: {st} {opt}")
    job = srv.wait_job(opt["id"])
    check(job["status"] == "done" and job["progress"] == 1, f"optimisation: {job['status']} {job['message']}")
    check({"pareto.csv", "evaluations.csv", "report.html", "front/001.toml", "plan.toml"} <= set(job["files"]),
          f"optimisation's files: {job['files']}")
    sc = job["scorecard"] or {}
    check(sc.get("report") == "report.html" and sc.get("front", 0) >= 2 and sc.get("evaluations", 0) >= 9 and sc.get("own_plan") is True,
          f"optimisation scorecard: {sc}")
    out = os.path.join(tmp, "cli-opt")
    with open(plan_file, "w") as f:
        f.write(plan)
    # The service reads the scenario's text as scenario.toml: the CLI given a file of that name writes the same folder
    # (front/NNN.toml and scenario.resolved.toml name their source).
    with open(os.path.join(tmp, "scenario.toml"), "w") as f:
        f.write(scenario_text)
    cli = subprocess.run([BIN, "optimise", "scenario.toml", "--plan", "plan.toml", "--threads", "1", "-q", "-o", out], cwd=tmp,
                         capture_output=True, text=True, timeout=120)
    check(cli.returncode == 0, f"CLI optimise: {cli.returncode} {cli.stderr[:300]}")
    for name in ("pareto.csv", "evaluations.csv", "front/001.toml", "scenario.resolved.toml", "plan.toml"):
        st, served = srv.request("GET", f"/api/jobs/{opt['id']}/files/{name}")
        with open(os.path.join(out, name)) as f:
            check(st == 200 and served == f.read(), f"the job's {name} equals `tongchou optimise`'s byte for byte")
    st, html = srv.request("GET", f"/api/jobs/{opt['id']}/files/report.html")
    check(st == 200 and "<html" in html.lower(), "the optimisation's report (the front)")

    check(srv.stop() == 0, "SIGTERM stops the server with 0")

    # ---- --read-token, and the jobs still there after a restart --------------------------------------------------------
    srv2 = Server(BIN, data, ["--read-token"])
    srv2.token = token
    srv2.start()
    st, e = srv2.request("GET", "/api/jobs", token=None)
    check(st == 401, f"--read-token: list needs the token: {st}")
    st, lst = srv2.request("GET", "/api/jobs")
    check(st == 200 and any(j["id"] == run_id and j["status"] == "done" for j in lst["jobs"]), "jobs kept across a restart")
    srv2.stop()
finally:
    if srv.proc and srv.proc.poll() is None:
        srv.kill()
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(data + "-logs", ignore_errors=True)
sys.exit(check.finish("service API"))

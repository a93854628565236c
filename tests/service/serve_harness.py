"""Helpers of the service tests (tests/service): start `tongchou serve` on a free port of 127.0.0.1 with a temporary
DATA folder, wait until it answers, send JSON requests with urllib (no PyPI), stop it (SIGTERM) or kill it (SIGKILL)."""
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def create_token(binary, data, name="test", db=None):
    cmd = [binary, "serve", "--data", data, "--create-token", name] + (["--db", db] if db else [])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=60)
    token = out.stdout.strip()
    assert token.startswith("tc_") and len(token) == 67, f"unexpected token output: {out.stdout!r}"
    return token


class Server:
    """One `tongchou serve` process. `extra`: more options (--workers 2, --db URL ...)."""

    def __init__(self, binary, data, extra=(), port=None):
        self.binary, self.data, self.extra = binary, data, list(extra)
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.token = None
        self.proc = None
        self.log_path = os.path.join(data + "-logs", f"serve-{self.port}-{time.time_ns()}.log")

    def start(self, timeout=30):
        os.makedirs(os.path.dirname(self.log_path), exist_ok=True)
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen([self.binary, "serve", "--data", self.data, "--port", str(self.port)] + self.extra,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"tongchou serve exited with {self.proc.returncode}:\n{self.log_text()}")
            try:
                status, _ = self.request("GET", "/api/scenarios")
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"tongchou serve did not answer within {timeout} s:\n{self.log_text()}")

    def log_text(self):
        self.log.flush()
        with open(self.log_path) as f:
            return f.read()

    def stop(self, timeout=30):
        """SIGTERM, as a service manager stops it; returns the exit code."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=timeout)
        self.log.close()
        return self.proc.returncode

    def kill(self):
        """SIGKILL: the server dies at once, wherever it is."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        self.log.close()

    def request(self, method, path, body=None, token="default", raw=None, headers=None):
        """Returns (status, parsed JSON or text). token "default": the server's token; None: no header."""
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else (b"" if method in ("POST", "PUT") else None))
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if body is not None or raw is not None:
            req.add_header("Content-Type", "application/json")
        tok = self.token if token == "default" else token
        if tok:
            req.add_header("Authorization", f"Bearer {tok}")
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=60) as res:
                return res.status, decode(res)
        except urllib.error.HTTPError as e:
            return e.code, decode(e)

    def wait_job(self, job_id, states=("done", "failed", "cancelled"), timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            status, job = self.request("GET", f"/api/jobs/{job_id}")
            assert status == 200, (status, job)
            if job["status"] in states:
                return job
            if job["status"] in ("done", "failed", "cancelled"):
                raise AssertionError(f"job {job_id} ended {job['status']} while waiting for {states}: {job['message']}")
            time.sleep(0.1)
        raise AssertionError(f"job {job_id} not in {states} after {timeout} s: {job}")


def decode(res):
    text = res.read().decode("utf-8", "replace")
    if "json" in (res.headers.get("Content-Type") or ""):
        return json.loads(text)
    return text


SMALL_RUN = {"kind": "run", "scenario": "uncontrolled", "overrides": {"population.people": 2000, "scenario.days": 20}}


class Checks:
    """Counts checks; every failure is printed, the script exits 1 at the end if any failed."""

    def __init__(self):
        self.passed, self.failed = 0, []

    def __call__(self, cond, message):
        if cond:
            self.passed += 1
        else:
            self.failed.append(message)
            print("FAIL:", message, flush=True)

    def finish(self, name):
        print(f"{name}: {self.passed} checks passed, {len(self.failed)} failed")
        return 1 if self.failed else 0

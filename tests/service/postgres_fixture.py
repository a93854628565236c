"""A throw-away PostgreSQL 15 server for the store tests: initdb into a temporary folder, listening only on a unix
socket in that folder (no TCP), trust authentication, stopped and removed afterwards. As root the server runs as the
`postgres` user (runuser), since PostgreSQL refuses to run as root."""
import os
import shutil
import subprocess
import tempfile

PG_BIN = "/usr/lib/postgresql/15/bin"


class Postgres:
    def __init__(self, port):
        self.port = port
        self.dir = tempfile.mkdtemp(prefix="tongchou-pg-")
        self.data = os.path.join(self.dir, "data")
        self.as_root = os.geteuid() == 0

    def available(self):
        """None when it can start, else why not."""
        if not os.path.exists(os.path.join(PG_BIN, "initdb")):
            return f"{PG_BIN}/initdb not found (Debian package postgresql; bash scripts/install-deps.sh)"
        if self.as_root and shutil.which("runuser") is None:
            return "running as root without runuser: cannot start PostgreSQL as another user"
        if self.as_root:
            try:
                import pwd
                pwd.getpwnam("postgres")
            except KeyError:
                return "running as root and there is no postgres user to run PostgreSQL as"
        return None

    def _run(self, args):
        cmd = (["runuser", "-u", "postgres", "--"] if self.as_root else []) + args
        return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=120)

    def start(self):
        if self.as_root:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run([f"{PG_BIN}/initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"])
        self._run([f"{PG_BIN}/pg_ctl", "-D", self.data, "-l", os.path.join(self.dir, "log"), "-w", "-t", "60", "-o",
                   f"-k {self.dir} -p {self.port} -c listen_addresses='' -c fsync=off", "start"])
        return self

    def url(self):
        return f"postgresql:///postgres?host={self.dir}&port={self.port}&user=postgres"

    def psql(self, sql):
        return self._run(["/usr/bin/psql", "-h", self.dir, "-p", str(self.port), "-U", "postgres", "-d", "postgres",
                          "-v", "ON_ERROR_STOP=1", "-Atc", sql]).stdout

    def stop(self):
        try:
            self._run([f"{PG_BIN}/pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"])
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)

"""Fixtures of the Python module's tests: the command (for comparisons) and a small scenario.

Run by ctest (label python) as `/usr/bin/python3 -m pytest tests/python` with PYTHONPATH=build/release/python and
TONGCHOU_CLI=build/release/tongchou."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
# yunyang at one agent per 8 people, 40 days: the --scale 8 --days 40 of the command.
SMALL = {"population.scale": 8, "scenario.days": 40}
SMALL_ARGS = ["--scale", "8", "--days", "40"]


@pytest.fixture(scope="session")
def cli():
    path = pathlib.Path(os.environ.get("TONGCHOU_CLI", ROOT / "build" / "release" / "tongchou"))
    assert path.is_file(), f"the tongchou command is missing: {path} (set TONGCHOU_CLI)"
    return str(path)


def run_cli(cli, *args, check=True):
    """Runs the command; returns the completed process (text)."""
    p = subprocess.run([cli, *args], capture_output=True, text=True, timeout=600)
    if check:
        assert p.returncode == 0, p.stderr
    return p

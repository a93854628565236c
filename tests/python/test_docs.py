"""docs/python.md: its worked example runs as written (from the repository root, as the page says)."""
import os
import pathlib
import re
import subprocess
import sys

from conftest import ROOT


def test_the_worked_example_runs(tmp_path):
    text = (ROOT / "docs" / "python.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks, "docs/python.md has no ```python block"
    example = "\n".join(blocks)
    p = subprocess.run([sys.executable, "-c", example], cwd=tmp_path, env=dict(os.environ), capture_output=True,
                       text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    assert "yunyang" in p.stdout, p.stdout
    # The files the example writes.
    assert (tmp_path / "out" / "r0-3" / "report.html").is_file()
    assert (tmp_path / "mine.toml").is_file()


def test_the_readme_line_runs(tmp_path):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [x for x in text.splitlines() if x.startswith("PYTHONPATH=build/release/python /usr/bin/python3 -c ")]
    assert len(lines) == 1, "README.md has no `PYTHONPATH=build/release/python /usr/bin/python3 -c` line"
    code = re.fullmatch(r'.* -c "(.*)"', lines[0]).group(1)
    # This interpreter with this PYTHONPATH (the build folder under test) stands for the line's.
    p = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=dict(os.environ), capture_output=True, text=True,
                       timeout=600)
    assert p.returncode == 0, p.stderr
    assert "2020-02-29" in p.stdout, p.stdout  # the last of 40 days from 2020-01-21

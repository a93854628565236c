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

"""tongchou.ensemble: the command's ensemble, its folder and its bands."""
import pandas as pd

import tongchou
from conftest import run_cli


def test_ensemble_of_three_small_runs(cli, tmp_path):
    lines = []
    e = tongchou.ensemble("yunyang", seeds=[1, 2, 3], dir=tmp_path / "py", threads=2,
                          overrides={"population.scale": 8, "scenario.days": 30}, progress=lines.append)
    assert e.runs == 3 and e.kept == 0
    assert len(lines) == 3
    for n in ("001", "002", "003"):
        assert (tmp_path / "py" / "runs" / n / "summary.json").is_file()
    assert e.report == tmp_path / "py" / "report.html" and e.report.is_file()
    assert e.summary["bands"]["health"]["infections"]["median"] >= 0
    bands = e.bands
    assert pd.api.types.is_datetime64_any_dtype(bands["date"])
    assert {"series", "runs", "p5", "median", "p95"} <= set(bands.columns)
    # The command makes the same ensemble, file for file.
    run_cli(cli, "ensemble", "yunyang", "--seeds", "1,2,3", "--scale", "8", "--days", "30", "--threads", "1",
            "-o", str(tmp_path / "cli"), "-q")
    assert (tmp_path / "py" / "ensemble.csv").read_bytes() == (tmp_path / "cli" / "ensemble.csv").read_bytes()
    # Called again, the runs are kept (resumed) rather than run anew.
    again = tongchou.ensemble("yunyang", seeds=[1, 2, 3], dir=tmp_path / "py",
                              overrides={"population.scale": 8, "scenario.days": 30})
    assert again.kept == 3


def test_ensemble_needs_runs(tmp_path):
    try:
        tongchou.ensemble("yunyang", dir=tmp_path / "x")
    except tongchou.InputError as e:
        assert "runs" in str(e)
    else:
        raise AssertionError("an ensemble without runs was accepted")

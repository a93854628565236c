"""tongchou.sweep: the command's sweep, its folder and its table."""
import tongchou
from conftest import run_cli

SMALL = {"population.people": 20000, "scenario.days": 40}


def test_sweep_grid_is_the_commands(cli, tmp_path):
    lines = []
    w = tongchou.sweep("uncontrolled", params={"transmission.r0": [1.5, 3]}, dir=tmp_path / "py", threads=2,
                       overrides=SMALL, progress=lines.append)
    assert w.points == 2 and w.kept == 0 and len(lines) == 2
    table = w.table
    assert list(table["point"]) == ["0001", "0002"]
    assert list(table["transmission.r0"]) == [1.5, 3]
    # A higher R0 gives more infections: the values reach the runs.
    assert table["health.infections"][1] > table["health.infections"][0]
    assert w.report.is_file()
    run_cli(cli, "sweep", "uncontrolled", "--param", "transmission.r0=1.5,3", "--people", "20000", "--days", "40",
            "-o", str(tmp_path / "cli"), "-q")
    assert (tmp_path / "py" / "sweep.csv").read_bytes() == (tmp_path / "cli" / "sweep.csv").read_bytes()
    again = tongchou.sweep("uncontrolled", params={"transmission.r0": [1.5, 3]}, dir=tmp_path / "py", overrides=SMALL)
    assert again.kept == 2


def test_sweep_bad_key(tmp_path):
    try:
        tongchou.sweep("uncontrolled", params={"transmission.r00": [1, 2]}, dir=tmp_path / "x", overrides=SMALL)
    except tongchou.InputError as e:
        assert "transmission.r00" in str(e)
    else:
        raise AssertionError("an unknown key was accepted")

"""tongchou.optimise: the command's optimisation, its folder and its tables."""
import tongchou
from conftest import ROOT, run_cli

SCENARIO = ROOT / "examples" / "plans" / "reopening-synthetic.toml"
PLAN = ROOT / "examples" / "plans" / "reopening.toml"


def test_optimise_is_the_commands(cli, tmp_path):
    lines = []
    o = tongchou.optimise(str(SCENARIO), PLAN, runs=1, dir=tmp_path / "py", threads=2, progress=lines.append)
    assert o.front >= 2 and o.evaluations >= 9 and o.kept == 0
    assert any("generation 3/3" in x for x in lines), lines
    front = o.pareto
    assert list(front["plan"])[:2] == ["001", "002"]
    # Along the front a later end of the lockdown has fewer infections and a larger economic loss.
    by_date = front.sort_values("measure.lockdown.until")
    assert by_date["health.infections.median"].is_monotonic_decreasing
    assert by_date["gdp_loss.median"].is_monotonic_increasing
    assert (o.table["generation"] == "scenario").sum() == 1
    assert o.report.is_file()
    run_cli(cli, "optimise", str(SCENARIO), "--plan", str(PLAN), "--runs", "1", "-q", "-o", str(tmp_path / "cli"))
    for name in ("evaluations.csv", "pareto.csv", "report.html", "front/001.toml"):
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    again = tongchou.optimise(str(SCENARIO), PLAN, runs=1, dir=tmp_path / "py")
    assert again.kept == again.evaluations


def test_optimise_bad_plan(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text('[[objective]]\nfigure = "health.infections"\n[[objective]]\nfigure = "gdp_loss"\n')
    try:
        tongchou.optimise(str(SCENARIO), plan, dir=tmp_path / "x")
    except tongchou.InputError as e:
        assert "no decision variable" in str(e)
    else:
        raise AssertionError("a plan without variables was accepted")
    try:
        tongchou.optimise(str(SCENARIO), PLAN, runs=0, dir=tmp_path / "x")
    except tongchou.InputError as e:
        assert e.diagnostics[0]["key"] == "runs"
    else:
        raise AssertionError("runs=0 was accepted")

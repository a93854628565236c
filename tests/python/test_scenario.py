"""tongchou.Scenario: loading, editing as a dict, validation with the command's messages, writing TOML."""
import datetime

import pytest

import tongchou
from conftest import run_cli


def cli_error_lines(stderr):
    """The command's report of bad input without its "error: " prefix: the lines InputError's message has."""
    lines = stderr.strip().splitlines()
    assert lines[0].startswith("error: "), stderr
    return [lines[0][len("error: "):]] + lines[1:]


def test_load_and_read():
    s = tongchou.Scenario("yunyang")
    assert s.name == "yunyang" and s.source == "builtin:yunyang"
    assert isinstance(s["transmission.r0"], float)
    assert isinstance(s["scenario.days"], int)
    assert isinstance(s["scenario.start"], datetime.date)
    assert isinstance(s["scenario.region"], str)
    assert "transmission.r0" in s and "transmission.nope" not in s
    assert len(s) == len(list(s)) == len(s.keys())
    assert s.to_dict()["transmission.r0"] == s["transmission.r0"]
    with pytest.raises(KeyError):
        s["transmission.nope"]
    assert "yunyang" in tongchou.scenarios()


def test_edit_as_a_dict():
    s = tongchou.Scenario("yunyang")
    s["transmission.r0"] = 3
    assert s["transmission.r0"] == 3.0
    s["zoning.high.work"] = 0.25
    assert s["zoning.high.work"] == 0.25
    assert "zoning.high.work" in s.keys()
    s["scenario.start"] = datetime.date(2020, 1, 20)
    assert s["scenario.start"] == datetime.date(2020, 1, 20)
    s.update({"scenario.days": 30, "output.infections": False})
    assert s["scenario.days"] == 30 and s["output.infections"] is False
    s.validate()  # valid: returns None
    # The original is untouched by edits of a copy.
    c = s.copy()
    c["transmission.r0"] = 2
    assert s["transmission.r0"] == 3.0


def test_refused_values_have_the_commands_messages(cli, tmp_path):
    s = tongchou.Scenario("yunyang")
    before = s["transmission.r0"]
    with pytest.raises(tongchou.InputError) as e:
        s["transmission.r0"] = -1
    assert isinstance(e.value, ValueError)
    assert s["transmission.r0"] == before  # unchanged
    d = e.value.diagnostics
    assert len(d) == 1 and d[0]["key"] == "transmission.r0" and d[0]["file"] == "--set"
    assert set(d[0]) == {"file", "line", "column", "key", "message"}
    p = run_cli(cli, "run", "yunyang", "--set", "transmission.r0=-1", "-o", str(tmp_path / "none"), check=False)
    assert p.returncode == 2
    assert str(e.value).splitlines() == cli_error_lines(p.stderr)

    with pytest.raises(tongchou.InputError) as e:
        s["zoning.extreme.work"] = 0.5
    assert "unknown risk level" in str(e.value)
    with pytest.raises(tongchou.InputError) as e:
        s["transmission.r00"] = 2
    assert e.value.diagnostics[0]["key"] == "transmission.r00"


def test_a_bad_file_is_reported_with_lines(cli, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[scenario]\nname = "bad"\nregion = "synthetic"\n[transmission]\nr0 = "high"\n', encoding="utf-8")
    with pytest.raises(tongchou.InputError) as e:
        tongchou.Scenario(str(bad))
    d = e.value.diagnostics
    assert any(x["key"] == "transmission.r0" and x["line"] == 5 and x["file"] == str(bad) for x in d), d
    p = run_cli(cli, "validate", str(bad), check=False)
    assert p.returncode == 2
    assert str(e.value).splitlines() == cli_error_lines(p.stderr)


def test_writes_toml_that_loads_back(tmp_path):
    s = tongchou.Scenario("yunyang")
    s["transmission.r0"] = 2.75
    s["zoning.medium.work"] = 0.6
    path = tmp_path / "mine.toml"
    s.write(path)
    assert path.read_text(encoding="utf-8") == s.to_toml()
    back = tongchou.Scenario(path)
    assert back["transmission.r0"] == 2.75 and back["zoning.medium.work"] == 0.6
    assert back.to_dict() == s.to_dict()
    assert tongchou.Scenario.from_toml(s.to_toml())["transmission.r0"] == 2.75

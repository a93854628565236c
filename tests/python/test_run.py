"""tongchou.run: the outputs as DataFrames, the same numbers as the command's files, threads, the GIL, the runner."""
import json
import threading
import time

import pandas as pd
import pytest

import tongchou
from conftest import SMALL, SMALL_ARGS, run_cli


@pytest.fixture(scope="module")
def small_run():
    return tongchou.run("yunyang", seed=2, threads=2, overrides=SMALL)


@pytest.fixture(scope="module")
def cli_run(cli, tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "yunyang"
    run_cli(cli, "run", "yunyang", *SMALL_ARGS, "--seed", "2", "--threads", "1", "-o", str(out), "-q")
    return out


def test_dataframes_have_dates_and_text_codes(small_run):
    daily = small_run.daily
    assert isinstance(daily, pd.DataFrame)
    assert pd.api.types.is_datetime64_any_dtype(daily["date"])
    assert len(daily) == 40
    assert daily["date"].iloc[0] == pd.Timestamp("2020-01-21")
    assert pd.api.types.is_integer_dtype(daily["new_infections"])
    sectors = small_run.sectors
    assert pd.api.types.is_datetime64_any_dtype(sectors["date"])
    codes = set(sectors["sector"])
    assert all(isinstance(c, str) for c in codes)
    assert "01" in codes and len(codes) == 42
    districts = small_run.districts
    assert pd.api.types.is_datetime64_any_dtype(districts["date"])
    assert set(districts["adcode"]) == {"500235"}
    events = small_run.events
    assert pd.api.types.is_datetime64_any_dtype(events["date"])
    assert len(events) > 0
    assert isinstance(small_run.summary, dict)
    assert small_run.summary["scenario"]["name"] == "yunyang"


def test_same_numbers_as_the_command(small_run, cli_run):
    # Files of `tongchou run` with the same scenario and seed (and another thread count): byte for byte ...
    for name in ("daily", "districts", "events", "sectors"):
        assert small_run.csv(name) == (cli_run / f"{name}.csv").read_text(encoding="utf-8"), name
    assert small_run.summary == json.loads((cli_run / "summary.json").read_text(encoding="utf-8"))
    # ... and as DataFrames read from the command's file.
    expected = pd.read_csv(cli_run / "daily.csv", parse_dates=["date"])
    pd.testing.assert_frame_equal(small_run.daily, expected)
    expected = pd.read_csv(cli_run / "sectors.csv", parse_dates=["date"], dtype={"sector": str})
    pd.testing.assert_frame_equal(small_run.sectors, expected)


def test_another_seed_differs(small_run):
    other = tongchou.run("yunyang", seed=3, overrides=SMALL)
    assert other.csv("daily") != small_run.csv("daily")


def test_write_makes_the_run_folder(small_run, cli_run, tmp_path):
    small_run.write(tmp_path / "out")
    for name in ("daily.csv", "districts.csv", "events.csv", "sectors.csv", "summary.json", "report.html", "manifest.json"):
        assert (tmp_path / "out" / name).is_file(), name
    assert (tmp_path / "out" / "daily.csv").read_bytes() == (cli_run / "daily.csv").read_bytes()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(tongchou.OutputError):
        small_run.write(tmp_path / "other")
    assert (tmp_path / "other" / "notes.txt").read_text() == "mine"


def test_progress_is_called_every_day():
    days = []
    tongchou.run("yunyang", seed=1, overrides={**SMALL, "scenario.days": 10}, progress=lambda d, n: days.append((d, n)))
    assert days == [(d, 10) for d in range(1, 11)]


def test_an_error_in_progress_stops_the_run():
    calls = []

    def progress(day, days):
        calls.append(day)
        if day == 3:
            raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        tongchou.run("yunyang", overrides=SMALL, progress=progress)
    assert calls == [1, 2, 3]


def test_the_gil_is_released_during_a_run():
    done = threading.Event()
    box = {}

    def work():
        box["result"] = tongchou.run("yunyang", seed=4, threads=1, overrides={**SMALL, "scenario.days": 60})
        done.set()

    t = threading.Thread(target=work)
    start = time.monotonic()
    t.start()
    ticks = 0
    while not done.is_set():  # runs only while the run has let go of the GIL
        ticks += 1
        time.sleep(0.002)
    t.join()
    elapsed = time.monotonic() - start
    assert "result" in box
    # Holding the GIL for the whole run would leave this loop a turn or two (before the run takes the GIL back).
    assert elapsed > 0.1 and ticks >= 20, (ticks, elapsed)


def test_a_runner_reuses_its_population():
    runner = tongchou.Runner()
    fixed = {**SMALL, "scenario.days": 5, "population.seed": 11}
    a = runner.run("yunyang", seed=1, overrides=fixed)
    b = runner.run("yunyang", seed=2, overrides=fixed)
    assert runner.populations_made == 1
    assert a.summary["population"] == b.summary["population"]
    runner.run("yunyang", seed=1, overrides={**fixed, "population.seed": 12})
    assert runner.populations_made == 2


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="threads"):
        tongchou.run("yunyang", threads=0, overrides=SMALL)
    with pytest.raises(tongchou.InputError) as e:
        tongchou.run("yunyang", overrides={"scenario.days": "many"})
    assert e.value.diagnostics[0]["key"] == "scenario.days"
    with pytest.raises(tongchou.InputError):
        tongchou.run("no-such-scenario")
    with pytest.raises(TypeError):
        tongchou.run("yunyang", overrides={"transmission.r0": object()})
    with pytest.raises(TypeError):
        tongchou.optimise("yunyang")  # the plan is required

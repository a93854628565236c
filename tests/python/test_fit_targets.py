"""scripts/fit_targets.py: the three targets of the refitted chongqing, on hand-made ensemble folders (no run)."""
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "fit_targets.py"
DATES = [f"2020-02-{d:02}" for d in range(1, 11)]
OBSERVED = [5, 4, 3, 2, 1, 0, 0, 0, 0, 0]  # 15 cases, the last on 2020-02-05


def ensemble(tmp_path, runs):
    """An ensemble folder whose runs/NNN/comparison.csv hold the given simulated daily series."""
    for i, sim in enumerate(runs, 1):
        d = tmp_path / "runs" / f"{i:03}"
        d.mkdir(parents=True)
        lines = ["date,observed_new_confirmed,simulated_new_confirmed,observed_cumulative_confirmed,"
                 "simulated_cumulative_confirmed,difference_cumulative"]
        for date, y, m in zip(DATES, OBSERVED, sim):
            lines.append(f"{date},{y},{m},0,0,0")
        (d / "comparison.csv").write_text("\n".join(lines) + "\n")
    return tmp_path


def targets(folder):
    return subprocess.run([sys.executable, str(SCRIPT), str(folder), "--cumulative-reported", "15",
                           "--last-reported", "2020-02-05"], capture_output=True, text=True)


def test_all_three_hold_when_the_runs_bracket_the_series(tmp_path):
    # 20 runs: the observed series minus 1, itself, plus 1 on each day (clipped at 0), so the band holds it every day.
    runs = [[max(0, y + k) for y in OBSERVED] for k in [-1] * 6 + [0] * 8 + [1] * 6]
    p = targets(ensemble(tmp_path, runs))
    assert p.returncode == 0, p.stdout + p.stderr
    assert "median 15 " in p.stdout and "+0.0% OK" in p.stdout
    assert "10/10 days = 100.0% OK" in p.stdout
    assert "median 2020-02-05" in p.stdout and "+0 days OK" in p.stdout


def test_each_target_can_fail(tmp_path):
    # Twice the cases (total +100%), later.
    late = [0, 0, 0, 10, 8, 6, 4, 2, 0, 0]   # 30 cases, the last on 2020-02-08: +3 days, inside 7
    p = targets(ensemble(tmp_path / "a", [late] * 20))
    assert p.returncode == 1
    assert "median 30 " in p.stdout and "+100.0% MISSED" in p.stdout
    # The band is a single line (every run equal): only the days where the observed count equals it are inside
    # (the last two, 0 = 0).
    assert "2/10 days = 20.0% MISSED" in p.stdout
    assert "+3 days OK" in p.stdout
    tail = [5, 4, 3, 2, 0, 0, 0, 0, 0, 1]    # 15 cases, the last on 2020-02-10: +5 days
    p = targets(ensemble(tmp_path / "b", [tail] * 20))
    assert "+0.0% OK" in p.stdout and "+5 days OK" in p.stdout
    very_late = [[0] * 9 + [15]] * 20     # every case on 2020-02-10, 9 days after a last case reported on 02-01
    p = subprocess.run([sys.executable, str(SCRIPT), str(ensemble(tmp_path / "c", very_late)), "--cumulative-reported",
                        "15", "--last-reported", "2020-02-01"], capture_output=True, text=True)
    assert p.returncode == 1 and "+9 days MISSED" in p.stdout


def test_a_folder_without_runs_is_an_error(tmp_path):
    p = targets(tmp_path)
    assert p.returncode != 0 and "no runs/*/comparison.csv" in p.stderr

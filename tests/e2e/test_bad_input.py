"""Bad input never crashes and never leaves partial output: every problem is reported with file, line, key and
reason, with a non-zero exit code. Usage: test_bad_input.py PATH_TO_TONGCHOU (also run under the sanitizers)."""
import os
import shutil
import stat
import subprocess
import sys
import tempfile

BIN = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, finish  # noqa: E402


def expect_error(args, code, *fragments, outdir=None):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    check(p.returncode == code, f"`tongchou {' '.join(args)}` exited {p.returncode}, expected {code}; stderr: {p.stderr[-400:]}")
    check(p.returncode < 128 or p.returncode == 130, f"`tongchou {' '.join(args)}` crashed (signal)")
    for frag in fragments:
        check(frag in p.stderr, f"`tongchou {' '.join(args)}`: stderr lacks {frag!r}: {p.stderr[-600:]}")
    check("AddressSanitizer" not in p.stderr and "runtime error" not in p.stderr, f"sanitizer report for {args}")
    if outdir is not None and os.path.isdir(outdir):
        check(not os.listdir(outdir), f"partial output left in {outdir}: {os.listdir(outdir)}")
    return p


with tempfile.TemporaryDirectory() as tmp:
    def scenario(name, text):
        path = os.path.join(tmp, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    out = os.path.join(tmp, "out")
    os.makedirs(out)
    # Malformed TOML: file, line and column.
    bad = scenario("malformed.toml", "[scenario]\nseed = = 1\n")
    expect_error(["run", bad, "-o", out], 2, "malformed.toml:2:", "malformed TOML", outdir=out)
    # Wrong types, unknown keys with suggestions, out-of-range values: all at once, in file order.
    bad = scenario("many.toml", "[scenario]\ndays = \"ten\"\nsede = 1\n[transmission]\nr0 = -2\nhousehold_sar = 1.5\n"
                                "[populaton]\npeople = 5\n")
    p = expect_error(["validate", bad], 2, "many.toml:2:", "scenario.days: expected an integer", "many.toml:3:",
                     "did you mean \"seed\"", "many.toml:5:", "transmission.r0: must be in 0..20",
                     "transmission.household_sar", "many.toml:7:", "did you mean \"population\"", "(5 problems)")
    # Impossible measure settings and schedules: sensitivity above 1, a key set twice on one date, a fixed parameter
    # scheduled.
    bad = scenario("measures.toml", "[health]\ntest_sensitivity = 1.2\n[[schedule]]\ndate = 2020-03-01\n"
                                    "health.care_seeking = 0.5\n[[schedule]]\ndate = 2020-03-01\nhealth.care_seeking = 0.6\n"
                                    "[[schedule]]\ndate = 2020-02-01\n\"population.scale\" = 2\n")
    expect_error(["validate", bad], 2, "measures.toml:2:", "health.test_sensitivity: must be in 0..1",
                 "health.care_seeking is already set for 2020-03-01", "cannot change during a run")
    # Tracing: a coverage list of the wrong length, negative quarantine rooms, an unknown look-back rule.
    bad = scenario("tracing.toml", "[health]\ntracing_coverage = [0.5, 1.0]\nquarantine_rooms = -1\ntracing_rule = \"foo\"\n")
    expect_error(["validate", bad], 2, "tracing.toml:2:", "health.tracing_coverage: must have 9 elements",
                 "tracing.toml:3:", "health.quarantine_rooms: must be in 0..", "tracing.toml:4:", "health.tracing_rule: must be one of")
    # Imports naming an unknown district.
    bad = scenario("district.toml", "[scenario]\nregion = \"yunyang\"\n[[imports]]\ndate = 2020-01-21\n"
                                    "infections = 3\ndistrict = \"Yunyng\"\n")
    expect_error(["validate", bad], 2, "district.toml:3:", "imports.district", "did you mean \"Yunyang\"")
    # Arrivals: an unknown mode and risk level, a prevalence above 1, no travellers, a date after the last day, an
    # unknown district, a sector that does not exist; all at once (the district once the file reads correctly).
    bad = scenario("arrivals.toml", "[scenario]\nregion = \"yunyang\"\ndays = 30\n[[arrivals]]\ndate = 2020-01-25\n"
                                    "mode = \"boat\"\norigin_risk = \"extreme\"\nprevalence = 1.5\n"
                                    "[[arrivals]]\ndate = 2020-06-01\ntravellers = 10\n"
                                    "[[measure]]\nmeasure = \"work.43\"\nvalue = 0\n")
    expect_error(["validate", bad], 2, "arrivals.toml:6:", "arrivals.mode: must be one of road, rail, air, bus",
                 "arrivals.toml:7:", "arrivals.origin_risk", "arrivals.toml:8:", "arrivals.prevalence: must be in 0..1",
                 "arrivals.toml:4:", "needs travellers", "arrivals.date", "after the last simulated day",
                 "measure.measure: unknown key")
    bad = scenario("arrivals_district.toml", "[scenario]\nregion = \"yunyang\"\n[[arrivals]]\ndate = 2020-01-25\n"
                                             "travellers = 10\ndistrict = \"Wanzhou\"\n")
    expect_error(["validate", bad], 2, "arrivals_district.toml:3:", "arrivals.district", "not a district of region yunyang")
    # Zoning and measures: a level table missing, a trigger on an unknown measure, an unknown place, overlapping
    # dated entries, a value out of range; all at once.
    bad = scenario("zoning.toml", "[scenario]\nregion = \"yunyang\"\n[zoning]\nenabled = true\n[zoning.low]\n[zoning.high]\n"
                                  "work = 1.5\n[[measure]]\nmeasure = \"gyms\"\nvalue = 0\ntrigger = \"new_confirmed\"\n"
                                  "[[measure]]\nmeasure = \"work\"\nvalue = 0.5\nplace = \"Wanzhou\"\n"
                                  "[[measure]]\nmeasure = \"venue.gym\"\nvalue = 0\nfrom = 2020-02-01\n"
                                  "[[measure]]\nmeasure = \"venue.gym\"\nvalue = 0.5\nfrom = 2020-03-01\n")
    expect_error(["validate", bad], 2, "zoning.medium", "is missing", "zoning.toml:7:", "zoning.high.work: work must be in 0..1",
                 "zoning.toml:9:", "measure.measure: unknown key", "measure.venue.gym", "ambiguous")
    expect_error(["run", bad, "-o", out], 2, "zoning.medium", outdir=out)
    # Places are checked against the region once the file reads correctly.
    bad = scenario("place.toml", "[scenario]\nregion = \"yunyang\"\n[[measure]]\nmeasure = \"work\"\nvalue = 0.5\n"
                                 "place = \"Wanzhou\"\n")
    expect_error(["validate", bad], 2, "place.toml:3:", "measure.place", "no district or township \"Wanzhou\"")
    expect_error(["run", bad, "-o", out], 2, "measure.place", outdir=out)
    # Bad command-line values.
    expect_error(["run", "uncontrolled", "--set", "transmission.ro=3", "-o", out], 2, "did you mean \"transmission.r0\"", outdir=out)
    expect_error(["run", "uncontrolled", "--set", "scenario.days=0", "-o", out], 2, "scenario.days", outdir=out)
    expect_error(["run", "chongqing", "--people", "1000", "-o", out], 2, "synthetic regions only", outdir=out)
    expect_error(["run", "no-such-scenario", "-o", out], 2, "no such file", outdir=out)
    expect_error(["run", "--threads", "zero"], 2)
    # Missing and malformed data files (scenario.data_dir): named with line and column, no output.
    data = os.path.join(tmp, "data")
    shutil.copytree(os.path.join(REPO, "data"), data)
    os.remove(os.path.join(data, "chongqing", "townships.csv"))
    expect_error(["run", "yunyang", "--set", f"scenario.data_dir={data}", "-o", out], 2, "townships.csv", "cannot open data file",
                 outdir=out)
    shutil.copy(os.path.join(REPO, "data", "chongqing", "townships.csv"), os.path.join(data, "chongqing", "townships.csv"))
    path = os.path.join(data, "chongqing", "districts.csv")
    lines = open(path, encoding="utf-8").read().splitlines()
    fields = lines[5].split(",")
    fields[3] = "many"          # population is not a number
    lines[5] = ",".join(fields)
    lines[8] = lines[8] + ",extra"  # a row with too many fields
    open(path, "w", encoding="utf-8").write("\n".join(lines) + "\n")
    expect_error(["run", "chongqing", "--set", f"scenario.data_dir={data}", "-o", out], 2, "districts.csv:9",
                 "expected 13 fields", outdir=out)
    del lines[8]
    open(path, "w", encoding="utf-8").write("\n".join(lines) + "\n")
    expect_error(["run", "chongqing", "--set", f"scenario.data_dir={data}", "-o", out], 2, "districts.csv:6:4: population",
                 "expected a number", outdir=out)
    # An output directory that cannot be written: exit 3, nothing left behind.
    locked = os.path.join(tmp, "locked")
    os.makedirs(locked)
    os.chmod(locked, stat.S_IRUSR | stat.S_IXUSR)
    if os.geteuid() == 0:  # root ignores permissions: use a path under a file instead
        blocker = os.path.join(tmp, "file")
        open(blocker, "w").close()
        expect_error(["run", "uncontrolled", "--people", "2000", "--days", "3", "-o", os.path.join(blocker, "x")], 3,
                     "cannot create output directory")
    else:
        expect_error(["run", "uncontrolled", "--people", "2000", "--days", "3", "-o", locked], 3, "not writable", outdir=locked)

    # report, compare, init: a missing or broken output directory is named with file and line, exit 2, no report.
    good = os.path.join(tmp, "good")
    subprocess.run([BIN, "run", "uncontrolled", "--people", "2000", "--days", "5", "-q", "-o", good], check=True, capture_output=True)
    expect_error(["report", os.path.join(tmp, "nowhere")], 2, "nowhere", "no such output directory")
    empty = os.path.join(tmp, "empty")
    os.makedirs(empty)
    expect_error(["report", empty], 2, os.path.join(empty, "daily.csv"), "missing", outdir=empty)
    broken = os.path.join(tmp, "broken")
    shutil.copytree(good, broken)
    os.remove(os.path.join(broken, "report.html"))
    lines = open(os.path.join(broken, "daily.csv")).read().splitlines()
    lines[2] += ",1"                  # line 3: one field too many
    lines[4] = lines[4].split(",", 1)[0] + ',"open'  # line 5: a quote left open
    open(os.path.join(broken, "daily.csv"), "w").write("\n".join(lines) + "\n")
    expect_error(["report", broken, "--allow-edited"], 2, "daily.csv:3:", "fields", "daily.csv:5:", "unterminated")
    check(not os.path.exists(os.path.join(broken, "report.html")), "a report was written from a broken daily.csv")
    shutil.copy(os.path.join(good, "daily.csv"), os.path.join(broken, "daily.csv"))
    open(os.path.join(broken, "summary.json"), "w").write('{\n  "health": {"infections": 3,,}\n}\n')
    expect_error(["report", broken, "--allow-edited"], 2, "summary.json:2:", "malformed JSON")
    expect_error(["compare", good, "-o", os.path.join(tmp, "c1")], 2, "dirs")
    expect_error(["compare", "--allow-edited", good, broken, empty, "-o", os.path.join(tmp, "c2")], 2, "summary.json:2:", "daily.csv")
    check(not os.path.exists(os.path.join(tmp, "c2")), "compare wrote output despite bad input")
    expect_error(["init", os.path.join(tmp, "x"), "--from", "atlantis"], 2, "no built-in scenario", "yunyang")
    expect_error(["init", os.path.join(tmp, "bad name")], 2, "letters, digits")
    open(os.path.join(tmp, "taken.toml"), "w").write("# mine\n")
    expect_error(["init", os.path.join(tmp, "taken")], 2, "taken.toml", "does not overwrite")
    check(open(os.path.join(tmp, "taken.toml")).read() == "# mine\n", "init overwrote taken.toml")
    blocker = os.path.join(tmp, "a-file")
    open(blocker, "w").close()
    expect_error(["report", good, "-o", os.path.join(blocker, "r.html")], 3, "a-file")

# Command line (issue 15 §3-5)
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "out")
    os.makedirs(out)
    small = ["run", "uncontrolled", "--people", "2000", "--days", "3", "-o", out]
    # Numbers of `run`: a readable reason, not a range of 309 digits; no run starts.
    for args, fragment in [(["--threads", "0"], "--threads: must be at least 1"),
                           (["--threads", "100000"], "--threads: must be at most 1024"),
                           (["--threads", "two"], "--threads: not an integer"),
                           (["--seed", "abc"], "--seed: not an integer"),
                           (["--seed", "1.5"], "--seed: not an integer"),
                           (["--seed", "-1"], "--seed: must be at least 0"),
                           (["--scale", "nan"], "--scale: must be a finite number"),
                           (["--scale", "inf"], "--scale: must be a finite number"),
                           (["--scale", "-3"], "--scale: must be at least 1"),
                           (["--days", "0"], "--days: must be at least 1"),
                           (["--days", "99999999999999999999"], "--days: 99999999999999999999 is too large"),
                           (["--people", "12x"], "--people: not an integer")]:
        p = expect_error([*small, *args], 2, fragment, outdir=out)
        check(len(p.stderr) < 300, f"{args}: message too long: {p.stderr!r}")
    # --set takes one TOML value: text after it is refused, not dropped.
    expect_error([*small, "--set", "transmission.r0=3 # x"], 2, "--set: transmission.r0", "text after its value", outdir=out)
    expect_error([*small, "--set", "transmission.r0=3 4"], 2, "--set: transmission.r0", "cannot read \"3 4\"", outdir=out)
    expect_error([*small, "--set", "scenario.name=\"a\" b"], 2, "--set: scenario.name", "one TOML value", outdir=out)
    # --set reaches the risk levels' tables, with the checks and suggestions of a file.
    expect_error([*small, "--set", "zoning.high.wrk=0.5"], 2, "zoning.high.wrk", "unknown measure", "did you mean \"zoning.high.work\"",
                 outdir=out)
    expect_error([*small, "--set", "zoning.extreme.work=0.5"], 2, "unknown risk level \"extreme\"", outdir=out)
    expect_error([*small, "--set", "zoning.high.work=1.5"], 2, "zoning.high.work: work must be in 0..1", outdir=out)
    expect_error([*small, "--set", "zoning.high.school.primary=2.5"], 2, "takes whole numbers", outdir=out)
    # A date that --days puts after the last day: the entry's file and line, and --days named.
    late = os.path.join(tmp, "late.toml")
    with open(late, "w") as f:
        f.write('[scenario]\nregion = "synthetic"\ndays = 60\n[population]\npeople = 2000\n'
                '[[imports]]\ndate = 2020-02-01\ninfections = 5\n')
    expect_error(["run", late, "--days", "10", "-o", out], 2, "late.toml:6:", "imports.date", "after the last simulated day",
                 "--days 10", outdir=out)
    # params SECTION: an unknown section lists the sections.
    expect_error(["params", "healht"], 2, "no such section", "did you mean \"health\"", "zoning, measures")
    expect_error(["params", "health", "--markdown"], 2, "--markdown")

# Run folders (issue 15 §1-2)
def expect_error_soon(args, code, *fragments, cwd=None):
    """expect_error with a time limit (a FIFO read would block for ever) and a working directory."""
    try:
        p = subprocess.run([os.path.abspath(BIN), *args], capture_output=True, text=True, timeout=60, cwd=cwd)
    except subprocess.TimeoutExpired:
        check(False, f"`tongchou {' '.join(args)}` hangs")
        return None
    check(p.returncode == code, f"`tongchou {' '.join(args)}` exited {p.returncode}, expected {code}; stderr: {p.stderr[-400:]}")
    for frag in fragments:
        check(frag in p.stderr, f"`tongchou {' '.join(args)}`: stderr lacks {frag!r}: {p.stderr[-600:]}")
    check("Success" not in p.stderr, f"`tongchou {' '.join(args)}` gives no reason: {p.stderr[-300:]}")
    return p


with tempfile.TemporaryDirectory() as tmp:
    small = ["uncontrolled", "--people", "2000", "--days", "5", "-q"]
    good = os.path.join(tmp, "good")
    other = os.path.join(tmp, "other")
    subprocess.run([BIN, "run", *small, "-o", good], check=True, capture_output=True)
    subprocess.run([BIN, "run", *small, "--seed", "2", "-o", other], check=True, capture_output=True)

    def copy_run(name):
        path = os.path.join(tmp, name)
        shutil.copytree(good, path)
        return path
    # (d) report and compare refuse a folder that is not one complete run, and say why.
    mixed = copy_run("mixed")
    shutil.copy(os.path.join(other, "daily.csv"), os.path.join(mixed, "daily.csv"))  # daily.csv of another run
    expect_error_soon(["report", mixed], 2, "daily.csv changed after the run", "--allow-edited")
    check(open(os.path.join(mixed, "report.html"), "rb").read() == open(os.path.join(good, "report.html"), "rb").read(),
          "report rewrote a mixed folder's report.html")
    expect_error_soon(["compare", good, mixed, "-o", os.path.join(tmp, "cmp-mixed")], 2, "daily.csv changed after the run")
    check(not os.path.exists(os.path.join(tmp, "cmp-mixed")), "compare wrote output from a mixed folder")
    p = expect_error_soon(["report", mixed, "--allow-edited", "-o", os.path.join(tmp, "mixed.html")], 0)
    check(p is not None and "warning:" in p.stderr and "daily.csv changed" in p.stderr, "--allow-edited reads edited outputs without a warning")
    unfinished = copy_run("unfinished")
    os.remove(os.path.join(unfinished, "manifest.json"))
    expect_error_soon(["report", unfinished], 2, "manifest.json", "not one complete run")
    lost = copy_run("lost")
    os.remove(os.path.join(lost, "summary.json"))
    expect_error_soon(["report", lost], 2, "summary.json is missing")
    extra = copy_run("extra")
    shutil.copy(os.path.join(REPO, "data", "chongqing", "daily_cases.csv"), os.path.join(extra, "comparison.csv"))
    expect_error_soon(["report", extra], 2, "comparison.csv is not part of the run")
    fifo = copy_run("fifo")
    os.remove(os.path.join(fifo, "summary.json"))
    os.mkfifo(os.path.join(fifo, "summary.json"))
    expect_error_soon(["report", fifo], 2, "summary.json is a FIFO")
    expect_error_soon(["report", fifo, "--allow-edited"], 2, "summary.json", "a FIFO, not a regular file")
    expect_error_soon(["compare", good, fifo, "-o", os.path.join(tmp, "cmp-fifo")], 2, "summary.json is a FIFO")
    folder = copy_run("folder")
    os.remove(os.path.join(folder, "daily.csv"))
    os.makedirs(os.path.join(folder, "daily.csv"))
    expect_error_soon(["report", folder], 2, "daily.csv is a directory")
    expect_error_soon(["report", folder, "--allow-edited"], 2, "daily.csv", "a directory, not a regular file")
    badnum = copy_run("badnum")
    lines = open(os.path.join(badnum, "daily.csv")).read().splitlines()
    cells = lines[2].split(",")
    cells[2] = "7x"                  # line 3, column 3: new_infections
    lines[2] = ",".join(cells)
    open(os.path.join(badnum, "daily.csv"), "w").write("\n".join(lines) + "\n")
    expect_error_soon(["report", badnum], 2, "daily.csv changed after the run")
    expect_error_soon(["report", badnum, "--allow-edited"], 2, "daily.csv:3:3:", "new_infections", "expected a number", '"7x"')
    expect_error_soon(["report", good, "-o", good], 3, "directory", "not a report")  # a folder where report.html should go
    expect_error_soon(["report", os.path.join(good, "daily.csv")], 2, "daily.csv", "not an output directory")
    # (e) report -o, compare -o and init replace only what is theirs.
    unrelated = os.path.join(tmp, "notes.html")
    open(unrelated, "w").write("<html>my notes</html>\n")
    expect_error_soon(["report", good, "-o", unrelated], 3, "notes.html", "not a report written by tongchou")
    check(open(unrelated).read() == "<html>my notes</html>\n", "report -o changed an unrelated file")
    pipe = os.path.join(tmp, "pipe.html")
    os.mkfifo(pipe)
    expect_error_soon(["report", good, "-o", pipe], 3, "pipe.html", "a FIFO")
    check(stat.S_ISFIFO(os.stat(pipe).st_mode), "report -o replaced a FIFO")
    expect_error_soon(["report", good, "-o", "/dev/null"], 3, "/dev/null", "a device")
    check(stat.S_ISCHR(os.stat("/dev/null").st_mode), "report -o replaced /dev/null")
    ours = os.path.join(tmp, "ours.html")
    expect_error_soon(["report", good, "-o", ours], 0)
    expect_error_soon(["report", good, "-o", ours], 0)   # a report of tongchou may be replaced
    expect_error_soon(["compare", good, other, "-o", other], 3, "not of a comparison")
    expect_error_soon(["compare", good, other, "-o", unrelated], 3, "notes.html", "a regular file")
    check(open(unrelated).read() == "<html>my notes</html>\n", "compare -o changed an unrelated file")
    cmp_dir = os.path.join(tmp, "cmp")
    expect_error_soon(["compare", good, other, "-o", cmp_dir], 0)
    expect_error_soon(["compare", good, other, "-o", cmp_dir], 0)  # an earlier comparison may be replaced
    check(sorted(os.listdir(cmp_dir)) == ["manifest.json", "report.html"], f"compare folder: {os.listdir(cmp_dir)}")
    expect_error_soon(["run", *small, "-o", unrelated], 3, "notes.html", "a regular file")
    expect_error_soon(["run", *small, "-o", "/dev/null"], 3, "/dev/null", "a device")
    thesis = os.path.join(tmp, "thesis")
    os.makedirs(thesis)
    open(os.path.join(thesis, "chapter1.tex"), "w").write("mine\n")
    expect_error_soon(["run", *small, "-o", thesis], 3, "chapter1.tex", "did not write")
    check(os.listdir(thesis) == ["chapter1.tex"], "run changed a folder it did not write")
    os.makedirs(os.path.join(tmp, "dir.toml"))
    expect_error_soon(["init", os.path.join(tmp, "dir")], 2, "dir.toml", "already exists")
    check(os.path.isdir(os.path.join(tmp, "dir.toml")), "init replaced a directory")
    # (f) scenario.name becomes a folder name: no empty name, no path separators.
    for name in ("", "../../x", "a/b", "..", "a\\b"):
        expect_error_soon(["run", *small, "--set", f"scenario.name={name}"], 2, "scenario.name", cwd=tmp)
    check(not os.path.exists(os.path.join(tmp, "x")) and not os.path.exists(os.path.join(tmp, "output")),
          "a bad scenario name wrote outputs")
    named = os.path.join(tmp, "named.toml")
    open(named, "w").write('[scenario]\nregion = "synthetic"\nname = "../../x"\n')
    expect_error_soon(["validate", named], 2, "named.toml:3:", "scenario.name", "'/'")
    # (g) data_dir pointing at files on disk reads those files, even when it is "data" (the embedded copies' path).
    shutil.copytree(os.path.join(REPO, "data"), os.path.join(tmp, "data"))
    districts = os.path.join(tmp, "data", "chongqing", "districts.csv")
    rows = open(districts, encoding="utf-8").read().splitlines()
    row = next(i for i, r in enumerate(rows) if ",Yunyang," in r)
    cells = rows[row].split(",")
    col = rows[0].split(",").index("population")
    cells[col] = "lots"
    rows[row] = ",".join(cells)
    open(districts, "w", encoding="utf-8").write("\n".join(rows) + "\n")
    corrupt = os.path.join(tmp, "corrupt.toml")
    open(corrupt, "w").write('[scenario]\nregion = "yunyang"\ndata_dir = "data"\n')
    expect_error_soon(["validate", "corrupt.toml"], 2, f"data/chongqing/districts.csv:{row + 1}:{col + 1}:", "population",
                      '"lots"', cwd=tmp)
    expect_error_soon(["run", "corrupt.toml", "--scale", "20", "--days", "3", "-q"], 2, "data/chongqing/districts.csv", cwd=tmp)

finish()

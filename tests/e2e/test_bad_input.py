"""Bad input never crashes and never leaves partial output: every problem is reported with file, line, key and
reason, with a non-zero exit code. Usage: test_bad_input.py PATH_TO_TONGCHOU (also run under the sanitizers)."""
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time

BIN = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, finish  # noqa: E402


CASES = [0]  # expect_error calls, printed at the end ("bad-input cases: N")


def expect_error(args, code, *fragments, outdir=None, timeout=None):
    CASES[0] += 1
    p = subprocess.run([BIN, *args], capture_output=True, text=True, timeout=timeout)
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
    # Zoning and measures: a level table missing, a trigger on an unknown measure, an unknown place, a group of
    # measures that does not exist, a value out of range; all at once (overlapping dated entries are allowed: the
    # later wins).
    bad = scenario("zoning.toml", "[scenario]\nregion = \"yunyang\"\n[zoning]\nenabled = true\n[zoning.low]\n[zoning.high]\n"
                                  "work = 1.5\n[[measure]]\nmeasure = \"gyms\"\nvalue = 0\ntrigger = \"new_confirmed\"\n"
                                  "[[measure]]\nmeasure = \"work\"\nvalue = 0.5\nplace = \"Wanzhou\"\n"
                                  "[[measure]]\nmeasure = \"venue.gym\"\nvalue = 0\nfrom = 2020-02-01\n"
                                  "[[measure]]\nmeasure = \"venue.gym\"\nvalue = 0.5\nfrom = 2020-03-01\n"
                                  "[[measure]]\nmeasure = [\"work\", \"venues.*\"]\nvalue = 0\n")
    expect_error(["validate", bad], 2, "zoning.medium", "is missing", "zoning.toml:7:", "zoning.high.work: work must be in 0..1",
                 "zoning.toml:9:", "measure.measure: unknown key", "zoning.toml:25:", "did you mean \"venue.*\"")
    expect_error(["run", bad, "-o", out], 2, "zoning.medium", outdir=out)
    # The size-class shares of work (work.large, work.small) are shares like work: out of 0..1, in an entry or a level
    # table, named by file, line and key.
    bad = scenario("size_class.toml", "[scenario]\nregion = \"yunyang\"\n[[measure]]\nmeasure = \"work.large\"\nvalue = 1.2\n"
                                      "[zoning]\nenabled = true\n[zoning.low]\n[zoning.medium]\n[zoning.high]\nwork.small = -0.5\n")
    expect_error(["validate", bad], 2, "size_class.toml:5:", "measure.value: work.large must be in 0..1",
                 "size_class.toml:11:", "zoning.high.work.small: work.small must be in 0..1")
    # Places are checked against the region once the file reads correctly.
    bad = scenario("place.toml", "[scenario]\nregion = \"yunyang\"\n[[measure]]\nmeasure = \"work\"\nvalue = 0.5\n"
                                 "place = \"Wanzhou\"\n")
    expect_error(["validate", bad], 2, "place.toml:3:", "measure.place", "no district or township \"Wanzhou\"")
    expect_error(["run", bad, "-o", out], 2, "measure.place", outdir=out)
    # Bad command-line values.
    expect_error(["run", "uncontrolled", "--set", "transmission.ro=3", "-o", out], 2, "did you mean \"transmission.r0\"", outdir=out)
    expect_error(["run", "uncontrolled", "--set", "scenario.days=0", "-o", out], 2, "scenario.days", outdir=out)
    expect_error(["run", "uncontrolled", "--set", "scenario.imports_scale=-1", "-o", out], 2, "scenario.imports_scale",
                 "must be in 0..1000", outdir=out)
    bad = scenario("imports_scale.toml", "[scenario]\nimports_scale = -0.5\n")
    expect_error(["validate", bad], 2, "imports_scale.toml:2:", "scenario.imports_scale: must be in 0..1000")
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
    CASES[0] += 1
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

# Limits and scenario files (issue 15 §4)
# Files that are not scenario text, data tables that are not files, runs too large for the machine, and the common
# mistakes of a scenario, each refused with exit 2 and its reason; `validate` and `run` alike, nothing written.
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "out")
    os.makedirs(out)

    def write(name, data):
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        return path

    # Files that are not scenarios.
    empty = write("empty.toml", "")
    expect_error(["validate", empty], 2, "empty.toml: empty scenario file")
    expect_error(["run", empty, "-o", out], 2, "empty scenario file", outdir=out)
    expect_error(["validate", write("blank.toml", "  \n\t\n\n")], 2, "blank.toml: empty scenario file")
    expect_error(["validate", write("comments.toml", "# a scenario\n# to be written\n")], 2, "comments.toml: empty scenario file")
    folder = os.path.join(tmp, "folder.toml")
    os.makedirs(folder)
    expect_error(["validate", folder], 2, "folder.toml: is a directory")
    expect_error(["run", folder, "-o", out], 2, "is a directory", outdir=out)
    expect_error(["validate", tmp], 2, "is a directory")
    fifo = os.path.join(tmp, "pipe.toml")
    os.mkfifo(fifo)
    expect_error(["validate", fifo], 2, "pipe.toml: is not a regular file (a named pipe)", timeout=20)
    expect_error(["run", fifo, "-o", out], 2, "named pipe", outdir=out, timeout=20)
    expect_error(["validate", "/dev/null"], 2, "/dev/null: is not a regular file (a character device)", timeout=20)
    expect_error(["validate", "/dev/zero"], 2, "/dev/zero: is not a regular file", timeout=20)
    expect_error(["validate", write("binary.toml", bytes(range(256)) * 4)], 2, "binary.toml:1:1: not UTF-8 text")
    expect_error(["validate", write("elf.toml", open(BIN, "rb").read(4096))], 2, "elf.toml:1:", "not UTF-8 text")
    expect_error(["validate", write("latin1.toml", "[scenario]\nname = \"Chongq\xeeng\"\n".encode("latin-1"))], 2,
                 "latin1.toml:2:15: not UTF-8 text", "0xEE")
    expect_error(["validate", write("utf16.toml", "[scenario]\nseed = 1\n".encode("utf-16"))], 2, "utf16.toml:1:1: not UTF-8 text")
    expect_error(["validate", write("nul.toml", "[scenario]\nseed = 1\0\n")], 2, "nul.toml:2:9: not UTF-8 text")
    expect_error(["validate", write("unterminated.toml", "[scenario]\nname = \"my city\nseed = 3\n")], 2,
                 "unterminated.toml:2:", "unterminated string")
    expect_error(["validate", write("unterminated_eof.toml", "[scenario]\nname = \"my city")], 2,
                 "unterminated_eof.toml:2:", "unterminated string")
    expect_error(["validate", write("unterminated_literal.toml", "[scenario]\nname = 'my city\n")], 2,
                 "unterminated_literal.toml:2:", "unterminated string")
    expect_error(["validate", write("unterminated_multi.toml", "[scenario]\nname = \"\"\"my\ncity\n")], 2,
                 "unterminated_multi.toml:3:", "unterminated string")
    expect_error(["validate", write("unclosed_table.toml", "[scenario\nseed = 1\n")], 2, "unclosed_table.toml:1:", "malformed TOML")
    expect_error(["validate", write("dup_key.toml", "[scenario]\nseed = 1\nseed = 2\n")], 2, "dup_key.toml:3:", "malformed TOML")
    expect_error(["validate", write("dup_table.toml", "[scenario]\nseed = 1\n[scenario]\ndays = 5\n")], 2, "dup_table.toml:3:",
                 "malformed TOML")
    expect_error(["validate", write("bad_date_lit.toml", "[scenario]\nstart = 2020-02-30\n")], 2, "bad_date_lit.toml:2:",
                 "malformed TOML")
    expect_error(["validate", write("no_value.toml", "[scenario]\nseed =\n")], 2, "no_value.toml:2:", "malformed TOML")
    expect_error(["validate", write("json.toml", '{"scenario": {"seed": 1}}\n')], 2, "json.toml:1:", "malformed TOML")
    expect_error(["validate", os.path.join(tmp, "missing.toml")], 2, "missing.toml", "no such file")
    expect_error(["run", "yunyan", "-o", out], 2, "did you mean \"yunyang\"", outdir=out)

    # Runs too large for the machine: refused at once with the figure in GB, before any synthesis.
    started = time.monotonic()
    avail_kb = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemAvailable:"))
    if avail_kb * 1024 < 2e9 * 170:
        expect_error(["run", "uncontrolled", "--people", "2000000000", "-o", out], 2, "population.people", "GB of memory",
                     "GB available", "--scale", outdir=out, timeout=60)
        check(time.monotonic() - started < 30, "a run too large for memory was not refused at once")
    else:
        print("skipped: this machine has memory for 2e9 agents")
    expect_error(["run", "uncontrolled", "--people", "3000000000", "-o", out], 2, "--people: must be at most 2000000000",
                 outdir=out)
    expect_error(["run", "uncontrolled", "--people", "99999999999999999999", "-o", out], 2, outdir=out)
    expect_error(["run", "uncontrolled", "--people", "-5", "-o", out], 2, outdir=out)
    expect_error(["run", "uncontrolled", "--scale", "0", "-o", out], 2, outdir=out)
    expect_error(["run", "yunyang", "--scale", "0.5", "-o", out], 2, "--scale: must be at least 1", outdir=out)
    expect_error(["run", "uncontrolled", "--days", "100000", "-o", out], 2, "--days: must be at most 3650", outdir=out)
    expect_error(["run", "uncontrolled", "--set", "population.synthetic_district_size=1", "-o", out], 2,
                 "population.synthetic_district_size", outdir=out)
    # A scale that rounds seeded infections below one agent: a warning (exit 0), printed on stderr and kept in summary.json.
    scaled = os.path.join(tmp, "scaled")
    p = subprocess.run([BIN, "run", "yunyang", "--scale", "10", "--days", "3", "-q", "-o", scaled], capture_output=True, text=True)
    check(p.returncode == 0, f"yunyang --scale 10 exited {p.returncode}: {p.stderr[-400:]}")
    check("warning: [[imports]] entry " in p.stderr and "agents at population.scale 10" in p.stderr,
          f"no warning on stderr for imports rounded below one agent: {p.stderr[-800:]}")
    check("warning:" not in p.stdout, f"a warning on stdout: {p.stdout[-800:]}")
    summary = json.load(open(os.path.join(scaled, "summary.json")))
    check(any("agents at population.scale 10" in w for w in summary.get("warnings", [])), "summary.json lacks the rounding warning")

    # Data tables (scenario.data_dir) that are not files, or not text: named, refused, never waited on.
    data = os.path.join(tmp, "data")
    shutil.copytree(os.path.join(REPO, "data"), data)
    townships = os.path.join(data, "chongqing", "townships.csv")
    yset = ["run", "yunyang", "--set", f"scenario.data_dir={data}", "-o", out]
    os.remove(townships)
    os.makedirs(townships)
    expect_error(yset, 2, "townships.csv: is a directory; give the path of a data file", outdir=out)
    os.rmdir(townships)
    os.mkfifo(townships)
    expect_error(yset, 2, "townships.csv: is not a regular file (a named pipe)", outdir=out, timeout=30)
    os.remove(townships)
    os.symlink("/dev/zero", townships)
    expect_error(yset, 2, "townships.csv: is not a regular file (a character device)", outdir=out, timeout=30)
    os.remove(townships)
    write(townships, b"")
    expect_error(yset, 2, "townships.csv:1: empty file", outdir=out)
    write(townships, bytes(range(256)))
    expect_error(yset, 2, "townships.csv:1:1: not UTF-8 text", outdir=out)
    write(townships, "code,name\n1,Sh\xe0ngb\xe0\n".encode("latin-1"))
    expect_error(yset, 2, "townships.csv:2:", "not UTF-8 text", outdir=out)
    write(townships, "code,name\n")
    expect_error(yset, 2, "townships.csv", outdir=out)
    sectors = os.path.join(data, "economy", "sectors42.csv")
    os.remove(sectors)
    expect_error(yset, 2, "sectors42.csv", "cannot open data file", outdir=out)
    expect_error(["run", "yunyang", "--set", f"scenario.data_dir={os.path.join(tmp, 'no-data')}", "-o", out], 2,
                 "cannot open data file", outdir=out)

    # Scenario mistakes, one kind per case: every check of the scenario reader has its case.
    def case(name, text, *fragments):
        expect_error(["validate", write(name + ".toml", text)], 2, *fragments)

    case("unknown_section", "[transmision]\nr0 = 2\n", "unknown_section.toml:1:", "did you mean \"transmission\"")
    case("unknown_key", "[transmission]\nr00 = 2\n", "unknown_key.toml:2:", "transmission.r00: unknown key")
    case("section_value", "scenario = 3\n", "section_value.toml:1:", "expected a table")
    case("top_key", "seed = 3\n", "top_key.toml:1:", "unknown key")
    case("real_for_int", "[scenario]\ndays = 10.5\n", "scenario.days: expected an integer, found a real number")
    case("string_for_int", "[scenario]\nseed = \"7\"\n", "scenario.seed: expected an integer, found a string")
    case("string_for_real", "[transmission]\nr0 = \"2.5\"\n", "transmission.r0: expected a number, found a string")
    case("bool_for_real", "[transmission]\nr0 = true\n", "transmission.r0: expected a number, found a boolean")
    case("int_for_bool", "[health]\ncase_finding = 1\n", "health.case_finding: expected true or false, found an integer")
    case("string_for_bool", "[health]\ncase_finding = \"yes\"\n", "health.case_finding: expected true or false")
    case("int_for_text", "[scenario]\nregion = 5\n", "scenario.region: expected a string, found an integer")
    case("bad_choice", "[scenario]\nregion = \"beijing\"\n", "scenario.region: must be one of")
    case("array_for_real", "[transmission]\nr0 = [2, 3]\n", "transmission.r0: expected a number, found an array")
    case("scalar_for_list", "[disease]\nifr_by_age = 0.01\n", "disease.ifr_by_age: expected an array of numbers")
    case("list_element", "[disease]\nifr_by_age = [0, 0, 0, \"x\", 0, 0, 0, 0, 0]\n", "expected a number in the array, found a string")
    case("list_length", "[disease]\nifr_by_age = [0.001, 0.002]\n", "disease.ifr_by_age: must have")
    case("negative_real", "[transmission]\nr0 = -1\n", "transmission.r0: must be in 0..20")
    case("nan_real", "[transmission]\nr0 = nan\n", "transmission.r0: must be in 0..20", "found nan")
    case("inf_real", "[transmission]\nr0 = inf\n", "transmission.r0: must be in", "found inf")
    case("days_zero", "[scenario]\ndays = 0\n", "scenario.days: must be in 1..3650")
    case("seed_negative", "[scenario]\nseed = -1\n", "scenario.seed: must be in 0..")
    case("date_string", "[scenario]\nstart = \"2020-02-30\"\n", "scenario.start: expected a date (YYYY-MM-DD)")
    case("date_int", "[scenario]\nstart = 20200121\n", "scenario.start: expected a date")
    case("date_time", "[scenario]\nstart = 10:30:00\n", "scenario.start: expected a date (YYYY-MM-DD), found a time")
    case("date_range", "[scenario]\nstart = 1990-01-01\n", "scenario.start: must be in")
    case("share_above_one", "[health]\ncare_seeking = 1.5\n", "health.care_seeking: must be in 0..1")
    case("ages_crossed", "[population]\nemployment_age_min = 70\nemployment_age_max = 20\n",
         "population.employment_age_min: must not exceed population.employment_age_max")
    case("shares_over_one", "[transmission]\nvenue_share_of_other = 0.8\ntransport_share_of_other = 0.5\n",
         "venue_share_of_other + transport_share_of_other must not exceed 1")
    case("community_shares", "[transmission]\ncommunity_district_share = 0.9\ncommunity_region_share = 0.5\n",
         "community_district_share + community_region_share must not exceed 1")
    case("migrant_industries", "[economy]\nmigrants_secondary = 0.6\nmigrants_tertiary = 0.5\n",
         "economy.migrants_secondary", "migrants_secondary + migrants_tertiary must not exceed 1")
    case("migrant_secondary_parts", "[economy]\nmigrants_manufacturing = 0.3\nmigrants_construction = 0.3\n",
         "economy.migrants_manufacturing", "must not exceed migrants_secondary")
    case("migrant_tertiary_parts", "[economy]\nmigrants_trade = 0.4\n",
         "economy.migrants_trade", "must not exceed migrants_tertiary")
    case("ifr_above_hosp", "[disease]\nifr_by_age = [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]\n",
         "disease.ifr_by_age: element 2 exceeds the hospitalised share")
    case("name_slash", "[scenario]\nname = \"../elsewhere\"\n", "scenario.name", "must not contain '/'")
    case("name_empty", "[scenario]\nname = \"\"\n", "scenario.name", "must not be empty")
    case("name_newline", "[scenario]\nname = \"a\\nb\"\n", "scenario.name", "must not contain control characters")
    # [[imports]]
    case("imports_table", "[imports]\ndate = 2020-01-21\n", "imports_table.toml:1:", "expected an array of tables")
    case("imports_no_date", "[[imports]]\ninfections = 3\n", "imports_no_date.toml:1:", "an [[imports]] entry needs a date")
    case("imports_no_count", "[[imports]]\ndate = 2020-01-21\n", "needs infections")
    case("imports_negative", "[[imports]]\ndate = 2020-01-21\ninfections = -3\n", "imports.infections: must be in 0..1e9")
    case("imports_nan", "[[imports]]\ndate = 2020-01-21\ninfections = nan\n", "imports.infections: must be in 0..1e9")
    case("imports_string", "[[imports]]\ndate = 2020-01-21\ninfections = \"three\"\n", "imports.infections: expected a number")
    case("imports_date", "[[imports]]\ndate = \"21 Jan\"\ninfections = 3\n", "imports.date: expected a date")
    case("imports_late", "[scenario]\ndays = 10\n[[imports]]\ndate = 2021-01-01\ninfections = 3\n", "imports.date",
         "after the last simulated day")
    case("imports_early", "[scenario]\nstart = 2020-01-21\n[[imports]]\ndate = 2018-01-01\ninfections = 3\n",
         "imports_early.toml:3:", "imports.date: 2018-01-01 is more than 365 days before the first simulated day 2020-01-21")
    case("imports_ages", "[[imports]]\ndate = 2020-01-21\ninfections = 3\nage_min = 60\nage_max = 20\n",
         "imports.age_min: must not exceed age_max")
    case("imports_age_range", "[[imports]]\ndate = 2020-01-21\ninfections = 3\nage_max = 200\n",
         "imports.age_max: must be an integer age in 0..110")
    case("imports_distribute", "[[imports]]\ndate = 2020-01-21\ninfections = 3\ndistribute = \"evenly\"\n",
         "imports.distribute: must be \"population\" or \"observed_cases\"")
    case("imports_unknown", "[[imports]]\ndate = 2020-01-21\ninfections = 3\ninfection = 4\n", "imports.infection: unknown key",
         "did you mean \"infections\"")
    case("imports_district_type", "[[imports]]\ndate = 2020-01-21\ninfections = 3\ndistrict = true\n",
         "imports.district: expected an adcode, a district name")
    case("imports_district", "[[imports]]\ndate = 2020-01-21\ninfections = 3\ndistrict = \"Atlantis\"\n", "imports.district",
         "not a district")
    case("imports_origin", "[[imports]]\ndate = 2020-01-21\ninfections = 3\norigin = 4\n", "imports.origin: expected a string")
    # [[arrivals]]
    case("arrivals_days", "[[arrivals]]\ndate = 2020-01-25\ntravellers = 10\ndays = 0\n", "arrivals.days: must be a whole number")
    case("arrivals_days_real", "[[arrivals]]\ndate = 2020-01-25\ntravellers = 10\ndays = 2.5\n", "arrivals.days: must be a whole")
    case("arrivals_travellers", "[[arrivals]]\ndate = 2020-01-25\ntravellers = -10\n", "arrivals.travellers: must be in 0..")
    case("arrivals_prevalence_nan", "[[arrivals]]\ndate = 2020-01-25\ntravellers = 10\nprevalence = nan\n",
         "arrivals.prevalence: must be in 0..1")
    case("arrivals_no_date", "[[arrivals]]\ntravellers = 10\n", "an [[arrivals]] entry needs a date")
    case("arrivals_mode", "[[arrivals]]\ndate = 2020-01-25\ntravellers = 10\nmode = \"ship\"\n", "arrivals.mode: must be one of")
    case("arrivals_unknown", "[[arrivals]]\ndate = 2020-01-25\ntravellers = 10\ntraveller = 3\n", "arrivals.traveller: unknown key")
    case("arrivals_table", "arrivals = 5\n", "expected an array of tables: write each entry under [[arrivals]]")
    # [[schedule]]
    case("schedule_no_date", "[[schedule]]\n\"health.care_seeking\" = 0.5\n", "a [[schedule]] entry needs a date")
    case("schedule_empty", "[[schedule]]\ndate = 2020-03-01\n", "a [[schedule]] entry changes no parameter")
    case("schedule_unknown", "[[schedule]]\ndate = 2020-03-01\nhealth.care_seekin = 0.5\n", "schedule.health.care_seekin: unknown key")
    case("schedule_fixed", "[[schedule]]\ndate = 2020-03-01\ntransmission.r0 = 2\n", "cannot change during a run")
    case("schedule_range", "[[schedule]]\ndate = 2020-03-01\nhealth.care_seeking = 2\n", "health.care_seeking: must be in 0..1")
    case("schedule_type", "[[schedule]]\ndate = 2020-03-01\nhealth.care_seeking = \"most\"\n", "expected a number, found a string")
    case("schedule_early", "[[schedule]]\ndate = 2019-12-01\nhealth.care_seeking = 0.5\n", "is before the first simulated day")
    case("schedule_bad_date", "[[schedule]]\ndate = \"soon\"\nhealth.care_seeking = 0.5\n", "schedule.date: expected a date")
    # [[measure]]
    case("measure_unknown", "[[measure]]\nmeasure = \"schools\"\nvalue = 0\n", "measure.measure: unknown key")
    case("measure_no_name", "[[measure]]\nvalue = 0\n", "a [[measure]] entry needs measure = \"name\"")
    case("measure_name_type", "[[measure]]\nmeasure = 3\nvalue = 0\n", "measure.measure: expected the name of a measure")
    case("measure_no_value", "[[measure]]\nmeasure = \"work\"\n", "a [[measure]] entry needs a value")
    case("measure_value_range", "[[measure]]\nmeasure = \"work\"\nvalue = 2\n", "measure.value: work must be in 0..1")
    case("measure_value_nan", "[[measure]]\nmeasure = \"work\"\nvalue = nan\n", "measure.value: work must be in 0..1")
    case("measure_value_type", "[[measure]]\nmeasure = \"work\"\nvalue = \"half\"\n", "measure.value: expected a number")
    case("measure_trigger", "[[measure]]\nmeasure = \"work\"\nvalue = 0.5\ntrigger = \"cases\"\n", "measure.trigger: must be one of")
    case("measure_scope", "[[measure]]\nmeasure = \"work\"\nvalue = 0.5\ntrigger = \"new_confirmed\"\nscope = \"city\"\n",
         "measure.scope: must be \"place\", \"district\" or \"township\"")
    case("measure_scope_region", "[[measure]]\nmeasure = \"work\"\nvalue = 0.5\ntrigger = \"active_confirmed\"\nscope = \"district\"\n",
         "active_confirmed is counted for the whole region only")
    case("measure_no_trigger", "[[measure]]\nmeasure = \"work\"\nvalue = 0.5\non_at = 3\n", "on_at, off_below and scope need a trigger")
    case("measure_hysteresis", "[[measure]]\nmeasure = \"work\"\nvalue = 0.5\ntrigger = \"new_confirmed\"\non_at = 3\noff_below = 5\n",
         "measure.off_below: must not exceed on_at")
    case("measure_threshold", "[[measure]]\nmeasure = \"work\"\nvalue = 0.5\ntrigger = \"new_confirmed\"\non_at = -3\n",
         "measure.on_at: expected a number >= 0")
    case("measure_level", "[[measure]]\nmeasure = \"work\"\nvalue = 0.5\ntrigger = \"risk_level\"\non_at = \"severe\"\n",
         "a risk level \"low\", \"medium\" or \"high\"")
    case("measure_days", "[[measure]]\nmeasure = \"work\"\nvalue = 0.5\ntrigger = \"new_confirmed\"\non_after_days = 0\n",
         "measure.on_after_days: must be a whole number in 1..365")
    case("measure_window", "[[measure]]\nmeasure = \"work\"\nvalue = 0.5\ntrigger = \"new_confirmed\"\nwindow_days = 1000\n",
         "measure.window_days: must be a whole number in 1..365")
    case("measure_dates", "[[measure]]\nmeasure = \"work\"\nvalue = 0.5\nfrom = 2020-03-01\nuntil = 2020-02-01\n",
         "measure.until: 2020-02-01 is before from = 2020-03-01")
    case("measure_from_type", "[[measure]]\nmeasure = \"work\"\nvalue = 0.5\nfrom = \"March\"\n", "measure.from: expected a date")
    case("measure_place_type", "[[measure]]\nmeasure = \"work\"\nvalue = 0.5\nplace = true\n", "measure.place: expected \"*\"")
    case("measure_label", "[[measure]]\nmeasure = \"work\"\nvalue = 0.5\nlabel = 3\n", "measure.label: expected a string")
    case("measure_key", "[[measure]]\nmeasure = \"work\"\nvalue = 0.5\nuntill = 2020-03-01\n", "measure.untill: unknown key",
         "did you mean \"until\"")
    case("measure_empty_array", "[[measure]]\nmeasure = []\nvalue = 0.5\n", "measure.measure: an empty array names no measure")
    case("measure_group_place", "[scenario]\nregion = \"yunyang\"\n[[measure]]\nmeasure = \"venue.*\"\nvalue = 0\nplace = \"Atlantis\"\n",
         "(1 problem)", "measure_group_place.toml:3: measure.place", "Atlantis")
    case("measure_group_value", "[[measure]]\nmeasure = \"school.*\"\nvalue = 5\n", "measure.value: school.junior must be in 0..3")
    case("measure_place", "[scenario]\nregion = \"yunyang\"\n[[measure]]\nmeasure = \"work\"\nvalue = 0.5\nplace = \"Atlantis\"\n",
         "measure.place", "Atlantis")
    # [zoning]
    case("zoning_level", "[zoning.extreme]\nwork = 0\n", "unknown risk level")
    case("zoning_missing", "[zoning]\nenabled = true\n[zoning.low]\n[zoning.medium]\n", "zoning.high", "is missing")
    case("zoning_knob", "[zoning.low]\nworkk = 0.5\n", "zoning.low.workk: unknown key")
    case("zoning_value", "[zoning.low]\nwork = \"open\"\n", "zoning.low.work: expected a number")
    # Run folders (found by fuzz_run_folder): bytes that are not UTF-8 in daily.csv once ended in an internal error; a
    # summary.json that is a pipe must not hang `report`.
    run_dir = os.path.join(tmp, "run")
    subprocess.run([BIN, "run", "uncontrolled", "--people", "2000", "--days", "3", "-q", "-o", run_dir], check=True,
                   capture_output=True)
    daily = open(os.path.join(run_dir, "daily.csv"), "rb").read()
    open(os.path.join(run_dir, "daily.csv"), "wb").write(daily.replace(b"2020-01-02", b"2020-01-0\xff", 1))
    expect_error(["report", run_dir, "--allow-edited", "-o", os.path.join(tmp, "r.html")], 2, "daily.csv:3:", "not UTF-8 text")
    open(os.path.join(run_dir, "daily.csv"), "wb").write(daily)
    open(os.path.join(run_dir, "summary.json"), "w").write('{"health": {"infections": -6.5e2344}}\n')
    expect_error(["report", run_dir, "--allow-edited", "-o", os.path.join(tmp, "r.html")], 2, "summary.json", "malformed JSON", "number overflow")
    os.remove(os.path.join(run_dir, "summary.json"))
    os.mkfifo(os.path.join(run_dir, "summary.json"))
    expect_error(["report", run_dir, "--allow-edited", "-o", os.path.join(tmp, "r.html")], 2, "summary.json: is a FIFO, not a regular file", timeout=30)
    check(not os.path.exists(os.path.join(tmp, "r.html")), "a report was written from a broken run folder")
    # --set on the command line.
    expect_error(["run", "yunyang", "--set", "transmission.r0", "-o", out], 2, "expected key=value", outdir=out)
    expect_error(["run", "yunyang", "--set", "transmission.r0=abc", "-o", out], 2, "transmission.r0", "cannot read", outdir=out)
    expect_error(["run", "yunyang", "--set", "scenario.name=../x", "-o", out], 2, "scenario.name: must not contain '/'", outdir=out)
    expect_error(["run", "yunyang", "--set", "scenario.start=2020-13-01", "-o", out], 2, "scenario.start", outdir=out)

# `tongchou calibrate` (issue 16 §2): a bad FIT.toml or observed file is refused with file:line:key (or
# file:line:column for the observed file), exit 2, before anything runs or is written.
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "out")
    small = ["uncontrolled", "--people", "2000", "--days", "10"]

    def fit(name, text):
        path = os.path.join(tmp, name)
        open(path, "w").write(text)
        return path

    r0 = '[[parameter]]\nkey = "transmission.r0"\nlo = 1\nhi = 3\n'
    open(os.path.join(tmp, "cases.csv"), "w").write("date,n\n2020-01-02,1\n2020-01-03,2\n2020-01-05,4\n")
    open(os.path.join(tmp, "negative.csv"), "w").write("date,n\n2020-01-02,1\n2020-01-03,-2\n")
    observed = '[[observed]]\nfile = "{}"\nvalue = "{}"\n'
    expect_error(["calibrate", *small, "--fit", fit("none.toml", "[search]\nbudget = 5\n"), "-o", out], 2,
                 "none.toml: parameter: no free parameter", outdir=out)
    expect_error(["calibrate", *small, "--fit", fit("reversed.toml", '[[parameter]]\nkey = "transmission.r0"\nlo = 3\nhi = 1\n'), "-o", out],
                 2, "reversed.toml:4:", "transmission.r0.hi: bounds reversed", outdir=out)
    expect_error(["calibrate", *small, "--fit", fit("unknown.toml", r0 + "[serch]\nbudget = 3\n"), "-o", out], 2,
                 "unknown.toml:5:", 'serch: unknown key; did you mean "search"?', outdir=out)
    expect_error(["calibrate", *small, "--fit", fit("key.toml", '[[parameter]]\nkey = "transmision.r0"\nlo = 1\nhi = 3\n'), "-o", out], 2,
                 "key.toml:2:", 'did you mean "transmission.r0"', outdir=out)
    expect_error(["calibrate", *small, "--fit", fit("gap.toml", r0 + observed.format("cases.csv", "n")), "-o", out], 2,
                 "cases.csv:4:1: date: missing dates: 2020-01-05 follows 2020-01-03", outdir=out)
    expect_error(["calibrate", *small, "--fit", fit("negative.toml", r0 + observed.format("negative.csv", "n")), "-o", out], 2,
                 "negative.csv:3:2: n: negative count -2", outdir=out)
    expect_error(["calibrate", *small, "--fit", fit("column.toml", r0 + observed.format("cases.csv", "confirmed")), "-o", out], 2,
                 "cases.csv:1:", "confirmed: no such column (the columns are: date, n)", outdir=out)
    expect_error(["calibrate", *small, "--fit", fit("missing.toml", r0 + observed.format("nowhere.csv", "n")), "-o", out], 2,
                 "missing.toml:6:", "observed.file", "nowhere.csv: no such file", outdir=out)
    expect_error(["calibrate", *small, "--fit", fit("region.toml", r0), "-o", out], 2,
                 "has no reported series", outdir=out)
    expect_error(["calibrate", *small, "--fit", fit("prior.toml", r0 + 'prior = "normal"\nmean = 2\n'), "-o", out], 2,
                 "prior.toml:1:", "transmission.r0.sd: a normal prior needs sd", outdir=out)
    expect_error(["calibrate", *small, "--fit", fit("broken.toml", "[[parameter]\n"), "-o", out], 2, "broken.toml:1:", "malformed TOML",
                 outdir=out)
    expect_error(["calibrate", *small, "--fit", os.path.join(tmp, "absent.toml"), "-o", out], 2, "absent.toml", outdir=out)
    expect_error(["calibrate", *small, "-o", out], 2, "--fit", outdir=out)
    # `tongchou optimise --plan PLAN.toml`: every problem of the plan with file:line and key; nothing written.
    sc = os.path.join(REPO, "examples", "plans", "reopening-synthetic.toml")
    var = '[[variable]]\nkey = "measure.lockdown.until"\nlo = 2020-01-10\nhi = 2020-03-20\n'
    objs = '[[objective]]\nfigure = "health.infections"\n[[objective]]\nfigure = "gdp_loss"\n'

    def plan_error(name, text, *fragments, extra=()):
        expect_error(["optimise", sc, "--plan", scenario(name, text), "-o", out, *extra], 2, *fragments, outdir=out)

    plan_error("novar.toml", objs, "novar.toml", "no decision variable")
    plan_error("reversed.toml", var.replace("lo = 2020-01-10", "lo = 2020-04-10") + objs, "reversed.toml:4:",
               "measure.lockdown.until.hi: bounds reversed")
    plan_error("figure.toml", var + objs.replace("health.infections", "health.infektions"), "figure.toml:6:", "objective.figure",
               "is not a scorecard figure", "did you mean \"health.infections\"", "gdp_loss")
    plan_error("nomeasure.toml", var.replace("lockdown", "lockdwn") + objs, "nomeasure.toml:2:", "measure.lockdwn.until",
               "no [[measure]] entry has id \"lockdwn\"", "did you mean \"lockdown\"")
    also = var.replace('lo = ', 'also = ["{}"]\nlo = ', 1)  # keys that take the variable's value (line 3)
    plan_error("alsomeasure.toml", also.format("measure.lockdwn.from") + objs, "alsomeasure.toml:3:", "measure.lockdwn.from",
               "no [[measure]] entry has id \"lockdwn\"", "did you mean \"lockdown\"")
    plan_error("alsokind.toml", also.format("transmission.r0") + objs, "alsokind.toml:3:", "transmission.r0",
               "is a number while measure.lockdown.until is a date")
    plan_error("alsotwice.toml", also.format("measure.lockdown.until") + objs, "alsotwice.toml:3:", "measure.lockdown.until",
               "the same variable twice")
    plan_error("runs0.toml", var + objs + "[search]\nruns = 0\n", "runs0.toml:10:", "search.runs", "at least 1")
    plan_error("runs0cli.toml", var + objs, "--runs", "must be at least 1", extra=("--runs", "0"))
    plan_error("noobj.toml", var, "noobj.toml", "give one [[objective]] or more")
    plan_error("oneobj.toml", var + '[[objective]]\nfigure = "health.deaths"\n[search]\nalgorithm = "moead"\n', "oneobj.toml:8:",
               "search.algorithm", "multi-objective", "gaco")
    plan_error("pop.toml", var + objs + "[search]\npopulation = 10\n", "pop.toml:10:", "search.population", "multiple of 4")
    plan_error("datebound.toml", var.replace("lo = 2020-01-10", "lo = 3") + objs, "datebound.toml:3:", "expected a date")
    plan_error("badstat.toml", var + objs + '[[constraint]]\nfigure = "peak_beyond_beds"\nstatistic = "mode"\n',
               "badstat.toml:11:", "constraint.statistic", "each [[constraint]] needs at_most")
    plan_error("unknown.toml", var + objs + "[serch]\n", "unknown.toml:9:", "unknown section")
    plan_error("malformed_plan.toml", var + "[[objective]\n", "malformed_plan.toml:5:", "malformed TOML")
    expect_error(["optimise", sc, "--plan", os.path.join(tmp, "absent.toml"), "-o", out], 2, "absent.toml", outdir=out)
    # An MPI launch (the environment mpirun gives each process) of a build without MPI: refused before anything runs,
    # nothing written. tests/CMakeLists.txt says whether the build has MPI; a build with it is tested by test_mpi.py.
    if os.environ.get("TONGCHOU_MPI_BUILT") == "0":
        for command in ("ensemble", "sweep", "optimise"):
            CASES[0] += 1
            args = [command, sc, "--days", "5", "-o", out] + {"ensemble": ["--runs", "2"], "sweep": ["--param", "transmission.r0=2,3"],
                                                              "optimise": ["--plan", scenario("mpi.toml", var + objs)]}[command]
            env = dict(os.environ, OMPI_COMM_WORLD_SIZE="2", OMPI_COMM_WORLD_RANK="0")
            p = subprocess.run([BIN, *args], capture_output=True, text=True, env=env, timeout=120)
            check(p.returncode == 2 and "mpirun" in p.stderr and "built without MPI support" in p.stderr,
                  f"`tongchou {command}` under mpirun without MPI built: exit {p.returncode}, {p.stderr[-300:]}")
            check(not os.listdir(out), f"{command} under mpirun without MPI wrote {os.listdir(out)}")

print(f"bad-input cases: {CASES[0]}")
check(CASES[0] >= 120, f"only {CASES[0]} bad-input cases; the issue asks for at least 120")

finish()

"""A region a user brings (docs/regions.md): the worked example of docs/regions.md, extracted from the page itself,
validates, gets a scenario from `tongchou init --region`, runs, and its names reach every output; each kind of bad
region folder is refused with file:line:column, all problems at once. Usage: test_region_folder.py PATH_TO_TONGCHOU."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BIN = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from harness import check, finish  # noqa: E402


def tongchou(*args, cwd=None, expect=0):
    p = subprocess.run([BIN, *args], capture_output=True, text=True, cwd=cwd, timeout=300)
    check(p.returncode == expect, f"`tongchou {' '.join(args)}` exited {p.returncode}, expected {expect}: {p.stderr[-800:]}")
    check(p.returncode < 128, f"`tongchou {' '.join(args)}` crashed")
    check("AddressSanitizer" not in p.stderr and "runtime error" not in p.stderr, f"sanitizer report for {args}")
    return p


def example_files():
    """The worked example's files: each fenced block after a `<!-- file: example/NAME -->` line of docs/regions.md."""
    text = open(os.path.join(REPO, "docs", "regions.md"), encoding="utf-8").read()
    files = dict(re.findall(r"<!-- file: example/([\w.]+) -->\n```\w*\n(.*?)```\n", text, re.S))
    check(set(files) == {"region.toml", "districts.csv", "district_age_sex.csv", "district_industry.csv", "townships.csv",
                         "daily_cases.csv", "district_outlines.json"}, f"docs/regions.md example files: {sorted(files)}")
    return files


def write_folder(path, files):
    os.makedirs(path)
    for name, body in files.items():
        with open(os.path.join(path, name), "w", encoding="utf-8") as f:
            f.write(body)


def edit(path, name, old, new):
    p = os.path.join(path, name)
    text = open(p, encoding="utf-8").read()
    check(old in text, f"{name} of the example lacks {old!r} (the test edits it)")
    with open(p, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


with tempfile.TemporaryDirectory() as tmp:
    files = example_files()
    example = os.path.join(tmp, "example")
    write_folder(example, files)

    # The folder validates; init writes a scenario for it (no measures, its period); the scenario runs.
    p = tongchou("validate", "--region", "example", cwd=tmp)
    check("示例市 / Example City: 2 districts, 3 townships, case series, outlines" in p.stdout, f"validate: {p.stdout}")
    tongchou("init", "demo", "--region", "example", cwd=tmp)
    demo = open(os.path.join(tmp, "demo.toml"), encoding="utf-8").read()
    check('region = "example"' in demo and "start = 2020-01-24" in demo, f"demo.toml: {demo}")
    check("[[measure]]\n" not in demo.replace("# [[measure]]", "") and "chongqing" not in demo.lower()
          and "500" not in re.sub(r"#.*", "", demo), "demo.toml holds no measures, dates or districts of another place")
    tongchou("init", "demo", "--region", "example", cwd=tmp, expect=2)  # never overwrites
    p = tongchou("validate", "--region", "example", "demo.toml", cwd=tmp)  # one folder per --region; the file after it
    check("example: ok" in p.stdout and "demo.toml: ok" in p.stdout, f"validate --region example demo.toml: {p.stdout}")
    out = os.path.join(tmp, "out")
    tongchou("run", "demo.toml", "--days", "30", "-q", "-o", out, cwd=tmp)
    summary = json.load(open(os.path.join(out, "summary.json"), encoding="utf-8"))
    check(summary["scenario"]["region_name_zh"] == "示例市" and summary["scenario"]["region_name_en"] == "Example City",
          f"summary names: {summary['scenario']}")
    check(summary["population"]["districts"] == 2 and summary["population"]["people"] == 5000, f"{summary['population']}")
    check(summary.get("comparison", {}).get("observed_confirmed") == 4, f"comparison: {summary.get('comparison')}")
    rows = open(os.path.join(out, "comparison.csv"), encoding="utf-8").read().splitlines()
    check([r.split(",")[3] for r in rows[1:6]] == ["1", "1", "3", "4", ""], f"comparison.csv observed: {rows[:6]}")
    districts = open(os.path.join(out, "districts.csv"), encoding="utf-8").read()
    check("990101,East," in districts and "990102,West," in districts, "districts.csv names the example's districts")
    html = open(os.path.join(out, "report.html"), encoding="utf-8").read()
    check("<title>tongchou — demo (示例市)</title>" in html, "report title names the region")
    check('"adcode":990101' in html and '"adcode":990102' in html, "report map has the example's outlines")
    check(os.path.isfile(os.path.join(out, "district_outlines.json")), "the outlines travel with the run folder")
    tongchou("report", out, "-o", os.path.join(tmp, "again.html"))  # rebuilt from the folder alone: the map stays
    check('"adcode":990101' in open(os.path.join(tmp, "again.html"), encoding="utf-8").read(), "rebuilt report keeps the map")

    # --set scenario.region=DIR is relative to the current directory; the run keeps the folder's absolute path, so that
    # its scenario.resolved.toml, read from the run's folder, names the same region.
    out_set = os.path.join(tmp, "out-set")
    tongchou("run", "demo.toml", "--set", "scenario.region=example", "--days", "10", "-q", "-o", out_set, cwd=tmp)
    m = re.search(r'^region = "(.*)"$', open(os.path.join(out_set, "scenario.resolved.toml"), encoding="utf-8").read(), re.M)
    check(m is not None and os.path.isabs(m.group(1)) and os.path.samefile(m.group(1), example),
          f"--set scenario.region=example: the resolved scenario names {m.group(1) if m else None}, not {example}")
    p = tongchou("validate", "scenario.resolved.toml", cwd=out_set)
    check("scenario.resolved.toml: ok" in p.stdout, f"the resolved scenario of --set scenario.region: {p.stdout}")

    # Every kind of bad region folder, all reported at once with file:line:column.
    bad = os.path.join(tmp, "bad")
    write_folder(bad, files)
    edit(bad, "townships.csv", "990102,990102100,", "990103,990102100,")          # a township of no district
    edit(bad, "region.toml", "population = 5000", "population = 6000")            # does not add up
    edit(bad, "district_age_sex.csv", "990101,65,100,230,250", "990101,65,100,230,350")  # ages do not sum
    edit(bad, "district_outlines.json", '"adcode": 990102', '"adcode": 990109')    # outline of no district
    edit(bad, "daily_cases.csv", "2020-01-25,990100,示例市,1,0,0,0\n", "")          # a gap
    edit(bad, "daily_cases.csv", "4,1,1,0", "4,1,-1,0")                            # a negative count
    p = tongchou("validate", "--region", "bad", cwd=tmp, expect=2)
    for frag in ["bad/townships.csv:4:1: county_adcode: district not in bad/districts.csv",
                 "district 990102 has no townships",
                 "bad/region.toml:6:14: population: the districts of bad/districts.csv add up to 5000 people, not the 6000",
                 "bad/district_age_sex.csv:2:4: male: age bands of district 990101 sum to 3100, not its population 3000",
                 "bad/district_outlines.json:4:", "adcode 990109, which matches no district",
                 "bad/daily_cases.csv:3:1: date: gap in the series: 1 day missing between 2020-01-24 and 2020-01-26",
                 "bad/daily_cases.csv:4:6: cured: negative count"]:
        check(frag in p.stderr, f"validate --region bad: stderr lacks {frag!r}: {p.stderr}")
    # The same through a scenario that points at the folder, and through run (nothing written).
    with open(os.path.join(tmp, "bad.toml"), "w") as f:
        f.write('[scenario]\nregion = "bad"\ndays = 10\n')
    p = tongchou("validate", "bad.toml", cwd=tmp, expect=2)
    check("bad/region.toml:6:14" in p.stderr and "bad/daily_cases.csv:3:1" in p.stderr, f"validate bad.toml: {p.stderr}")
    tongchou("run", "bad.toml", "-o", os.path.join(tmp, "bad-out"), cwd=tmp, expect=2)
    check(not os.path.exists(os.path.join(tmp, "bad-out", "summary.json")), "no run folder for a bad region")
    # region.toml itself: unknown key, missing name, wrong type; a region that is neither built in nor a folder.
    toml_bad = os.path.join(tmp, "tomlbad")
    write_folder(toml_bad, files)
    edit(toml_bad, "region.toml", 'name_en = "Example City"\n', 'populaton = 5\n')
    edit(toml_bad, "region.toml", 'unit_kind = "区县"', 'unit_kind = 3')
    p = tongchou("validate", "--region", "tomlbad", cwd=tmp, expect=2)
    for frag in ["tomlbad/region.toml:2:1: populaton: unknown key", "name_en: missing", "tomlbad/region.toml:4:13: unit_kind"]:
        check(frag in p.stderr, f"validate --region tomlbad: stderr lacks {frag!r}: {p.stderr}")
    with open(os.path.join(tmp, "nowhere.toml"), "w") as f:
        f.write('[scenario]\nregion = "atlantis"\n')
    p = tongchou("validate", "nowhere.toml", cwd=tmp, expect=2)
    check("nowhere.toml:2:10: scenario.region: must be one of" in p.stderr and "no such folder" in p.stderr, p.stderr)

    # The built-in regions validate alone, with their own names.
    p = tongchou("validate", "--region", "bazhong", "--region", "lvliang", "--region", "tianmen", "--region", "yunyang")
    for frag in ["巴中市 / Bazhong: 5 districts, 139 townships", "吕梁市 / Lüliang: 13 districts, 154 townships",
                 "天门市 / Tianmen: 1 districts, 28 townships", "云阳县 / Yunyang county: 1 districts, 42 townships"]:
        check(frag in p.stdout, f"validate built-in regions: stdout lacks {frag!r}: {p.stdout}")
    shutil.rmtree(out)

finish()

#!/usr/bin/env python3
"""Derive tongchou's compact data tables from the shared public data.

Reads the read-only source tables in ../shared/data (see PROVENANCE.md and
PROVENANCE-geo-census2020.md there) and writes small, deterministic CSV tables
under data/.  Standard library only.  Sources and derivations of every output
file are documented in data/SOURCES.md.

Usage (from the repository root):
    python3 tools/derive_data.py                 # regenerate data/
    python3 tools/derive_data.py --check         # exit 1 if data/ has drifted
    python3 tools/derive_data.py --shared DIR --out DIR
    python3 tools/derive_data.py --region bazhong  # one region folder (chongqing|bazhong|lvliang|tianmen)

Every sanity check is an assertion: if the source data changes in a way that
breaks one, the script stops with an error instead of writing wrong tables.
"""

import argparse
import collections
import csv
import datetime
import io
import math
import pathlib
import sys
import tempfile
from decimal import Decimal

REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------
# Fixed reference lists
# ---------------------------------------------------------------------------

# The 38 county-level units of Chongqing (GB/T 2260 codes as used in the 2020
# census).  Pinyin names written for this project, suffix-free.
DISTRICT_NAME_EN = {
    500101: "Wanzhou",
    500102: "Fuling",
    500103: "Yuzhong",
    500104: "Dadukou",
    500105: "Jiangbei",
    500106: "Shapingba",
    500107: "Jiulongpo",
    500108: "Nan'an",
    500109: "Beibei",
    500110: "Qijiang",
    500111: "Dazu",
    500112: "Yubei",
    500113: "Banan",
    500114: "Qianjiang",
    500115: "Changshou",
    500116: "Jiangjin",
    500117: "Hechuan",
    500118: "Yongchuan",
    500119: "Nanchuan",
    500120: "Bishan",
    500151: "Tongliang",
    500152: "Tongnan",
    500153: "Rongchang",
    500154: "Kaizhou",
    500155: "Liangping",
    500156: "Wulong",
    500229: "Chengkou",
    500230: "Fengdu",
    500231: "Dianjiang",
    500233: "Zhong",
    500235: "Yunyang",
    500236: "Fengjie",
    500237: "Wushan",
    500238: "Wuxi",
    500240: "Shizhu",
    500241: "Xiushan",
    500242: "Youyang",
    500243: "Pengshui",
}
CHONGQING_AGGREGATES = {500000, 500100, 500200}
CHONGQING_TOTAL_POP = 32054159  # census 2020, row 500000 (= published 3205.42万)

# Census 2020 age columns: (age_lo, age_hi, source suffix).  85+ -> age_hi 100.
CENSUS_AGE_BANDS = [(0, 0, "0岁"), (1, 4, "1到4岁")] + [
    (lo, lo + 4, f"{lo}到{lo + 4}岁") for lo in range(5, 85, 5)
] + [(85, 100, "85岁以上")]

# Census 2020 industry columns (long-form sample) -> GB/T 4754-2017 section.
INDUSTRY_COLUMNS = [
    ("A", "农林牧渔业"),
    ("B", "采矿业"),
    ("C", "制造业"),
    ("D", "电力热力燃气及水生产和供应业"),
    ("E", "建筑业"),
    ("F", "批发和零售业"),
    ("G", "交通运输仓储和邮政业"),
    ("H", "住宿和餐饮业"),
    ("I", "信息传输软件和信息技术服务业"),
    ("J", "金融业"),
    ("K", "房地产业"),
    ("L", "租赁和商务服务业"),
    ("M", "科学研究和技术服务业"),
    ("N", "水利环境和公共设施管理业"),
    ("O", "居民服务修理和其服务业"),
    ("P", "教育"),
    ("Q", "卫生和社会工作"),
    ("R", "文化体育和娱乐业"),
    ("S", "公共管理社会保障和社会组织"),
    ("T", "国际组织"),
]
INDUSTRY_TOTAL_COLUMN = "各种行业人口总计"

# Chongqing pseudo-units in the case data (no adcode): kept with adcode 0.
CASE_PSEUDO_UNITS = ["境外输入", "未公布来源", "两江新区", "高新区", "万盛经开区"]
CASES_FIRST_DATE = "2020-01-21"
CASES_LAST_DATE = "2020-05-31"

CONTACT_SETTINGS = ["home", "work", "school", "others"]
CONTACT_BANDS = [f"{lo}-{lo + 4}" for lo in range(0, 75, 5)] + ["75+"]

# Expected census_industry letter per NBS 42-sector code (checked against the
# first employment code of the crosswalk; see SOURCES.md for the reasoning).
EXPECTED_SECTOR_SECTION = {
    "01": "A", **{f"{i:02d}": "B" for i in range(2, 6)},
    **{f"{i:02d}": "C" for i in range(6, 24)},
    "24": "D", "25": "D", "26": "D", "27": "E", "28": "F", "29": "G",
    "30": "H", "31": "I", "32": "J", "33": "K", "34": "L", "35": "M",
    "36": "M", "37": "N", "38": "O", "39": "P", "40": "Q", "41": "R",
    "42": "S",
}


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def read_csv(path):
    """Read a CSV (UTF-8, optional BOM) into a list of dicts."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def read_csv_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def to_int(s):
    """Integer from a census cell; empty cell (NA) -> 0."""
    s = s.strip()
    if s == "":
        return 0
    d = Decimal(s)
    assert d == d.to_integral_value(), f"not an integer: {s!r}"
    return int(d)


def scaled_int(s, factor):
    """Exact integer of a decimal string times factor (e.g. thousands -> persons)."""
    d = Decimal(s.strip()) * factor
    assert d == d.to_integral_value(), f"{s!r} x {factor} is not an integer"
    return int(d)


def fmt_fixed(x, decimals):
    s = f"{x:.{decimals}f}"
    if s.startswith("-") and float(s) == 0.0:
        s = s[1:]  # no "-0.000"
    return s


def fmt_sig(x, digits=6):
    """Round to `digits` significant digits; exponent form only for tiny values."""
    if x == 0:
        return "0"
    return f"{x:.{digits}g}"


def close(a, b, rel=1e-6, abs_=1e-6):
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


class Writer:
    """Collects output tables and writes them deterministically."""

    def __init__(self, out_dir):
        self.out_dir = pathlib.Path(out_dir)
        self.written = []  # relative paths
        self.checks = []   # (file, message)

    def write(self, rel, header, rows):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        for r in rows:
            assert len(r) == len(header), (rel, r)
            w.writerow(r)
        path = self.out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(buf.getvalue())
        self.written.append(rel)
        print(f"  {rel}: {len(rows)} rows", file=sys.stderr)

    def write_text(self, rel, text):
        path = self.out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        self.written.append(rel)
        print(f"  {rel}: {text.count(chr(10))} lines", file=sys.stderr)

    def check(self, rel, msg):
        self.checks.append((rel, msg))


# ---------------------------------------------------------------------------
# Census 2020 (districts, age/sex, industry)
# ---------------------------------------------------------------------------

def load_census_districts(shared):
    allcols = read_csv(shared / "census" / "census2020_county_selected_allcols.csv")
    selected = read_csv(shared / "census" / "census2020_county_selected.csv")
    sel_by_code = {int(r["adcode"]): r for r in selected}
    districts = {}
    aggregate = None
    for r in allcols:
        code = int(r["区划代码"])
        if code // 10000 != 50:
            continue
        if code in CHONGQING_AGGREGATES:
            assert r["is_aggregate"] == "1", code
            if code == 500000:
                aggregate = r
            continue
        assert r["is_aggregate"] == "0", code
        assert code in DISTRICT_NAME_EN, f"unexpected Chongqing unit {code}"
        assert code not in districts, f"duplicate {code}"
        districts[code] = r
    assert set(districts) == set(DISTRICT_NAME_EN), "expected the 38 districts"
    assert aggregate is not None
    # Cross-check allcols against the tidy selected file.
    for code, r in districts.items():
        s = sel_by_code[code]
        assert s["name"] == r["区县"], code
        assert int(s["pop_2020"]) == to_int(r["人口数_合计"]), code
        assert int(s["male"]) == to_int(r["人口数_男"]), code
        assert int(s["female"]) == to_int(r["人口数_女"]), code
        assert int(s["urban_pop"]) == to_int(r["城镇人口"]), code
        assert int(s["family_households"]) == to_int(r["家庭户数"]), code
    return districts, aggregate, sel_by_code


def derive_districts(shared, w):
    districts, agg, sel = load_census_districts(shared)
    count_cols = [
        ("population", "人口数_合计"),
        ("male", "人口数_男"),
        ("female", "人口数_女"),
        ("family_households", "家庭户数"),
        ("family_household_pop", "家庭户人口数"),
        ("one_person_households", "一人户数"),
        ("households_with_65plus", "有65岁及以上老年人口的户数"),
        ("hukou_other_province", "户口登记地在外乡镇街道人口_省外"),
        ("hukou_other_county_same_province", "户口登记地在外乡镇街道人口_本省其他县"),
    ]
    rows = []
    totals = collections.Counter()
    urban_total = 0
    for code in sorted(districts):
        r = districts[code]
        v = {k: to_int(r[c]) for k, c in count_cols}
        pop = v["population"]
        assert pop > 0 and v["male"] + v["female"] == pop, code
        urban = to_int(r["城镇人口"])
        assert urban + to_int(r["乡村人口"]) == pop, code
        share = urban / pop
        # must agree with the published/tidy urban_share (4 decimals)
        assert abs(share - float(sel[code]["urban_share"])) <= 0.00005 + 1e-12, code
        assert v["family_household_pop"] <= pop, code
        assert v["one_person_households"] <= v["family_households"], code
        assert v["households_with_65plus"] <= v["family_households"], code
        urban_total += urban
        totals.update(v)
        rows.append([
            code, r["区县"], DISTRICT_NAME_EN[code], v["population"], v["male"],
            v["female"], fmt_fixed(share, 4), v["family_households"],
            v["family_household_pop"], v["one_person_households"],
            v["households_with_65plus"], v["hukou_other_province"],
            v["hukou_other_county_same_province"],
        ])
    # The 38 districts must add up to the municipal row for every count column.
    for k, c in count_cols:
        assert totals[k] == to_int(agg[c]), (k, totals[k], agg[c])
    assert urban_total == to_int(agg["城镇人口"])
    assert totals["population"] == CHONGQING_TOTAL_POP
    rel = "chongqing/districts.csv"
    w.write(rel, [
        "adcode", "name_zh", "name_en", "population", "male", "female",
        "urban_share", "family_households", "family_household_pop",
        "one_person_households", "households_with_65plus",
        "hukou_other_province", "hukou_other_county_same_province",
    ], rows)
    w.check(rel, f"38 rows; population sums to {totals['population']:,} "
                 f"(= row 500000); male {totals['male']:,}, female {totals['female']:,}; "
                 f"urban {urban_total:,} ({urban_total / totals['population']:.4f}); "
                 f"family_households {totals['family_households']:,}; "
                 f"every count column sums to row 500000")
    return districts


def derive_age_sex(districts, w):
    rows = []
    grand = 0
    for code in sorted(districts):
        r = districts[code]
        s = 0
        for lo, hi, suffix in CENSUS_AGE_BANDS:
            m = to_int(r[f"男_{suffix}"])
            f = to_int(r[f"女_{suffix}"])
            s += m + f
            rows.append([code, lo, hi, m, f])
        assert s == to_int(r["人口数_合计"]), (code, s)
        male = sum(to_int(r[f"男_{x}"]) for _, _, x in CENSUS_AGE_BANDS)
        assert male == to_int(r["人口数_男"]), code
        grand += s
    assert grand == CHONGQING_TOTAL_POP
    rel = "chongqing/district_age_sex.csv"
    w.write(rel, ["adcode", "age_lo", "age_hi", "male", "female"], rows)
    w.check(rel, f"38 x {len(CENSUS_AGE_BANDS)} rows; per district male+female over all "
                 f"bands = population and male bands = male total; grand total "
                 f"{grand:,}")


def derive_industry(districts, w):
    rows = []
    chk_total = 0
    chk_t = 0
    for code in sorted(districts):
        r = districts[code]
        total = to_int(r[INDUSTRY_TOTAL_COLUMN])
        vals = [(letter, to_int(r[col])) for letter, col in INDUSTRY_COLUMNS]
        assert sum(v for _, v in vals) == total, (code, total)
        assert total > 0
        chk_total += total
        chk_t += dict(vals)["T"]
        share_sum = 0.0
        for letter, v in vals:
            share_sum += v / total
            rows.append([code, letter, fmt_fixed(v / total, 6)])
        assert abs(share_sum - 1.0) < 1e-9
    rel = "chongqing/district_industry.csv"
    w.write(rel, ["adcode", "industry", "share"], rows)
    w.check(rel, f"38 x 20 rows; per district the 20 industry counts sum exactly to "
                 f"{INDUSTRY_TOTAL_COLUMN} (sample total over 38 districts "
                 f"{chk_total:,} persons; section T 国际组织 = {chk_t} persons, blank cells read as 0)")


# ---------------------------------------------------------------------------
# Townships
# ---------------------------------------------------------------------------

def derive_townships(shared, w, districts):
    src = read_csv(shared / "admin" / "chongqing_townships_nbs2023.csv")
    rows = []
    seen = set()
    types = collections.Counter()
    for r in src:
        code = r["code"].strip()
        county = int(r["county_adcode"])
        assert len(code) == 9 and code.isdigit() and int(code[:6]) == county, code
        assert county in districts, county
        assert r["county_name"] == districts[county]["区县"], code
        assert code not in seen, code
        seen.add(code)
        suffix = int(code[6:])
        expect = ("subdistrict" if suffix < 100 else "town" if suffix < 200
                  else "township" if suffix < 400 else "other")
        assert r["type"] == expect, (code, r["type"], expect)
        types[r["type"]] += 1
        rows.append([county, code, r["name"], r["type"]])
    rows.sort(key=lambda x: x[1])
    assert len(rows) == 1031, len(rows)
    counties = {x[0] for x in rows}
    assert counties == set(DISTRICT_NAME_EN), "townships must cover all 38 districts"
    yunyang = sum(1 for x in rows if x[0] == 500235)
    assert yunyang == 42
    rel = "chongqing/townships.csv"
    w.write(rel, ["county_adcode", "code", "name", "type"], rows)
    w.check(rel, f"{len(rows):,} rows covering all 38 districts: "
                 + ", ".join(f"{k} {v}" for k, v in sorted(types.items()))
                 + f"; 云阳 500235 has {yunyang}; type agrees with the code suffix rule; "
                   "county names agree with the census")


# ---------------------------------------------------------------------------
# Daily cases
# ---------------------------------------------------------------------------

def derive_cases(shared, w, districts):
    src = read_csv(shared / "covid_cases" /
                   "canghailan_china_selected_2020-01-01_2020-05-31.csv")
    name_to_code = {r["区县"]: code for code, r in districts.items()}
    rows = []
    dropped = collections.Counter()
    for r in src:
        if r["provinceCode"] != "500000":
            dropped["not Chongqing"] += 1
            continue
        date = r["report_date"]
        datetime.date.fromisoformat(date)
        if not (CASES_FIRST_DATE <= date <= CASES_LAST_DATE):
            dropped["outside date range"] += 1
            continue
        if r["level"] == "province":
            assert r["city"] == "" and r["province"] == "重庆市"
            code, name = 500000, "重庆市"
        elif r["level"] == "district":
            name = r["city"]
            if name in CASE_PSEUDO_UNITS:
                code = 0
            else:
                assert name in name_to_code, f"unknown Chongqing unit {name!r}"
                code = name_to_code[name]
                assert r["cityCode"] == str(code), (name, r["cityCode"])
        else:
            raise AssertionError(f"unexpected level {r['level']!r} for Chongqing")
        vals = [int(r[c]) for c in ("confirmed", "new_confirmed", "cured", "dead")]
        assert vals[0] >= 0 and vals[2] >= 0 and vals[3] >= 0
        rows.append([date, code, name] + vals)
    rows.sort(key=lambda x: (x[0], x[1], x[2]))
    keys = [(x[0], x[1], x[2]) for x in rows]
    assert len(keys) == len(set(keys)), "duplicate (date, unit) rows"

    # Re-derive new_confirmed per series and compare with the source column.
    series = collections.defaultdict(list)
    for x in rows:
        series[(x[1], x[2])].append(x)
    negative = 0
    for key, xs in series.items():
        prev = 0
        for x in xs:
            assert x[4] == x[3] - prev, (key, x)
            negative += x[4] < 0
            prev = x[3]
    units = {k[1] for k in series}
    assert units == {"重庆市"} | set(name_to_code) | set(CASE_PSEUDO_UNITS), units
    province = {x[0]: x for x in rows if x[1] == 500000}
    ndays = (datetime.date.fromisoformat(CASES_LAST_DATE)
             - datetime.date.fromisoformat(CASES_FIRST_DATE)).days + 1
    assert len(province) == ndays, "municipal series must be complete"
    # District sum (incl. pseudo-units) vs municipal total.
    dsum = collections.Counter()
    for x in rows:
        if x[1] != 500000:
            dsum[x[0]] += x[3]
    equal_days = sum(1 for d in province if dsum[d] == province[d][3])
    csum = collections.Counter()
    for x in rows:
        if x[1] != 500000:
            csum[(x[0], "cured")] += x[5]
            csum[(x[0], "dead")] += x[6]
    cured_eq = sum(1 for d in province if csum[(d, "cured")] == province[d][5])
    dead_eq = sum(1 for d in province if csum[(d, "dead")] == province[d][6])
    last = province[CASES_LAST_DATE]
    assert dsum[CASES_LAST_DATE] == last[3]
    rel = "chongqing/daily_cases.csv"
    w.write(rel, ["date", "adcode", "name_zh", "confirmed", "new_confirmed",
                  "cured", "dead"], rows)
    w.check(rel, f"{len(rows):,} rows, {len(series)} series (municipality + 38 districts + "
                 f"5 pseudo-units), no duplicate (date, unit); municipal series complete "
                 f"{CASES_FIRST_DATE}..{CASES_LAST_DATE} ({ndays} days); municipal total on "
                 f"{CASES_LAST_DATE}: confirmed {last[3]}, cured {last[5]}, dead {last[6]}; "
                 f"sum over district + pseudo-unit rows equals the municipal confirmed on "
                 f"{equal_days}/{ndays} days (incl. {CASES_LAST_DATE}), cured on {cured_eq}/{ndays}, "
                 f"dead on {dead_eq}/{ndays}; new_confirmed "
                 f"re-derived = source column; {negative} negative new_confirmed; "
                 f"dropped {dropped['not Chongqing']:,} non-Chongqing source rows, "
                 f"{dropped['outside date range']} Chongqing rows outside the date range")


# ---------------------------------------------------------------------------
# Contact matrices
# ---------------------------------------------------------------------------

def derive_contacts(shared, w):
    rows = []
    sums = {}
    allm = read_csv_rows(shared / "contact_matrices" / "prem2017_china_all.csv")
    total = [[0.0] * 16 for _ in range(16)]
    for setting in CONTACT_SETTINGS:
        m = read_csv_rows(shared / "contact_matrices" / f"prem2017_china_{setting}.csv")
        assert m[0] == ["age_contactor"] + CONTACT_BANDS, m[0]
        assert [r[0] for r in m[1:]] == CONTACT_BANDS
        s = 0.0
        for i, r in enumerate(m[1:]):
            assert len(r) == 17
            for j, v in enumerate(r[1:]):
                x = float(v)
                assert x >= 0 and math.isfinite(x)
                total[i][j] += x
                s += x
                rows.append([setting, 5 * i, 5 * j, fmt_sig(x, 6)])
        sums[setting] = s
    for i, r in enumerate(allm[1:]):
        for j, v in enumerate(r[1:]):
            assert close(total[i][j], float(v), rel=1e-9, abs_=1e-12)
    order = {s: k for k, s in enumerate(CONTACT_SETTINGS)}
    rows.sort(key=lambda x: (order[x[0]], x[1], x[2]))
    rowsum0 = sum(total[0])
    rowsum4 = sum(total[4])
    rel = "contacts/china_prem2017.csv"
    w.write(rel, ["setting", "contactor_age_lo", "contactee_age_lo", "contacts"], rows)
    w.check(rel, "4 x 16 x 16 = 1,024 rows; home+work+school+others = prem2017_china_all "
                 "cell by cell (rel 1e-9); row sums of all: 0-4 "
                 f"{rowsum0:.2f}, 20-24 {rowsum4:.2f}; sum of all cells "
                 + ", ".join(f"{k} {v:.2f}" for k, v in sums.items()))


# ---------------------------------------------------------------------------
# National age structure
# ---------------------------------------------------------------------------

def derive_china_age(shared, w):
    src = read_csv(shared / "population" / "wpp2019_china_2020_pop_by_age_sex.csv")
    data = {}
    for r in src:
        assert r["country"] == "China" and r["year"] == "2020"
        data[(r["sex"], r["age_band"])] = r["population_thousands"]
    bands = [(lo, lo + 4, f"{lo}-{lo + 4}") for lo in range(0, 100, 5)] + [(100, 100, "100+")]
    rows = []
    tm = tf = 0
    maxdiff = 0
    for lo, hi, label in bands:
        m = scaled_int(data[("male", label)], 1000)
        f = scaled_int(data[("female", label)], 1000)
        t = scaled_int(data[("total", label)], 1000)
        # female is given to 0.01 thousand (10 persons) in the source -> |diff| <= 5
        assert abs(m + f - t) <= 5, (label, m, f, t)
        maxdiff = max(maxdiff, abs(m + f - t))
        tm += m
        tf += f
        rows.append([lo, hi, m, f])
    assert len(data) == 3 * len(bands)
    total = scaled_int(str(sum(Decimal(data[("total", b[2])]) for b in bands)), 1000)
    assert abs(tm + tf - total) <= 2 * len(bands)
    assert abs(total - 1439323800) < 1000  # PROVENANCE: 1 439 323.8 thousand
    rel = "china/age_sex_2020.csv"
    w.write(rel, ["age_lo", "age_hi", "male", "female"], rows)
    w.check(rel, f"21 rows; male {tm:,} + female {tf:,} = {tm + tf:,} persons "
                 f"(sum of the source total rows {total:,}; WPP2019 China 2020 = 1,439,323.8 thousand); "
                 f"per band |male+female-total| <= {maxdiff} persons (female is given to 10 persons)")


# ---------------------------------------------------------------------------
# Economy: 42 IO sectors 2018
# ---------------------------------------------------------------------------

def money(s):
    """10 000 CNY -> million CNY."""
    return float(s) / 100.0


# NBS 42 sectors -> the OECD IOT's 45 ISIC rev.4 sectors that cover them (for the government's share of final
# consumption, which the NBS 42-sector tables do not split). Judgement calls: furniture goes with wood (OECD 08);
# publishing and broadcasting with culture (NBS 41); water conservancy, environment and public facilities with
# water supply and waste (OECD 24); leasing and business services with administrative and support services.
OECD_SECTORS_OF_NBS = {
    "01": ["01", "02"], "02": ["03"], "03": ["03"], "04": ["04"], "05": ["04", "05"], "06": ["06"],
    "07": ["07"], "08": ["07"], "09": ["08"], "10": ["09"], "11": ["10"], "12": ["11", "12", "13"],
    "13": ["14"], "14": ["15"], "15": ["16"], "16": ["19"], "17": ["19"], "18": ["20", "21"], "19": ["18"],
    "20": ["17"], "21": ["17"], "22": ["22"], "23": ["22"], "24": ["23"], "25": ["23"], "26": ["24"],
    "27": ["25"], "28": ["26"], "29": ["27", "28", "29", "30", "31"], "30": ["32"], "31": ["34", "35"],
    "32": ["36"], "33": ["37"], "34": ["39"], "35": ["38"], "36": ["38"], "37": ["24"], "38": ["44", "45"],
    "39": ["41"], "40": ["42"], "41": ["33", "43"], "42": ["40"],
}


def government_consumption_shares(shared):
    """Share of general government (GGFC) in each NBS sector's final consumption, from the OECD IOT 2021 ed.
    (China 2018, current USD: HFCE + NPISH + GGFC = final consumption; a share, so the currency drops out)."""
    rows = {r["Code"]: r for r in read_csv(shared / "input_output" / "oecd_iot2021ed_china_2018_45sectors_usdmn.csv")}
    assert sorted(set(c for v in OECD_SECTORS_OF_NBS.values() for c in v)) == [f"{i:02d}" for i in range(1, 46)]
    shares = {}
    for nbs, oecd in OECD_SECTORS_OF_NBS.items():
        gov = sum(float(rows[c]["GGFC"]) for c in oecd)
        total = sum(float(rows[c]["HFCE"]) + float(rows[c]["NPISH"]) + float(rows[c]["GGFC"]) for c in oecd)
        assert total > 0 and 0 <= gov <= total, nbs
        shares[nbs] = gov / total
    return shares


def derive_economy(shared, w):
    io_dir = shared / "input_output"
    sectors = read_csv(io_dir / "nbs_io_2018_42_sectors.csv")
    cross = {r["sector"]: r for r in read_csv(io_dir / "io42_employment_2018_crosswalk_DERIVED.csv")}
    fd = {r["sector"]: r for r in read_csv(io_dir / "nbs_io_2018_42_final_demand_output.csv")}
    va_rows = {r["Code"]: r for r in read_csv(io_dir / "nbs_io_2018_42_value_added_rows.csv")}
    zd = read_csv_rows(io_dir / "nbs_io_2018_42_Z_domestic.csv")
    zm = read_csv_rows(io_dir / "nbs_io_2018_42_Z_imported.csv")
    codes = [f"{i:02d}" for i in range(1, 43)]
    assert [r["sector"] for r in sectors] == codes
    assert sorted(cross) == codes and sorted(fd) == codes
    assert zd[0][1:] == codes and zm[0][1:] == codes
    assert [r[0] for r in zd[1:]] == codes and [r[0] for r in zm[1:]] == codes
    Zd = [[float(v) for v in r[1:]] for r in zd[1:]]
    Zm = [[float(v) for v in r[1:]] for r in zm[1:]]
    gov_share = government_consumption_shares(shared)

    rows = []
    tot = collections.Counter()
    for k, r in enumerate(sectors):
        c = r["sector"]
        cw = cross[c]
        assert cw["name_en"] == r["name_en"] and cw["name_zh"] == r["name_zh"], c
        letter = cw["employment_codes"].strip()[0]
        assert letter == EXPECTED_SECTOR_SECTION[c], (c, cw["employment_codes"])
        emp = scaled_int(cw["employed_10k_2018"], 10000)
        f = fd[c]
        go = float(f["gross_output"])
        tiu = float(f["total_intermediate_use"])
        fc = float(f["final_consumption"])
        gfcf = float(f["gross_fixed_capital_formation"])
        inv = float(f["change_in_inventories"])
        ex = float(f["exports"])
        tfu = float(f["total_final_use"])
        # identities of the domestic (non-competitive) table
        assert close(fc + gfcf + inv + ex, tfu, rel=1e-9, abs_=1e-2), c
        assert close(tiu + tfu, go, rel=1e-9, abs_=1.0), c
        assert close(sum(Zd[k]), tiu, rel=1e-9, abs_=1.0), c
        tii = float(va_rows["TII"][c])
        tva = float(va_rows["TVA"][c])
        ti = float(va_rows["TI"][c])
        assert close(sum(x[k] for x in Zd) + sum(x[k] for x in Zm), tii, rel=1e-9, abs_=1.0), c
        assert close(sum(float(va_rows[v][c]) for v in ("VA001", "VA002", "VA003", "VA004")),
                     tva, rel=1e-9, abs_=1.0), c
        assert close(tii + tva, ti, rel=1e-9, abs_=1.0), c
        assert close(ti, go, rel=1e-9, abs_=1.0), (c, ti, go)
        vals = {
            "gross_output": money(f["gross_output"]),
            "value_added": money(va_rows["TVA"][c]),
            "compensation": money(va_rows["VA001"][c]),
            "final_consumption": money(f["final_consumption"]),
            "gross_capital_formation": (gfcf + inv) / 100.0,
            "exports": money(f["exports"]),
            "imports": money(f["imports_total_supply"]),
        }
        vals["government_consumption"] = vals["final_consumption"] * gov_share[c]
        assert vals["gross_output"] > 0 and vals["value_added"] > 0 and emp > 0, c
        tot.update(vals)
        tot["employment"] += emp
        rows.append([c, r["name_en"], r["name_zh"], letter, emp] + [
            fmt_fixed(vals[x], 3) for x in (
                "gross_output", "value_added", "compensation", "final_consumption",
                "gross_capital_formation", "exports", "imports", "government_consumption")
        ])
    assert tot["employment"] == 775846700  # crosswalk sum 77 584.67 x 10k
    assert 91.5e6 < tot["value_added"] < 92.5e6  # 92.21 tn CNY
    rel = "economy/sectors42.csv"
    w.write(rel, ["code", "name_en", "name_zh", "census_industry", "employment_2018",
                  "gross_output", "value_added", "compensation", "final_consumption",
                  "gross_capital_formation", "exports", "imports", "government_consumption"], rows)
    w.check(rel, f"42 rows; employment {tot['employment']:,} persons; gross output "
                 f"{tot['gross_output']:,.0f}, value added {tot['value_added']:,.0f}, "
                 f"compensation {tot['compensation']:,.0f}, final consumption "
                 f"{tot['final_consumption']:,.0f}, GCF {tot['gross_capital_formation']:,.0f}, "
                 f"exports {tot['exports']:,.0f}, imports {tot['imports']:,.0f}, government consumption "
                 f"{tot['government_consumption']:,.0f} million CNY "
                 f"({tot['government_consumption'] / tot['final_consumption']:.1%} of final consumption; "
                 "share per sector from the OECD IOT's GGFC over its mapped sectors); "
                 "per sector: TC+GFCF+INV+EX = TFU, TIU+TFU = GO, TII+TVA = TI = GO, "
                 "VA001..VA004 sum to TVA, row sums of Z_domestic = TIU, column sums of "
                 "Z_domestic+Z_imported = TII; census_industry = first letter of the "
                 "crosswalk employment code, matches the expected mapping")

    flows = []
    sd = sm = 0.0
    for i, c_from in enumerate(codes):
        for j, c_to in enumerate(codes):
            d, m = Zd[i][j], Zm[i][j]
            assert d >= 0 and m >= 0, (c_from, c_to)
            if d == 0 and m == 0:
                continue
            sd += d
            sm += m
            flows.append([c_from, c_to, fmt_fixed(d / 100.0, 3), fmt_fixed(m / 100.0, 3)])
    rel = "economy/io42_flows_2018.csv"
    w.write(rel, ["from", "to", "domestic", "imported"], flows)
    w.check(rel, f"{len(flows):,} of 1,764 cells non-zero (both zero: {1764 - len(flows)}); "
                 f"domestic total {sd / 100:,.0f}, imported total {sm / 100:,.0f} million CNY; "
                 "column sums (domestic+imported) = TII of each sector")



# ---------------------------------------------------------------------------
# Other regions (bazhong, tianmen, lvliang): one region folder each
# ---------------------------------------------------------------------------

# Region folders other than Chongqing.  `aggregate`: the census row of the whole region (None: the region is one
# census unit); `total`: its published population, asserted; `merge`: census units folded into another district
# (巴中经济开发区 has no township list and no outline of its own and lies inside 巴州区's polygon, see
# PROVENANCE-geo-census2020.md); `case_city`: the city row of the reported series.
OTHER_REGIONS = {
    "bazhong": dict(
        name_zh="巴中市", name_en="Bazhong", province="四川省", aggregate=511900, total=2712894,
        merge={511971: 511902}, case_city=511900, townships=139,
        names_en={511902: "Bazhou", 511903: "Enyang", 511921: "Tongjiang", 511922: "Nanjiang",
                  511923: "Pingchang"}),
    "lvliang": dict(
        name_zh="吕梁市", name_en="Lüliang", province="山西省", aggregate=141100, total=3398431,
        merge={}, case_city=141100, townships=154,
        names_en={141102: "Lishi", 141121: "Wenshui", 141122: "Jiaocheng", 141123: "Xing", 141124: "Lin",
                  141125: "Liulin", 141126: "Shilou", 141127: "Lan", 141128: "Fangshan", 141129: "Zhongyang",
                  141130: "Jiaokou", 141181: "Xiaoyi", 141182: "Fenyang"}),
    "tianmen": dict(
        name_zh="天门市", name_en="Tianmen", province="湖北省", aggregate=None, total=1158640,
        merge={}, case_city=429006, townships=28,
        names_en={429006: "Tianmen"}),
}
REGION_KEYS = ["chongqing"] + sorted(OTHER_REGIONS)

DISTRICT_COUNT_COLUMNS = [
    ("population", "人口数_合计"),
    ("male", "人口数_男"),
    ("female", "人口数_女"),
    ("family_households", "家庭户数"),
    ("family_household_pop", "家庭户人口数"),
    ("one_person_households", "一人户数"),
    ("households_with_65plus", "有65岁及以上老年人口的户数"),
    ("hukou_other_province", "户口登记地在外乡镇街道人口_省外"),
    ("hukou_other_county_same_province", "户口登记地在外乡镇街道人口_本省其他县"),
]
DISTRICT_HEADER = [
    "adcode", "name_zh", "name_en", "population", "male", "female",
    "urban_share", "family_households", "family_household_pop",
    "one_person_households", "households_with_65plus",
    "hukou_other_province", "hukou_other_county_same_province",
]


def toml_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def region_toml(key, name_zh, name_en, province, population, cases_total, n_districts, sources):
    """The region.toml of a region folder (schema in docs/regions.md)."""
    lines = [
        "# A tongchou region folder (schema: docs/regions.md). Written by tools/derive_data.py; do not edit.",
        f"name_zh = {toml_string(name_zh)}",
        f"name_en = {toml_string(name_en)}",
        f"code = {toml_string(key)}",
        'unit_kind = "区县"',
        f"province = {toml_string(province)}",
        f"population = {population}",
        'cases = "daily_cases.csv"',
        f"cases_total_adcode = {cases_total}",
        'outlines = "district_outlines.json"',
        f"sources = {toml_string(sources)}",
        "",
    ]
    return "\n".join(lines)


def derive_region_toml_chongqing(w):
    w.write_text("chongqing/region.toml", region_toml(
        "chongqing", "重庆市", "Chongqing", "重庆市", CHONGQING_TOTAL_POP, 500000, 38,
        "census 2020 county gazettes (leiii/census), NBS 2023 township codes, reported cases "
        "canghailan/Wuhan-2019-nCoV, outlines AMap via DataV; see data/SOURCES.md"))


def derive_other_region(shared, w, key):
    spec = OTHER_REGIONS[key]
    allcols = read_csv(shared / "census" / "census2020_county_selected_allcols.csv")
    selected = {int(r["adcode"]): r for r in read_csv(shared / "census" / "census2020_county_selected.csv")}
    prefix = spec["case_city"] // 100 if spec["aggregate"] else spec["case_city"]
    units, aggregate = {}, None
    for r in allcols:
        code = int(r["区划代码"])
        if (code // 100 if spec["aggregate"] else code) != prefix:
            continue
        if code == spec["aggregate"]:
            assert r["is_aggregate"] == "1", code
            aggregate = r
            continue
        assert r["is_aggregate"] == "0", code
        assert code not in units, f"duplicate {code}"
        units[code] = r
    expected_units = set(spec["names_en"]) | set(spec["merge"])
    assert set(units) == expected_units, (key, sorted(units))
    assert spec["aggregate"] is None or aggregate is not None
    # Cross-check against the tidy selected file, as for Chongqing.
    for code, r in units.items():
        s = selected[code]
        assert s["name"] == r["区县"], code
        assert int(s["pop_2020"]) == to_int(r["人口数_合计"]), code
        assert int(s["urban_pop"]) == to_int(r["城镇人口"]), code
        assert int(s["family_households"]) == to_int(r["家庭户数"]), code
    # District = the census unit plus the units merged into it.
    members = {code: [code] + sorted(m for m, into in spec["merge"].items() if into == code) for code in spec["names_en"]}

    def total(code, col):
        return sum(to_int(units[m][col]) for m in members[code])

    rows, totals, urban_total = [], collections.Counter(), 0
    for code in sorted(spec["names_en"]):
        v = {k: total(code, c) for k, c in DISTRICT_COUNT_COLUMNS}
        pop = v["population"]
        assert pop > 0 and v["male"] + v["female"] == pop, code
        urban = total(code, "城镇人口")
        assert urban + total(code, "乡村人口") == pop, code
        if len(members[code]) == 1:
            assert abs(urban / pop - float(selected[code]["urban_share"])) <= 0.00005 + 1e-12, code
        assert v["family_household_pop"] <= pop and v["one_person_households"] <= v["family_households"], code
        assert v["households_with_65plus"] <= v["family_households"], code
        urban_total += urban
        totals.update(v)
        rows.append([code, units[code]["区县"], spec["names_en"][code], v["population"], v["male"], v["female"],
                     fmt_fixed(urban / pop, 4), v["family_households"], v["family_household_pop"],
                     v["one_person_households"], v["households_with_65plus"], v["hukou_other_province"],
                     v["hukou_other_county_same_province"]])
    if aggregate is not None:
        for k, c in DISTRICT_COUNT_COLUMNS:
            assert totals[k] == to_int(aggregate[c]), (key, k, totals[k], aggregate[c])
        assert urban_total == to_int(aggregate["城镇人口"])
    assert totals["population"] == spec["total"], (key, totals["population"])
    n = len(rows)
    rel = f"{key}/districts.csv"
    w.write(rel, DISTRICT_HEADER, rows)
    merged = "; ".join(f"{m} {units[m]['区县']} ({to_int(units[m]['人口数_合计']):,}) merged into {into} "
                       f"{units[into]['区县']}" for m, into in sorted(spec["merge"].items()))
    w.check(rel, f"{n} rows; population sums to {totals['population']:,} "
                 + (f"(= row {spec['aggregate']}; every count column sums to it)" if aggregate is not None
                    else "(the one census row)")
                 + f"; urban {urban_total:,} ({urban_total / totals['population']:.4f}); "
                   f"family_households {totals['family_households']:,}" + (f"; {merged}" if merged else ""))

    # Age and sex.
    age_rows, grand = [], 0
    for code in sorted(spec["names_en"]):
        s = 0
        for lo, hi, suffix in CENSUS_AGE_BANDS:
            m, f = total(code, f"男_{suffix}"), total(code, f"女_{suffix}")
            s += m + f
            age_rows.append([code, lo, hi, m, f])
        assert s == total(code, "人口数_合计"), (code, s)
        assert sum(total(code, f"男_{x}") for _, _, x in CENSUS_AGE_BANDS) == total(code, "人口数_男"), code
        grand += s
    assert grand == spec["total"]
    rel = f"{key}/district_age_sex.csv"
    w.write(rel, ["adcode", "age_lo", "age_hi", "male", "female"], age_rows)
    w.check(rel, f"{n} x {len(CENSUS_AGE_BANDS)} rows; per district male+female over all bands = population and "
                 f"male bands = male total; grand total {grand:,}")

    # Industry of the employed (long-form sample).
    ind_rows, sample = [], 0
    for code in sorted(spec["names_en"]):
        t = total(code, INDUSTRY_TOTAL_COLUMN)
        vals = [(letter, total(code, col)) for letter, col in INDUSTRY_COLUMNS]
        assert sum(v for _, v in vals) == t and t > 0, (code, t)
        sample += t
        for letter, v in vals:
            ind_rows.append([code, letter, fmt_fixed(v / t, 6)])
    rel = f"{key}/district_industry.csv"
    w.write(rel, ["adcode", "industry", "share"], ind_rows)
    w.check(rel, f"{n} x 20 rows; per district the 20 industry counts sum exactly to {INDUSTRY_TOTAL_COLUMN} "
                 f"(sample total {sample:,} persons)")

    # Townships (NBS 2023 codes).
    src = read_csv(shared / "admin" / "bazhong_lvliang_tianmen_townships_nbs2023.csv")
    t_rows, types, seen = [], collections.Counter(), set()
    for r in src:
        county = int(r["county_adcode"])
        if county not in units:
            continue
        code = r["code"].strip()
        assert len(code) == 9 and code.isdigit() and int(code[:6]) == county, code
        assert county in spec["names_en"], f"township {code} of merged unit {county}"
        assert r["county_name"] == units[county]["区县"] and code not in seen, code
        seen.add(code)
        suffix = int(code[6:])
        expect = ("subdistrict" if suffix < 100 else "town" if suffix < 200
                  else "township" if suffix < 400 else "other_township_level")
        assert r["type"] == expect, (code, r["type"], expect)
        kind = "other" if r["type"] == "other_township_level" else r["type"]
        types[kind] += 1
        t_rows.append([county, code, r["name"], kind])
    t_rows.sort(key=lambda x: x[1])
    assert len(t_rows) == spec["townships"], (key, len(t_rows))
    assert {x[0] for x in t_rows} == set(spec["names_en"]), "townships must cover every district"
    rel = f"{key}/townships.csv"
    w.write(rel, ["county_adcode", "code", "name", "type"], t_rows)
    w.check(rel, f"{len(t_rows)} rows covering all {n} districts: "
                 + ", ".join(f"{k} {v}" for k, v in sorted(types.items()))
                 + "; type agrees with the code suffix rule (other_township_level written as other); "
                   "county names agree with the census")

    # Reported cases: the city row of CANG, cross-checked day by day against CHEONG.
    city = str(spec["case_city"])
    cang = [r for r in read_csv(shared / "covid_cases" / "canghailan_china_selected_2020-01-01_2020-05-31.csv")
            if r["level"] == "city" and r["cityCode"] == city]
    cang.sort(key=lambda r: r["report_date"])
    c_rows, prev, negative = [], 0, 0
    for r in cang:
        date = r["report_date"]
        if not (CASES_FIRST_DATE <= date <= CASES_LAST_DATE):
            continue
        assert r["city"] == spec["name_zh"], r
        vals = [int(r[c]) for c in ("confirmed", "new_confirmed", "cured", "dead")]
        assert vals[0] >= 0 and vals[2] >= 0 and vals[3] >= 0, r
        assert vals[1] == vals[0] - prev, (key, date)  # new_confirmed re-derived
        negative += vals[1] < 0
        prev = vals[0]
        c_rows.append([date, spec["case_city"], spec["name_zh"]] + vals)
    dates = [datetime.date.fromisoformat(x[0]) for x in c_rows]
    assert all((b - a).days == 1 for a, b in zip(dates, dates[1:])), "the series must have no gaps"
    assert c_rows[-1][0] == CASES_LAST_DATE
    by_date = {x[0]: x[3] for x in c_rows}
    cheong = [r for r in read_csv(shared / "covid_cases" / "cheongsa_selected_cities_2020-01-20_2020-02-29.csv")
              if r["city"] == spec["name_zh"] and r["confirmed"].strip()]
    agree = sum(1 for r in cheong if by_date.get(r["date"], 0) == int(r["confirmed"]))
    differ = [f"{r['date']} {by_date.get(r['date'], 0)} vs {r['confirmed']}" for r in cheong
              if by_date.get(r["date"], 0) != int(r["confirmed"])]
    assert len(differ) <= 1, (key, differ)
    cheong_first = min((r["date"] for r in cheong if int(r["confirmed"]) > 0), default="none")
    rel = f"{key}/daily_cases.csv"
    w.write(rel, ["date", "adcode", "name_zh", "confirmed", "new_confirmed", "cured", "dead"], c_rows)
    last = c_rows[-1]
    w.check(rel, f"{len(c_rows)} rows, the city series {city} complete {c_rows[0][0]}..{last[0]} (first case "
                 f"{c_rows[0][0]}; CHEONG's first {cheong_first}); on {last[0]}: confirmed {last[3]}, cured "
                 f"{last[5]}, dead {last[6]}; new_confirmed re-derived = source column; {negative} negative "
                 f"new_confirmed; CHEONG agrees on {agree}/{len(cheong)} days"
                 + (f" (differs: {'; '.join(differ)})" if differ else ""))

    w.write_text(f"{key}/region.toml", region_toml(
        key, spec["name_zh"], spec["name_en"], spec["province"], spec["total"], spec["case_city"], n,
        "census 2020 county gazettes (leiii/census), NBS 2023 township codes, reported cases "
        "canghailan/Wuhan-2019-nCoV cross-checked with cheongsa, outlines AMap via DataV; see data/SOURCES.md"))

# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------

def generate(shared, out, regions=None):
    """Writes the shared tables and the folders of `regions` (default: every built-in region)."""
    shared = pathlib.Path(shared)
    w = Writer(out)
    regions = regions or REGION_KEYS
    if "chongqing" in regions:
        districts = derive_districts(shared, w)
        derive_age_sex(districts, w)
        derive_industry(districts, w)
        derive_townships(shared, w, districts)
        derive_cases(shared, w, districts)
        derive_region_toml_chongqing(w)
    derive_contacts(shared, w)
    derive_china_age(shared, w)
    derive_economy(shared, w)
    for key in regions:
        if key != "chongqing":
            derive_other_region(shared, w, key)
    return w


def checks_line(rel, msg):
    """The line in data/SOURCES.md that records the asserted sums of one file."""
    return f"- **Checks** (`{rel}`): {msg}"


def update_sources_md(path, w):
    """Refresh the generated Checks lines of data/SOURCES.md (the prose is hand-written)."""
    if not path.exists():
        print(f"note: {path} does not exist; Checks lines not written", file=sys.stderr)
        return
    lines = path.read_text(encoding="utf-8").split("\n")
    for rel, msg in w.checks:
        prefix = checks_line(rel, "")
        hits = [i for i, l in enumerate(lines) if l.startswith(prefix.rstrip())]
        if len(hits) != 1:
            print(f"note: {path} has {len(hits)} Checks lines for {rel}; expected 1",
                  file=sys.stderr)
            continue
        lines[hits[0]] = checks_line(rel, msg)
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(REPO_ROOT / ".." / "shared" / "data"),
                    help="shared source data directory (default: ../shared/data)")
    ap.add_argument("--out", default=str(REPO_ROOT / "data"),
                    help="output directory (default: data)")
    ap.add_argument("--check", action="store_true",
                    help="regenerate into a temp dir and compare with --out; exit 1 on drift")
    ap.add_argument("--print-checks", action="store_true",
                    help="print the asserted sums (for data/SOURCES.md)")
    ap.add_argument("--region", action="append", choices=REGION_KEYS,
                    help="derive only this region's folder (and the shared tables); repeatable; default: all")
    args = ap.parse_args(argv)
    out = pathlib.Path(args.out)
    if not (pathlib.Path(args.shared) / "PROVENANCE.md").is_file():
        # Lets a test runner mark the drift check as skipped (ctest SKIP_RETURN_CODE 77)
        # on machines without the shared source data.
        print(f"shared data not found at {args.shared}", file=sys.stderr)
        return 77 if args.check else 2

    if not args.check:
        print(f"writing to {out}", file=sys.stderr)
        w = generate(args.shared, out, args.region)
        update_sources_md(out / "SOURCES.md", w)
        if args.print_checks:
            for rel, msg in w.checks:
                print(f"{rel}: {msg}")
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        print(f"regenerating into {tmp}", file=sys.stderr)
        w = generate(args.shared, tmp, args.region)
        drift = []
        for rel in w.written:
            new = (pathlib.Path(tmp) / rel).read_bytes()
            old_path = out / rel
            if not old_path.exists():
                drift.append(f"{rel}: missing")
            elif old_path.read_bytes() != new:
                drift.append(f"{rel}: differs")
        sources = out / "SOURCES.md"
        if not sources.exists():
            drift.append("SOURCES.md: missing")
        else:
            text = sources.read_text(encoding="utf-8")
            doc_lines = set(text.split("\n"))
            for rel, msg in w.checks:
                if checks_line(rel, msg) not in doc_lines:
                    drift.append(f"SOURCES.md: Checks line for {rel} missing or stale")
    if drift:
        for d in drift:
            print(f"DRIFT {d}")
        print("data/ is out of date: run python3 tools/derive_data.py", file=sys.stderr)
        return 1
    print(f"OK: {len(w.written)} files under {out} match the derivation", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

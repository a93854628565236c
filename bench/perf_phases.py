#!/usr/bin/env python3
"""CPU cycles of each phase of a run, per thread, from a `perf record` of it (issue 20: what runs serially).

    perf record -e cycles -F 2000 -o run.data build/release/tongchou run uncontrolled --people 1000000 --threads 2 -q -o /tmp/x
    python3 bench/perf_phases.py run.data [--functions]

Samples are put in a phase by the function they fall in (synthesis, calibration, outputs, waiting in the OpenMP
runtime; everything else is the days). With T threads, the days' cycles on the main thread less those on the others
are (about) the serial part of the days; --functions lists the days' functions by thread. A classification by name:
good to a few percent, not exact.

Instruction counts instead of cycles (exact, not disturbed by the machine's load; this machine's perf has no hardware
events): give the per-thread files of a callgrind run, the main thread's first:

    OMP_WAIT_POLICY=passive valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file=run.cg \
        build/release/tongchou run uncontrolled --people 100000 --days 120 --threads 2 -q -o /tmp/x
    python3 bench/perf_phases.py --callgrind run.cg-01 run.cg-02 [--functions]

(valgrind runs the threads one at a time, so main - other also holds how the dynamic schedules fell out.)"""
import collections
import re
import subprocess
import sys

rows = []
if sys.argv[1] == "--callgrind":  # (instructions, thread number, function) from each thread's file, exclusive counts
    for tid, data in enumerate(a for a in sys.argv[2:] if not a.startswith("--")):
        out = subprocess.run(["callgrind_annotate", "--threshold=100", "--auto=no", data], capture_output=True, text=True,
                             check=True).stdout
        for line in out.splitlines():
            m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+[^:]*:(.*?)(\s+\[[^\]]*\])?$", line)
            if m and "PROGRAM TOTALS" not in line:
                rows.append((int(m.group(1).replace(",", "")), tid, m.group(2).strip()))
else:
    data = sys.argv[1]
    out = subprocess.run(["perf", "report", "-i", data, "--sort", "pid,symbol", "--no-children", "-g", "none",
                          "-F", "period,pid,symbol", "--stdio"], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        m = re.match(r"\s*(\d+)\s+(\d+):\S+\s+\[.\]\s+(.*)$", line)
        if m:
            rows.append((int(m.group(1)), int(m.group(2)), re.sub(r"\s+-\s+-\s*$", "", m.group(3)).strip()))


def phase(s):
    if re.match(r"0x[0-9a-f]+$", s) or re.search(r"gomp|do_spin|do_wait|futex|sched_yield", s):
        return "omp-wait"  # libgomp has no symbols here: its spin-waits show as bare addresses
    # "(anonymous namespace)::merge" is the synthesis's (std::__merge_adaptive, the day step's merges of sorted lists,
    # stays in the days); "::collect" the calibration's sample of the population.
    if re.search(r"synthes|build_|fill_household|district_fragment|namespace\)::merge\b|malloc_trim|prepare_population|RegionData", s):
        return "synthesis"
    if re.search(r"calibrat|next_generation|case_reproduction|[gG]rowth|_Map_base|Hashtable|::collect\b", s):
        return "calibration"
    if re.search(r"write_|digest|Csv|csv|json|fmt::|report|format|checksum|string|memmove|copy_folio|sha|crc", s):
        return "outputs"
    return "days"


pids = sorted({p for _, p, _ in rows})
total = collections.defaultdict(int)
for period, pid, sym in rows:
    total[(phase(sym), pid)] += period
everything = sum(total.values()) or 1
for ph in ["synthesis", "calibration", "days", "outputs", "omp-wait"]:
    vals = [total[(ph, p)] for p in pids]
    print(f"{ph:12s} " + "  ".join(f"thread {i}: {v / 1e9:7.3f} G" for i, v in enumerate(vals)) +
          f"   ({sum(vals) / everything * 100:4.1f}% of all samples)")
if "--functions" in sys.argv:
    per = collections.defaultdict(lambda: [0] * len(pids))
    for period, pid, sym in rows:
        if phase(sym) == "days":
            per[sym[:60]][pids.index(pid)] += period
    for sym, v in sorted(per.items(), key=lambda kv: -sum(kv[1]))[:int(next((a[len("--top="):] for a in sys.argv if a.startswith("--top=")), 30))]:
        print(f"  {sym:60s} " + " ".join(f"{x / 1e9:7.3f}" for x in v))

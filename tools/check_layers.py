#!/usr/bin/env python3
"""Layering of src/: a directory may include its own headers and those of directories in lower layers, never a
higher layer's nor a sibling's in its own layer. The layers are read from docs/architecture.md (the ```layers block,
highest first; directories on one line are siblings); every directory of src/ must be placed there.

Usage: check_layers.py [ROOT]        exit 0: clean; 1: a violation (each printed as file:line); 2: bad layer table.
       check_layers.py --self-test   checks the checker on a small made-up tree (a violation must be found)."""
import os
import re
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s+"([A-Za-z0-9_]+)/[^"]+"')


def read_layers(doc):
    """Rank of each directory (0: lowest) from the ```layers block of `doc`."""
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"^```layers\n(.*?)^```", text, re.S | re.M)
    if not m:
        raise ValueError(f"{doc}: no ```layers block")
    rows = [line.split() for line in m.group(1).splitlines() if line.strip()]
    rank = {}
    for i, row in enumerate(reversed(rows)):
        for d in row:
            if d in rank:
                raise ValueError(f"{doc}: {d} is in the layer table twice")
            rank[d] = i
    return rank


def violations(src, rank):
    """(file:line, message) for each include of a higher or sibling layer, and each directory the table lacks."""
    out = []
    for d in sorted(os.listdir(src)):
        if not os.path.isdir(os.path.join(src, d)):
            continue
        if d not in rank:
            out.append((os.path.join(src, d), f"directory {d} is not in the layer table (docs/architecture.md)"))
            continue
        for root, _, files in os.walk(os.path.join(src, d)):
            for name in sorted(files):
                if not name.endswith((".hpp", ".cpp", ".h", ".def", ".inc")):
                    continue
                path = os.path.join(root, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    for n, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m or m.group(1) == d or m.group(1) not in rank:
                            continue
                        target = m.group(1)
                        if rank[target] > rank[d]:
                            out.append((f"{path}:{n}", f"{d} (layer {rank[d]}) includes {target} (layer {rank[target]}, higher)"))
                        elif rank[target] == rank[d]:
                            out.append((f"{path}:{n}", f"{d} includes its sibling {target} (same layer {rank[d]})"))
    return out


def check(root):
    try:
        rank = read_layers(os.path.join(root, "docs", "architecture.md"))
    except (OSError, ValueError) as e:
        print(f"check_layers: {e}")
        return 2
    found = violations(os.path.join(root, "src"), rank)
    for where, why in found:
        print(f"{where}: {why}")
    print(f"check_layers: {len(found)} problem(s) in {os.path.join(root, 'src')}")
    return 1 if found else 0


def self_test():
    failures = []
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "docs"))
        with open(os.path.join(root, "docs", "architecture.md"), "w") as f:
            f.write("# x\n\n```layers\ntop\nmid side\nlow\n```\n")
        files = {"low/a.hpp": '#include "low/b.hpp"\n', "mid/m.cpp": '#include "low/a.hpp"\n#include <vector>\n',
                 "side/s.cpp": '#include "low/a.hpp"\n', "top/t.cpp": '#include "mid/m.hpp"\n#include "side/s.hpp"\n'}
        for rel, text in files.items():
            os.makedirs(os.path.join(root, "src", os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(root, "src", rel), "w") as f:
                f.write(text)
        if check(root) != 0:
            failures.append("a clean tree was refused")
        with open(os.path.join(root, "src", "low", "a.hpp"), "a") as f:
            f.write('#include "top/t.hpp"\n')
        with open(os.path.join(root, "src", "mid", "m.cpp"), "a") as f:
            f.write('  #include "side/s.hpp"\n')
        os.makedirs(os.path.join(root, "src", "stray"))
        rank = read_layers(os.path.join(root, "docs", "architecture.md"))
        found = [w for w, _ in violations(os.path.join(root, "src"), rank)]
        want = [os.path.join(root, "src", "low", "a.hpp") + ":2", os.path.join(root, "src", "mid", "m.cpp") + ":3",
                os.path.join(root, "src", "stray")]
        if sorted(found) != sorted(want):
            failures.append(f"found {found}, expected {want}")
        if check(root) != 1:
            failures.append("a tree with violations was not refused")
    for f in failures:
        print(f"FAIL: {f}")
    print(f"self-test: {'ok' if not failures else 'FAILED'}")
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    sys.exit(check(os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))))

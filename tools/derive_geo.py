#!/usr/bin/env python3
"""Derive the district outlines of the report's map from the shared public geometry.

Reads ../shared/data/geo/chongqing_districts_wgs84.geojson (see PROVENANCE-geo-census2020.md there: source S1,
AMap outlines via shfshanyue/china-geojson, converted to WGS84 and simplified topology-aware with mapshaper) and
writes data/chongqing/district_outlines.json: the 38 districts and counties of Chongqing as a compact GeoJSON
FeatureCollection keyed by adcode, simplified further for a map of the whole municipality:

  1. Junctions: a vertex is kept when the set of districts sharing it differs from that of a neighbouring vertex
     (where a shared border begins or ends) and at the first vertex of each ring. Borders shared by two districts
     hold the same vertices in both (the source is topology-aware), so the pieces between junctions are the same
     arcs in both rings, one reversed.
  2. Douglas-Peucker on each arc between junctions with tolerance TOLERANCE_DEG, always in one canonical direction,
     so that both neighbours keep the same vertices and no gaps or overlaps appear along shared borders.
  3. Coordinates rounded to DECIMALS decimals (about 10 m); rings left with fewer than 4 vertices are dropped
     (tiny islands and holes); a district keeps at least its largest ring.

Standard library only; deterministic output. Usage (from the repository root):
    python3 tools/derive_geo.py            # write data/<region>/district_outlines.json of every built-in region
    python3 tools/derive_geo.py --region tianmen
    python3 tools/derive_geo.py --check    # exit 1 if it has drifted, 77 if ../shared/data is missing
"""

import argparse
import json
import pathlib
import sys

REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = "geo/chongqing_districts_wgs84.geojson"
OUTPUT = "chongqing/district_outlines.json"
TOLERANCE_DEG = 0.004  # about 400 m north-south, 380 m east-west at 30.5 N: enough for a 38-district map
DECIMALS = 4
# Every built-in region: (source, output, number of features, tolerance in degrees). The smaller regions keep more
# detail (their maps show fewer, smaller units).
REGIONS = {
    "chongqing": (SOURCE, OUTPUT, 38, TOLERANCE_DEG),
    "bazhong": ("geo/bazhong_counties_wgs84.geojson", "bazhong/district_outlines.json", 5, 0.002),
    "lvliang": ("geo/lvliang_counties_wgs84.geojson", "lvliang/district_outlines.json", 13, 0.002),
    "tianmen": ("geo/tianmen_wgs84.geojson", "tianmen/district_outlines.json", 1, 0.001),
}


def rings_of(geometry):
    """Polygons of a Polygon or MultiPolygon geometry, each a list of rings."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    assert geometry["type"] == "MultiPolygon", geometry["type"]
    return geometry["coordinates"]


def perpendicular_distance(p, a, b):
    ax, ay = a
    bx, by = b
    px, py = p
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def douglas_peucker(points, tolerance):
    """Indices of the points kept (first and last always), iteratively."""
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        lo, hi = stack.pop()
        best, best_i = -1.0, -1
        for i in range(lo + 1, hi):
            d = perpendicular_distance(points[i], points[lo], points[hi])
            if d > best:
                best, best_i = d, i
        if best > tolerance:
            keep.add(best_i)
            stack.append((lo, best_i))
            stack.append((best_i, hi))
    return sorted(keep)


def simplify_arc(arc, tolerance):
    """Douglas-Peucker in a canonical direction, so that a shared arc simplifies alike in both rings."""
    forward = arc[0] < arc[-1] or (arc[0] == arc[-1] and arc[1:2] <= arc[-2:-1])
    pts = arc if forward else arc[::-1]
    kept = [pts[i] for i in douglas_peucker(pts, tolerance)]
    return kept if forward else kept[::-1]


def ring_area(ring):
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))


def derive(shared, region="chongqing"):
    SOURCE, _, count, TOLERANCE_DEG = REGIONS[region]
    source = json.loads((shared / SOURCE).read_text(encoding="utf-8"))
    features = source["features"]
    assert len(features) == count and len({f["properties"]["adcode"] for f in features}) == count
    owners = {}  # vertex -> adcodes of the districts whose outline holds it
    for f in features:
        for polygon in rings_of(f["geometry"]):
            for ring in polygon:
                for v in ring:
                    owners.setdefault(tuple(v), set()).add(f["properties"]["adcode"])
    out_features = []
    vertices_in = vertices_out = 0
    for f in sorted(features, key=lambda f: f["properties"]["adcode"]):
        props = f["properties"]
        polygons = []
        for polygon in rings_of(f["geometry"]):
            rings = []
            for ring in polygon:
                pts = [tuple(v) for v in ring]
                assert pts[0] == pts[-1], f"ring of {props['adcode']} not closed"
                pts = pts[:-1]
                vertices_in += len(pts)
                n = len(pts)
                fixed = [i == 0 or owners[pts[i]] != owners[pts[i - 1]] or owners[pts[i]] != owners[pts[(i + 1) % n]]
                         for i in range(n)]
                cuts = [i for i in range(n) if fixed[i]] + [n]
                out = []
                for a, b in zip(cuts, cuts[1:]):
                    arc = pts[a:b + 1] if b < n else pts[a:] + [pts[0]]
                    out.extend(simplify_arc(arc, TOLERANCE_DEG)[:-1])
                out = [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in out]
                out = [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]
                if len(out) >= 3:
                    rings.append([list(p) for p in out + [out[0]]])
            if rings:
                polygons.append(rings)
        if not polygons:  # keep the largest outer ring, unsimplified but rounded
            biggest = max((p[0] for p in rings_of(f["geometry"])), key=lambda r: abs(ring_area(r)))
            polygons = [[[[round(x, DECIMALS), round(y, DECIMALS)] for x, y in biggest]]]
        vertices_out += sum(len(r) - 1 for p in polygons for r in p)
        geometry = {"type": "MultiPolygon", "coordinates": polygons} if len(polygons) > 1 else \
                   {"type": "Polygon", "coordinates": polygons[0]}
        out_features.append({"type": "Feature",
                             "properties": {"name": str(props["adcode"]), "adcode": props["adcode"],
                                            "name_zh": props["name"], "center": [round(c, DECIMALS) for c in props["center"]]},
                             "geometry": geometry})
    assert len(out_features) == count
    assert vertices_out < vertices_in / 3 if count > 20 else vertices_out <= vertices_in, (vertices_in, vertices_out)
    doc = {"type": "FeatureCollection",
           "source": f"derived by tools/derive_geo.py from ../shared/data/{SOURCE} (data/SOURCES.md); "
                     f"Douglas-Peucker {TOLERANCE_DEG} deg between shared-border junctions, {DECIMALS} decimals; "
                     f"{vertices_in} -> {vertices_out} vertices",
           "features": out_features}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", vertices_in, vertices_out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=pathlib.Path, default=REPO_ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=pathlib.Path, default=REPO_ROOT / "data")
    ap.add_argument("--check", action="store_true", help="exit 1 if the output differs from what would be written")
    ap.add_argument("--region", action="append", choices=sorted(REGIONS),
                    help="only this region (repeatable; default: every built-in region)")
    args = ap.parse_args(argv)
    if not (args.shared / SOURCE).exists():
        print(f"derive_geo: {args.shared / SOURCE} not found", file=sys.stderr)
        return 77 if args.check else 2
    drift = 0
    for region in args.region or sorted(REGIONS):
        output = REGIONS[region][1]
        text, n_in, n_out = derive(args.shared, region)
        target = args.out / output
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                print(f"DRIFT {output}: differs from what tools/derive_geo.py derives; run python3 tools/derive_geo.py")
                drift = 1
            else:
                print(f"{output}: no drift")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target} ({len(text.encode())} bytes, {n_in} -> {n_out} vertices)")
    return drift


if __name__ == "__main__":
    sys.exit(main())

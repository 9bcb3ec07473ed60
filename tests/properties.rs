//! Property tests for the readers of outside input: no input may panic (a panic kills the WebAssembly app)
//! and what is accepted keeps its promises.
//!
//! Every block runs a fixed number of cases from a fixed seed, so `cargo test` is repeatable and quick
//! (the whole binary takes well under 30 s in a debug build). For a longer run, set `PROPTEST_CASES`,
//! which replaces every block's case count, and optionally `PROPTEST_SEED` for another fixed seed:
//!
//! ```text
//! PROPTEST_CASES=100000 cargo test --release --test properties
//! PROPTEST_CASES=20000 PROPTEST_SEED=7 cargo test --release --test properties -- geojson
//! ```
//!
//! A failure prints the shrunk input; failures are not persisted to files (the seed reproduces them).

#![cfg(not(target_arch = "wasm32"))]

use std::borrow::Borrow;

use article_map::domain::annotation::{stored_number, Annotation, AnnotationDocument};
use article_map::domain::bounds::MercatorBounds;
use article_map::domain::coords::{LonLat, Mercator, ScreenPx};
use article_map::domain::geojson_export::export_geojson;
use article_map::domain::geojson_import::{import_geojson, ImportLimits};
use article_map::domain::hand_in;
use article_map::domain::interaction::{apply, ViewCommand};
use article_map::domain::local_names::{direction_of, english_name, is_language_tag};
use article_map::domain::marker_layout::spread;
use article_map::domain::quote_index::{fold, QuoteError, QuoteIndex, QuoteSelector};
use article_map::domain::shared_annotations;
use article_map::domain::story::Story;
use article_map::domain::tour::{timeline, tour};
use article_map::domain::url_state::UrlState;
use article_map::domain::viewport::{ViewLimits, Viewport};
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, RngSeed};
use serde_json::{json, Map, Value};

/// The configuration of one block: `cases` (or `PROPTEST_CASES`), a fixed seed (or `PROPTEST_SEED`), no
/// failure files.
fn config(cases: u32) -> ProptestConfig {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    ProptestConfig {
        cases: env("PROPTEST_CASES").map_or(cases, |n| n.min(u64::from(u32::MAX)) as u32),
        rng_seed: RngSeed::Fixed(env("PROPTEST_SEED").unwrap_or(0x5EED_2021)),
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..ProptestConfig::default()
    }
}

// ---- Text ----

/// Pieces of text that exercise the folding rules, scripts, dates and multi-byte characters.
const TOKENS: &[&str] = &[
    "a",
    "aa",
    "Ишкашим",
    "прошли в мае 2021 года",
    "مرحبا بالعالم",
    "😀",
    "👍🏽",
    "e\u{301}",
    "«нет»",
    "“three evils”",
    "‘x’",
    "\"",
    "'",
    " ",
    "  ",
    "\u{00A0}",
    "\u{202F}",
    "\n\t",
    "\u{00AD}",
    "\u{200B}",
    "\u{FEFF}",
    "mid-1990s",
    "mid-",
    "1990",
    "2000s",
    "October 27, 2021",
    "May 2021",
    "August",
    "12345",
    "1700",
    ", ",
    ".",
    "%",
    ";",
    "=",
    "#",
    "中国",
];

fn token_text(max_tokens: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..max_tokens).prop_map(|t| t.concat())
}

/// Any Unicode text, or text made of the interesting tokens.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![prop::collection::vec(any::<char>(), 0..max).prop_map(|c| c.into_iter().collect()), token_text(max),]
}

/// The text with one edit at a character boundary chosen by `at`: a cut, an insertion or a doubling.
fn mutated(text: &str, edits: &[(usize, u8, String)]) -> String {
    let mut out = text.to_string();
    for (at, kind, insert) in edits {
        let bounds: Vec<usize> = out.char_indices().map(|(i, _)| i).chain([out.len()]).collect();
        let a = bounds[at % bounds.len()];
        let b = bounds[(at / 3 + at % 7) % bounds.len()].max(a);
        out = match kind % 4 {
            0 => format!("{}{}", &out[..a], &out[b..]),
            1 => format!("{}{}{}", &out[..a], insert, &out[a..]),
            2 => format!("{}{}{}", &out[..b], &out[a..b], &out[b..]),
            _ => format!("{}{}{}", &out[..a], insert, &out[b..]),
        };
    }
    out
}

fn edits() -> impl Strategy<Value = Vec<(usize, u8, String)>> {
    prop::collection::vec((any::<usize>(), any::<u8>(), text(4)), 1..4)
}

// ---- Stories ----

/// A quote drawn from `paragraph` by character positions, with some context, or a made-up one.
fn quote_from(paragraph: &str, pick: (usize, usize, usize, u8)) -> Value {
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    if chars.is_empty() || pick.3.is_multiple_of(8) {
        return json!({"exact": "not in the article"});
    }
    let a = pick.0 % chars.len();
    let b = (a + 1 + pick.1 % 12).min(chars.len());
    let byte = |i: usize| chars.get(i).map_or(paragraph.len(), |c| c.0);
    let exact = &paragraph[byte(a)..byte(b)];
    if exact.trim().is_empty() {
        return json!({"exact": "not in the article"});
    }
    let context = pick.2 % 6;
    let prefix = &paragraph[byte(a.saturating_sub(context))..byte(a)];
    let suffix = &paragraph[byte(b)..byte((b + context).min(chars.len()))];
    match pick.3 % 4 {
        0 => json!(exact),
        1 => json!({"exact": exact}),
        _ => json!({"exact": exact, "prefix": prefix, "suffix": suffix}),
    }
}

fn package(paragraphs: &[String], picks: &[(usize, usize, usize, u8)]) -> Value {
    let paragraphs: Vec<&String> = paragraphs.iter().collect();
    let sections: Vec<Value> = paragraphs
        .chunks(2)
        .enumerate()
        .map(|(s, chunk)| {
            let ps: Vec<Value> =
                chunk.iter().enumerate().map(|(i, t)| json!({"id": format!("p{s}_{i}"), "text": t})).collect();
            json!({"id": format!("s{s}"), "heading": if s == 0 { Value::Null } else { json!(format!("Part {s}")) }, "paragraphs": ps})
        })
        .collect();
    let features: Vec<Value> = picks
        .chunks(3)
        .enumerate()
        .map(|(f, chunk)| {
            let kind = ["site", "base", "city", "opinion"][f % 4];
            let quotes: Vec<Value> = chunk
                .iter()
                .map(|pick| quote_from(paragraphs.get(pick.0 % paragraphs.len().max(1)).map_or("", |p| p), *pick))
                .collect();
            json!({"type": "Feature", "id": format!("f{f}"),
                "geometry": {"type": "Point", "coordinates": [70.0 + f as f64 * 0.1, 37.0]},
                "properties": {"title": format!("Feature {f}"), "kind": kind,
                    "confidence": "reported", "precision": {"level": "district", "radius_km": 10},
                    "sources": [{"publisher": "P", "url": "https://example.org"}], "quotes": quotes}})
        })
        .collect();
    json!({"format": "article-map/story@1",
        "article": {"title": "T", "sections": sections},
        "features": {"type": "FeatureCollection", "features": features}})
}

/// Where quotes are picked from: (paragraph, length, context, form).
type Pick = (usize, usize, usize, u8);

fn story_parts() -> impl Strategy<Value = (Vec<String>, Vec<Pick>)> {
    (
        prop::collection::vec(prop_oneof![3 => token_text(14), 1 => text(30)], 1..5),
        prop::collection::vec(any::<(usize, usize, usize, u8)>(), 0..8),
    )
}

/// Whatever an accepted story promises: every verified quote is the article's exact text at its range, and
/// the tour, the timeline and the paragraph segments can be built.
fn check_story(story: &Story) {
    for f in &story.features {
        for place in f.verified_quotes() {
            let (_, p) = story.paragraphs().find(|(_, p)| p.id == place.paragraph_id).expect("the paragraph exists");
            assert_eq!(p.text.get(place.start..place.end), Some(place.text.as_str()), "{place:?} in {:?}", p.text);
        }
    }
    let _ = tour(story);
    for entry in timeline(story) {
        assert!(!entry.label.is_empty());
    }
    for (_, p) in story.paragraphs() {
        for segment in story.segments(&p.id) {
            assert!(p.text.get(segment.start..segment.end).is_some());
        }
    }
}

proptest! {
    #![proptest_config(config(192))]

    #[test]
    fn story_reader_never_panics_on_any_text(text in text(200)) {
        if let Ok(story) = Story::from_json(&text) {
            check_story(&story);
        }
    }

    #[test]
    fn story_reader_keeps_its_promises_for_generated_and_mutated_packages(
        (paragraphs, picks) in story_parts(),
        edits in prop::option::of(edits()),
    ) {
        let valid = package(&paragraphs, &picks).to_string();
        let story = Story::from_json(&valid);
        if paragraphs.iter().all(|p| !p.trim().is_empty()) {
            prop_assert!(story.is_ok(), "{:?}", story.err());
        }
        if let Ok(story) = &story {
            check_story(story);
        }
        if let Some(edits) = edits {
            if let Ok(story) = Story::from_json(&mutated(&valid, &edits)) {
                check_story(&story);
            }
        }
    }

    #[test]
    fn date_scanner_never_panics_on_any_paragraph(paragraphs in prop::collection::vec(text(60), 1..4)) {
        if let Ok(story) = Story::from_json(&package(&paragraphs, &[]).to_string()) {
            check_story(&story);
        }
    }
}

// ---- Local names ----

/// Language tags: well-formed ones, near misses and any text.
fn lang_tag() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(&["tg", "fa-AF", "zh-Hans", "srh-Arab", "x-a", "FA-af", "ug-Latn"][..])
            .prop_map(String::from),
        "[a-zA-Z0-9-]{0,40}",
        text(12),
    ]
}

/// A story feature's `names`: generated `{lang, text}` entries, broken ones, or any JSON at all.
fn names_value() -> impl Strategy<Value = Value> {
    let entry = prop_oneof![
        4 => (lang_tag(), text(20)).prop_map(|(lang, text)| json!({"lang": lang, "text": text})),
        1 => (lang_tag(), json_value()).prop_map(|(lang, text)| json!({"lang": lang, "text": text})),
        1 => json_value(),
    ];
    prop_oneof![4 => prop::collection::vec(entry, 0..8).prop_map(Value::Array), 1 => json_value()]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn names_never_panic_and_what_is_read_is_a_tag_and_a_text(names in names_value(), edits in prop::option::of(edits())) {
        let mut package = package(&["An article.".to_string()], &[(0, 3, 2, 1)]);
        package["features"]["features"][0]["properties"]["names"] = names;
        let mut text = package.to_string();
        if let Some(edits) = edits {
            text = mutated(&text, &edits);
        }
        if let Ok(story) = Story::from_json(&text) {
            check_story(&story);
            for name in story.features.iter().flat_map(|f| &f.names) {
                prop_assert!(is_language_tag(&name.lang), "{:?}", name.lang);
                prop_assert!(name.lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
                prop_assert!(!name.text.trim().is_empty() && name.text.chars().count() <= 2_000);
                let _ = (direction_of(&name.lang), english_name(&name.lang));
            }
        }
    }
}

// ---- Quote index ----

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn quote_resolution_returns_the_articles_text_at_char_boundaries(
        paragraphs in prop::collection::vec(prop_oneof![token_text(12), text(24)], 1..4),
        pick in any::<(usize, usize, usize, u8)>(),
        made_up in prop::option::of((text(8), text(4), text(4))),
    ) {
        let index = QuoteIndex::new(paragraphs.iter().map(String::as_str));
        let from_article = match quote_from(&paragraphs[pick.0 % paragraphs.len()], pick) {
            Value::String(exact) => QuoteSelector { exact, ..Default::default() },
            v => QuoteSelector {
                exact: v["exact"].as_str().unwrap_or_default().to_string(),
                prefix: v["prefix"].as_str().unwrap_or_default().to_string(),
                suffix: v["suffix"].as_str().unwrap_or_default().to_string(),
            },
        };
        let selector = match made_up {
            Some((exact, prefix, suffix)) => QuoteSelector { exact, prefix, suffix },
            None => from_article.clone(),
        };
        match index.resolve(&selector) {
            Ok(m) => {
                let p = &paragraphs[m.paragraph];
                prop_assert!(p.is_char_boundary(m.start) && p.is_char_boundary(m.end));
                prop_assert_eq!(p.get(m.start..m.end), Some(m.text.as_str()));
                prop_assert_eq!(fold(&m.text).contains(fold(&selector.exact).trim()), true);
            }
            Err(QuoteError::NotFound) | Err(QuoteError::ContextMismatch { .. }) => {
                // A passage copied from the article without context is always found.
                let copied = selector == from_article && selector.prefix.is_empty() && selector.suffix.is_empty()
                    && selector.exact != "not in the article";
                prop_assert!(!copied, "{selector:?} not found in {paragraphs:?}");
            }
            Err(_) => {}
        }
    }
}

// ---- URL fragment and shared annotations ----

fn url_state() -> impl Strategy<Value = UrlState> {
    (
        prop::option::of((-180.0..=180.0f64, -90.0..=90.0f64)),
        prop::option::of(0.0..=24.0f64),
        prop::option::of(text(12)),
        prop::option::of(any::<usize>()),
        prop::option::of(any::<usize>()),
        prop::collection::vec(text(6), 0..3),
    )
        .prop_map(|(c, z, f, q, t, h)| UrlState {
            center: c.map(|(lon, lat)| LonLat::new(lon, lat)),
            zoom: z,
            feature: f.clone(),
            quote: q,
            step: t,
            hidden_layers: h.into_iter().filter(|l| !l.is_empty()).collect(),
            label_language: f,
            annotations: None,
        })
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn url_fragments_never_panic(text in text(80), edits in edits(), state in url_state()) {
        let _ = UrlState::decode(&text);
        let _ = UrlState::decode(&format!("v1;{text}"));
        let good = state.encode();
        let back = UrlState::decode(&good).expect("an encoded state reads back");
        prop_assert_eq!(&back.feature, &state.feature);
        prop_assert_eq!(&back.hidden_layers, &state.hidden_layers);
        prop_assert_eq!((back.quote, back.step), (state.quote, state.step));
        if let Err(e) = UrlState::decode(&mutated(&good, &edits)) {
            prop_assert!(e.to_string().chars().count() < 300, "{e}");
        }
    }
}

fn small_doc(points: &[(f64, f64, String)]) -> AnnotationDocument {
    points.iter().fold(AnnotationDocument::default(), |doc, (lon, lat, note)| {
        let mut a = Annotation::new(
            String::new(),
            article_map::domain::annotation::AnnotationGeometry::Point(LonLat::new(*lon, *lat)),
        );
        a.note = note.clone();
        doc.with_imported(vec![a])
    })
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn link_blobs_never_panic(
        blob in prop_oneof![text(60), "[A-Za-z0-9_-]{0,400}"],
        points in prop::collection::vec((52.0..97.0f64, 29.0..52.0f64, text(10)), 1..6),
        edits in edits(),
    ) {
        let _ = shared_annotations::decode(&blob);
        let doc = small_doc(&points);
        let good = shared_annotations::encode(&doc).expect("a small document fits in a link");
        prop_assert_eq!(shared_annotations::decode(&good).expect("reads back").len(), points.len());
        let _ = shared_annotations::decode(&mutated(&good, &edits));
        let state = UrlState { annotations: Some(good), ..UrlState::default() };
        let back = UrlState::decode(&state.encode()).expect("a link reads back");
        prop_assert_eq!(back.annotations, state.annotations);
    }
}

// ---- GeoJSON ----

const KEYS: &[&str] = &[
    "type",
    "features",
    "geometry",
    "properties",
    "coordinates",
    "crs",
    "id",
    "title",
    "name",
    "description",
    "note",
    "quotes",
    "exact",
    "prefix",
    "suffix",
    "stroke",
    "fill",
    "stroke-width",
    "fill-opacity",
    "marker-color",
    "bbox",
    "x",
    "ключ",
    "😀",
];
const TYPES: &[&str] = &[
    "FeatureCollection",
    "Feature",
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
    "point",
    "Circle",
];

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(1e308),
        Just(-1e308),
        Just(-0.0),
        Just(0.0),
        Just(180.0),
        Just(-90.0),
        Just(f64::MIN_POSITIVE),
        -200.0..200.0f64,
        any::<f64>().prop_filter("JSON numbers are finite", |x| x.is_finite()),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number().prop_map(|x| json!(x)),
        any::<i64>().prop_map(|x| json!(x)),
        any::<u64>().prop_map(|x| json!(x)),
        text(10).prop_map(Value::String),
        prop::sample::select(TYPES).prop_map(|t| json!(t)),
        Just(json!([])),
        Just(json!({})),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let tree = leaf().prop_recursive(8, 64, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..5)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    });
    // Deep nesting, up to past the depth limit.
    let deep = (leaf(), 0..42usize, any::<bool>()).prop_map(|(leaf, depth, arrays)| {
        (0..depth).fold(leaf, |v, _| if arrays { json!([v]) } else { json!({"properties": v}) })
    });
    prop_oneof![3 => tree, 1 => deep]
}

fn position() -> impl Strategy<Value = Value> {
    prop_oneof![
        (-180.0..=180.0f64, -90.0..=90.0f64).prop_map(|(x, y)| json!([x, y])),
        (52.0..97.0f64, 29.0..52.0f64, number()).prop_map(|(x, y, z)| json!([x, y, z])),
        Just(json!([-0.0, 90.0])),
        Just(json!([180, -90])),
    ]
}

fn ring() -> impl Strategy<Value = Value> {
    prop::collection::vec(position(), 3..6).prop_map(|mut ps| {
        ps.push(ps[0].clone());
        Value::Array(ps)
    })
}

fn geometry() -> impl Strategy<Value = Value> {
    prop_oneof![
        position().prop_map(|p| json!({"type": "Point", "coordinates": p})),
        prop::collection::vec(position(), 0..4).prop_map(|p| json!({"type": "MultiPoint", "coordinates": p})),
        prop::collection::vec(position(), 2..5).prop_map(|p| json!({"type": "LineString", "coordinates": p})),
        prop::collection::vec(prop::collection::vec(position(), 2..4), 1..3)
            .prop_map(|p| json!({"type": "MultiLineString", "coordinates": p})),
        prop::collection::vec(ring(), 1..3).prop_map(|p| json!({"type": "Polygon", "coordinates": p})),
        prop::collection::vec(prop::collection::vec(ring(), 1..3), 1..3)
            .prop_map(|p| json!({"type": "MultiPolygon", "coordinates": p})),
        Just(Value::Null),
    ]
}

fn properties() -> impl Strategy<Value = Value> {
    let quote = prop_oneof![
        text(8).prop_map(Value::String),
        (text(8), text(4), text(4)).prop_map(|(e, p, s)| json!({"exact": e, "prefix": p, "suffix": s})),
    ];
    (
        prop::option::of(text(10)),
        prop::option::of(text(20)),
        prop::option::of(prop::collection::vec(quote, 0..3)),
        prop::option::of(prop_oneof![Just(json!("#abc")), Just(json!("#A0B1C2")), Just(json!("red"))]),
        prop::option::of(prop_oneof![number().prop_map(|x| json!(x)), Just(json!("2")), Just(json!(" 0.5 "))]),
        prop::collection::vec((prop::sample::select(KEYS), leaf()), 0..3),
    )
        .prop_map(|(title, note, quotes, colour, width, foreign)| {
            let mut p: Map<String, Value> = foreign.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
            let mut set = |k: &str, v: Option<Value>| {
                if let Some(v) = v {
                    p.insert(k.into(), v);
                }
            };
            set("title", title.map(Value::String));
            set("description", note.map(Value::String));
            set("quotes", quotes.map(Value::Array));
            set("stroke", colour.clone());
            set("marker-color", colour);
            set("stroke-width", width.clone());
            set("fill-opacity", width);
            Value::Object(p)
        })
}

fn feature() -> impl Strategy<Value = Value> {
    (
        geometry(),
        properties(),
        prop::option::of(prop_oneof![text(6).prop_map(Value::String), number().prop_map(|x| json!(x))]),
    )
        .prop_map(|(g, p, id)| {
            let mut f = json!({"type": "Feature", "geometry": g, "properties": p});
            if let Some(id) = id {
                f["id"] = id;
            }
            f
        })
}

fn geojson() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::collection::vec(feature(), 0..5).prop_map(|f| json!({"type": "FeatureCollection", "features": f})),
        feature(),
        geometry(),
    ]
}

/// Replaces the node that `route` leads to with `with` (or removes it from an object when `with` is None).
fn replace_at(value: &mut Value, route: &[usize], with: Option<Value>) {
    let Some((&step, rest)) = route.split_first() else {
        if let Some(with) = with {
            *value = with;
        }
        return;
    };
    match value {
        Value::Array(items) if !items.is_empty() => {
            let i = step % items.len();
            if rest.is_empty() && with.is_none() {
                items.remove(i);
            } else {
                replace_at(&mut items[i], rest, with);
            }
        }
        Value::Object(members) if !members.is_empty() => {
            let key = members.keys().nth(step % members.len()).cloned().unwrap_or_default();
            if rest.is_empty() && with.is_none() {
                members.remove(&key);
            } else if let Some(v) = members.get_mut(&key) {
                replace_at(v, rest, with);
            }
        }
        other => {
            if let Some(with) = with {
                *other = with;
            }
        }
    }
}

/// What an accepted import promises: its export reads back to the same annotations (at the stored
/// precision), and exporting that again changes nothing.
fn check_round_trip(text: &str, limits: &ImportLimits) -> Result<(), TestCaseError> {
    let Ok(report) = import_geojson(text, limits) else { return Ok(()) };
    let doc = AnnotationDocument::default().with_imported(report.annotations);
    let exported = export_geojson(&doc);
    let back = import_geojson(&exported, limits);
    prop_assert!(back.is_ok(), "the export of an accepted import is refused: {:?}\n{exported}", back.err());
    let back = back.unwrap_or_default();
    prop_assert_eq!(back.annotations.len(), doc.annotations.len());
    for (a, b) in doc.annotations.iter().zip(&back.annotations) {
        let a: &Annotation = a.borrow();
        let same = |x: Option<f64>| x.map(stored_number);
        prop_assert_eq!(
            (&a.id, &a.title, &a.note, &a.quotes, &a.foreign),
            (&b.id, &b.title, &b.note, &b.quotes, &b.foreign)
        );
        prop_assert_eq!(
            (&a.style.marker_color, &a.style.stroke, &a.style.fill),
            (&b.style.marker_color, &b.style.stroke, &b.style.fill)
        );
        prop_assert_eq!(
            (same(a.style.stroke_width), same(a.style.stroke_opacity), same(a.style.fill_opacity)),
            (b.style.stroke_width, b.style.stroke_opacity, b.style.fill_opacity)
        );
        prop_assert_eq!(a.geometry.positions().len(), b.geometry.positions().len());
    }
    // Exporting again changes nothing, byte for byte (a ring is turned to the right-hand rule at most once,
    // and a ring with no area never).
    let again = export_geojson(&AnnotationDocument::default().with_imported(back.annotations));
    prop_assert_eq!(&again, &exported);
    Ok(())
}

proptest! {
    #![proptest_config(config(384))]

    #[test]
    fn geojson_reader_never_panics_on_json_values(value in json_value()) {
        let limits = ImportLimits::default();
        check_round_trip(&value.to_string(), &limits)?;
        let tight = ImportLimits { max_depth: 6, max_features: 3, max_vertices: 10, ..limits };
        check_round_trip(&value.to_string(), &tight)?;
    }

    #[test]
    fn geojson_reader_keeps_its_promises_for_valid_and_mutated_files(
        value in geojson(),
        route in prop::collection::vec(any::<usize>(), 0..7),
        with in prop::option::of(json_value()),
        edits in prop::option::of(edits()),
    ) {
        let limits = ImportLimits::default();
        check_round_trip(&value.to_string(), &limits)?;
        let mut changed = value.clone();
        replace_at(&mut changed, &route, with);
        check_round_trip(&changed.to_string(), &limits)?;
        if let Some(edits) = edits {
            check_round_trip(&mutated(&value.to_string(), &edits), &limits)?;
        }
    }

    #[test]
    fn hand_in_reader_never_panics(
        value in geojson(),
        student in text(20),
        edits in prop::option::of(edits()),
        junk in text(60),
    ) {
        let _ = hand_in::decode(&junk, &student);
        let text = match import_geojson(&value.to_string(), &ImportLimits::default()) {
            Ok(report) => hand_in::encode(&AnnotationDocument::default().with_imported(report.annotations), &student, "task"),
            Err(_) => value.to_string(),
        };
        let text = match &edits { Some(e) => mutated(&text, e), None => text };
        if let Ok(h) = hand_in::decode(&text, "file.geojson") {
            prop_assert!(h.annotations.len() <= hand_in::MAX_HAND_IN_ANNOTATIONS);
            prop_assert!(h.student.chars().count() <= hand_in::MAX_NAME_CHARS);
            let _ = h.summary();
        }
    }
}

// ---- Camera ----

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(1.0),
        Just(20_000.0),
        Just(-1.0),
        Just(1e308),
        -30.0..30.0f64,
        -2e7..2e7f64,
        any::<f64>(),
    ]
}

fn finite(v: &Viewport) -> bool {
    v.center.x.is_finite()
        && v.center.y.is_finite()
        && v.zoom.is_finite()
        && v.width.is_finite()
        && v.height.is_finite()
}

fn command() -> impl Strategy<Value = ViewCommand> {
    prop_oneof![
        (any_f64(), any_f64()).prop_map(|(dx, dy)| ViewCommand::PanBy { dx, dy }),
        (any_f64(), any_f64(), any_f64())
            .prop_map(|(x, y, delta)| ViewCommand::ZoomAround { anchor: ScreenPx::new(x, y), delta }),
        any_f64().prop_map(|delta| ViewCommand::ZoomAtCenter { delta }),
        (any_f64(), any_f64(), any_f64(), any_f64(), any_f64()).prop_map(|(dx, dy, x, y, delta)| ViewCommand::Pinch {
            dx,
            dy,
            anchor: ScreenPx::new(x, y),
            delta
        }),
    ]
}

proptest! {
    #![proptest_config(config(2048))]

    #[test]
    fn the_camera_stays_finite_for_any_screen_zoom_and_command(
        view in (any_f64(), any_f64(), any_f64(), any_f64(), any_f64()),
        limits in (any_f64(), any_f64(), any_f64(), any_f64(), any_f64(), any_f64()),
        commands in prop::collection::vec(command(), 1..4),
        fit in (any_f64(), any_f64(), any_f64(), any_f64(), any_f64()),
    ) {
        let (x, y, zoom, width, height) = view;
        let view = Viewport { center: Mercator::new(x, y), zoom, width, height };
        let limits = ViewLimits {
            min_zoom: limits.0,
            max_zoom: limits.1,
            center_within: MercatorBounds { min: Mercator::new(limits.2, limits.3), max: Mercator::new(limits.4, limits.5) },
        };
        let mut now = view.limited(&limits);
        prop_assert!(finite(&now), "{now:?}");
        for c in commands {
            now = apply(&now, c, &limits);
            prop_assert!(finite(&now), "{c:?} gave {now:?}");
        }
        now = apply(&view, ViewCommand::ZoomAtCenter { delta: 1.0 }, &limits);
        prop_assert!(finite(&now), "{now:?}");
        let resized = now.resized(fit.0, fit.1).limited(&limits);
        prop_assert!(finite(&resized), "{resized:?}");
        let bounds = MercatorBounds { min: Mercator::new(fit.2, fit.3), max: Mercator::new(fit.4, fit.2) };
        let fitted = Viewport::fitting(bounds, fit.0, fit.1, fit.3);
        prop_assert!(finite(&fitted), "{fitted:?}");
        prop_assert!(finite(&fitted.limited(&limits)));
    }

    #[test]
    fn markers_spread_without_panicking(points in prop::collection::vec((any_f64(), any_f64()), 0..24)) {
        let anchors: Vec<ScreenPx> = points.iter().map(|(x, y)| ScreenPx::new(*x, *y)).collect();
        prop_assert_eq!(spread(&anchors).len(), anchors.len());
    }
}

// ---- Other formats (KML, KMZ, GPX, CSV, TopoJSON) ----

/// Files other tools wrote, to mutate.
const OTHER_FORMATS: [(&str, &str); 6] = [
    ("a.kml", include_str!("fixtures/interchange/kml/google-earth-style.kml")),
    ("a.kml", include_str!("fixtures/interchange/kml/ogr-libkml-export.kml")),
    ("a.gpx", include_str!("fixtures/interchange/gpx/phone-app-1.1.gpx")),
    ("a.csv", include_str!("fixtures/interchange/csv/ogr-as-wkt.csv")),
    ("a.csv", include_str!("fixtures/interchange/csv/semicolon-decimal-comma.csv")),
    ("a.topojson", include_str!("fixtures/interchange/topojson/geo2topo-quantized.topojson")),
];
const KMZ: &[u8] = include_bytes!("fixtures/interchange/kml/simplekml-doc.kmz");

/// Whatever a converter accepts imports, exports as GeoJSON and reads back.
fn reads_back(report: article_map::domain::geojson_import::ImportReport) -> Result<(), TestCaseError> {
    let text = export_geojson(&AnnotationDocument::default().with_imported(report.annotations));
    prop_assert!(import_geojson(&text, &ImportLimits::default()).is_ok(), "{text}");
    Ok(())
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn other_formats_never_panic_on_mutated_files(which in 0usize..6, edits in edits()) {
        use article_map::domain::file_import::open_file;
        let (name, text) = OTHER_FORMATS[which];
        let text = mutated(text, &edits);
        if let Ok(report) = open_file(name, text.as_bytes(), None, &ImportLimits::default()) {
            reads_back(report)?;
        }
    }

    #[test]
    fn other_formats_never_panic_on_any_text(name in prop::sample::select(vec!["a.kml", "a.gpx", "a.csv", "a.topojson", "a.tsv"]), text in text(200)) {
        use article_map::domain::file_import::open_file;
        if let Ok(report) = open_file(name, text.as_bytes(), None, &ImportLimits::default()) {
            reads_back(report)?;
        }
    }

    #[test]
    fn a_damaged_kmz_is_refused_or_read_without_panicking(at in 0usize..KMZ.len(), byte in any::<u8>(), cut in prop::option::of(0usize..KMZ.len())) {
        use article_map::domain::file_import::open_file;
        let mut bytes = KMZ.to_vec();
        bytes[at] = byte;
        if let Some(cut) = cut {
            bytes.truncate(cut.max(4));
        }
        if let Ok(report) = open_file("a.kmz", &bytes, None, &ImportLimits::default()) {
            reads_back(report)?;
        }
    }
}

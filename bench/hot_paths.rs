//! `cargo bench --bench hot_paths`: what the app runs on its hot paths, timed natively (release profile, so
//! `opt-level = "z"` and LTO like the shipped wasm; the browser's wasm is slower, and bench/run.mjs measures the
//! app in Chromium). Each line names when the app runs it (src/ui):
//! - on every pointer move while drawing, every drag step and every pan frame: the reducer,
//!   `AppState::apply` (the new state is a clone, compared with the old by `next != *self`), and the
//!   map's per-frame work (story markers placed and fanned out, labels placed, the rubber band's measures);
//! - when the view settles: the reducer, and the point annotations placed for the settled view;
//! - on each committed edit: every line and area's path data (the shapes' memo) and the autosave encoding;
//! - once per basemap level (L0 at start, L1/L2 when fetched): reading it and building its path data;
//! - on an import: the largest GeoJSON file the import accepts.
//!
//! Results and how they grow: bench/HOT-PATHS.md.

use std::hint::black_box;
use std::time::{Duration, Instant};

use std::rc::Rc;

use article_map::domain::annotation::{Annotation, AnnotationDocument, AnnotationGeometry};
use article_map::domain::basemap::{Basemap, Shape};
use article_map::domain::coords::{LonLat, ScreenPx};
use article_map::domain::drawing::{Draft, Tool};
use article_map::domain::extent::home_view;
use article_map::domain::geojson_import::{import_geojson, ImportLimits};
use article_map::domain::interaction::ViewCommand;
use article_map::domain::label_placement::ScreenBox;
use article_map::domain::labels::{
    place_map_labels, place_scene, read_labels, LabelScene, LabelStyle, PlaceToLabel, TownToLabel, WaterToLabel,
};
use article_map::domain::level_of_detail::LevelOfDetail;
use article_map::domain::marker_layout::spread;
use article_map::domain::projection::project;
use article_map::domain::saved_document::encode_checked;
use article_map::domain::story::Story;
use article_map::domain::svg_path::path_data;
use article_map::domain::synthetic::synthetic;
use article_map::domain::synthetic_frame::{rasterize, SyntheticData};
use article_map::domain::towns::{read_towns, towns_at, Town};
use article_map::domain::viewport::Viewport;
use article_map::domain::water::Water;
use article_map::ui::annotate::state::AnnotationAction;
use article_map::ui::map::map_state::MapAction;
use article_map::ui::state::{Action, AppState};

/// Each level as GeoJSON (the derived data) and as the quantized copy the app fetches.
const LEVELS: [(&str, &str, &str); 3] = [
    ("l0", include_str!("../assets/geo/l0.geojson"), include_str!("../assets/geo/l0.q.json")),
    ("l1", include_str!("../assets/geo/l1.geojson"), include_str!("../assets/geo/l1.q.json")),
    ("l2", include_str!("../assets/geo/l2.geojson"), include_str!("../assets/geo/l2.q.json")),
];

/// The map's size in CSS px for every measured state.
const MAP: (f64, f64) = (1280.0, 760.0);
/// Undo steps in the measured states (the history keeps up to `history::DEFAULT_LIMIT`, 200).
const HISTORY_STEPS: usize = 100;

// ---- The measured state. Everything that knows the shape of `AppState` is in this section. ----

/// One state, reached through the app's own actions, in the two situations a pointer move meets.
struct Scene {
    /// The Line tool is on and two vertices are placed: a pointer move sends `Cursor`.
    drawing: AppState,
    /// An area is selected and being dragged (one preview step done): a pointer move sends `Preview`.
    dragging: AppState,
    /// The dragged area as it was when the drag started (each step translates it, as `dragged` does).
    grabbed: Annotation,
}

/// A map of `MAP` size whose document holds `annotations` (a third each points, lines and areas) added in
/// `steps` undoable imports, so the history has that many steps.
fn scene(annotations: usize, steps: usize) -> Scene {
    let run = |s: AppState, a: Action| s.apply(a).expect("each set-up action changes the state");
    let story = Story::from_json(include_str!("../assets/story/umarov-tajikistan-2021.json")).map(Rc::new).ok();
    let with_story = AppState::default().with_first_story(story.map(Ok));
    let sized = run(with_story, MapAction::Resize { width: MAP.0, height: MAP.1 }.into());
    let all = mixed_annotations(annotations);
    let chunk = annotations.div_ceil(steps);
    let filled = all.chunks(chunk).fold(sized, |s, c| run(s, Action::Annotate(AnnotationAction::Import(c.to_vec()))));
    assert_eq!(filled.annotations.history.present().annotations.len(), annotations);
    assert!(filled.annotations.history.can_undo());

    let drawing = [
        AnnotationAction::SetTool(Some(Tool::Line)),
        AnnotationAction::Click(LonLat::new(70.0, 38.0)),
        AnnotationAction::Click(LonLat::new(71.0, 38.5)),
    ]
    .into_iter()
    .fold(filled.clone(), |s, a| run(s, Action::Annotate(a)));

    let area = filled
        .annotations
        .history
        .present()
        .annotations
        .iter()
        .find(|a| matches!(a.geometry, AnnotationGeometry::Polygon(_)))
        .map(|a| (**a).clone())
        .expect("an area");
    let selected = run(filled, Action::Annotate(AnnotationAction::Select(Some(area.id.clone()))));
    let dragging = run(selected, Action::Annotate(AnnotationAction::Preview(moved(&area, 0))));
    Scene { drawing, dragging, grabbed: area }
}

/// The document on screen.
fn document(s: &AppState) -> &AnnotationDocument {
    s.annotations.document()
}

/// The shape being drawn and the pointer's place.
fn draft(s: &AppState) -> (&Draft, Option<LonLat>) {
    (s.annotations.draft.as_ref().expect("a draft"), s.annotations.cursor)
}

// ---- Inputs ----

/// `n` annotations inside the home view, in turn a point, a line of 8 vertices and an area of 12.
fn mixed_annotations(n: usize) -> Vec<Annotation> {
    let s = synthetic(n.max(1), 3);
    (0..n)
        .map(|i| {
            let p = s.points[i % s.points.len()];
            let geometry = match i % 3 {
                0 => AnnotationGeometry::Point(p),
                1 => AnnotationGeometry::LineString(
                    (0..8).map(|k| LonLat::new(p.lon + k as f64 * 0.02, p.lat + (k % 2) as f64 * 0.01)).collect(),
                ),
                _ => {
                    let mut ring: Vec<LonLat> = (0..12)
                        .map(|k| {
                            let a = k as f64 / 12.0 * std::f64::consts::TAU;
                            LonLat::new(p.lon + 0.05 * a.cos(), p.lat + 0.05 * a.sin())
                        })
                        .collect();
                    ring.push(ring[0]);
                    AnnotationGeometry::Polygon(vec![ring])
                }
            };
            Annotation::new(String::new(), geometry)
        })
        .collect()
}

/// The grabbed annotation moved by step `i` of a drag (what `dragged` makes of it).
fn moved(a: &Annotation, i: usize) -> Annotation {
    let d = 0.001 * (i % 64) as f64;
    Annotation { geometry: a.geometry.translated(d, -d), ..a.clone() }
}

/// Pointer places, cycled so that every move differs from the last.
fn cursor(i: usize) -> LonLat {
    LonLat::new(72.0 + 0.01 * (i % 64) as f64, 38.0 + 0.005 * (i % 32) as f64)
}

// ---- Timing ----

/// The median over `samples` of the time per call, each sample timing `batch` calls of `f(i)`.
fn per_call(samples: usize, batch: usize, mut f: impl FnMut(usize)) -> Duration {
    let mut i = 0;
    let mut times: Vec<Duration> = (0..samples)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..batch {
                f(i);
                i += 1;
            }
            start.elapsed() / batch as u32
        })
        .collect();
    times.sort();
    times[samples / 2]
}

fn us(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e6)
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e3)
}

/// What one pointer move costs in the reducer, per call: while drawing (the rubber band), a drag step, a pan
/// frame.
fn pointer_moves(s: &Scene) -> (Duration, Duration, Duration) {
    let cursor_move = per_call(31, 2_000, |i| {
        black_box(s.drawing.apply(Action::Annotate(AnnotationAction::Cursor(Some(cursor(i))))));
    });
    let preview = per_call(31, 200, |i| {
        let step = moved(&s.grabbed, i + 1);
        black_box(s.dragging.apply(Action::Annotate(AnnotationAction::Preview(step))));
    });
    let pan = per_call(31, 2_000, |i| {
        let dx = if i % 2 == 0 { 3.0 } else { -3.0 };
        black_box(s.dragging.apply(MapAction::Move(ViewCommand::PanBy { dx, dy: 1.0 }).into()));
    });
    (cursor_move, preview, pan)
}

fn main() {
    println!("Reducer, one call of AppState::apply (clone, change, `next != *self`), with {HISTORY_STEPS} undo steps:");
    println!(
        "{:>12} {:>16} {:>16} {:>16} {:>14} {:>14} {:>14}",
        "annotations", "cursor (µs)", "preview (µs)", "pan frame (µs)", "settle (µs)", "clone (µs)", "compare = (µs)"
    );
    for n in [100, 1_000, 5_000] {
        let s = scene(n, HISTORY_STEPS);
        let (cursor_move, preview, pan) = pointer_moves(&s);
        let panned = s.dragging.apply(MapAction::Move(ViewCommand::PanBy { dx: 3.0, dy: 1.0 }).into()).unwrap();
        let settle = per_call(31, 2_000, |_| {
            black_box(panned.apply(MapAction::Settle.into()));
        });
        // The two parts every one of those calls pays, apart: the clone, and the comparison. Two equal states
        // are compared field by field to the end (the most `next != *self` can cost: a state that differs
        // stops at its first different field).
        let clone = per_call(31, 2_000, |_| {
            black_box(s.dragging.clone());
        });
        let copy = s.dragging.clone();
        let compare = per_call(31, 2_000, |_| {
            black_box(black_box(&copy) != black_box(&s.dragging));
        });
        println!(
            "{n:>12} {:>16} {:>16} {:>16} {:>14} {:>14} {:>14}",
            us(cursor_move),
            us(preview),
            us(pan),
            us(settle),
            us(clone),
            us(compare)
        );
    }

    // How the reducer's cost follows the history's length (its past states are cloned with every state).
    println!();
    println!(
        "{:>12} {:>12} {:>16} {:>16} {:>16}",
        "annotations", "undo steps", "cursor (µs)", "preview (µs)", "pan frame (µs)"
    );
    for steps in [1, 100, 200] {
        let s = scene(1_000, steps);
        let (cursor_move, preview, pan) = pointer_moves(&s);
        println!("{:>12} {steps:>12} {:>16} {:>16} {:>16}", 1_000, us(cursor_move), us(preview), us(pan));
    }

    // The map's own work on each frame (MapView and LabelLayer render for the live view) and each settle.
    let s = scene(1_000, HISTORY_STEPS);
    let view = s.drawing.map.view;
    let story = &s.drawing.story;
    let markers = per_call(31, 500, |_| {
        let anchors: Vec<ScreenPx> = story.features.iter().map(|f| view.lonlat_to_screen(f.anchor)).collect();
        black_box(spread(&anchors));
    });
    let labels = read_labels(include_str!("../assets/geo/labels.json")).unwrap();
    let anchors: Vec<ScreenPx> = story.features.iter().map(|f| view.lonlat_to_screen(f.anchor)).collect();
    let positions = spread(&anchors);
    let places: Vec<PlaceToLabel> =
        story.features.iter().zip(&positions).map(|(f, at)| PlaceToLabel { text: &f.label, at: *at }).collect();
    let placed = per_call(31, 500, |_| {
        black_box(place_map_labels(&labels, &places, LabelStyle::READER, &view, |_| false));
    });
    // The whole scene LabelLayer places since the reference layers came: towns (thinned by zoom, on screen
    // only) and named rivers and lakes with the story's places and the basemap's labels, at the first view
    // and zoomed in on Ishkashim.
    let towns = read_towns(include_str!("../assets/geo/places.json")).unwrap();
    let water: Water = include_str!("../assets/geo/water.geojson").parse().unwrap();
    let mut scenes = Vec::new();
    for (what, at_view) in [
        ("first view", view),
        ("Ishkashim, zoom 8.3", Viewport { center: project(LonLat::new(71.61, 36.72)), zoom: 8.3, ..view }),
    ] {
        let anchors: Vec<ScreenPx> = story.features.iter().map(|f| at_view.lonlat_to_screen(f.anchor)).collect();
        let positions = spread(&anchors);
        let places: Vec<PlaceToLabel> =
            story.features.iter().zip(&positions).map(|(f, at)| PlaceToLabel { text: &f.label, at: *at }).collect();
        let shown: Vec<&Town> = towns_at(&towns, at_view.zoom)
            .into_iter()
            .filter(|t| {
                let p = at_view.lonlat_to_screen(t.at());
                p.x >= -8.0 && p.y >= -8.0 && p.x <= at_view.width + 8.0 && p.y <= at_view.height + 8.0
            })
            .collect();
        let town_labels: Vec<TownToLabel> = shown
            .iter()
            .map(|t| TownToLabel { text: &t.name, at: at_view.lonlat_to_screen(t.at()), capital: t.capital })
            .collect();
        let water_labels: Vec<WaterToLabel> = water
            .features
            .iter()
            .filter(|f| f.shown_at(at_view.zoom))
            .filter_map(|f| {
                Some(WaterToLabel { text: f.name.as_deref()?, at: at_view.lonlat_to_screen(f.label_at()?) })
            })
            .collect();
        let chrome = [ScreenBox { left: 12.0, top: 12.0, right: 100.0, bottom: 80.0 }];
        let scene = LabelScene { places: &places, towns: &town_labels, water: &water_labels, chrome: &chrome };
        let mut shown_labels = 0;
        let cost = per_call(31, 200, |_| {
            let placed = place_scene(&labels, scene, LabelStyle::READER, &at_view, |_| false);
            shown_labels = placed.basemap.len()
                + placed.places.len()
                + placed.clusters.len()
                + placed.towns.len()
                + placed.water.len();
            black_box(placed);
        });
        scenes.push((what, places.len(), town_labels.len(), water_labels.len(), shown_labels, cost));
    }
    let (d, c) = draft(&s.drawing);
    let band = per_call(31, 2_000, |_| {
        black_box(d.preview(c).map(|g| g.measures().in_words()));
    });
    let doc = document(&s.drawing);
    let points = per_call(31, 200, |_| {
        let placed: Vec<ScreenPx> = doc
            .annotations
            .iter()
            .filter_map(|a| match a.geometry {
                AnnotationGeometry::Point(p) => Some(view.lonlat_to_screen(p)),
                _ => None,
            })
            .collect();
        black_box((placed, LevelOfDetail::for_degrees_per_px(view.degrees_per_px())));
    });
    println!();
    println!("Each frame: {} story markers placed and fanned out: {} µs", story.features.len(), us(markers));
    println!(
        "Each frame: {} basemap labels and {} place labels placed together (LabelLayer): {} µs",
        labels.len(),
        places.len(),
        us(placed)
    );
    for (what, places, towns, water, shown, cost) in &scenes {
        println!(
            "Each frame, {what}: {} basemap labels, {places} places, {towns} towns, {water} water names asked for, {shown} shown (place_scene, with clusters): {} µs",
            labels.len(),
            us(*cost)
        );
    }
    println!("Each pointer move while drawing: the rubber band's measures in words: {} µs", us(band));
    println!("Each settle: point annotations of a 1,000-annotation document placed, level chosen: {} µs", us(points));

    // Each committed edit: the shapes' paths are rebuilt (AnnotationShapes memo on the document) and the
    // document is saved (autosave: encoded and read back).
    println!();
    println!("{:>12} {:>22} {:>22}", "annotations", "shape paths (ms)", "autosave encode (ms)");
    for n in [100, 1_000, 5_000] {
        let s = scene(n, HISTORY_STEPS);
        let doc = document(&s.drawing);
        let shapes = per_call(11, 5, |_| {
            let paths: Vec<String> = doc
                .annotations
                .iter()
                .filter_map(|a| match &a.geometry {
                    AnnotationGeometry::LineString(l) => Some(path_data(&Shape::Lines(vec![l.clone()]))),
                    AnnotationGeometry::Polygon(p) => Some(path_data(&Shape::Areas(vec![p.clone()]))),
                    _ => None,
                })
                .collect();
            black_box(paths);
        });
        let save = per_call(5, 1, |_| {
            black_box(encode_checked(doc, "2026-12-01T12:00:00Z").unwrap());
        });
        println!("{n:>12} {:>22} {:>22}", ms(shapes), ms(save));
    }

    // Once per level, fetched: at start (L0) or when a zoom first needs it (L1, L2). The app reads the
    // quantized copy; the GeoJSON read is timed beside it for comparison.
    println!();
    println!(
        "{:<6} {:>9} {:>10} {:>10} {:>10} {:>16} {:>12} {:>12}",
        "level", "vertices", "bytes", "q bytes", "path bytes", "GeoJSON read (ms)", "q read (ms)", "paths (ms)"
    );
    for (name, text, quantized) in LEVELS {
        let map: Basemap = text.parse().expect("embedded basemap");
        let read = per_call(11, 1, |_| {
            black_box(text.parse::<Basemap>().unwrap());
        });
        let quantized_read = per_call(11, 1, |_| {
            black_box(Basemap::from_quantized(quantized).unwrap());
        });
        let path_bytes: usize = map.features.iter().map(|f| path_data(&f.shape).len()).sum();
        let paths = per_call(11, 1, |_| {
            for f in &map.features {
                black_box(path_data(&f.shape));
            }
        });
        println!(
            "{name:<6} {:>9} {:>10} {:>10} {:>10} {:>16} {:>12} {:>12}",
            map.vertex_count(),
            text.len(),
            quantized.len(),
            path_bytes,
            ms(read),
            ms(quantized_read),
            ms(paths)
        );
    }

    // At start, before the first render: the default story package read and checked (every quote found in
    // the article), and L0 read (the row above).
    let story_text = include_str!("../assets/story/umarov-tajikistan-2021.json");
    let story_read = per_call(11, 1, |_| {
        black_box(Story::from_json(story_text).unwrap());
    });
    println!();
    println!("At start: the default story ({} B) read and its quotes checked: {} ms", story_text.len(), ms(story_read));

    // Each settle with ?synthetic=N: the layer rasterized for the view (1024×768 map, the overhang of the
    // drawing, device scale 1), at the home view and fitted to the whole synthetic extent.
    println!();
    println!("{:>10} {:>22} {:>22} {:>14}", "synthetic", "home view (ms)", "whole extent (ms)", "drawn (whole)");
    for n in [1_000, 100_000, 1_000_000] {
        let data = SyntheticData::projected(synthetic(n, 1));
        let size = (1024.0 * 1.5, 768.0 * 1.5);
        let home = home_view(1024.0, 768.0);
        let whole = Viewport { center: project(LonLat::new(72.0, 40.5)), zoom: 3.6, width: 1024.0, height: 768.0 };
        let samples = if n >= 1_000_000 { 5 } else { 11 };
        // As the layer does it: rasterized, then composited into RGBA 64 rows at a time.
        let picture = |view: &Viewport| {
            let frame = rasterize(&data, view, size, 1.0);
            for first in (0..frame.height).step_by(64) {
                black_box(frame.band(first, 64));
            }
        };
        let at_home = per_call(samples, 1, |_| picture(&home));
        let at_whole = per_call(samples, 1, |_| picture(&whole));
        let drawn = rasterize(&data, &whole, size, 1.0).drawn_points;
        println!("{n:>10} {:>22} {:>22} {drawn:>14}", ms(at_home), ms(at_whole));
    }

    // On an import: the largest file the import accepts (ImportLimits::default(), as the toolbar uses).
    let limits = ImportLimits::default();
    let big = largest_accepted_geojson(&limits);
    let report = import_geojson(&big, &limits).expect("within the import limits");
    let t = per_call(5, 1, |_| {
        black_box(import_geojson(&big, &limits).unwrap());
    });
    println!();
    println!(
        "import of {:.1} MB GeoJSON ({} features, {} positions; limits {} MiB / {} features / {} positions): {} ms",
        big.len() as f64 / 1e6,
        report.annotations.len(),
        report.annotations.iter().map(|a| a.geometry.position_count()).sum::<usize>(),
        limits.max_bytes / (1024 * 1024),
        limits.max_features,
        limits.max_vertices,
        ms(t)
    );
}

/// A FeatureCollection as large as the import accepts: points, lines and areas up to the feature, position and
/// byte limits (deterministic).
fn largest_accepted_geojson(limits: &ImportLimits) -> String {
    let s = synthetic(limits.max_features, 7);
    let (mut features, mut size, mut positions) = (Vec::new(), 0, 0);
    for (i, p) in s.points.iter().enumerate() {
        let (geometry, count) = match i % 3 {
            0 => (format!(r#"{{"type":"Point","coordinates":[{:.6},{:.6}]}}"#, p.lon, p.lat), 1),
            1 => {
                let line: Vec<String> = (0..60)
                    .map(|k| format!("[{:.6},{:.6}]", p.lon + k as f64 * 0.001, p.lat + (k % 3) as f64 * 0.001))
                    .collect();
                (format!(r#"{{"type":"LineString","coordinates":[{}]}}"#, line.join(",")), line.len())
            }
            _ => {
                let mut ring: Vec<String> = (0..60)
                    .map(|k| {
                        let a = k as f64 / 60.0 * std::f64::consts::TAU;
                        format!("[{:.6},{:.6}]", p.lon + 0.1 * a.cos(), p.lat + 0.1 * a.sin())
                    })
                    .collect();
                ring.push(ring[0].clone());
                (format!(r#"{{"type":"Polygon","coordinates":[[{}]]}}"#, ring.join(",")), ring.len())
            }
        };
        let feature = format!(
            r##"{{"type":"Feature","id":"f{i}","properties":{{"title":"Feature {i}","stroke":"#7e7e7e"}},"geometry":{geometry}}}"##
        );
        if size + feature.len() + 64 > limits.max_bytes || positions + count > limits.max_vertices {
            break;
        }
        size += feature.len() + 1;
        positions += count;
        features.push(feature);
    }
    format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))
}

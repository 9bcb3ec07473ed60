//! The embedded basemap (assets/geo/, derived by scripts/derive-data) checked against the figures measured
//! independently in ../shared/design/data.md, with tolerances. Areas and lengths are computed here by the
//! app's own geodesy, not read from the derivation's report.

use article_map::domain::basemap::{Basemap, BorderKind, Shape};
use article_map::domain::bounds::LonLatBounds;
use article_map::domain::coords::LonLat;
use article_map::domain::extent::{home_view, EXTENT};
use article_map::domain::geodesy::{line_length_m, polygon_area_m2};
use article_map::domain::labels::{place_labels, read_labels};
use article_map::domain::layers::LayerId;

const L0: &str = include_str!("../assets/geo/l0.geojson");
const L1: &str = include_str!("../assets/geo/l1.geojson");
const L2: &str = include_str!("../assets/geo/l2.geojson");
const LABELS: &str = include_str!("../assets/geo/labels.json");

fn level(text: &str) -> Basemap {
    text.parse().unwrap_or_else(|e| panic!("embedded basemap does not parse: {e}"))
}

fn area_km2(map: &Basemap, id: &str) -> f64 {
    match &map.feature(id).unwrap_or_else(|| panic!("no feature {id}")).shape {
        Shape::Areas(polygons) => polygons.iter().map(|p| polygon_area_m2(p)).sum::<f64>() / 1e6,
        Shape::Lines(_) => panic!("{id} is not an area"),
    }
}

fn length_km(map: &Basemap, id: &str) -> f64 {
    match &map.feature(id).unwrap_or_else(|| panic!("no feature {id}")).shape {
        Shape::Lines(lines) => lines.iter().map(|l| line_length_m(l)).sum::<f64>() / 1e3,
        Shape::Areas(_) => panic!("{id} is not a line"),
    }
}

fn assert_near(what: &str, got: f64, expected: f64, tolerance: f64) {
    let off = (got - expected).abs() / expected;
    assert!(off <= tolerance, "{what}: {got:.1}, expected {expected} ± {:.1} %", tolerance * 100.0);
}

fn points(shape: &Shape) -> Vec<LonLat> {
    match shape {
        Shape::Areas(p) => p.iter().flatten().flatten().copied().collect(),
        Shape::Lines(l) => l.iter().flatten().copied().collect(),
    }
}

/// What the app fetches: the quantized copies, written from the GeoJSON by scripts/derive-data/quantize.py.
const QUANTIZED: [(&str, &str); 3] = [
    ("l0", include_str!("../assets/geo/l0.q.json")),
    ("l1", include_str!("../assets/geo/l1.q.json")),
    ("l2", include_str!("../assets/geo/l2.q.json")),
];

#[test]
fn the_quantized_copy_the_app_fetches_is_exactly_the_geojson() {
    for ((name, geojson), (_, quantized)) in [("l0", L0), ("l1", L1), ("l2", L2)].into_iter().zip(QUANTIZED) {
        let copy = Basemap::from_quantized(quantized).unwrap_or_else(|e| panic!("{name}.q.json: {e}"));
        assert_eq!(copy, level(geojson), "{name}.q.json differs from {name}.geojson: rerun quantize.py");
    }
}

#[test]
fn every_level_parses_and_holds_every_layer() {
    for (name, text) in [("l0", L0), ("l1", L1), ("l2", L2)] {
        let map = level(text);
        for layer in [
            LayerId::Countries,
            LayerId::Xinjiang,
            LayerId::Gbao,
            LayerId::Badakhshan,
            LayerId::Wakhan,
            LayerId::Borders,
        ] {
            assert!(map.layer(layer).count() > 0, "{name} has no {layer:?}");
        }
        for iso in ["TJK", "AFG", "CHN", "KGZ", "KAZ", "UZB", "TKM", "PAK", "IND", "MNG", "RUS", "IRN"] {
            assert!(map.feature(iso).is_some_and(|f| f.layer == LayerId::Countries), "{name} lacks {iso}");
        }
        for border in ["AFG-TJK", "CHN-TJK", "AFG-CHN"] {
            let f = map.feature(border).unwrap_or_else(|| panic!("{name} lacks {border}"));
            assert_eq!(f.border_kind, Some(BorderKind::Story), "{border} is a story border");
        }
        assert_eq!(map.feature("KGZ-TJK").and_then(|f| f.border_kind), Some(BorderKind::International));
    }
}

#[test]
fn everything_lies_inside_the_extent() {
    let slack = LonLatBounds::new(EXTENT.west - 1e-6, EXTENT.south - 1e-6, EXTENT.east + 1e-6, EXTENT.north + 1e-6);
    for text in [L0, L1, L2] {
        for f in level(text).features {
            assert!(points(&f.shape).iter().all(|p| slack.contains(*p)), "{} leaves the extent", f.id);
        }
    }
}

#[test]
fn the_clip_edge_is_never_stroked() {
    // Lines (borders, coasts) may end at the extent's edge but never run along it.
    let on_edge = |p: &LonLat| {
        (p.lon - EXTENT.west).abs() < 1e-6
            || (p.lon - EXTENT.east).abs() < 1e-6
            || (p.lat - EXTENT.south).abs() < 1e-6
            || (p.lat - EXTENT.north).abs() < 1e-6
    };
    for text in [L0, L1, L2] {
        for f in level(text).features {
            if let Shape::Lines(lines) = &f.shape {
                for line in lines {
                    for pair in line.windows(2) {
                        assert!(!(on_edge(&pair[0]) && on_edge(&pair[1])), "{} runs along the clip edge", f.id);
                    }
                }
            }
        }
    }
}

#[test]
fn areas_match_the_measured_figures() {
    let map = level(L2);
    assert_near("Tajikistan km²", area_km2(&map, "TJK"), 142_230.0, 0.015);
    assert_near("Gorno-Badakhshan km²", area_km2(&map, "gbao"), 63_550.0, 0.02);
    assert_near("Badakhshan km²", area_km2(&map, "badakhshan"), 43_675.0, 0.02);
    assert_near("Xinjiang km²", area_km2(&map, "xinjiang"), 1_630_230.0, 0.02);
    assert_near("Wakhan Corridor km²", area_km2(&map, "wakhan"), 11_093.0, 0.02);
    // Coarser levels keep areas close: the generalisation does not eat the country.
    for text in [L0, L1] {
        assert_near("Tajikistan km² (coarse)", area_km2(&level(text), "TJK"), 142_230.0, 0.03);
    }
}

#[test]
fn the_wakhan_corridor_follows_the_rule() {
    let map = level(L2);
    let wakhan = map.feature("wakhan").unwrap();
    let Shape::Areas(polygons) = &wakhan.shape else { panic!("the Wakhan is an area") };
    assert_eq!(polygons.len(), 1, "the largest piece only");
    let pts = points(&wakhan.shape);
    let west = pts.iter().map(|p| p.lon).fold(f64::MAX, f64::min);
    let east = pts.iter().map(|p| p.lon).fold(f64::MIN, f64::max);
    assert!((west - 71.60).abs() < 1e-6, "cut at 71.60°E, got {west}");
    assert!(east > 74.8 && east <= 75.0, "reaches the Chinese border, got {east}");
    // East–west it is about 300–350 km long (published), measured along its middle latitude.
    let mid_lat = 37.0;
    let span = article_map::domain::geodesy::distance_m(LonLat::new(west, mid_lat), LonLat::new(east, mid_lat)) / 1e3;
    assert!((250.0..=350.0).contains(&span), "straight span {span:.0} km");
}

#[test]
fn border_lengths_match_the_measured_figures() {
    let map = level(L2);
    assert_near("Tajik–Afghan km", length_km(&map, "AFG-TJK"), 1_172.0, 0.02);
    assert_near("Tajik–Chinese km", length_km(&map, "CHN-TJK"), 404.0, 0.02);
    assert_near("Afghan–Chinese km", length_km(&map, "AFG-CHN"), 84.6, 0.03);
    assert_near("Tajik–Kyrgyz km", length_km(&map, "KGZ-TJK"), 838.0, 0.02);
}

#[test]
fn borders_meet_at_the_tripoints() {
    let map = level(L2);
    let ends = |id: &str| -> Vec<LonLat> {
        match &map.feature(id).unwrap().shape {
            Shape::Lines(lines) => lines.iter().flat_map(|l| [l[0], l[l.len() - 1]]).collect(),
            Shape::Areas(_) => unreachable!(),
        }
    };
    let near = |p: &LonLat, lon: f64, lat: f64| (p.lon - lon).abs() < 0.02 && (p.lat - lat).abs() < 0.02;
    for (a, b, lon, lat) in [("AFG-TJK", "CHN-TJK", 74.89, 37.23), ("KGZ-TJK", "CHN-TJK", 73.63, 39.45)] {
        assert!(ends(a).iter().any(|p| near(p, lon, lat)), "{a} ends at {lon} {lat}");
        assert!(ends(b).iter().any(|p| near(p, lon, lat)), "{b} ends at {lon} {lat}");
    }
}

#[test]
fn levels_of_detail_get_finer() {
    let counts: Vec<usize> = [L0, L1, L2].iter().map(|t| level(t).vertex_count()).collect();
    assert!(counts[0] < counts[1] && counts[1] < counts[2], "vertex counts {counts:?}");
}

#[test]
fn labels_are_inside_the_extent_and_the_focus_labels_show_at_the_first_view() {
    let labels = read_labels(LABELS).unwrap();
    let mut ids: Vec<&str> = labels.iter().map(|l| l.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), labels.len(), "label ids are unique");
    assert!(labels.iter().all(|l| EXTENT.contains(LonLat::new(l.lon, l.lat))));
    for (width, height) in [(1280.0, 740.0), (800.0, 600.0)] {
        let view = home_view(width, height);
        let placed = place_labels(&labels, &view, |_| false);
        for id in ["TJK", "AFG", "CHN", "wakhan", "xinjiang"] {
            assert!(placed.iter().any(|p| p.id == id), "{id} is labelled at {width}×{height}");
        }
    }
}

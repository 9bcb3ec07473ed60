//! `cargo bench --bench hot_paths`: the domain's hot paths, native release build (the browser's wasm is
//! slower; bench/run.mjs measures the app in Chromium):
//! - reading the embedded basemap and building its SVG path data at each level of detail;
//! - placing the labels;
//! - hit-testing among 100,000 points (the synthetic workload) through the grid index;
//! - importing a 10 MB GeoJSON file (validation and conversion).

use std::hint::black_box;
use std::time::{Duration, Instant};

use article_map::domain::basemap::Basemap;
use article_map::domain::coords::{LonLat, ScreenPx};
use article_map::domain::extent::home_view;
use article_map::domain::geojson_import::{import_geojson, ImportLimits};
use article_map::domain::hit_test::PointIndex;
use article_map::domain::labels::{place_labels, read_labels};
use article_map::domain::projection::project;
use article_map::domain::svg_path::path_data;
use article_map::domain::synthetic::synthetic;
use article_map::domain::viewport::Viewport;

const LEVELS: [(&str, &str); 3] = [
    ("l0", include_str!("../assets/geo/l0.geojson")),
    ("l1", include_str!("../assets/geo/l1.geojson")),
    ("l2", include_str!("../assets/geo/l2.geojson")),
];

/// The median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    println!(
        "{:<6} {:>9} {:>10} {:>10} {:>12} {:>12}",
        "level", "vertices", "bytes", "path bytes", "read (ms)", "paths (ms)"
    );
    for (name, text) in LEVELS {
        let map: Basemap = text.parse().expect("embedded basemap");
        let read = median(21, || {
            black_box(text.parse::<Basemap>().unwrap());
        });
        let path_bytes: usize = map.features.iter().map(|f| path_data(&f.shape).len()).sum();
        let paths = median(21, || {
            for f in &map.features {
                black_box(path_data(&f.shape));
            }
        });
        println!(
            "{name:<6} {:>9} {:>10} {:>10} {:>12.2} {:>12.2}",
            map.vertex_count(),
            text.len(),
            path_bytes,
            read.as_secs_f64() * 1e3,
            paths.as_secs_f64() * 1e3
        );
    }
    let labels = read_labels(include_str!("../assets/geo/labels.json")).unwrap();
    let view = home_view(1280.0, 760.0);
    let place = median(101, || {
        black_box(place_labels(&labels, &view, |_| false));
    });
    println!("label placement ({} labels): {:.1} µs", labels.len(), place.as_secs_f64() * 1e6);

    // Hit-testing among 100k points at the home view and deeper.
    let points: Vec<_> = synthetic(100_000, 1).points.into_iter().map(project).collect();
    let build_start = Instant::now();
    let index = PointIndex::new(points, 10_000.0);
    let built = build_start.elapsed();
    for zoom in [5.0, 8.0] {
        let view = Viewport { center: project(LonLat::new(72.0, 38.0)), zoom, width: 1280.0, height: 760.0 };
        let queries: Vec<ScreenPx> =
            (0..1000).map(|i| ScreenPx::new((i * 37 % 1280) as f64, (i * 53 % 760) as f64)).collect();
        let t = median(11, || {
            for q in &queries {
                black_box(index.hit(&view, *q, 8.0));
            }
        });
        println!(
            "hit-test among {} points at zoom {zoom}: {:.2} µs per query (index built in {:.1} ms)",
            index.len(),
            t.as_secs_f64() * 1e6 / queries.len() as f64,
            built.as_secs_f64() * 1e3
        );
    }

    // Import of a 10 MB GeoJSON: polygons, lines and points in the extent.
    let big = ten_megabytes_of_geojson();
    let t = median(5, || {
        black_box(import_geojson(&big, &ImportLimits::default()).unwrap());
    });
    let features = import_geojson(&big, &ImportLimits::default()).unwrap().annotations.len();
    println!(
        "import of {:.1} MB GeoJSON ({features} features): {:.0} ms ({:.1} MB/s)",
        big.len() as f64 / 1e6,
        t.as_secs_f64() * 1e3,
        big.len() as f64 / 1e6 / t.as_secs_f64()
    );
}

/// A FeatureCollection of about 10 MB, made from the synthetic generator (deterministic).
fn ten_megabytes_of_geojson() -> String {
    let s = synthetic(60_000, 7);
    let mut features = Vec::new();
    let mut size = 0;
    let mut i = 0;
    while size < 10_000_000 {
        let p = s.points[i % s.points.len()];
        let geometry = match i % 3 {
            0 => format!(r#"{{"type":"Point","coordinates":[{:.6},{:.6}]}}"#, p.lon, p.lat),
            1 => {
                let line: Vec<String> = (0..20)
                    .map(|k| format!("[{:.6},{:.6}]", p.lon + k as f64 * 0.01, p.lat + (k % 3) as f64 * 0.01))
                    .collect();
                format!(r#"{{"type":"LineString","coordinates":[{}]}}"#, line.join(","))
            }
            _ => {
                let mut ring: Vec<String> = (0..24)
                    .map(|k| {
                        let a = k as f64 / 24.0 * std::f64::consts::TAU;
                        format!("[{:.6},{:.6}]", p.lon + 0.1 * a.cos(), p.lat + 0.1 * a.sin())
                    })
                    .collect();
                ring.push(ring[0].clone());
                format!(r#"{{"type":"Polygon","coordinates":[[{}]]}}"#, ring.join(","))
            }
        };
        let feature = format!(
            r##"{{"type":"Feature","id":"f{i}","properties":{{"title":"Feature {i}","stroke":"#7e7e7e"}},"geometry":{geometry}}}"##
        );
        size += feature.len() + 1;
        features.push(feature);
        i += 1;
    }
    format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))
}

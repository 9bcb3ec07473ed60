//! `cargo bench --bench basemap`: how long the embedded basemap takes to read and to turn into SVG path data
//! at each level of detail, and to place the labels (native release build; the browser is slower, see
//! bench/first-load.mjs for the in-browser figure).

use std::hint::black_box;
use std::time::{Duration, Instant};

use article_map::domain::basemap::Basemap;
use article_map::domain::labels::{place_labels, read_labels};
use article_map::domain::svg_path::path_data;
use article_map::ui::state::AppState;

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
    let view = AppState::home_view(1280.0, 760.0);
    let place = median(101, || {
        black_box(place_labels(&labels, &view, |_| false));
    });
    println!("label placement ({} labels): {:.1} µs", labels.len(), place.as_secs_f64() * 1e6);
}

//! The basemap and labels. Every level of detail is a quantized file served beside the app (same origin,
//! copied by trunk from assets/geo/): the coarsest (L0) is the first frame's, and index.html preloads it so
//! that it downloads while the wasm does; the finer ones (L1, L2) are fetched the first time a zoom needs
//! them. The levels fetched so far are state ([`crate::ui::map::map_state::BasemapLevels`]). Each level is
//! read and turned into SVG path data once. The labels (3 KB) are compiled in.

use std::rc::Rc;

use crate::browser::fetch::fetch_preloaded_text;
use crate::domain::basemap::{Basemap, BorderKind};
use crate::domain::labels::{read_labels, MapLabel};
use crate::domain::layers::LayerId;
use crate::domain::level_of_detail::LevelOfDetail;
use crate::domain::svg_path::path_data;
use crate::ui::shell::alerts::{Alert, Severity};

const LABELS: &str = include_str!("../../../assets/geo/labels.json");

/// One feature ready to draw.
#[derive(Debug, PartialEq)]
pub struct DrawnFeature {
    pub layer: LayerId,
    pub id: String,
    pub name: String,
    /// CSS classes that style it.
    pub class: String,
    /// SVG path data in Mercator metres, y down.
    pub d: yew::AttrValue,
}

/// A whole level, ready to draw.
#[derive(Debug, PartialEq)]
pub struct DrawnLevel {
    pub level: LevelOfDetail,
    pub features: Vec<DrawnFeature>,
}

/// The file a level is served as, relative to the page (index.html copies them and preloads L0).
pub fn level_file(level: LevelOfDetail) -> &'static str {
    match level {
        LevelOfDetail::L0 => "l0.q.json",
        LevelOfDetail::L1 => "l1.q.json",
        LevelOfDetail::L2 => "l2.q.json",
    }
}

fn class_of(layer: LayerId, id: &str, border: Option<BorderKind>) -> String {
    match (layer, border) {
        (_, Some(BorderKind::Story)) => "border border-story".into(),
        (_, Some(BorderKind::International)) => "border border-international".into(),
        (_, Some(BorderKind::Coast)) => "coast".into(),
        (LayerId::Countries, None) => format!("country country-{}", id.to_ascii_lowercase()),
        (layer, None) => format!("region region-{}", layer.id()),
    }
}

/// Reads a level's fetched text (quantized) and builds its path data.
pub fn read_level(level: LevelOfDetail, text: &str) -> Result<DrawnLevel, String> {
    let map = Basemap::from_quantized(text).map_err(|e| format!("basemap {}: {e}", level.name()))?;
    let features = map
        .features
        .iter()
        .map(|f| DrawnFeature {
            layer: f.layer,
            id: f.id.clone(),
            name: f.name.clone(),
            class: class_of(f.layer, &f.id, f.border_kind),
            d: path_data(&f.shape).into(),
        })
        .collect();
    Ok(DrawnLevel { level, features })
}

/// The largest basemap file read, bytes.
pub const MAX_LEVEL_BYTES: usize = 32 * 1024 * 1024;

/// Fetches and reads a level (L0 comes from index.html's preload).
pub async fn fetch_level(level: LevelOfDetail) -> Result<DrawnLevel, String> {
    let file = level_file(level);
    fetch_preloaded_text(file, MAX_LEVEL_BYTES)
        .await
        .and_then(|text| read_level(level, &text))
        .map_err(|e| format!("{file}: {e}"))
}

/// What the reader is told when L0 could not be had: the map has no outline, the rest works.
pub fn outline_failed(why: String) -> Alert {
    Alert::new(
        Severity::Error,
        "The map’s outline could not be loaded. The story and your annotations still work.",
        vec![why],
    )
}

/// The embedded label list.
pub fn embedded_labels() -> Result<Rc<Vec<MapLabel>>, String> {
    thread_local! {
        static LABEL_LIST: Result<Rc<Vec<MapLabel>>, String> = read_labels(LABELS).map(Rc::new);
    }
    LABEL_LIST.with(|l| l.clone())
}

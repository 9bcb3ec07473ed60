//! The basemap and labels. The coarsest level (L0) and the labels are compiled into the app, so the first
//! frame needs no request; the finer levels (L1, L2) are files served beside the app (same origin, copied
//! by trunk from assets/geo/) and fetched the first time a zoom needs them; the levels fetched so far are
//! state ([`crate::ui::map::map_state::BasemapLevels`]). Each level is read and turned into SVG path data once.

use std::rc::Rc;

use crate::domain::basemap::{Basemap, BorderKind};
use crate::domain::labels::{read_labels, MapLabel};
use crate::domain::layers::LayerId;
use crate::domain::level_of_detail::LevelOfDetail;
use crate::domain::svg_path::path_data;

const L0: &str = include_str!("../../../assets/geo/l0.geojson");
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

/// The file a fine level is served as, relative to the page.
pub fn level_file(level: LevelOfDetail) -> Option<&'static str> {
    match level {
        LevelOfDetail::L0 => None,
        LevelOfDetail::L1 => Some("l1.geojson"),
        LevelOfDetail::L2 => Some("l2.geojson"),
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

/// Reads a level's text (a fetched one, or the compiled-in L0) and builds its path data.
pub fn read_level(level: LevelOfDetail, text: &str) -> Result<DrawnLevel, String> {
    let map: Basemap = text.parse().map_err(|e| format!("basemap {}: {e}", level.name()))?;
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

/// The compiled-in coarsest level, read the first time it is asked for (it is a constant of the app).
pub fn embedded_l0() -> Result<Rc<DrawnLevel>, String> {
    thread_local! {
        static L0_DRAWN: Result<Rc<DrawnLevel>, String> = read_level(LevelOfDetail::L0, L0).map(Rc::new);
    }
    L0_DRAWN.with(|l| l.clone())
}

/// The embedded label list.
pub fn embedded_labels() -> Result<Rc<Vec<MapLabel>>, String> {
    thread_local! {
        static LABEL_LIST: Result<Rc<Vec<MapLabel>>, String> = read_labels(LABELS).map(Rc::new);
    }
    LABEL_LIST.with(|l| l.clone())
}

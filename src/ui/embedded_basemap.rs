//! The basemap and labels compiled into the app (assets/geo/), read once and turned into SVG path data once
//! per level of detail, on first use.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::domain::basemap::{Basemap, BorderKind};
use crate::domain::labels::{read_labels, MapLabel};
use crate::domain::layers::LayerId;
use crate::domain::level_of_detail::LevelOfDetail;
use crate::domain::svg_path::path_data;

const L0: &str = include_str!("../../assets/geo/l0.geojson");
const L1: &str = include_str!("../../assets/geo/l1.geojson");
const L2: &str = include_str!("../../assets/geo/l2.geojson");
const LABELS: &str = include_str!("../../assets/geo/labels.json");

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

fn source(level: LevelOfDetail) -> &'static str {
    match level {
        LevelOfDetail::L0 => L0,
        LevelOfDetail::L1 => L1,
        LevelOfDetail::L2 => L2,
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

fn draw(level: LevelOfDetail) -> Result<DrawnLevel, String> {
    let map: Basemap = source(level).parse().map_err(|e| format!("embedded basemap {}: {e}", level.name()))?;
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

thread_local! {
    static DRAWN: RefCell<HashMap<LevelOfDetail, Rc<DrawnLevel>>> = RefCell::new(HashMap::new());
}

/// The embedded basemap at a level of detail, drawn on first use and kept.
pub fn embedded_basemap(level: LevelOfDetail) -> Result<Rc<DrawnLevel>, String> {
    if let Some(done) = DRAWN.with(|d| d.borrow().get(&level).cloned()) {
        return Ok(done);
    }
    let drawn = Rc::new(draw(level)?);
    DRAWN.with(|d| d.borrow_mut().insert(level, drawn.clone()));
    Ok(drawn)
}

/// The embedded label list.
pub fn embedded_labels() -> Result<Rc<Vec<MapLabel>>, String> {
    thread_local! {
        static LABEL_LIST: Result<Rc<Vec<MapLabel>>, String> = read_labels(LABELS).map(Rc::new);
    }
    LABEL_LIST.with(|l| l.clone())
}

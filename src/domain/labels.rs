//! Map labels: reading the label list and placing labels on screen so that none overlap.

use serde::Deserialize;

use super::coords::{LonLat, ScreenPx};
use super::viewport::Viewport;

/// What a label names; it decides the type style.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LabelKind {
    Country,
    Region,
    Physical,
}

impl LabelKind {
    /// The CSS class of the label's text.
    pub fn class(self) -> &'static str {
        match self {
            LabelKind::Country => "label-country",
            LabelKind::Region => "label-region",
            LabelKind::Physical => "label-physical",
        }
    }

    /// Approximate advance of one character, CSS px (the stylesheet's sizes: 12px small caps, 12px italic,
    /// 11px letter-spaced italic).
    fn char_width_px(self) -> f64 {
        match self {
            LabelKind::Country => 8.4,
            LabelKind::Region => 6.4,
            LabelKind::Physical => 8.0,
        }
    }
}

/// A label as stored in `assets/geo/labels.json`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct MapLabel {
    pub id: String,
    pub text: String,
    pub lon: f64,
    pub lat: f64,
    pub kind: LabelKind,
    /// Lower is more important; important labels are placed first.
    pub priority: i32,
}

/// A label placed on screen: `at` is the centre of its text.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLabel {
    pub id: String,
    pub text: String,
    pub kind: LabelKind,
    pub at: ScreenPx,
    /// The box it occupies: left, top, right, bottom.
    pub rect: (f64, f64, f64, f64),
}

/// Reads the label list.
pub fn read_labels(json: &str) -> Result<Vec<MapLabel>, String> {
    serde_json::from_str(json).map_err(|e| format!("labels: {e}"))
}

const LINE_HEIGHT_PX: f64 = 16.0;
const GAP_PX: f64 = 4.0;

fn overlaps(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.2 + GAP_PX && b.0 < a.2 + GAP_PX && a.1 < b.3 + GAP_PX && b.1 < a.3 + GAP_PX
}

/// Places labels by priority; a label that would overlap one already placed, or leave the screen, is
/// dropped. `hidden` says which labels are turned off with their layer.
pub fn place_labels(labels: &[MapLabel], view: &Viewport, hidden: impl Fn(&MapLabel) -> bool) -> Vec<PlacedLabel> {
    let mut order: Vec<&MapLabel> = labels.iter().filter(|l| !hidden(l)).collect();
    order.sort_by_key(|l| l.priority);
    let mut placed: Vec<PlacedLabel> = Vec::new();
    for label in order {
        let at = view.lonlat_to_screen(LonLat::new(label.lon, label.lat));
        let half_w = label.text.chars().count() as f64 * label.kind.char_width_px() / 2.0;
        let rect = (at.x - half_w, at.y - LINE_HEIGHT_PX / 2.0, at.x + half_w, at.y + LINE_HEIGHT_PX / 2.0);
        let on_screen = rect.0 >= 0.0 && rect.1 >= 0.0 && rect.2 <= view.width && rect.3 <= view.height;
        if on_screen && !placed.iter().any(|p| overlaps(p.rect, rect)) {
            placed.push(PlacedLabel { id: label.id.clone(), text: label.text.clone(), kind: label.kind, at, rect });
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::projection::project;

    fn label(id: &str, lon: f64, priority: i32) -> MapLabel {
        MapLabel { id: id.into(), text: "Tajikistan".into(), lon, lat: 38.5, kind: LabelKind::Country, priority }
    }

    fn view() -> Viewport {
        Viewport { center: project(LonLat::new(71.0, 38.5)), zoom: 6.0, width: 800.0, height: 600.0 }
    }

    #[test]
    fn the_more_important_of_two_colliding_labels_wins() {
        let labels = [label("minor", 71.05, 5), label("major", 71.0, 1)];
        let placed = place_labels(&labels, &view(), |_| false);
        assert_eq!(placed.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["major"]);
    }

    #[test]
    fn distant_labels_both_stay_and_off_screen_ones_go() {
        let labels = [label("a", 69.0, 1), label("b", 73.0, 1), label("far", 100.0, 0)];
        let placed = place_labels(&labels, &view(), |_| false);
        assert_eq!(placed.len(), 2);
        assert!(placed.iter().all(|p| p.id != "far"));
    }

    #[test]
    fn hidden_labels_are_not_placed() {
        let labels = [label("a", 71.0, 1)];
        assert!(place_labels(&labels, &view(), |_| true).is_empty());
    }
}

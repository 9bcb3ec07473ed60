//! Map labels: reading the label list and placing labels on screen so that none overlap.

use serde::Deserialize;

use super::coords::{LonLat, ScreenPx};
use super::label_placement::{place, LabelRequest, ScreenBox};
use super::text_width::text_width_em;
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
/// A story place's label: 12 px type (its width estimated per script, [`text_width_em`]), this tall, CSS px.
const PLACE_FONT_PX: f64 = 12.0;
/// What the halo (a 3 px stroke round the letters) adds to a label's width, CSS px.
const HALO_PX: f64 = 4.0;
const PLACE_LINE_PX: f64 = 14.0;
/// Basemap labels at this priority or more important are placed before the story's places (the focus
/// regions a reader needs to find the story at all); the others after them.
const KEY_PRIORITY: i32 = 1;

/// A story place to label: its text (in the language the reader chose, [`super::local_names::label_in`]) and
/// where its symbol stands on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaceToLabel<'a> {
    pub text: &'a str,
    pub at: ScreenPx,
}

/// A story place's label placed on screen: which place (index in the list given), its text's centre and box.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedPlaceLabel {
    pub index: usize,
    pub at: ScreenPx,
    pub rect: ScreenBox,
}

/// Every label of the map, placed together.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapLabels {
    pub basemap: Vec<PlacedLabel>,
    pub places: Vec<PlacedPlaceLabel>,
}

fn basemap_request(label: &MapLabel, view: &Viewport, type_scale: f64) -> LabelRequest {
    let at = view.lonlat_to_screen(LonLat::new(label.lon, label.lat));
    let width = (label.text.chars().count() as f64 * label.kind.char_width_px() + HALO_PX) * type_scale;
    LabelRequest::within_area(at, width, LINE_HEIGHT_PX * type_scale)
}

/// How the map's type is set: 1 normally; larger in presenter mode (18 px instead of 12).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelStyle {
    pub type_scale: f64,
    /// How far a story symbol reaches from its centre, CSS px.
    pub symbol_radius_px: f64,
}

impl LabelStyle {
    pub const READER: LabelStyle = LabelStyle { type_scale: 1.0, symbol_radius_px: 10.0 };
    pub const PRESENTER: LabelStyle = LabelStyle { type_scale: 1.5, symbol_radius_px: 16.0 };
}

/// Places the basemap's labels and the story's place labels together on the live view: the key regions
/// first, then the places in story order (beside their symbols), then the other basemap labels by priority.
/// No two overlap, none covers a symbol (`symbols`: `symbol_radius_px` around each place), none leaves the
/// screen; what does not fit gives way (a hidden place stays reachable by its marker and the Places list).
/// A place whose label is the text of a basemap label is named by that label alone. `hidden` says which
/// basemap labels are turned off with their layer.
pub fn place_map_labels(
    labels: &[MapLabel],
    places: &[PlaceToLabel],
    style: LabelStyle,
    view: &Viewport,
    hidden: impl Fn(&MapLabel) -> bool,
) -> MapLabels {
    let (scale, symbol_radius_px) = (style.type_scale, style.symbol_radius_px);
    let mut basemap: Vec<&MapLabel> = labels.iter().filter(|l| !hidden(l)).collect();
    basemap.sort_by_key(|l| l.priority);
    let (key, rest): (Vec<&MapLabel>, Vec<&MapLabel>) = basemap.into_iter().partition(|l| l.priority <= KEY_PRIORITY);
    let mut requests: Vec<LabelRequest> = key.iter().map(|l| basemap_request(l, view, scale)).collect();
    // A place the basemap already names (the Wakhan Corridor, say), or an earlier place names with the same
    // words (opinion polls placed at the country they are about, in a language that names them by the
    // country), is not named twice.
    let named_by_basemap = |p: &PlaceToLabel| labels.iter().any(|l| l.text.eq_ignore_ascii_case(p.text));
    let named_before = |i: usize, p: &PlaceToLabel| places[..i].iter().any(|q| q.text == p.text);
    requests.extend(places.iter().enumerate().map(|(i, p)| {
        if named_by_basemap(p) || named_before(i, p) {
            return LabelRequest { candidates: Vec::new(), width: 0.0, height: 0.0 };
        }
        let width = (text_width_em(p.text) * PLACE_FONT_PX + HALO_PX) * scale;
        LabelRequest::beside(p.at, symbol_radius_px, width, PLACE_LINE_PX * scale)
    }));
    requests.extend(rest.iter().map(|l| basemap_request(l, view, scale)));
    let side = 2.0 * symbol_radius_px;
    let symbols: Vec<ScreenBox> = places.iter().map(|p| ScreenBox::centred(p.at, side, side)).collect();
    let placed = place(&requests, &symbols, view.width, view.height);
    let mut out = MapLabels::default();
    let placed_label = |l: &MapLabel, b: ScreenBox| PlacedLabel {
        id: l.id.clone(),
        text: l.text.clone(),
        kind: l.kind,
        at: b.centre(),
        rect: (b.left, b.top, b.right, b.bottom),
    };
    for (i, b) in placed.into_iter().enumerate() {
        let Some(b) = b else { continue };
        if i < key.len() {
            out.basemap.push(placed_label(key[i], b));
        } else if i < key.len() + places.len() {
            out.places.push(PlacedPlaceLabel { index: i - key.len(), at: b.centre(), rect: b });
        } else {
            out.basemap.push(placed_label(rest[i - key.len() - places.len()], b));
        }
    }
    out
}

/// Places the basemap's labels alone (no story places), as [`place_map_labels`] does.
pub fn place_labels(labels: &[MapLabel], view: &Viewport, hidden: impl Fn(&MapLabel) -> bool) -> Vec<PlacedLabel> {
    place_map_labels(labels, &[], LabelStyle::READER, view, hidden).basemap
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
    fn the_more_important_of_two_colliding_labels_keeps_its_place() {
        let labels = [label("minor", 71.05, 5), label("major", 71.0, 1)];
        let placed = place_labels(&labels, &view(), |_| false);
        let major = &placed[0];
        assert_eq!(major.id, "major");
        assert_eq!(major.at, view().lonlat_to_screen(LonLat::new(71.0, 38.5)), "it keeps its place");
        let moved = placed.iter().find(|p| p.id == "minor").map(|p| p.at);
        assert!(
            moved.is_none_or(|at| (at.y - major.at.y).abs() >= 16.0 || (at.x - major.at.x).abs() > 60.0),
            "the other moved aside: {moved:?}"
        );
    }

    #[test]
    fn distant_labels_both_stay_and_off_screen_ones_go() {
        let labels = [label("a", 69.0, 1), label("b", 73.0, 1), label("far", 100.0, 0)];
        let placed = place_labels(&labels, &view(), |_| false);
        assert_eq!(placed.len(), 2);
        assert!(placed.iter().all(|p| p.id != "far"));
    }

    #[test]
    fn place_labels_never_cover_a_symbol_or_each_other_and_key_regions_come_first() {
        let v = view();
        let key = MapLabel {
            id: "key".into(),
            text: "Key Region".into(),
            lon: 70.6,
            lat: 38.5,
            kind: LabelKind::Region,
            priority: 1,
        };
        let minor = MapLabel {
            id: "minor".into(),
            text: "Minor".into(),
            lon: 71.2,
            lat: 38.5,
            kind: LabelKind::Physical,
            priority: 4,
        };
        let centre = v.lonlat_to_screen(LonLat::new(71.0, 38.5));
        let places: Vec<PlaceToLabel> = (0..12)
            .map(|i| PlaceToLabel {
                text: "A place label",
                at: ScreenPx::new(centre.x + (i % 4) as f64 * 22.0 - 30.0, centre.y + (i / 4) as f64 * 22.0 - 20.0),
            })
            .collect();
        let style = LabelStyle { type_scale: 1.0, symbol_radius_px: 9.0 };
        let labels = place_map_labels(&[minor, key], &places, style, &v, |_| false);
        assert_eq!(labels.basemap.first().map(|l| l.id.as_str()), Some("key"), "the key region is placed");
        let mut boxes: Vec<ScreenBox> = labels.places.iter().map(|p| p.rect).collect();
        boxes.extend(labels.basemap.iter().map(|l| ScreenBox {
            left: l.rect.0,
            top: l.rect.1,
            right: l.rect.2,
            bottom: l.rect.3,
        }));
        for (i, a) in boxes.iter().enumerate() {
            assert!(boxes[i + 1..].iter().all(|b| !a.overlaps(b)), "labels overlap");
            assert!(
                places.iter().all(|p| !ScreenBox::centred(p.at, 18.0, 18.0).overlaps(a)),
                "a label covers a symbol"
            );
        }
        assert!(
            !labels.places.is_empty() && labels.places.len() < places.len(),
            "some give way: {}",
            labels.places.len()
        );
    }

    #[test]
    fn a_place_the_basemap_names_is_not_named_twice() {
        let v = view();
        let region = MapLabel {
            id: "wakhan".into(),
            text: "Wakhan Corridor".into(),
            lon: 69.0,
            lat: 38.5,
            kind: LabelKind::Region,
            priority: 1,
        };
        let at = v.lonlat_to_screen(LonLat::new(72.0, 38.5));
        let places = [
            PlaceToLabel { text: "Wakhan Corridor", at },
            PlaceToLabel { text: "Ishkoshim", at: ScreenPx::new(at.x, at.y + 80.0) },
        ];
        let labels = place_map_labels(&[region], &places, LabelStyle::READER, &v, |_| false);
        assert_eq!(labels.places.iter().map(|p| p.index).collect::<Vec<_>>(), [1]);
        assert_eq!(labels.basemap.len(), 1);
    }

    #[test]
    fn a_label_is_as_wide_as_its_script_and_the_same_words_are_written_once() {
        let v = view();
        let at = v.lonlat_to_screen(LonLat::new(71.0, 38.5));
        let places = [
            PlaceToLabel { text: "新疆维吾尔自治区", at },
            PlaceToLabel { text: "Тоҷикистон", at: ScreenPx::new(at.x, at.y + 60.0) },
            PlaceToLabel { text: "تاجکستان", at: ScreenPx::new(at.x, at.y + 120.0) },
            PlaceToLabel { text: "Тоҷикистон", at: ScreenPx::new(at.x, at.y - 60.0) },
        ];
        let labels = place_map_labels(&[], &places, LabelStyle::READER, &v, |_| false);
        let width = |i: usize| labels.places.iter().find(|p| p.index == i).map(|p| p.rect.right - p.rect.left);
        assert_eq!(width(0), Some(8.0 * 12.0 + HALO_PX), "eight Han characters, an em each");
        assert!((width(1).unwrap() - (10.0 * 0.69 * 12.0 + HALO_PX)).abs() < 1e-9, "Cyrillic");
        assert!(width(2).unwrap() < width(1).unwrap(), "Arabic letters are narrower");
        assert_eq!(width(3), None, "the same words again are not written twice");
    }

    #[test]
    fn hidden_labels_are_not_placed() {
        let labels = [label("a", 71.0, 1)];
        assert!(place_labels(&labels, &view(), |_| true).is_empty());
    }
}

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
    pub clusters: Vec<PlacedCluster>,
    pub towns: Vec<PlacedTown>,
    pub water: Vec<PlacedWater>,
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

/// Everything the map labels at once, besides the basemap's own labels.
#[derive(Clone, Copy, Debug, Default)]
pub struct LabelScene<'a> {
    /// The story's places, in story order.
    pub places: &'a [PlaceToLabel<'a>],
    /// The reference towns the zoom shows, most important first.
    pub towns: &'a [TownToLabel<'a>],
    /// The named rivers and lakes the zoom shows.
    pub water: &'a [WaterToLabel<'a>],
    /// Where the map's controls float over it: no label goes under them.
    pub chrome: &'a [ScreenBox],
}

/// Places the basemap's labels and the story's place labels together on the live view, as
/// [`place_scene`] does with no towns, water or controls.
pub fn place_map_labels(
    labels: &[MapLabel],
    places: &[PlaceToLabel],
    style: LabelStyle,
    view: &Viewport,
    hidden: impl Fn(&MapLabel) -> bool,
) -> MapLabels {
    place_scene(labels, LabelScene { places, ..LabelScene::default() }, style, view, hidden)
}

/// Places every label of the map on the live view, in the order of a newsroom locator map's priorities:
/// the key regions, the story's places beside their symbols, clusters for the places that found no room,
/// then towns (capitals first), rivers and lakes, and the other basemap labels. No two overlap, none covers
/// a story symbol or a shown town's dot, none goes under a control or leaves the screen; what does not fit
/// gives way. Every story place on screen ends up named by its own label, by a basemap label of the same
/// text, or in a cluster label ("3 sites") beside one of its members, unless the screen is too crowded for
/// even that. `hidden` says which basemap labels are turned off with their layer.
pub fn place_scene(
    labels: &[MapLabel],
    scene: LabelScene,
    style: LabelStyle,
    view: &Viewport,
    hidden: impl Fn(&MapLabel) -> bool,
) -> MapLabels {
    let (scale, symbol_radius_px) = (style.type_scale, style.symbol_radius_px);
    let places = scene.places;
    let mut basemap: Vec<&MapLabel> = labels.iter().filter(|l| !hidden(l)).collect();
    basemap.sort_by_key(|l| l.priority);
    // The key regions, and any basemap label that names one of the story's places, are placed first.
    let names_a_place = |l: &MapLabel| places.iter().any(|p| l.text.eq_ignore_ascii_case(p.text));
    let (key, rest): (Vec<&MapLabel>, Vec<&MapLabel>) =
        basemap.into_iter().partition(|l| l.priority <= KEY_PRIORITY || names_a_place(l));
    let mut requests: Vec<LabelRequest> = key.iter().map(|l| basemap_request(l, view, scale)).collect();
    // A place the basemap already names (the Wakhan Corridor, say), or an earlier place names with the same
    // words (opinion polls placed at the country they are about, in a language that names them by the
    // country), is not named twice: `named_by[i]` is the request that names place i instead.
    let named_by: Vec<Option<usize>> = places
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let basemap = key.iter().position(|l| l.text.eq_ignore_ascii_case(p.text));
            basemap.or_else(|| places[..i].iter().position(|q| q.text == p.text).map(|j| key.len() + j))
        })
        .collect();
    requests.extend(places.iter().enumerate().map(|(i, p)| {
        if named_by[i].is_some() {
            return LabelRequest::none();
        }
        let width = (text_width_em(p.text) * PLACE_FONT_PX + HALO_PX) * scale;
        LabelRequest::beside(p.at, symbol_radius_px, width, PLACE_LINE_PX * scale)
    }));
    let side = 2.0 * symbol_radius_px;
    let mut obstacles: Vec<ScreenBox> = places.iter().map(|p| ScreenBox::centred(p.at, side, side)).collect();
    obstacles.extend_from_slice(scene.chrome);
    let (width, height) = (view.width, view.height);
    let clusters = clusters_for(&requests, &obstacles, places, &named_by, scene.chrome, style, (width, height));
    let cluster_start = requests.len();
    requests.extend(clusters.iter().map(|c| c.request.clone()));
    let town_start = requests.len();
    requests.extend(scene.towns.iter().map(|t| t.request(scale)));
    let water_start = requests.len();
    requests.extend(scene.water.iter().map(|w| w.request(scale)));
    let rest_start = requests.len();
    requests.extend(rest.iter().map(|l| basemap_request(l, view, scale)));
    let placed = place(&requests, &obstacles, width, height);
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
        } else if i < cluster_start {
            out.places.push(PlacedPlaceLabel { index: i - key.len(), at: b.centre(), rect: b });
        } else if i < town_start {
            let cluster = &clusters[i - cluster_start];
            out.clusters.push(PlacedCluster {
                members: cluster.members.clone(),
                text: cluster.text.clone(),
                at: b.centre(),
                rect: b,
            });
        } else if i < water_start {
            out.towns.push(PlacedTown { index: i - town_start, at: b.centre(), rect: b });
        } else if i < rest_start {
            out.water.push(PlacedWater { index: i - water_start, at: b.centre(), rect: b });
        } else {
            out.basemap.push(placed_label(rest[i - rest_start], b));
        }
    }
    out
}

/// How near (CSS px, times the type scale) the places a cluster label gathers stand to the first of them,
/// round by round: a place that finds no room joins a cluster of its near neighbours, and a wider one if
/// that cluster finds no room either.
const CLUSTER_REACH_PX: [f64; 3] = [48.0, 96.0, 160.0];

/// A cluster label to place: the places it names (indices into the scene's places), its text and request.
struct ClusterToPlace {
    members: Vec<usize>,
    text: String,
    request: LabelRequest,
}

/// The text of a cluster label: "3 sites"; for a single place that found no room, the head of its own label
/// when it has one ("Shaymak" of "Shaymak: earlier Chinese post", "Zeravshan gold" of "Zeravshan gold
/// (Zijin)"), else "1 site".
///
/// ```
/// use article_map::domain::labels::cluster_text;
/// assert_eq!(cluster_text(&["Shaymak: earlier Chinese post"]), "Shaymak");
/// assert_eq!(cluster_text(&["2019 exercise, Forish"]), "2019 exercise");
/// assert_eq!(cluster_text(&["Zeravshan gold (Zijin)"]), "Zeravshan gold");
/// assert_eq!(cluster_text(&["Russia’s 201st base"]), "1 site");
/// assert_eq!(cluster_text(&["A", "B", "C"]), "3 sites");
/// ```
pub fn cluster_text(labels: &[&str]) -> String {
    match labels {
        [only] => match only.split([':', ',', '(']).next().map(str::trim) {
            Some(head) if !head.is_empty() && head.len() < only.len() => head.to_string(),
            _ => "1 site".to_string(),
        },
        many => format!("{} sites", many.len()),
    }
}

/// The clusters for the story places that `requests` (the key regions and the places, in that order) leave
/// without a label, round by round with a wider reach each time.
fn clusters_for(
    requests: &[LabelRequest],
    obstacles: &[ScreenBox],
    places: &[PlaceToLabel],
    named_by: &[Option<usize>],
    chrome: &[ScreenBox],
    style: LabelStyle,
    (width, height): (f64, f64),
) -> Vec<ClusterToPlace> {
    let first_place = requests.len() - places.len();
    // A place under a control (the tour card, say) cannot be seen: it needs no label there.
    let under_control = |p: &PlaceToLabel| chrome.iter().any(|c| c.overlaps(&ScreenBox::centred(p.at, 0.0, 0.0)));
    let on_screen =
        |p: &PlaceToLabel| (0.0..=width).contains(&p.at.x) && (0.0..=height).contains(&p.at.y) && !under_control(p);
    let mut clusters: Vec<ClusterToPlace> = Vec::new();
    for reach in CLUSTER_REACH_PX {
        let mut all = requests.to_vec();
        all.extend(clusters.iter().map(|c| c.request.clone()));
        let placed = place(&all, obstacles, width, height);
        let mut represented: Vec<bool> =
            (0..places.len()).map(|i| placed[named_by[i].unwrap_or(first_place + i)].is_some()).collect();
        for (c, b) in clusters.iter().zip(&placed[requests.len()..]) {
            if b.is_some() {
                c.members.iter().for_each(|m| represented[*m] = true);
            }
        }
        // Members of a cluster that found no room are gathered again, with a wider reach.
        let placed_clusters: Vec<bool> = placed[requests.len()..].iter().map(Option::is_some).collect();
        let mut kept: Vec<ClusterToPlace> = Vec::new();
        for (c, ok) in clusters.into_iter().zip(placed_clusters) {
            if ok {
                kept.push(c);
            }
        }
        clusters = kept;
        let waiting: Vec<usize> = (0..places.len()).filter(|i| !represented[*i] && on_screen(&places[*i])).collect();
        if waiting.is_empty() {
            break;
        }
        let mut taken = vec![false; places.len()];
        for &seed in &waiting {
            if taken[seed] {
                continue;
            }
            let anchor = places[seed].at;
            let members: Vec<usize> = waiting
                .iter()
                .copied()
                .filter(|m| !taken[*m] && places[*m].at.distance(anchor) <= reach * style.type_scale)
                .collect();
            members.iter().for_each(|m| taken[*m] = true);
            clusters.push(cluster_request(members, places, style));
        }
    }
    clusters
}

/// A cluster label beside its group: the candidates go round the circle that holds all its members' symbols,
/// then a line further out, and further, where the group is hemmed in.
fn cluster_request(members: Vec<usize>, places: &[PlaceToLabel], style: LabelStyle) -> ClusterToPlace {
    let labels: Vec<&str> = members.iter().map(|m| places[*m].text).collect();
    let text = cluster_text(&labels);
    let width = (text_width_em(&text) * PLACE_FONT_PX + HALO_PX) * style.type_scale;
    let height = PLACE_LINE_PX * style.type_scale;
    let n = members.len() as f64;
    let (sx, sy) = members.iter().fold((0.0, 0.0), |(x, y), m| (x + places[*m].at.x, y + places[*m].at.y));
    let centre = ScreenPx::new(sx / n, sy / n);
    let reach = members.iter().map(|m| places[*m].at.distance(centre)).fold(0.0, f64::max);
    // Beside the group (its symbols all inside the circle the candidates go round), then a little further out
    // where the group is hemmed in.
    let mut candidates = Vec::new();
    for step in 0..4 {
        let radius = reach + style.symbol_radius_px + step as f64 * height;
        candidates.extend(LabelRequest::beside(centre, radius, width, height).candidates);
    }
    ClusterToPlace { members, text, request: LabelRequest { candidates, width, height, symbol: None } }
}

/// A town to label: its text, its dot on screen and whether it is a capital.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TownToLabel<'a> {
    pub text: &'a str,
    pub at: ScreenPx,
    pub capital: bool,
}

/// A town's dot: its radius on screen, CSS px (a capital's is larger).
pub fn town_dot_radius_px(capital: bool) -> f64 {
    if capital {
        4.0
    } else {
        2.5
    }
}

/// Type of the towns' labels: 11 px (a capital's 12 px, the places' size).
const TOWN_FONT_PX: f64 = 11.0;
const TOWN_LINE_PX: f64 = 13.0;

impl TownToLabel<'_> {
    fn request(&self, scale: f64) -> LabelRequest {
        let radius = town_dot_radius_px(self.capital) * scale;
        let font_px = if self.capital { PLACE_FONT_PX } else { TOWN_FONT_PX };
        let width = (text_width_em(self.text) * font_px + HALO_PX) * scale;
        LabelRequest::beside(self.at, radius, width, TOWN_LINE_PX * scale).with_symbol(ScreenBox::centred(
            self.at,
            2.0 * radius,
            2.0 * radius,
        ))
    }
}

/// A named river or lake to label, at a point of its course or the middle of its outline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WaterToLabel<'a> {
    pub text: &'a str,
    pub at: ScreenPx,
}

/// Water names: 11 px italic serif, a little narrower than the sans the widths are measured in.
const WATER_FONT_PX: f64 = 10.5;

impl WaterToLabel<'_> {
    fn request(&self, scale: f64) -> LabelRequest {
        let width = (text_width_em(self.text) * WATER_FONT_PX + HALO_PX) * scale;
        LabelRequest::within_area(self.at, width, TOWN_LINE_PX * scale)
    }
}

/// A cluster label placed on screen: the story places it stands for (indices into the scene's places).
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedCluster {
    pub members: Vec<usize>,
    pub text: String,
    pub at: ScreenPx,
    pub rect: ScreenBox,
}

/// A town's label placed on screen (its dot is drawn with it): which town (index in the list given).
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedTown {
    pub index: usize,
    pub at: ScreenPx,
    pub rect: ScreenBox,
}

/// A river's or lake's label placed on screen: which one (index in the list given).
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedWater {
    pub index: usize,
    pub at: ScreenPx,
    pub rect: ScreenBox,
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
    fn a_crowd_of_places_is_named_or_counted_and_nothing_overlaps_or_goes_under_a_control() {
        let v = view();
        let centre = v.lonlat_to_screen(LonLat::new(71.0, 38.5));
        // 30 places 20 px apart: far too close for 30 labels of their own.
        let texts: Vec<String> = (0..30).map(|i| format!("Place number {i}, long label")).collect();
        let places: Vec<PlaceToLabel> = (0..30)
            .map(|i| PlaceToLabel {
                text: &texts[i],
                at: ScreenPx::new(centre.x + (i % 6) as f64 * 20.0 - 50.0, centre.y + (i / 6) as f64 * 20.0 - 40.0),
            })
            .collect();
        let control = ScreenBox { left: 0.0, top: 0.0, right: 800.0, bottom: 40.0 };
        let under = PlaceToLabel { text: "Hidden", at: ScreenPx::new(400.0, 20.0) };
        let all: Vec<PlaceToLabel> = places.iter().copied().chain([under]).collect();
        let chrome = [control];
        let scene = LabelScene { places: &all, chrome: &chrome, ..LabelScene::default() };
        let placed = place_scene(&[], scene, LabelStyle::READER, &v, |_| false);
        let mut named: Vec<usize> = placed.places.iter().map(|p| p.index).collect();
        named.extend(placed.clusters.iter().flat_map(|c| c.members.iter().copied()));
        named.sort_unstable();
        named.dedup();
        assert_eq!(named, (0..30).collect::<Vec<_>>(), "every visible place is named or in a cluster");
        assert!(!placed.clusters.is_empty() && placed.places.len() < 30);
        let boxes: Vec<ScreenBox> =
            placed.places.iter().map(|p| p.rect).chain(placed.clusters.iter().map(|c| c.rect)).collect();
        for (i, a) in boxes.iter().enumerate() {
            assert!(boxes[i + 1..].iter().all(|b| !a.overlaps(b)), "labels overlap");
            assert!(!a.overlaps(&control), "a label under the control");
            assert!(all.iter().all(|p| !ScreenBox::centred(p.at, 20.0, 20.0).overlaps(a)), "a label covers a symbol");
        }
    }

    #[test]
    fn hidden_labels_are_not_placed() {
        let labels = [label("a", 71.0, 1)];
        assert!(place_labels(&labels, &view(), |_| true).is_empty());
    }
}

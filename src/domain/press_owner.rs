//! Who owns a press on the map: the topmost thing under the pointer in the map's stacking order, found by
//! geometry in screen pixels (not by CSS `pointer-events` and DOM `closest()`), or the map itself.
//!
//! The caller describes what is on screen in [`ScreenPx`] for the live camera (what the reader sees, during
//! a gesture too): [`ScreenShape::of`] and [`Handles::of`] project through a [`Viewport`]; story markers are
//! passed where they stand (after `marker_layout::spread`). Layers that take no press (hand-ins, story
//! shapes, labels, the draft being drawn) are simply not passed, so they are inert by construction.
//!
//! Each layer is scanned from its top down: markers are tens, stand where `spread` put them (screen px, not a
//! projection of a point) and the topmost one wins, not the nearest. A layer of many Mercator points drawn on
//! a canvas would answer through `hit_test::PointIndex` instead and hand its hit in as an annotation index.

use super::annotation::AnnotationGeometry;
use super::coords::ScreenPx;
use super::drawing::{midpoints, vertices};
use super::screen_shape::ScreenShape;
use super::viewport::Viewport;

/// How far from its centre a story marker takes a press, CSS px (`<circle class="hit" r="14">` in
/// ui/map/story_markers.rs; every symbol fits inside it).
pub const MARKER_REACH_PX: f64 = 14.0;
/// The same in presenter mode, CSS px (`.presenter .story-markers .marker .hit { transform: scale(1.6) }`).
pub const PRESENTER_MARKER_REACH_PX: f64 = MARKER_REACH_PX * 1.6;
/// Half the side of the square a vertex handle takes presses in, CSS px: a 10 px square with a 2 px stroke
/// (`.vertex-handle`, `width="10"` in ui/annotate/layers.rs).
pub const VERTEX_HANDLE_HALF_PX: f64 = 6.0;
/// How far from its centre a midpoint handle takes a press, CSS px: `r="4.5"` plus half its 1 px stroke.
pub const MIDPOINT_HANDLE_REACH_PX: f64 = 5.0;

/// What a press belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PressOwner {
    /// A vertex handle of the selected annotation: an index into `drawing::vertices(geometry)`.
    Vertex(usize),
    /// A midpoint handle of the selected annotation: an index into `drawing::midpoints(geometry)`.
    Midpoint(usize),
    /// A story marker: an index into [`MapScene::markers`] (the story's features, in story order).
    Marker(usize),
    /// An annotation: an index into [`MapScene::annotations`] (document order), and whether it is the
    /// selected one.
    Annotation { index: usize, selected: bool },
    /// Nothing that takes a press: the map (pan, zoom, deselect; add a vertex while drawing).
    Map,
}

impl PressOwner {
    /// Whether a press on this owner starts an edit drag: a handle, or the selected annotation (moved whole).
    pub fn starts_edit_drag(self) -> bool {
        matches!(self, PressOwner::Vertex(_) | PressOwner::Midpoint(_) | PressOwner::Annotation { selected: true, .. })
    }
}

/// The selected annotation's handles on screen, in drawing order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Handles {
    /// One per `drawing::vertices(geometry)`, same order.
    pub vertices: Vec<ScreenPx>,
    /// One per `drawing::midpoints(geometry)`, same order.
    pub midpoints: Vec<ScreenPx>,
}

impl Handles {
    /// The handles the map shows for `geometry` through `view`: none for points (they are moved whole).
    pub fn of(geometry: &AnnotationGeometry, view: &Viewport) -> Handles {
        if geometry.is_points() {
            return Handles::default();
        }
        let on_screen = |list: Vec<(_, _)>| list.into_iter().map(|(_, p)| view.lonlat_to_screen(p)).collect();
        Handles { vertices: on_screen(vertices(geometry)), midpoints: on_screen(midpoints(geometry)) }
    }
}

/// A layer of the map that can own a press.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    Markers,
    VertexHandles,
    MidpointHandles,
    AnnotationPoints,
    AnnotationShapes,
}

/// The map's stacking order, top first (the DOM order of ui/map/map_view.rs: the drawing with lines and areas,
/// then the point annotations' frame, then the handles overlay with midpoints under vertices, then the story
/// markers). Within a layer, what is drawn later lies on top.
pub const STACKING: [Layer; 5] =
    [Layer::Markers, Layer::VertexHandles, Layer::MidpointHandles, Layer::AnnotationPoints, Layer::AnnotationShapes];

/// What is on the map, in screen px, for deciding who owns a press.
#[derive(Clone, Copy, Debug)]
pub struct MapScene<'a> {
    /// A draw tool is on: the map owns every press (markers and annotations take none).
    pub drawing: bool,
    /// Where each story marker stands, in story order.
    pub markers: &'a [ScreenPx],
    /// [`MARKER_REACH_PX`], or [`PRESENTER_MARKER_REACH_PX`] in presenter mode.
    pub marker_reach_px: f64,
    /// The reader's annotations, in document order (hand-ins are never passed).
    pub annotations: &'a [ScreenShape],
    /// The selected annotation, an index into `annotations`.
    pub selected: Option<usize>,
    /// The selected annotation's handles (ignored when nothing is selected).
    pub handles: &'a Handles,
}

impl MapScene<'_> {
    /// Who owns a press at `at`: the topmost thing under it by [`STACKING`], or the map.
    ///
    /// ```
    /// use article_map::domain::{coords::ScreenPx, press_owner::*, screen_shape::ScreenShape};
    /// let point = ScreenShape::Points(vec![ScreenPx::new(100.0, 100.0)]);
    /// let scene = MapScene { drawing: false, markers: &[ScreenPx::new(110.0, 100.0)], marker_reach_px: MARKER_REACH_PX,
    ///     annotations: &[point], selected: None, handles: &Handles::default() };
    /// assert_eq!(scene.owner_at(ScreenPx::new(104.0, 100.0)), PressOwner::Marker(0)); // the marker lies on top
    /// assert_eq!(scene.owner_at(ScreenPx::new(94.0, 100.0)), PressOwner::Annotation { index: 0, selected: false });
    /// assert_eq!(scene.owner_at(ScreenPx::new(300.0, 300.0)), PressOwner::Map);
    /// ```
    pub fn owner_at(&self, at: ScreenPx) -> PressOwner {
        if self.drawing {
            return PressOwner::Map;
        }
        STACKING.iter().find_map(|layer| self.topmost_in(*layer, at)).unwrap_or(PressOwner::Map)
    }

    fn topmost_in(&self, layer: Layer, at: ScreenPx) -> Option<PressOwner> {
        let handles = self.selected.map(|_| self.handles);
        let annotation = |points_layer: bool| {
            let index = self.annotations.iter().rposition(|a| a.is_points() == points_layer && a.touches(at))?;
            Some(PressOwner::Annotation { index, selected: self.selected == Some(index) })
        };
        match layer {
            Layer::Markers => {
                last_reaching(self.markers, |p| p.distance(at) <= self.marker_reach_px).map(PressOwner::Marker)
            }
            Layer::VertexHandles => last_reaching(&handles?.vertices, |p| {
                (p.x - at.x).abs() <= VERTEX_HANDLE_HALF_PX && (p.y - at.y).abs() <= VERTEX_HANDLE_HALF_PX
            })
            .map(PressOwner::Vertex),
            Layer::MidpointHandles => {
                last_reaching(&handles?.midpoints, |p| p.distance(at) <= MIDPOINT_HANDLE_REACH_PX)
                    .map(PressOwner::Midpoint)
            }
            Layer::AnnotationPoints => annotation(true),
            Layer::AnnotationShapes => annotation(false),
        }
    }
}

/// The index of the last (topmost) of `points` that `reaches` the press.
fn last_reaching(points: &[ScreenPx], reaches: impl Fn(ScreenPx) -> bool) -> Option<usize> {
    points.iter().rposition(|p| reaches(*p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coords::LonLat;
    use crate::domain::projection::project;

    fn px(x: f64, y: f64) -> ScreenPx {
        ScreenPx::new(x, y)
    }

    fn square(x: f64, y: f64, side: f64) -> ScreenShape {
        ScreenShape::Areas(vec![vec![vec![
            px(x, y),
            px(x + side, y),
            px(x + side, y + side),
            px(x, y + side),
            px(x, y),
        ]]])
    }

    struct Fixture {
        markers: Vec<ScreenPx>,
        annotations: Vec<ScreenShape>,
        selected: Option<usize>,
        handles: Handles,
    }

    impl Fixture {
        /// An area at (0,0)-(200,200), selected, with a vertex handle at each corner and midpoints between;
        /// a point annotation at (100,100) over it; a story marker at (200,100) over the area's right side.
        fn new() -> Fixture {
            Fixture {
                markers: vec![px(200.0, 100.0)],
                annotations: vec![square(0.0, 0.0, 200.0), ScreenShape::Points(vec![px(100.0, 100.0)])],
                selected: Some(0),
                handles: Handles {
                    vertices: vec![px(0.0, 0.0), px(200.0, 0.0), px(200.0, 200.0), px(0.0, 200.0)],
                    midpoints: vec![px(100.0, 0.0), px(200.0, 100.0), px(100.0, 200.0), px(0.0, 100.0)],
                },
            }
        }

        fn owner(&self, drawing: bool, at: ScreenPx) -> PressOwner {
            MapScene {
                drawing,
                markers: &self.markers,
                marker_reach_px: MARKER_REACH_PX,
                annotations: &self.annotations,
                selected: self.selected,
                handles: &self.handles,
            }
            .owner_at(at)
        }
    }

    #[test]
    fn a_vertex_handle_wins_over_its_own_annotation() {
        let f = Fixture::new();
        assert_eq!(f.owner(false, px(3.0, 5.0)), PressOwner::Vertex(0));
        assert_eq!(f.owner(false, px(206.0, 194.0)), PressOwner::Vertex(2), "the square reaches its corner");
        assert_eq!(f.owner(false, px(6.5, 6.5)), PressOwner::Annotation { index: 0, selected: true });
    }

    #[test]
    fn a_midpoint_handle_wins_over_its_annotation_and_under_a_vertex() {
        let mut f = Fixture::new();
        assert_eq!(f.owner(false, px(100.0, 4.0)), PressOwner::Midpoint(0));
        f.handles.vertices.push(px(103.0, 0.0));
        assert_eq!(f.owner(false, px(100.0, 0.0)), PressOwner::Vertex(4));
    }

    #[test]
    fn a_marker_wins_over_handles_and_annotations_as_it_is_drawn_last() {
        let f = Fixture::new();
        assert_eq!(f.owner(false, px(200.0, 100.0)), PressOwner::Marker(0), "over the midpoint handle");
        assert_eq!(f.owner(false, px(190.0, 109.0)), PressOwner::Marker(0), "over the area");
        assert_eq!(f.owner(false, px(180.0, 100.0)), PressOwner::Annotation { index: 0, selected: true });
    }

    #[test]
    fn a_point_lies_over_any_line_or_area_and_later_ones_over_earlier() {
        let mut f = Fixture::new();
        assert_eq!(f.owner(false, px(104.0, 104.0)), PressOwner::Annotation { index: 1, selected: false });
        f.annotations.push(square(50.0, 50.0, 20.0));
        assert_eq!(f.owner(false, px(60.0, 60.0)), PressOwner::Annotation { index: 2, selected: false });
        assert_eq!(f.owner(false, px(40.0, 40.0)), PressOwner::Annotation { index: 0, selected: true });
    }

    #[test]
    fn while_drawing_the_map_owns_every_press() {
        let f = Fixture::new();
        for at in [px(0.0, 0.0), px(100.0, 0.0), px(200.0, 100.0), px(100.0, 100.0), px(50.0, 50.0)] {
            assert_eq!(f.owner(true, at), PressOwner::Map);
        }
    }

    #[test]
    fn an_empty_spot_or_a_press_that_is_not_a_number_is_the_map() {
        let f = Fixture::new();
        assert_eq!(f.owner(false, px(400.0, 400.0)), PressOwner::Map);
        assert_eq!(f.owner(false, px(f64::NAN, 100.0)), PressOwner::Map);
        assert_eq!(f.owner(false, px(100.0, f64::INFINITY)), PressOwner::Map);
    }

    #[test]
    fn handles_without_a_selection_take_no_press() {
        let mut f = Fixture::new();
        f.selected = None;
        assert_eq!(f.owner(false, px(0.0, 0.0)), PressOwner::Annotation { index: 0, selected: false });
    }

    #[test]
    fn of_overlapping_markers_the_later_one_is_on_top() {
        let mut f = Fixture::new();
        f.markers = vec![px(300.0, 300.0), px(322.0, 300.0)];
        assert_eq!(f.owner(false, px(311.0, 300.0)), PressOwner::Marker(1));
        assert_eq!(f.owner(false, px(290.0, 300.0)), PressOwner::Marker(0));
    }

    #[test]
    fn only_handles_and_the_selected_annotation_start_an_edit_drag() {
        assert!(PressOwner::Vertex(0).starts_edit_drag());
        assert!(PressOwner::Midpoint(3).starts_edit_drag());
        assert!(PressOwner::Annotation { index: 1, selected: true }.starts_edit_drag());
        assert!(!PressOwner::Annotation { index: 1, selected: false }.starts_edit_drag());
        assert!(!PressOwner::Marker(0).starts_edit_drag());
        assert!(!PressOwner::Map.starts_edit_drag());
    }

    #[test]
    fn points_have_no_handles_and_lines_have_one_per_vertex_and_side() {
        let view = Viewport { center: project(LonLat::new(72.0, 38.0)), zoom: 7.0, width: 800.0, height: 600.0 };
        let (a, b) = (LonLat::new(72.0, 38.0), LonLat::new(72.5, 38.0));
        assert_eq!(Handles::of(&AnnotationGeometry::MultiPoint(vec![a, b]), &view), Handles::default());
        let handles = Handles::of(&AnnotationGeometry::LineString(vec![a, b]), &view);
        assert_eq!(handles.vertices, vec![view.lonlat_to_screen(a), view.lonlat_to_screen(b)]);
        assert_eq!(handles.midpoints.len(), 1);
        assert!(handles.midpoints[0].distance(view.lonlat_to_screen(a).midpoint(view.lonlat_to_screen(b))) < 0.5);
    }
}

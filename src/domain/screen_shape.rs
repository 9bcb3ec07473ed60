//! Annotation shapes in screen pixels and whether a press touches them: distance to a segment, even-odd
//! point-in-polygon with holes, and the pixel reach of each kind of shape as the map draws it.
//!
//! Everything here is in [`ScreenPx`] (CSS px from the map's top-left, y down). A value that is not finite
//! never touches anything.

use super::annotation::AnnotationGeometry;
use super::coords::ScreenPx;
use super::viewport::Viewport;

/// How far from its centre a point annotation takes a press, CSS px: the drawn circle's radius (7) plus half
/// its 2 px white stroke (`.annotation-point` in style.css, `r="7"` in ui/annotate/layers.rs).
pub const POINT_REACH_PX: f64 = 8.0;
/// How far from its line a line or an area's outline takes a press, CSS px: half the 14 px invisible hit
/// stroke (`.annotation-hit { stroke-width: 14 }`, non-scaling, so 14 screen px at every zoom).
pub const LINE_REACH_PX: f64 = 7.0;

/// The distance in CSS px from `p` to the segment from `a` to `b` (to `a` when the segment has no length).
///
/// ```
/// use article_map::domain::{coords::ScreenPx, screen_shape::segment_distance_px};
/// let (a, b) = (ScreenPx::new(0.0, 0.0), ScreenPx::new(10.0, 0.0));
/// assert_eq!(segment_distance_px(ScreenPx::new(5.0, 3.0), a, b), 3.0); // beside the middle
/// assert_eq!(segment_distance_px(ScreenPx::new(13.0, 4.0), a, b), 5.0); // past the end: to the end point
/// assert_eq!(segment_distance_px(ScreenPx::new(3.0, 4.0), a, a), 5.0); // a segment of no length
/// ```
pub fn segment_distance_px(p: ScreenPx, a: ScreenPx, b: ScreenPx) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length_squared = dx * dx + dy * dy;
    if length_squared == 0.0 || !length_squared.is_finite() {
        return p.distance(a).min(p.distance(b));
    }
    let t = (((p.x - a.x) * dx + (p.y - a.y) * dy) / length_squared).clamp(0.0, 1.0);
    p.distance(ScreenPx::new(a.x + t * dx, a.y + t * dy))
}

/// Whether `p` is inside a polygon given as rings (exterior, then holes) by the even-odd rule: a point in a
/// hole is outside. Rings may or may not repeat their first position at the end.
///
/// ```
/// use article_map::domain::{coords::ScreenPx, screen_shape::inside_even_odd};
/// let square = |s: f64| vec![ScreenPx::new(-s, -s), ScreenPx::new(s, -s), ScreenPx::new(s, s), ScreenPx::new(-s, s)];
/// let with_hole = vec![square(10.0), square(3.0)];
/// assert!(inside_even_odd(ScreenPx::new(6.0, 0.0), &with_hole)); // between the rings
/// assert!(!inside_even_odd(ScreenPx::new(0.0, 0.0), &with_hole)); // in the hole
/// assert!(!inside_even_odd(ScreenPx::new(20.0, 0.0), &with_hole)); // outside
/// ```
pub fn inside_even_odd(p: ScreenPx, rings: &[Vec<ScreenPx>]) -> bool {
    let mut inside = false;
    for ring in rings {
        let n = ring.len();
        for i in 0..n {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            // A crossing of the horizontal ray to the right of `p`; the half-open test counts a vertex once.
            if (a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y) {
                inside = !inside;
            }
        }
    }
    inside
}

/// One annotation as the map draws it, in screen px.
#[derive(Clone, Debug, PartialEq)]
pub enum ScreenShape {
    /// Point or MultiPoint: circles of [`POINT_REACH_PX`].
    Points(Vec<ScreenPx>),
    /// LineString or MultiLineString: polylines, reached within [`LINE_REACH_PX`].
    Lines(Vec<Vec<ScreenPx>>),
    /// Polygon or MultiPolygon: each polygon's rings (exterior, then holes); its inside and its outlines
    /// within [`LINE_REACH_PX`] take a press.
    Areas(Vec<Vec<Vec<ScreenPx>>>),
    /// A GeometryCollection: its parts, each as its kind.
    Collection(Vec<ScreenShape>),
}

impl ScreenShape {
    /// The geometry projected through `view` (the live camera: what the reader sees during a gesture too).
    pub fn of(geometry: &AnnotationGeometry, view: &Viewport) -> ScreenShape {
        let ring = |r: &Vec<_>| r.iter().map(|p| view.lonlat_to_screen(*p)).collect::<Vec<_>>();
        match geometry {
            AnnotationGeometry::Point(p) => ScreenShape::Points(vec![view.lonlat_to_screen(*p)]),
            AnnotationGeometry::MultiPoint(ps) => ScreenShape::Points(ring(ps)),
            AnnotationGeometry::LineString(l) => ScreenShape::Lines(vec![ring(l)]),
            AnnotationGeometry::MultiLineString(ls) => ScreenShape::Lines(ls.iter().map(ring).collect()),
            AnnotationGeometry::Polygon(p) => ScreenShape::Areas(vec![p.iter().map(ring).collect()]),
            AnnotationGeometry::MultiPolygon(ps) => {
                ScreenShape::Areas(ps.iter().map(|p| p.iter().map(ring).collect()).collect())
            }
            AnnotationGeometry::GeometryCollection(parts) => {
                ScreenShape::Collection(parts.iter().map(|g| ScreenShape::of(g, view)).collect())
            }
        }
    }

    /// Whether the shape is a point layer (drawn above every line and area).
    pub fn is_points(&self) -> bool {
        matches!(self, ScreenShape::Points(_))
    }

    /// Whether a press at `at` touches the shape.
    pub fn touches(&self, at: ScreenPx) -> bool {
        let near_line = |line: &[ScreenPx], closed: bool| {
            let closing = closed.then(|| (line.last(), line.first())).and_then(|(a, b)| Some((*a?, *b?)));
            line.windows(2)
                .map(|w| (w[0], w[1]))
                .chain(closing)
                .any(|(a, b)| segment_distance_px(at, a, b) <= LINE_REACH_PX)
        };
        match self {
            ScreenShape::Points(points) => points.iter().any(|p| p.distance(at) <= POINT_REACH_PX),
            ScreenShape::Lines(lines) => lines.iter().any(|l| near_line(l, false)),
            ScreenShape::Areas(polygons) => {
                polygons.iter().any(|rings| inside_even_odd(at, rings) || rings.iter().any(|r| near_line(r, true)))
            }
            ScreenShape::Collection(parts) => parts.iter().any(|part| part.touches(at)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coords::LonLat;
    use crate::domain::projection::project;

    fn px(x: f64, y: f64) -> ScreenPx {
        ScreenPx::new(x, y)
    }

    #[test]
    fn a_line_takes_presses_within_seven_px_of_it_and_not_its_bow() {
        let bent = ScreenShape::Lines(vec![vec![px(0.0, 0.0), px(100.0, 0.0), px(100.0, 100.0)]]);
        assert!(bent.touches(px(50.0, 6.9)));
        assert!(!bent.touches(px(50.0, 7.1)));
        assert!(bent.touches(px(104.0, 104.0)), "round reach past the end");
        assert!(!bent.touches(px(80.0, 20.0)), "inside the bend is not the line");
    }

    #[test]
    fn an_area_takes_its_inside_and_its_outline_but_not_its_hole() {
        let square = |s: f64| vec![px(-s, -s), px(s, -s), px(s, s), px(-s, s), px(-s, -s)];
        let area = ScreenShape::Areas(vec![vec![square(50.0), square(20.0)]]);
        assert!(area.touches(px(35.0, 0.0)));
        assert!(area.touches(px(56.0, 0.0)), "just outside, on the hit stroke");
        assert!(!area.touches(px(58.0, 0.0)));
        assert!(!area.touches(px(0.0, 0.0)), "the hole");
        assert!(area.touches(px(14.0, 0.0)), "in the hole but on its outline");
    }

    #[test]
    fn a_multipolygon_takes_either_part_even_where_they_overlap() {
        let square = |x: f64| vec![px(x, 0.0), px(x + 40.0, 0.0), px(x + 40.0, 40.0), px(x, 40.0)];
        let both = ScreenShape::Areas(vec![vec![square(0.0)], vec![square(20.0)]]);
        assert!(both.touches(px(30.0, 20.0)));
        assert!(both.touches(px(50.0, 20.0)));
    }

    #[test]
    fn points_reach_eight_px() {
        let points = ScreenShape::Points(vec![px(10.0, 10.0), px(100.0, 10.0)]);
        assert!(points.touches(px(100.0, 18.0)));
        assert!(!points.touches(px(100.0, 18.5)));
    }

    #[test]
    fn nothing_is_touched_by_a_press_that_is_not_a_number() {
        let area = ScreenShape::Areas(vec![vec![vec![px(0.0, 0.0), px(10.0, 0.0), px(0.0, 10.0)]]]);
        assert!(!area.touches(px(f64::NAN, 1.0)));
        assert!(!ScreenShape::Points(vec![px(0.0, 0.0)]).touches(px(f64::INFINITY, 0.0)));
        assert!(!ScreenShape::Lines(vec![vec![]]).touches(px(0.0, 0.0)), "an empty line");
    }

    #[test]
    fn shapes_are_projected_through_the_view() {
        let view = Viewport { center: project(LonLat::new(72.0, 38.0)), zoom: 7.0, width: 800.0, height: 600.0 };
        let here = view.screen_to_lonlat(px(400.0, 300.0));
        let shape = ScreenShape::of(&AnnotationGeometry::Point(here), &view);
        assert!(shape.is_points());
        assert!(shape.touches(px(405.0, 305.0)));
        let east = view.screen_to_lonlat(px(500.0, 300.0));
        let line = ScreenShape::of(&AnnotationGeometry::LineString(vec![here, east]), &view);
        assert!(!line.is_points() && line.touches(px(450.0, 306.0)) && !line.touches(px(450.0, 308.0)));
    }
}

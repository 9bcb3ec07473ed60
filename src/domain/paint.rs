//! How an annotation is painted: its simplestyle properties (`marker-color`, `stroke`, `stroke-width`,
//! `stroke-opacity`, `fill`, `fill-opacity`) turned into colours and widths, with the app's defaults for what
//! is not set. The one rule for the screen, the SVG export and the PNG export.

use super::annotation::{Annotation, AnnotationGeometry};
use super::palette::LIGHT;

/// The colour of an annotation that has none of its own: the accent.
pub const DEFAULT_COLOUR: &str = LIGHT.accent;
/// Line width when `stroke-width` is not set, CSS px.
pub const DEFAULT_STROKE_WIDTH_PX: f64 = 3.0;
/// Area fill opacity when `fill-opacity` is not set.
pub const DEFAULT_FILL_OPACITY: f64 = 0.2;
/// Radius of a point's marker, CSS px.
pub const POINT_RADIUS_PX: f64 = 7.0;

/// The paint of one annotation. Colours are CSS colours; widths and radii are CSS px on screen, whatever
/// the zoom.
#[derive(Clone, Debug, PartialEq)]
pub struct Paint {
    /// Outline of a line or an area: `stroke`, else `marker-color`, else [`DEFAULT_COLOUR`].
    pub stroke: String,
    /// `stroke-width`, else [`DEFAULT_STROKE_WIDTH_PX`].
    pub stroke_width_px: f64,
    /// `stroke-opacity`, else 1.
    pub stroke_opacity: f64,
    /// Inside of an area: `fill`, else its stroke colour; `"none"` for lines and points.
    pub fill: String,
    /// `fill-opacity`, else [`DEFAULT_FILL_OPACITY`].
    pub fill_opacity: f64,
    /// A point's marker: `marker-color` (simplestyle colours points by it alone), else [`DEFAULT_COLOUR`].
    pub marker: String,
    /// A point's marker radius, CSS px.
    pub point_radius_px: f64,
}

impl Paint {
    /// The colour a reader would call the annotation's own: the marker's for points, the outline's otherwise.
    pub fn main_colour(&self, geometry: &AnnotationGeometry) -> &str {
        if is_point(geometry) {
            &self.marker
        } else {
            &self.stroke
        }
    }
}

fn is_point(geometry: &AnnotationGeometry) -> bool {
    geometry.is_points()
}

fn is_area(geometry: &AnnotationGeometry) -> bool {
    geometry.has_area()
}

/// The paint of `a`.
///
/// ```
/// use article_map::domain::annotation::{Annotation, AnnotationGeometry};
/// use article_map::domain::coords::LonLat;
/// use article_map::domain::paint::{paint, DEFAULT_COLOUR};
///
/// let ring = vec![LonLat::new(71.0, 37.0), LonLat::new(72.0, 37.0), LonLat::new(72.0, 38.0), LonLat::new(71.0, 37.0)];
/// let mut area = Annotation::new("a1", AnnotationGeometry::Polygon(vec![ring]));
/// let p = paint(&area);
/// assert_eq!((p.stroke.as_str(), p.fill.as_str(), p.stroke_width_px, p.fill_opacity), (DEFAULT_COLOUR, DEFAULT_COLOUR, 3.0, 0.2));
///
/// area.style.stroke = Some("#1d3557".into());
/// area.style.stroke_width = Some(1.5);
/// let p = paint(&area);
/// assert_eq!((p.stroke.as_str(), p.fill.as_str(), p.stroke_width_px), ("#1d3557", "#1d3557", 1.5));
///
/// // A point is coloured by `marker-color` only; `stroke` is for lines and outlines.
/// let mut point = Annotation::new("a2", AnnotationGeometry::Point(LonLat::new(71.6, 36.7)));
/// point.style.stroke = Some("#1d3557".into());
/// let p = paint(&point);
/// assert_eq!((p.marker.as_str(), p.fill.as_str(), p.point_radius_px), (DEFAULT_COLOUR, "none", 7.0));
/// point.style.marker_color = Some("#2f6b2f".into());
/// assert_eq!(paint(&point).marker, "#2f6b2f");
/// ```
pub fn paint(a: &Annotation) -> Paint {
    let style = &a.style;
    let stroke = style.stroke.clone().or_else(|| style.marker_color.clone()).unwrap_or_else(|| DEFAULT_COLOUR.into());
    let fill = if is_area(&a.geometry) { style.fill.clone().unwrap_or_else(|| stroke.clone()) } else { "none".into() };
    Paint {
        stroke,
        stroke_width_px: style.stroke_width.unwrap_or(DEFAULT_STROKE_WIDTH_PX),
        stroke_opacity: style.stroke_opacity.unwrap_or(1.0),
        fill,
        fill_opacity: style.fill_opacity.unwrap_or(DEFAULT_FILL_OPACITY),
        marker: style.marker_color.clone().unwrap_or_else(|| DEFAULT_COLOUR.into()),
        point_radius_px: POINT_RADIUS_PX,
    }
}

/// SVG path data of a circle of radius `r` centred on 0,0 (a point's marker, for pictures drawn from paths).
///
/// ```
/// use article_map::domain::paint::circle_path;
/// assert_eq!(circle_path(7.0), "M-7 0a7 7 0 1 0 14 0a7 7 0 1 0 -14 0z");
/// ```
pub fn circle_path(r: f64) -> String {
    format!("M{} 0a{r} {r} 0 1 0 {} 0a{r} {r} 0 1 0 {} 0z", -r, 2.0 * r, -2.0 * r)
}

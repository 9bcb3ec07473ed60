//! The map's reach: the extent of the embedded data, the first view, the deepest zoom, and the zoom range a
//! screen of a given size allows.

use super::bounds::LonLatBounds;
use super::viewport::{ViewLimits, Viewport};

/// The embedded data's extent (data.md), degrees: the camera's centre stays inside it.
pub const EXTENT: LonLatBounds = LonLatBounds::new(52.0, 29.0, 97.0, 52.0);
/// What the first view frames, degrees: Tajikistan, the Wakhan Corridor and western Xinjiang.
pub const HOME: LonLatBounds = LonLatBounds::new(67.3, 35.9, 80.2, 41.2);
/// The deepest zoom: about 25 m per pixel here, finer than the 4-decimal data.
pub const MAX_ZOOM: f64 = 12.0;
/// Margin around the home box, CSS px.
pub const HOME_PADDING_PX: f64 = 12.0;

/// The first view for a screen of `width` × `height` CSS px.
///
/// ```
/// use article_map::domain::extent::{home_view, HOME};
/// let view = home_view(900.0, 600.0);
/// let (shown, home) = (view.visible_bounds(), HOME.to_mercator());
/// assert!(shown.min.x <= home.min.x && shown.max.x >= home.max.x);
/// assert!(shown.min.y <= home.min.y && shown.max.y >= home.max.y);
/// ```
pub fn home_view(width: f64, height: f64) -> Viewport {
    Viewport::fitting(HOME.to_mercator(), width, height, HOME_PADDING_PX)
}

/// The zoom range for a screen: out to where the whole extent (or the home box) fits, in to [`MAX_ZOOM`].
///
/// ```
/// use article_map::domain::extent::{limits_for, MAX_ZOOM};
/// let small = limits_for(320.0, 240.0);
/// let large = limits_for(2560.0, 1440.0);
/// assert!(small.min_zoom < large.min_zoom, "a smaller screen may zoom further out");
/// assert_eq!(small.max_zoom, MAX_ZOOM);
/// ```
pub fn limits_for(width: f64, height: f64) -> ViewLimits {
    limits_within(width, height, EXTENT)
}

/// The zoom range for a screen and a reach other than [`EXTENT`] (the benchmark's synthetic workload
/// reaches further): out to where `reach` (or the home box) fits, and the centre kept inside `reach`.
///
/// ```
/// use article_map::domain::bounds::LonLatBounds;
/// use article_map::domain::extent::{limits_for, limits_within, EXTENT};
/// let wider = limits_within(800.0, 600.0, EXTENT.union(LonLatBounds::new(44.0, 23.0, 100.0, 56.0)));
/// assert!(wider.min_zoom < limits_for(800.0, 600.0).min_zoom);
/// ```
pub fn limits_within(width: f64, height: f64, reach: LonLatBounds) -> ViewLimits {
    let extent = reach.to_mercator();
    let whole = Viewport::fitting(extent, width, height, 0.0);
    let home = home_view(width, height);
    ViewLimits { min_zoom: whole.zoom.min(home.zoom).min(MAX_ZOOM), max_zoom: MAX_ZOOM, center_within: extent }
}

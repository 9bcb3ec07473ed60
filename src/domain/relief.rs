//! The shaded relief under the map (`assets/geo/relief.webp`, derived by `scripts/derive-data`): where it
//! lies and how strongly it shows at a zoom. The image covers the data's extent in Web Mercator at 30 px a
//! degree of longitude; zoomed in past what that can serve, it fades out rather than show its pixels.

use super::bounds::MercatorBounds;
use super::extent::EXTENT;

/// The file the relief is served as, beside the app.
pub const RELIEF_FILE: &str = "relief.webp";
/// The image's pixels per degree of longitude.
pub const RELIEF_PX_PER_DEGREE: f64 = 30.0;

/// Where the image lies, Mercator metres: the data's extent.
pub fn relief_bounds() -> MercatorBounds {
    EXTENT.to_mercator()
}

/// How many screen px a degree of longitude takes at `zoom` (256 px tiles).
fn screen_px_per_degree(zoom: f64) -> f64 {
    256.0 * zoom.exp2() / 360.0
}

/// The relief's opacity at `zoom`, 0–1: whole while each of its pixels covers at most three screen px, none
/// once they would cover eight, fading between.
///
/// ```
/// use article_map::domain::relief::relief_opacity;
/// assert_eq!(relief_opacity(5.0), 1.0);
/// assert_eq!(relief_opacity(10.0), 0.0);
/// let fading = relief_opacity(7.6);
/// assert!(fading > 0.0 && fading < 1.0, "{fading}");
/// assert_eq!(relief_opacity(f64::NAN), 0.0);
/// ```
pub fn relief_opacity(zoom: f64) -> f64 {
    let magnification = screen_px_per_degree(zoom) / RELIEF_PX_PER_DEGREE;
    let (full, none) = (3.0_f64.ln(), 8.0_f64.ln());
    let t = (magnification.ln() - full) / (none - full);
    if t.is_nan() {
        return 0.0;
    }
    (1.0 - t).clamp(0.0, 1.0)
}

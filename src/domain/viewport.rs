//! The camera: which part of the Mercator plane the map shows, and the conversions between screen pixels,
//! Mercator metres and degrees. Zoom follows the web-map convention: at zoom z the whole world is
//! 256·2^z CSS pixels wide.

use super::bounds::MercatorBounds;
use super::coords::{LonLat, Mercator, ScreenPx};
use super::projection::{project, unproject, HALF_WORLD_M};

/// Mercator metres per CSS pixel at zoom 0.
pub const RESOLUTION_AT_ZOOM_0: f64 = 2.0 * HALF_WORLD_M / 256.0;

/// The widest or tallest screen the camera assumes, CSS px (a larger or infinite size is taken as this).
pub const MAX_SCREEN_PX: f64 = 100_000.0;
/// The zoom range any camera stays in, whatever its limits say (a fit of an empty box would be infinite).
pub const ZOOM_RANGE: (f64, f64) = (-8.0, 32.0);

/// A screen size in CSS px made usable: NaN and negative sizes are 0, large or infinite ones
/// [`MAX_SCREEN_PX`].
///
/// ```
/// use article_map::domain::viewport::{screen_size, MAX_SCREEN_PX};
/// assert_eq!(screen_size(f64::NAN), 0.0);
/// assert_eq!(screen_size(-5.0), 0.0);
/// assert_eq!(screen_size(f64::INFINITY), MAX_SCREEN_PX);
/// assert_eq!(screen_size(800.0), 800.0);
/// ```
pub fn screen_size(px: f64) -> f64 {
    if px.is_nan() {
        0.0
    } else {
        px.clamp(0.0, MAX_SCREEN_PX)
    }
}

/// `x` brought into `lo..=hi`, never panicking: the bounds may come in either order, a NaN bound is
/// ignored, and a result that is still not finite is `fallback`.
///
/// ```
/// use article_map::domain::viewport::clamped;
/// assert_eq!(clamped(5.0, 0.0, 1.0, 0.0), 1.0);
/// assert_eq!(clamped(5.0, 1.0, 0.0, 0.0), 1.0); // bounds in either order
/// assert_eq!(clamped(f64::NAN, 0.0, 1.0, 0.5), 0.0);
/// assert_eq!(clamped(f64::INFINITY, f64::NAN, f64::NAN, 0.5), 0.5);
/// ```
pub fn clamped(x: f64, lo: f64, hi: f64, fallback: f64) -> f64 {
    let (lo, hi) = if lo > hi { (hi, lo) } else { (lo, hi) };
    // f64::max/min ignore a NaN operand, so a NaN `x` goes to `lo` and a NaN bound drops out.
    let v = x.max(lo).min(hi);
    if v.is_finite() {
        v
    } else {
        fallback
    }
}

/// Where the camera is and how big the screen is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// The Mercator point at the centre of the screen.
    pub center: Mercator,
    /// Web-map zoom level (fractional).
    pub zoom: f64,
    /// Screen size in CSS pixels.
    pub width: f64,
    pub height: f64,
}

/// What the camera may do: a zoom range and a box the centre must stay in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewLimits {
    pub min_zoom: f64,
    pub max_zoom: f64,
    pub center_within: MercatorBounds,
}

/// An SVG `viewBox` in SVG user units (Mercator metres with y flipped to point down).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewBox {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl ViewBox {
    /// The `viewBox` attribute value.
    pub fn attribute(&self) -> String {
        format!("{:.0} {:.0} {:.0} {:.0}", self.x, self.y, self.width, self.height)
    }
}

/// The zoom level whose resolution is `metres_per_px`.
///
/// ```
/// use article_map::domain::viewport::{zoom_for_resolution, RESOLUTION_AT_ZOOM_0};
/// assert!((zoom_for_resolution(RESOLUTION_AT_ZOOM_0 / 8.0) - 3.0).abs() < 1e-12);
/// ```
pub fn zoom_for_resolution(metres_per_px: f64) -> f64 {
    (RESOLUTION_AT_ZOOM_0 / metres_per_px).log2()
}

impl Viewport {
    /// A viewport that shows `bounds` whole, with `padding_px` of margin on every side.
    ///
    /// Any input gives a finite camera: sizes go through [`screen_size`], a box with no size gets the
    /// deepest zoom of [`ZOOM_RANGE`], and a box that is not finite is the world's centre at zoom 0.
    pub fn fitting(bounds: MercatorBounds, width: f64, height: f64, padding_px: f64) -> Self {
        let (width, height) = (screen_size(width), screen_size(height));
        let padding_px = if padding_px.is_finite() { padding_px } else { 0.0 };
        let usable_w = (width - 2.0 * padding_px).max(1.0);
        let usable_h = (height - 2.0 * padding_px).max(1.0);
        let resolution = (bounds.width().abs() / usable_w).max(bounds.height().abs() / usable_h);
        let zoom = clamped(zoom_for_resolution(resolution), ZOOM_RANGE.0, ZOOM_RANGE.1, 0.0);
        let c = bounds.center();
        let center = Mercator::new(clamped(c.x, -1e300, 1e300, 0.0), clamped(c.y, -1e300, 1e300, 0.0));
        Viewport { center, zoom, width, height }
    }

    /// The same camera with every field finite: a NaN or infinite zoom or centre becomes `fallback`'s, a
    /// screen size goes through [`screen_size`].
    pub fn finite_or(&self, fallback: &Viewport) -> Viewport {
        let pick = |v: f64, f: f64| {
            if v.is_finite() {
                v
            } else if f.is_finite() {
                f
            } else {
                0.0
            }
        };
        Viewport {
            center: Mercator::new(pick(self.center.x, fallback.center.x), pick(self.center.y, fallback.center.y)),
            zoom: pick(self.zoom, fallback.zoom),
            width: screen_size(self.width),
            height: screen_size(self.height),
        }
    }

    /// Mercator metres per CSS pixel.
    ///
    /// ```
    /// use article_map::domain::{coords::Mercator, viewport::Viewport};
    /// let v = Viewport { center: Mercator::new(0.0, 0.0), zoom: 1.0, width: 512.0, height: 512.0 };
    /// assert!((v.resolution() * 512.0 - 40_075_016.685578488).abs() < 1e-6); // two tiles span the world
    /// ```
    pub fn resolution(&self) -> f64 {
        RESOLUTION_AT_ZOOM_0 / self.zoom.exp2()
    }

    /// Longitude degrees per CSS pixel (the level-of-detail measure).
    pub fn degrees_per_px(&self) -> f64 {
        360.0 / (256.0 * self.zoom.exp2())
    }

    pub fn screen_to_mercator(&self, p: ScreenPx) -> Mercator {
        let r = self.resolution();
        Mercator::new(self.center.x + (p.x - self.width / 2.0) * r, self.center.y - (p.y - self.height / 2.0) * r)
    }

    pub fn mercator_to_screen(&self, m: Mercator) -> ScreenPx {
        let r = self.resolution();
        ScreenPx::new((m.x - self.center.x) / r + self.width / 2.0, (self.center.y - m.y) / r + self.height / 2.0)
    }

    pub fn screen_to_lonlat(&self, p: ScreenPx) -> LonLat {
        unproject(self.screen_to_mercator(p))
    }

    pub fn lonlat_to_screen(&self, p: LonLat) -> ScreenPx {
        self.mercator_to_screen(project(p))
    }

    /// The centre in degrees.
    pub fn center_lonlat(&self) -> LonLat {
        unproject(self.center)
    }

    /// Moves the content by (`dx`, `dy`) screen pixels, as a drag does.
    /// A NaN offset counts as 0.
    pub fn panned_by(&self, dx: f64, dy: f64) -> Self {
        let (dx, dy) = (if dx.is_nan() { 0.0 } else { dx }, if dy.is_nan() { 0.0 } else { dy });
        let r = self.resolution();
        Viewport { center: Mercator::new(self.center.x - dx * r, self.center.y + dy * r), ..*self }
    }

    /// Changes the zoom by `delta` levels keeping the point under `anchor` where it is on screen.
    ///
    /// ```
    /// use article_map::domain::{coords::{Mercator, ScreenPx}, viewport::Viewport};
    /// let v = Viewport { center: Mercator::new(7.6e6, 4.6e6), zoom: 5.0, width: 800.0, height: 600.0 };
    /// let cursor = ScreenPx::new(100.0, 50.0);
    /// let under = v.screen_to_mercator(cursor);
    /// let z = v.zoomed_around(cursor, 1.5);
    /// let after = z.screen_to_mercator(cursor);
    /// assert!((under.x - after.x).abs() < 1e-6 && (under.y - after.y).abs() < 1e-6);
    /// ```
    pub fn zoomed_around(&self, anchor: ScreenPx, delta: f64) -> Self {
        let delta = if delta.is_nan() { 0.0 } else { delta };
        let fixed = self.screen_to_mercator(anchor);
        let zoom = self.zoom + delta;
        let r = RESOLUTION_AT_ZOOM_0 / zoom.exp2();
        let center =
            Mercator::new(fixed.x - (anchor.x - self.width / 2.0) * r, fixed.y + (anchor.y - self.height / 2.0) * r);
        Viewport { center, zoom, ..*self }
    }

    /// The camera a fraction `t` (0 → self, 1 → `to`) of the way to `to`, eased in and out: centre
    /// in Mercator metres and zoom move together.
    ///
    /// ```
    /// use article_map::domain::{coords::Mercator, viewport::Viewport};
    /// let a = Viewport { center: Mercator::new(0.0, 0.0), zoom: 4.0, width: 100.0, height: 100.0 };
    /// let b = Viewport { center: Mercator::new(1000.0, -500.0), zoom: 8.0, ..a };
    /// assert_eq!(a.towards(&b, 0.0), a);
    /// assert_eq!(a.towards(&b, 1.0), b);
    /// assert_eq!(a.towards(&b, 0.5).zoom, 6.0);
    /// ```
    pub fn towards(&self, to: &Viewport, t: f64) -> Viewport {
        let t = t.clamp(0.0, 1.0);
        let e = t * t * (3.0 - 2.0 * t);
        Viewport {
            center: Mercator::new(
                self.center.x + (to.center.x - self.center.x) * e,
                self.center.y + (to.center.y - self.center.y) * e,
            ),
            zoom: self.zoom + (to.zoom - self.zoom) * e,
            ..*to
        }
    }

    /// The same camera on a screen of another size (the centre stays the centre); sizes go through
    /// [`screen_size`].
    pub fn resized(&self, width: f64, height: f64) -> Self {
        Viewport { width: screen_size(width), height: screen_size(height), ..*self }
    }

    /// The camera brought inside `limits`: zoom clamped first, then the centre. Never panics and never gives
    /// NaN, whatever the limits: a minimum above the maximum (a very large screen can ask for that) is read
    /// as the range between them, NaN bounds are ignored, and the zoom also stays in [`ZOOM_RANGE`].
    pub fn limited(&self, limits: &ViewLimits) -> Self {
        let zoom = clamped(self.zoom, limits.min_zoom, limits.max_zoom, limits.min_zoom);
        let zoom = clamped(zoom, ZOOM_RANGE.0, ZOOM_RANGE.1, 0.0);
        let b = limits.center_within;
        let mid = b.center();
        let x = clamped(self.center.x, b.min.x, b.max.x, clamped(mid.x, -HALF_WORLD_M, HALF_WORLD_M, 0.0));
        let y = clamped(self.center.y, b.min.y, b.max.y, clamped(mid.y, -HALF_WORLD_M, HALF_WORLD_M, 0.0));
        Viewport { center: Mercator::new(x, y), zoom, width: screen_size(self.width), height: screen_size(self.height) }
    }

    /// The Mercator box the screen shows.
    pub fn visible_bounds(&self) -> MercatorBounds {
        let half_w = self.width / 2.0 * self.resolution();
        let half_h = self.height / 2.0 * self.resolution();
        MercatorBounds {
            min: Mercator::new(self.center.x - half_w, self.center.y - half_h),
            max: Mercator::new(self.center.x + half_w, self.center.y + half_h),
        }
    }

    /// The SVG `viewBox` for a drawing that overhangs the screen by `overhang` of its size on each side
    /// (0 = exactly the screen). SVG y is −Mercator y.
    pub fn view_box(&self, overhang: f64) -> ViewBox {
        let b = self.visible_bounds();
        let (w, h) = (b.width() * (1.0 + 2.0 * overhang), b.height() * (1.0 + 2.0 * overhang));
        ViewBox { x: b.center().x - w / 2.0, y: -b.center().y - h / 2.0, width: w, height: h }
    }

    /// The CSS transform that makes a drawing rendered for `rendered` look as this camera would show it:
    /// `(scale, translate_x, translate_y)` in screen pixels, applied about the screen's top-left corner.
    /// This is how a gesture moves the map without re-rendering any path.
    pub fn transform_from(&self, rendered: &Viewport) -> (f64, f64, f64) {
        let scale = rendered.resolution() / self.resolution();
        // Where the rendered top-left corner lands now.
        let corner = rendered.screen_to_mercator(ScreenPx::new(0.0, 0.0));
        let at = self.mercator_to_screen(corner);
        (scale, at.x, at.y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bounds::LonLatBounds;

    fn view() -> Viewport {
        Viewport { center: project(LonLat::new(71.0, 38.5)), zoom: 6.0, width: 1000.0, height: 700.0 }
    }

    #[test]
    fn screen_and_mercator_round_trip() {
        let v = view();
        let p = ScreenPx::new(123.0, 456.0);
        let back = v.mercator_to_screen(v.screen_to_mercator(p));
        assert!(back.distance(p) < 1e-6);
    }

    #[test]
    fn panning_moves_the_content_with_the_pointer() {
        let v = view();
        let grabbed = v.screen_to_mercator(ScreenPx::new(500.0, 350.0));
        let moved = v.panned_by(40.0, -25.0);
        let now = moved.mercator_to_screen(grabbed);
        assert!(now.distance(ScreenPx::new(540.0, 325.0)) < 1e-6);
    }

    #[test]
    fn fitting_shows_the_whole_box() {
        let b = LonLatBounds::new(67.3, 36.0, 80.0, 41.1).to_mercator();
        let v = Viewport::fitting(b, 900.0, 600.0, 20.0);
        let shown = v.visible_bounds();
        assert!(shown.min.x <= b.min.x && shown.max.x >= b.max.x);
        assert!(shown.min.y <= b.min.y && shown.max.y >= b.max.y);
        // and it is tight along one axis
        let slack_x = (shown.width() - b.width()) / v.resolution();
        let slack_y = (shown.height() - b.height()) / v.resolution();
        assert!((slack_x - 40.0).abs() < 1e-6 || (slack_y - 40.0).abs() < 1e-6);
    }

    #[test]
    fn limits_clamp_zoom_and_centre() {
        let limits = ViewLimits {
            min_zoom: 4.0,
            max_zoom: 11.0,
            center_within: LonLatBounds::new(52.0, 29.0, 97.0, 52.0).to_mercator(),
        };
        let far = Viewport { center: project(LonLat::new(120.0, 10.0)), zoom: 20.0, width: 10.0, height: 10.0 };
        let l = far.limited(&limits);
        assert_eq!(l.zoom, 11.0);
        let c = l.center_lonlat();
        assert!((c.lon - 97.0).abs() < 1e-9 && (c.lat - 29.0).abs() < 1e-9);
    }

    #[test]
    fn limits_with_the_minimum_above_the_maximum_do_not_panic() {
        // Before: f64::clamp panicked when a wide screen's fitted zoom exceeded the maximum zoom.
        let b = LonLatBounds::new(52.0, 29.0, 97.0, 52.0).to_mercator();
        let limits = ViewLimits { min_zoom: 12.0, max_zoom: 11.0, center_within: b };
        let l = view().limited(&limits);
        assert!((11.0..=12.0).contains(&l.zoom));
        let nan = ViewLimits { min_zoom: f64::NAN, max_zoom: f64::NAN, center_within: b };
        let v = Viewport { zoom: f64::NAN, center: Mercator::new(f64::NAN, f64::INFINITY), ..view() }.limited(&nan);
        assert!(v.zoom.is_finite() && v.center.x.is_finite() && v.center.y.is_finite(), "{v:?}");
    }

    #[test]
    fn fitting_any_screen_or_box_gives_a_finite_camera() {
        let b = LonLatBounds::new(67.3, 36.0, 80.0, 41.1).to_mercator();
        let point = MercatorBounds { min: b.min, max: b.min };
        for (w, h) in [(0.0, 0.0), (1.0, 1.0), (20_000.0, 10.0), (-5.0, f64::NAN), (f64::INFINITY, 1.0)] {
            for bounds in [b, point] {
                let v = Viewport::fitting(bounds, w, h, 20.0);
                assert!(v.zoom.is_finite() && v.width.is_finite() && v.height.is_finite(), "{w}×{h}: {v:?}");
            }
        }
    }

    #[test]
    fn transform_from_itself_is_identity_and_tracks_a_pan() {
        let v = view();
        let (s, tx, ty) = v.transform_from(&v);
        assert!((s - 1.0).abs() < 1e-12 && tx.abs() < 1e-6 && ty.abs() < 1e-6);
        let (s, tx, ty) = v.panned_by(30.0, 12.0).transform_from(&v);
        assert!((s - 1.0).abs() < 1e-12 && (tx - 30.0).abs() < 1e-6 && (ty - 12.0).abs() < 1e-6);
        let (s, _, _) = v.zoomed_around(ScreenPx::new(0.0, 0.0), 1.0).transform_from(&v);
        assert!((s - 2.0).abs() < 1e-12);
    }

    #[test]
    fn view_box_overhang_grows_the_box_symmetrically() {
        let v = view();
        let exact = v.view_box(0.0);
        let padded = v.view_box(0.25);
        assert!((padded.width - 1.5 * exact.width).abs() < 1e-6);
        assert!(((padded.x + padded.width / 2.0) - (exact.x + exact.width / 2.0)).abs() < 1e-6);
        assert!((exact.y + exact.height / 2.0 + v.center.y).abs() < 1e-6, "svg y is flipped");
    }
}

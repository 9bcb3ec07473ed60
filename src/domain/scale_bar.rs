//! The scale bar: a round ground distance and its length in pixels at the map's centre.

use super::viewport::Viewport;

/// A scale bar: `px` CSS pixels stand for `metres` on the ground at the centre latitude.
#[derive(Clone, Debug, PartialEq)]
pub struct ScaleBar {
    pub metres: f64,
    pub px: f64,
}

impl ScaleBar {
    /// The longest round distance (1, 2 or 5 × 10ⁿ m) whose bar is at most `max_px` long.
    ///
    /// ```
    /// use article_map::domain::{coords::Mercator, scale_bar::ScaleBar, viewport::Viewport};
    /// // At zoom 6 on the equator one pixel is about 2.45 km, so 100 px hold a 200 km bar.
    /// let v = Viewport { center: Mercator::new(0.0, 0.0), zoom: 6.0, width: 800.0, height: 600.0 };
    /// let bar = ScaleBar::for_viewport(&v, 100.0);
    /// assert_eq!(bar.metres, 200_000.0);
    /// assert_eq!(bar.label(), "200 km");
    /// ```
    pub fn for_viewport(v: &Viewport, max_px: f64) -> ScaleBar {
        let ground_m_per_px = v.resolution() * v.center_lonlat().lat.to_radians().cos();
        let max_m = ground_m_per_px * max_px;
        let magnitude = 10f64.powf(max_m.log10().floor());
        let metres = [5.0, 2.0, 1.0].into_iter().map(|f| f * magnitude).find(|m| *m <= max_m).unwrap_or(magnitude);
        ScaleBar { metres, px: metres / ground_m_per_px }
    }

    /// "200 km", "500 m".
    pub fn label(&self) -> String {
        if self.metres >= 1000.0 {
            format!("{} km", self.metres / 1000.0)
        } else {
            format!("{} m", self.metres)
        }
    }
}

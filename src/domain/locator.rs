//! The locator inset: a small world outline (`assets/geo/inset.json`, derived by `scripts/derive-data`)
//! with the data's extent and the current view outlined on it, so that a reader who does not know where
//! Tajikistan is sees it at once. The outline is equirectangular, in tenths of a degree.

use serde::Deserialize;

use super::bounds::LonLatBounds;
use super::projection::unproject;
use super::viewport::Viewport;

/// The inset's outline and the box of the world it covers.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct InsetOutline {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
    /// Units of the path data per degree.
    pub scale: f64,
    /// SVG path data of the land, x = (lon − west)·scale, y = (north − lat)·scale.
    pub d: String,
}

/// A box on the inset, in its units: x, y, width, height.
pub type InsetBox = (f64, f64, f64, f64);

impl InsetOutline {
    /// Reads `inset.json`.
    pub fn read(json: &str) -> Result<InsetOutline, String> {
        let outline: InsetOutline = serde_json::from_str(json).map_err(|e| format!("inset: {e}"))?;
        let finite =
            [outline.west, outline.south, outline.east, outline.north, outline.scale].iter().all(|v| v.is_finite());
        if !finite || outline.west >= outline.east || outline.south >= outline.north || outline.scale <= 0.0 {
            return Err("inset: its box is empty or not finite".into());
        }
        Ok(outline)
    }

    /// The SVG viewBox of the whole inset.
    pub fn view_box(&self) -> InsetBox {
        (0.0, 0.0, (self.east - self.west) * self.scale, (self.north - self.south) * self.scale)
    }

    /// Where a box of the world falls on the inset, clipped to it.
    ///
    /// ```
    /// use article_map::domain::{bounds::LonLatBounds, locator::InsetOutline};
    /// let inset = InsetOutline { west: 0.0, south: 0.0, east: 100.0, north: 50.0, scale: 10.0, d: String::new() };
    /// assert_eq!(inset.box_of(LonLatBounds::new(10.0, 20.0, 30.0, 40.0)), (100.0, 100.0, 200.0, 200.0));
    /// assert_eq!(inset.box_of(LonLatBounds::new(-50.0, 45.0, 5.0, 80.0)), (0.0, 0.0, 50.0, 50.0), "clipped");
    /// ```
    pub fn box_of(&self, b: LonLatBounds) -> InsetBox {
        let x = |lon: f64| (lon.clamp(self.west, self.east) - self.west) * self.scale;
        let y = |lat: f64| (self.north - lat.clamp(self.south, self.north)) * self.scale;
        (x(b.west), y(b.north), x(b.east) - x(b.west), y(b.south) - y(b.north))
    }

    /// Where the view's visible area falls on the inset.
    pub fn view_of(&self, view: &Viewport) -> InsetBox {
        let shown = view.visible_bounds();
        let (sw, ne) = (unproject(shown.min), unproject(shown.max));
        self.box_of(LonLatBounds::new(sw.lon, sw.lat, ne.lon, ne.lat))
    }
}

/// Maps narrower than this (px) have no inset: a phone, or a narrow embed.
pub const MIN_MAP_WIDTH_FOR_INSET_PX: f64 = 480.0;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::extent::home_view;

    #[test]
    fn the_home_view_is_a_small_box_inside_the_outline_and_a_bad_file_is_refused() {
        let inset = InsetOutline::read(include_str!("../../assets/geo/inset.json")).unwrap();
        let (_, _, w, h) = inset.view_box();
        let (x, y, bw, bh) = inset.view_of(&home_view(1280.0, 800.0));
        assert!(x > 0.0 && y > 0.0 && x + bw < w && y + bh < h, "inside: {x} {y} {bw} {bh}");
        assert!(bw < w / 6.0 && bh < h / 3.0, "small");
        assert!(!inset.d.is_empty());
        assert!(InsetOutline::read(r#"{"west":5,"south":0,"east":5,"north":1,"scale":1,"d":""}"#).is_err());
        assert!(InsetOutline::read("nonsense").is_err());
    }
}

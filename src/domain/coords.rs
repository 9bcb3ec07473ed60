//! Coordinate types, one per space, so that a value cannot be used in the wrong one.
//!
//! - [`LonLat`]: WGS84 degrees (longitude east, latitude north), as in GeoJSON.
//! - [`Mercator`]: Web Mercator (EPSG:3857) metres, x east, y north.
//! - [`ScreenPx`]: CSS pixels from the map container's top-left corner, y down.
//!
//! Conversions between them go through [`crate::domain::projection`] and [`crate::domain::viewport`].

/// A WGS84 position in degrees.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct LonLat {
    pub lon: f64,
    pub lat: f64,
}

impl LonLat {
    pub const fn new(lon: f64, lat: f64) -> Self {
        Self { lon, lat }
    }
}

/// A Web Mercator position in metres (EPSG:3857), y north.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Mercator {
    pub x: f64,
    pub y: f64,
}

impl Mercator {
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }
}

/// A position in CSS pixels relative to the map container's top-left corner, y down.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct ScreenPx {
    pub x: f64,
    pub y: f64,
}

impl ScreenPx {
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }

    /// Euclidean distance in pixels.
    pub fn distance(self, other: ScreenPx) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }

    /// The point halfway between two points.
    pub fn midpoint(self, other: ScreenPx) -> ScreenPx {
        ScreenPx::new((self.x + other.x) / 2.0, (self.y + other.y) / 2.0)
    }
}

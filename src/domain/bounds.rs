//! Axis-aligned bounds in degrees and in Mercator metres.

use super::coords::{LonLat, Mercator};
use super::projection::project;

/// A longitude/latitude box (west ≤ east; boxes crossing the antimeridian are not needed for this region).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LonLatBounds {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl LonLatBounds {
    pub const fn new(west: f64, south: f64, east: f64, north: f64) -> Self {
        Self { west, south, east, north }
    }

    /// The box projected to Mercator metres.
    pub fn to_mercator(self) -> MercatorBounds {
        let sw = project(LonLat::new(self.west, self.south));
        let ne = project(LonLat::new(self.east, self.north));
        MercatorBounds { min: sw, max: ne }
    }

    pub fn contains(self, p: LonLat) -> bool {
        p.lon >= self.west && p.lon <= self.east && p.lat >= self.south && p.lat <= self.north
    }

    /// The smallest box holding both.
    ///
    /// ```
    /// use article_map::domain::bounds::LonLatBounds;
    /// let both = LonLatBounds::new(52.0, 29.0, 97.0, 52.0).union(LonLatBounds::new(44.0, 23.0, 100.0, 40.0));
    /// assert_eq!(both, LonLatBounds::new(44.0, 23.0, 100.0, 52.0));
    /// ```
    pub fn union(self, other: LonLatBounds) -> LonLatBounds {
        LonLatBounds::new(
            self.west.min(other.west),
            self.south.min(other.south),
            self.east.max(other.east),
            self.north.max(other.north),
        )
    }
}

/// A box in Mercator metres; `min` is the south-west corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MercatorBounds {
    pub min: Mercator,
    pub max: Mercator,
}

impl MercatorBounds {
    pub fn width(&self) -> f64 {
        self.max.x - self.min.x
    }

    pub fn height(&self) -> f64 {
        self.max.y - self.min.y
    }

    pub fn center(&self) -> Mercator {
        Mercator::new((self.min.x + self.max.x) / 2.0, (self.min.y + self.max.y) / 2.0)
    }

    /// The smallest box holding all points, or `None` for no points.
    pub fn around(points: impl IntoIterator<Item = Mercator>) -> Option<Self> {
        let mut it = points.into_iter();
        let first = it.next()?;
        let mut b = MercatorBounds { min: first, max: first };
        for p in it {
            b.min.x = b.min.x.min(p.x);
            b.min.y = b.min.y.min(p.y);
            b.max.x = b.max.x.max(p.x);
            b.max.y = b.max.y.max(p.y);
        }
        Some(b)
    }
}

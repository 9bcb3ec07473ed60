//! Levels of detail of the embedded basemap, and which one a zoom needs (rule from data.md: by degrees of
//! longitude per screen pixel).

/// A generalisation level of the embedded boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LevelOfDetail {
    /// Douglas–Peucker 0.02°, whole extent.
    L0,
    /// Douglas–Peucker 0.004°, whole extent.
    L1,
    /// Unsimplified inside 66–80°E × 34–42°N, L1 elsewhere.
    L2,
}

impl LevelOfDetail {
    pub const ALL: [LevelOfDetail; 3] = [LevelOfDetail::L0, LevelOfDetail::L1, LevelOfDetail::L2];

    /// The level for a map scale given in degrees of longitude per CSS pixel.
    ///
    /// ```
    /// use article_map::domain::level_of_detail::LevelOfDetail;
    /// assert_eq!(LevelOfDetail::for_degrees_per_px(0.02), LevelOfDetail::L0);
    /// assert_eq!(LevelOfDetail::for_degrees_per_px(0.015), LevelOfDetail::L0);
    /// assert_eq!(LevelOfDetail::for_degrees_per_px(0.01), LevelOfDetail::L1);
    /// assert_eq!(LevelOfDetail::for_degrees_per_px(0.004), LevelOfDetail::L1);
    /// assert_eq!(LevelOfDetail::for_degrees_per_px(0.001), LevelOfDetail::L2);
    /// ```
    pub fn for_degrees_per_px(degrees_per_px: f64) -> Self {
        if degrees_per_px >= 0.015 {
            LevelOfDetail::L0
        } else if degrees_per_px >= 0.004 {
            LevelOfDetail::L1
        } else {
            LevelOfDetail::L2
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            LevelOfDetail::L0 => "l0",
            LevelOfDetail::L1 => "l1",
            LevelOfDetail::L2 => "l2",
        }
    }
}

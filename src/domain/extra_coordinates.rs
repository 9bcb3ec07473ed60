//! The numbers a position carries after its longitude and latitude (an altitude, and a measure after it):
//! the app draws and edits in two dimensions, but a file's heights must come back out as they went in.
//!
//! They are kept by position, not by index: a ring turned to the right-hand rule, a part reordered or a
//! vertex inserted elsewhere keeps every height where it was. A vertex moved or a shape dragged is a new
//! position and has none (a height measured at one place is not the height of another).

use std::collections::BTreeMap;

use super::annotation::stored_number;
use super::coords::LonLat;

/// At most this many numbers after longitude and latitude are kept per position (altitude and one more,
/// as GDAL's XYZM); RFC 7946 §3.1.1 advises against more than three in all.
pub const MAX_EXTRA_NUMBERS: usize = 2;

/// Heights (and further numbers) of positions, keyed by the position at the precision it is stored with.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExtraCoordinates(BTreeMap<(u64, u64), Vec<f64>>);

fn key(p: LonLat) -> (u64, u64) {
    // -0.0 and 0.0 are one position.
    let bits = |x: f64| (stored_number(x) + 0.0).to_bits();
    (bits(p.lon), bits(p.lat))
}

impl ExtraCoordinates {
    /// Records `extra` for `at` (the first record of a position wins; an empty `extra` records nothing).
    ///
    /// ```
    /// use article_map::domain::{coords::LonLat, extra_coordinates::ExtraCoordinates};
    /// let mut heights = ExtraCoordinates::default();
    /// heights.insert(LonLat::new(71.6117, 36.7272), &[2600.0]);
    /// assert_eq!(heights.of(LonLat::new(71.6117, 36.7272)), &[2600.0]);
    /// assert!(heights.of(LonLat::new(71.0, 36.0)).is_empty());
    /// ```
    pub fn insert(&mut self, at: LonLat, extra: &[f64]) {
        if extra.is_empty() {
            return;
        }
        let kept = extra.iter().take(MAX_EXTRA_NUMBERS).map(|x| stored_number(*x)).collect();
        self.0.entry(key(at)).or_insert(kept);
    }

    /// The numbers after longitude and latitude recorded for `at` (none when it had none).
    pub fn of(&self, at: LonLat) -> &[f64] {
        self.0.get(&key(at)).map_or(&[], Vec::as_slice)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Only the positions in `positions` (what an edit left), so that a removed vertex's height goes with it.
    pub fn kept_for(&self, positions: &[LonLat]) -> ExtraCoordinates {
        if self.0.is_empty() {
            return ExtraCoordinates::default();
        }
        let mut kept = ExtraCoordinates::default();
        for p in positions {
            if let Some(extra) = self.0.get(&key(*p)) {
                kept.0.insert(key(*p), extra.clone());
            }
        }
        kept
    }
}

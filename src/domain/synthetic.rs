//! The synthetic workload of the benchmark (`?synthetic=N&seed=S`): N points and one polyline of N vertices,
//! generated with mulberry32 exactly as the benchmark specifies, so that any implementation draws the same.

use super::bounds::LonLatBounds;
use super::coords::LonLat;

/// Where the workload lies: its points and its line stay within 44–100°E × 23–56°N.
pub const SYNTHETIC_EXTENT: LonLatBounds = LonLatBounds::new(44.0, 23.0, 100.0, 56.0);

/// The largest N accepted.
pub const MAX_SYNTHETIC: usize = 1_000_000;

/// The mulberry32 generator (32-bit state; the same numbers as the usual JavaScript version).
pub struct Mulberry32(u32);

impl Mulberry32 {
    pub fn new(seed: u32) -> Self {
        Mulberry32(seed)
    }

    /// The next number in [0, 1).
    ///
    /// ```
    /// use article_map::domain::synthetic::Mulberry32;
    /// // The same numbers as the JavaScript mulberry32 seeded with 1.
    /// let mut g = Mulberry32::new(1);
    /// assert_eq!(g.next_f64(), 0.6270739405881613);
    /// assert_eq!(g.next_f64(), 0.002735721180215478);
    /// assert_eq!(g.next_f64(), 0.5274470399599522);
    /// ```
    pub fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x6D2B_79F5);
        let a = self.0;
        let mut t = (a ^ (a >> 15)).wrapping_mul(1 | a);
        t = t.wrapping_add((t ^ (t >> 7)).wrapping_mul(61 | t)) ^ t;
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }
}

/// The workload: points first, then the polyline.
#[derive(Clone, Debug, PartialEq)]
pub struct Synthetic {
    pub points: Vec<LonLat>,
    pub line: Vec<LonLat>,
}

/// Generates the workload for `n` (clamped to [`MAX_SYNTHETIC`]) and `seed`.
///
/// ```
/// use article_map::domain::synthetic::synthetic;
/// let s = synthetic(3, 1);
/// assert_eq!(s.points.len(), 3);
/// assert_eq!(s.line.len(), 3);
/// assert!((s.points[0].lon - (44.0 + 56.0 * 0.6270739405881613)).abs() < 1e-12);
/// assert_eq!(s.line[0].lon, 44.0);
/// assert_eq!(s.line[2].lon, 100.0);
/// ```
pub fn synthetic(n: usize, seed: u32) -> Synthetic {
    let n = n.min(MAX_SYNTHETIC);
    let mut g = Mulberry32::new(seed);
    let points = (0..n)
        .map(|_| {
            let lon = 44.0 + 56.0 * g.next_f64();
            let lat = 23.0 + 33.0 * g.next_f64();
            LonLat::new(lon, lat)
        })
        .collect();
    let line = (0..n)
        .map(|j| {
            let t = if n == 1 { 0.0 } else { j as f64 / (n - 1) as f64 };
            let lat = 39.5 + 12.0 * (std::f64::consts::TAU * 8.0 * t).sin() + 2.0 * (g.next_f64() - 0.5);
            LonLat::new(44.0 + 56.0 * t, lat)
        })
        .collect();
    Synthetic { points, line }
}

/// Reads `synthetic` and `seed` query values: `None` when there is no workload to draw. Bad values are
/// ignored (no workload, or seed 1), never a panic.
///
/// ```
/// use article_map::domain::synthetic::parse_request;
/// assert_eq!(parse_request(Some("10000"), Some("7")), Some((10_000, 7)));
/// assert_eq!(parse_request(Some("5"), None), Some((5, 1)));
/// assert_eq!(parse_request(Some("2000000"), Some("x")), Some((1_000_000, 1)));
/// assert_eq!(parse_request(Some("-3"), None), None);
/// assert_eq!(parse_request(None, Some("3")), None);
/// ```
pub fn parse_request(n: Option<&str>, seed: Option<&str>) -> Option<(usize, u32)> {
    let n: usize = n?.trim().parse().ok()?;
    let seed = seed.and_then(|s| s.trim().parse().ok()).unwrap_or(1);
    Some((n.min(MAX_SYNTHETIC), seed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_seed_gives_other_numbers_from_the_javascript_version() {
        let mut g = Mulberry32::new(42);
        assert_eq!(g.next_f64(), 0.6011037519201636);
        assert_eq!(g.next_f64(), 0.44829055899754167);
    }

    #[test]
    fn workloads_stay_in_their_boxes_and_zero_is_empty() {
        let s = synthetic(1000, 3);
        assert!(s.points.iter().all(|p| (44.0..100.0).contains(&p.lon) && (23.0..56.0).contains(&p.lat)));
        assert!(s.line.iter().all(|p| (26.0..53.0).contains(&p.lat)));
        assert_eq!(synthetic(0, 1), Synthetic { points: vec![], line: vec![] });
        assert_eq!(synthetic(1, 1).line[0].lon, 44.0);
    }
}

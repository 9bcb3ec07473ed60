//! Lengths and areas on the Earth: polygon areas on the WGS84 authalic sphere (exact area for the ellipsoid
//! up to the great-circle edges), lengths by the haversine formula on the mean sphere (within ≈0.5 %).

use super::coords::LonLat;

/// WGS84 mean radius, metres (for lengths).
pub const MEAN_RADIUS_M: f64 = 6_371_008.8;
/// WGS84 authalic radius, metres: a sphere with the ellipsoid's surface area.
pub const AUTHALIC_RADIUS_M: f64 = 6_371_007.180_9;
/// WGS84 first eccentricity squared.
const E2: f64 = 0.006_694_379_990_141_317;

/// Great-circle distance between two points in metres.
///
/// ```
/// use article_map::domain::{coords::LonLat, geodesy::distance_m};
/// // One degree of longitude on the equator is about 111.2 km.
/// let d = distance_m(LonLat::new(0.0, 0.0), LonLat::new(1.0, 0.0));
/// assert!((d / 1000.0 - 111.195).abs() < 0.01);
/// ```
pub fn distance_m(a: LonLat, b: LonLat) -> f64 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dp = p2 - p1;
    let dl = (b.lon - a.lon).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * MEAN_RADIUS_M * h.sqrt().min(1.0).asin()
}

/// Length of a line in metres.
pub fn line_length_m(line: &[LonLat]) -> f64 {
    line.windows(2).map(|w| distance_m(w[0], w[1])).sum()
}

/// The authalic latitude (radians) of a geodetic latitude (radians): on the authalic sphere, areas between
/// parallels equal the ellipsoid's.
fn authalic_latitude(phi: f64) -> f64 {
    let (e4, e6) = (E2 * E2, E2 * E2 * E2);
    phi - (E2 / 3.0 + 31.0 * e4 / 180.0 + 59.0 * e6 / 560.0) * (2.0 * phi).sin()
        + (17.0 * e4 / 360.0 + 61.0 * e6 / 1260.0) * (4.0 * phi).sin()
        - (383.0 * e6 / 45360.0) * (6.0 * phi).sin()
}

/// Signed area of a ring in m² (positive when counter-clockwise, the RFC 7946 exterior orientation).
/// The ring may or may not repeat its first point.
///
/// ```
/// use article_map::domain::{coords::LonLat, geodesy::ring_area_m2};
/// // A 1°×1° cell on the equator is about 12,309 km² on WGS84.
/// let cell = [LonLat::new(0.0, 0.0), LonLat::new(1.0, 0.0), LonLat::new(1.0, 1.0), LonLat::new(0.0, 1.0)];
/// assert!((ring_area_m2(&cell) / 1e6 - 12_308.8).abs() < 5.0);
/// ```
pub fn ring_area_m2(ring: &[LonLat]) -> f64 {
    if ring.len() < 3 {
        return 0.0;
    }
    let mut excess = 0.0;
    let n = ring.len();
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + 1) % n]);
        let dl = (b.lon - a.lon).to_radians();
        if dl == 0.0 {
            continue;
        }
        let t1 = (authalic_latitude(a.lat.to_radians()) / 2.0).tan();
        let t2 = (authalic_latitude(b.lat.to_radians()) / 2.0).tan();
        excess += 2.0 * ((dl / 2.0).tan() * (t1 + t2)).atan2(1.0 + t1 * t2);
    }
    // The sum runs against the ring's direction: negate so that counter-clockwise is positive.
    -excess * AUTHALIC_RADIUS_M * AUTHALIC_RADIUS_M
}

/// Area in m² of a polygon given as exterior ring then holes (holes subtract whatever their orientation).
pub fn polygon_area_m2(rings: &[Vec<LonLat>]) -> f64 {
    let mut rings = rings.iter();
    let Some(outer) = rings.next() else { return 0.0 };
    let holes: f64 = rings.map(|r| ring_area_m2(r).abs()).sum();
    ring_area_m2(outer).abs() - holes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orientation_gives_the_sign() {
        let ccw = [LonLat::new(70.0, 37.0), LonLat::new(71.0, 37.0), LonLat::new(71.0, 38.0), LonLat::new(70.0, 38.0)];
        let mut cw = ccw;
        cw.reverse();
        assert!(ring_area_m2(&ccw) > 0.0);
        assert!((ring_area_m2(&ccw) + ring_area_m2(&cw)).abs() < 1.0);
    }

    #[test]
    fn holes_are_subtracted() {
        let outer = vec![LonLat::new(0.0, 0.0), LonLat::new(2.0, 0.0), LonLat::new(2.0, 2.0), LonLat::new(0.0, 2.0)];
        let hole = vec![LonLat::new(0.5, 0.5), LonLat::new(0.5, 1.5), LonLat::new(1.5, 1.5), LonLat::new(1.5, 0.5)];
        let whole = polygon_area_m2(std::slice::from_ref(&outer));
        let holed = polygon_area_m2(&[outer, hole.clone()]);
        assert!((whole - holed - ring_area_m2(&hole).abs()).abs() < 1.0);
    }

    #[test]
    fn degenerate_input_has_no_area_or_length() {
        assert_eq!(ring_area_m2(&[LonLat::new(1.0, 1.0), LonLat::new(2.0, 2.0)]), 0.0);
        assert_eq!(polygon_area_m2(&[]), 0.0);
        assert_eq!(line_length_m(&[LonLat::new(1.0, 1.0)]), 0.0);
        assert_eq!(distance_m(LonLat::new(5.0, 5.0), LonLat::new(5.0, 5.0)), 0.0);
    }
}

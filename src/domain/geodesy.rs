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

/// The point `distance_m` from `start` along the initial bearing `bearing_deg` (clockwise from north), on the
/// mean sphere.
///
/// ```
/// use article_map::domain::{coords::LonLat, geodesy::{destination, distance_m}};
/// let start = LonLat::new(71.61, 36.73);
/// let there = destination(start, 100_000.0, 60.0);
/// assert!((distance_m(start, there) - 100_000.0).abs() < 0.01);
/// ```
pub fn destination(start: LonLat, distance_m: f64, bearing_deg: f64) -> LonLat {
    let (lat1, lon1) = (start.lat.to_radians(), start.lon.to_radians());
    let (d, theta) = (distance_m / MEAN_RADIUS_M, bearing_deg.to_radians());
    let lat2 = (lat1.sin() * d.cos() + lat1.cos() * d.sin() * theta.cos()).clamp(-1.0, 1.0).asin();
    let lon2 = lon1 + (theta.sin() * d.sin() * lat1.cos()).atan2(d.cos() - lat1.sin() * lat2.sin());
    LonLat::new((lon2.to_degrees() + 540.0) % 360.0 - 180.0, lat2.to_degrees())
}

/// A closed ring of `segments` points at `radius_m` around `center`: the true geodesic circle, which on a
/// Mercator map is taller than wide away from the equator.
pub fn circle(center: LonLat, radius_m: f64, segments: usize) -> Vec<LonLat> {
    let segments = segments.max(8);
    let mut ring: Vec<LonLat> =
        (0..segments).map(|i| destination(center, radius_m, 360.0 * i as f64 / segments as f64)).collect();
    ring.push(ring[0]);
    ring
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
    fn a_circle_keeps_its_radius_in_every_direction() {
        let center = LonLat::new(74.82, 37.4);
        let ring = circle(center, 25_000.0, 64);
        assert_eq!(ring.len(), 65);
        assert_eq!(ring.first(), ring.last());
        assert!(ring.iter().all(|p| (distance_m(center, *p) - 25_000.0).abs() < 0.01));
        // Its area is close to pi r^2 (the ring is a 64-gon).
        let area = ring_area_m2(&ring).abs();
        assert!((area / (std::f64::consts::PI * 25_000f64.powi(2)) - 1.0).abs() < 0.01, "{area}");
    }

    #[test]
    fn destination_wraps_at_the_antimeridian() {
        let p = destination(LonLat::new(179.9, 0.0), 50_000.0, 90.0);
        assert!(p.lon < -179.0 && p.lon >= -180.0, "{p:?}");
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

//! Spherical Web Mercator (EPSG:3857): WGS84 degrees ↔ metres.

use super::coords::{LonLat, Mercator};

/// The sphere radius of Web Mercator, metres.
pub const EARTH_RADIUS_M: f64 = 6_378_137.0;

/// The latitude limit of Web Mercator, degrees: the map is square at this latitude.
pub const MAX_LATITUDE: f64 = 85.051_128_779_806_59;

/// Half the width of the projected world, metres (x runs from −this to +this).
pub const HALF_WORLD_M: f64 = std::f64::consts::PI * EARTH_RADIUS_M;

/// Projects a WGS84 position to Web Mercator metres. Latitudes beyond ±[`MAX_LATITUDE`] are clamped.
///
/// ```
/// use article_map::domain::{coords::LonLat, projection::project};
/// let p = project(LonLat::new(180.0, 0.0));
/// assert!((p.x - 20_037_508.342789244).abs() < 1e-6);
/// assert!(project(LonLat::new(0.0, 0.0)).y.abs() < 1e-6);
/// ```
pub fn project(p: LonLat) -> Mercator {
    let lat = p.lat.clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
    Mercator {
        x: EARTH_RADIUS_M * p.lon.to_radians(),
        y: EARTH_RADIUS_M * (std::f64::consts::FRAC_PI_4 + lat / 2.0).tan().ln(),
    }
}

/// The inverse of [`project`].
///
/// ```
/// use article_map::domain::{coords::LonLat, projection::{project, unproject}};
/// let dushanbe = LonLat::new(68.7791, 38.5358);
/// let back = unproject(project(dushanbe));
/// assert!((back.lon - dushanbe.lon).abs() < 1e-9 && (back.lat - dushanbe.lat).abs() < 1e-9);
/// ```
pub fn unproject(m: Mercator) -> LonLat {
    LonLat {
        lon: (m.x / EARTH_RADIUS_M).to_degrees(),
        lat: (2.0 * (m.y / EARTH_RADIUS_M).exp().atan() - std::f64::consts::FRAC_PI_2).to_degrees(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poles_are_clamped_not_infinite() {
        let north = project(LonLat::new(0.0, 90.0));
        assert!(north.y.is_finite());
        assert!((north.y - HALF_WORLD_M).abs() < 1e-3, "the square world ends at the limit latitude");
        assert!(project(LonLat::new(0.0, -90.0)).y < -HALF_WORLD_M + 1e-3);
    }

    #[test]
    fn antimeridian_maps_to_the_world_edges() {
        assert!((project(LonLat::new(-180.0, 10.0)).x + HALF_WORLD_M).abs() < 1e-6);
        assert!((project(LonLat::new(180.0, 10.0)).x - HALF_WORLD_M).abs() < 1e-6);
    }
}

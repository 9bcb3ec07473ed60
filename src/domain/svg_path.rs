//! SVG path data from geometry: projected to Mercator metres once, y flipped to SVG's downward axis, rounded
//! to whole metres, and written with relative moves so the strings stay small.

use std::fmt::Write;

use super::basemap::Shape;
use super::coords::LonLat;
use super::projection::project;

/// Appends one polyline to `d`: `M x y` then relative `l dx dy` steps; rounded duplicates are dropped.
fn push_polyline(d: &mut String, points: &[LonLat], close: bool) {
    let mut last: Option<(i64, i64)> = None;
    let mut steps = 0;
    for p in points {
        let m = project(*p);
        let at = (m.x.round() as i64, (-m.y).round() as i64);
        match last {
            None => {
                let _ = write!(d, "M{} {}", at.0, at.1);
            }
            Some(prev) if prev == at => continue,
            Some(prev) => {
                let _ = write!(d, "l{} {}", at.0 - prev.0, at.1 - prev.1);
                steps += 1;
            }
        }
        last = Some(at);
    }
    if close && steps > 0 {
        d.push('Z');
    }
}

/// The `d` attribute for a shape, in SVG user units (Mercator metres, y down).
///
/// ```
/// use article_map::domain::{basemap::Shape, coords::LonLat, svg_path::path_data};
/// let line = Shape::Lines(vec![vec![LonLat::new(0.0, 0.0), LonLat::new(0.001, 0.0), LonLat::new(0.001, 0.0)]]);
/// assert_eq!(path_data(&line), "M0 0l111 0");
/// ```
pub fn path_data(shape: &Shape) -> String {
    let mut d = String::new();
    match shape {
        Shape::Areas(polygons) => {
            for ring in polygons.iter().flatten() {
                push_polyline(&mut d, ring, true);
            }
        }
        Shape::Lines(lines) => {
            for line in lines {
                push_polyline(&mut d, line, false);
            }
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rings_close_and_y_points_down() {
        let ring = vec![LonLat::new(0.0, 0.0), LonLat::new(0.01, 0.0), LonLat::new(0.01, 0.01), LonLat::new(0.0, 0.0)];
        let d = path_data(&Shape::Areas(vec![vec![ring]]));
        assert!(d.starts_with("M0 0l1113 0l0 -1113"), "{d}");
        assert!(d.ends_with('Z'));
    }

    #[test]
    fn empty_geometry_gives_an_empty_path() {
        assert_eq!(path_data(&Shape::Areas(vec![])), "");
        assert_eq!(path_data(&Shape::Lines(vec![vec![]])), "");
    }

    #[test]
    fn rounding_keeps_absolute_positions_exact() {
        // Many sub-metre steps must not drift: the relative steps add up to the rounded end point.
        let line: Vec<LonLat> = (0..=1000).map(|i| LonLat::new(i as f64 * 0.000_004, 0.0)).collect();
        let d = path_data(&Shape::Lines(vec![line]));
        let sum: i64 = d.split('l').skip(1).map(|step| step.split(' ').next().unwrap().parse::<i64>().unwrap()).sum();
        assert_eq!(sum, project(LonLat::new(0.004, 0.0)).x.round() as i64);
    }
}

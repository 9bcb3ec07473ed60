//! Quantized, delta-encoded positions (the coordinates of the basemap files the app fetches,
//! `article-map/quantized-geojson@1`, written by `scripts/derive-data/quantize.py`).
//!
//! A line or ring is one flat array of integers in units of 10^-decimals degrees: the first position
//! absolute, each next one the difference from the one before, as in TopoJSON's quantized arcs. Small
//! integers compress better than decimal text and read faster. Dividing by 10^decimals is correctly
//! rounded, so a position written with that many decimals comes back as exactly the double its decimal
//! text parses to.

use super::coords::LonLat;

/// The most decimals a file may declare (10^9 still fits in an f64 exactly, and no survey needs more).
pub const MAX_DECIMALS: u32 = 9;

/// Decodes one flat, delta-encoded array into positions.
///
/// ```
/// use article_map::domain::coords::LonLat;
/// use article_map::domain::quantized::positions;
/// // [74.4577, 37.004], then 0.0792° east and 0.0422° south of it.
/// let decoded = positions(&[744577, 370040, 792, -422], 4).unwrap();
/// assert_eq!(decoded, vec![LonLat::new(74.4577, 37.004), LonLat::new(74.5369, 36.9618)]);
/// assert!(positions(&[1, 2, 3], 4).is_err()); // an odd count is not pairs
/// assert!(positions(&[1_810_000, 0], 4).is_err()); // 181° E is not a longitude
/// ```
pub fn positions(flat: &[i64], decimals: u32) -> Result<Vec<LonLat>, String> {
    if decimals > MAX_DECIMALS {
        return Err(format!("decimals must be at most {MAX_DECIMALS}, not {decimals}"));
    }
    if !flat.len().is_multiple_of(2) {
        return Err(format!("{} numbers are not longitude/latitude pairs", flat.len()));
    }
    let unit = 10f64.powi(decimals as i32);
    let (mut x, mut y) = (0i64, 0i64);
    flat.chunks_exact(2)
        .map(|pair| {
            x = x.checked_add(pair[0]).ok_or("a position overflows")?;
            y = y.checked_add(pair[1]).ok_or("a position overflows")?;
            let (lon, lat) = (x as f64 / unit, y as f64 / unit);
            if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) {
                Ok(LonLat::new(lon, lat))
            } else {
                Err(format!("position [{lon}, {lat}] is not a WGS84 longitude/latitude"))
            }
        })
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_integers_decode_or_are_refused_without_a_panic(
            flat in proptest::collection::vec(any::<i64>(), 0..40),
            decimals in 0u32..20,
        ) {
            let _ = positions(&flat, decimals);
        }

        #[test]
        fn written_four_decimal_positions_come_back_exactly(
            points in proptest::collection::vec((-1_800_000i64..=1_800_000, -900_000i64..=900_000), 1..30),
        ) {
            let mut flat = Vec::new();
            let mut last = (0, 0);
            for &(x, y) in &points {
                flat.extend([x - last.0, y - last.1]);
                last = (x, y);
            }
            let decoded = positions(&flat, 4).unwrap();
            for (p, &(x, y)) in decoded.iter().zip(&points) {
                let text = |q: i64| format!("{}{}.{:04}", if q < 0 { "-" } else { "" }, q.abs() / 10_000, q.abs() % 10_000);
                prop_assert_eq!(p.lon, text(x).parse::<f64>().unwrap());
                prop_assert_eq!(p.lat, text(y).parse::<f64>().unwrap());
            }
        }
    }
}

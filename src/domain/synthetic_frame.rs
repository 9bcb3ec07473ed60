//! The synthetic benchmark layer's picture for one camera: the workload projected once, then rasterized
//! for each settled view ([`crate::domain::dot_raster`]): the line, the points over it, and how many points
//! fall on the screen (what the benchmark reports as drawn).

use super::coords::Mercator;
use super::dot_raster::{disc, Coverage, Paint};
use super::projection::project;
use super::synthetic::Synthetic;
use super::viewport::Viewport;

/// The workload, projected once.
#[derive(Debug, PartialEq)]
pub struct SyntheticData {
    pub points: Vec<Mercator>,
    pub line: Vec<Mercator>,
}

impl SyntheticData {
    /// The workload in Web Mercator metres.
    pub fn projected(workload: Synthetic) -> SyntheticData {
        SyntheticData {
            points: workload.points.into_iter().map(project).collect(),
            line: workload.line.into_iter().map(project).collect(),
        }
    }
}

/// The layer's picture for one settled camera: what the line and the points cover (a bit a pixel), and how
/// many points fall on the screen. Its RGBA is made a band of rows at a time ([`SyntheticFrame::band`]).
#[derive(Debug, PartialEq)]
pub struct SyntheticFrame {
    /// Device pixels.
    pub width: usize,
    pub height: usize,
    line: Coverage,
    points: Coverage,
    /// Points whose centre is on the screen (not in the overhang).
    pub drawn_points: usize,
}

impl SyntheticFrame {
    /// RGBA bytes (as `ImageData` wants them) for `rows` rows from `first_row`: the points over the line.
    pub fn band(&self, first_row: usize, rows: usize) -> Vec<u8> {
        self.line.composite(LINE, &self.points, POINTS, first_row, rows)
    }
}

const LINE: Paint = Paint { rgb: [60, 90, 160], alpha: 0.8 };
const POINTS: Paint = Paint { rgb: [120, 60, 150], alpha: 0.65 };
/// The points' radius and the line's width, CSS px.
const POINT_RADIUS_PX: f64 = 3.0;
const LINE_WIDTH_PX: f64 = 2.0;

/// Rasterizes the workload for `view` on a canvas `size` CSS px (the screen plus its overhang) at `ratio`
/// device pixels per CSS px: the line, then the points over it. Costs one projection and a few pixel
/// additions per point and per line step; nothing crosses into JavaScript until the one `putImageData`.
pub fn rasterize(data: &SyntheticData, view: &Viewport, size: (f64, f64), ratio: f64) -> SyntheticFrame {
    let ratio = if ratio.is_finite() { ratio.clamp(1.0, 4.0) } else { 1.0 };
    let (w, h) = (size.0.max(0.0), size.1.max(0.0));
    let (width, height) = ((w * ratio).round() as usize, (h * ratio).round() as usize);
    // Mercator → device pixels, one multiply-add per coordinate.
    let r = view.resolution() / ratio;
    let (ox, oy) = (view.center.x - w * ratio / 2.0 * r, view.center.y + h * ratio / 2.0 * r);
    let px = |m: &Mercator| ((m.x - ox) / r, (oy - m.y) / r);
    let mut line = Coverage::new(width, height);
    line.stroke(data.line.iter().map(px), (LINE_WIDTH_PX * ratio).round() as usize);
    let mut points = Coverage::new(width, height);
    let stamp = disc(POINT_RADIUS_PX * ratio);
    // The screen inside the overhang, device px.
    let (left, top) = ((w - view.width).max(0.0) / 2.0 * ratio, (h - view.height).max(0.0) / 2.0 * ratio);
    let (right, bottom) = (left + view.width * ratio, top + view.height * ratio);
    let mut drawn_points = 0;
    for m in &data.points {
        let (x, y) = px(m);
        if x >= left && x <= right && y >= top && y <= bottom {
            drawn_points += 1;
        }
        points.stamp(&stamp, x, y);
    }
    SyntheticFrame { width: line.width(), height: line.height(), line, points, drawn_points }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::coords::LonLat;
    use crate::domain::synthetic::synthetic;

    fn view(center: LonLat, zoom: f64) -> Viewport {
        Viewport { center: project(center), zoom, width: 400.0, height: 300.0 }
    }

    #[test]
    fn every_point_on_screen_is_counted_and_painted() {
        let data = SyntheticData::projected(synthetic(2_000, 1));
        let whole = view(LonLat::new(72.0, 39.5), 2.0);
        let frame = rasterize(&data, &whole, (600.0, 450.0), 1.0);
        assert_eq!((frame.width, frame.height), (600, 450));
        assert_eq!(frame.drawn_points, 2_000, "the extent fits at zoom 2");
        let rgba = frame.band(0, frame.height);
        assert_eq!(rgba.len(), 600 * 450 * 4);
        assert!(rgba.chunks_exact(4).filter(|p| p[3] > 0).count() > 10_000);
        let close = rasterize(&data, &view(LonLat::new(72.0, 39.5), 8.0), (600.0, 450.0), 1.0);
        assert!(close.drawn_points < 100, "{} at zoom 8", close.drawn_points);
    }

    #[test]
    fn a_high_density_screen_has_more_pixels_not_bigger_dots() {
        let data = SyntheticData::projected(synthetic(10, 1));
        let one = rasterize(&data, &view(LonLat::new(72.0, 39.5), 2.0), (400.0, 300.0), 1.0);
        let two = rasterize(&data, &view(LonLat::new(72.0, 39.5), 2.0), (400.0, 300.0), 2.0);
        assert_eq!((two.width, two.height), (800, 600));
        assert_eq!(one.drawn_points, two.drawn_points);
        let bad = rasterize(&data, &view(LonLat::new(72.0, 39.5), 2.0), (f64::NAN, -1.0), f64::INFINITY);
        assert_eq!(bad.band(0, usize::MAX).len(), bad.width * bad.height * 4);
    }
}

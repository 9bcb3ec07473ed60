//! Rasterizing a dense layer in memory: many dots of one colour and one long polyline, as the set of pixels
//! each covers, composited once into RGBA. The synthetic benchmark layer draws up to a million points and a
//! polyline of a million vertices; asking a canvas for a million arcs and a million-segment stroke costs a
//! call across the wasm boundary per vertex and seconds of path rasterizing, while marking pixels here is a
//! few stores per pixel a dot covers.
//!
//! The picture is what one canvas `fill()` of all the dots and one `stroke()` of the line would paint: each
//! is the union of what it covers, in its colour, however often it overlaps itself (one path is painted
//! once), and the dots lie over the line (`source-over`). Dots and the line are aliased (a pixel is in or
//! out), which suits a layer whose point is density. Where many line vertices fall in one pixel column,
//! the line covers the span between their lowest and highest, which is what the segments between them
//! cover; so a million vertices cost about one span per column, not one step per segment.

/// The pixels covered, over a `width` × `height` raster.
#[derive(Clone, Debug, PartialEq)]
pub struct Coverage {
    width: usize,
    height: usize,
    /// One bit a pixel, row by row (a 1536×1152 raster is 221 KB): empty stretches are skipped 64 pixels at a
    /// time.
    bits: Vec<u64>,
}

/// An sRGB colour with its alpha (0–1), as in `rgba(r, g, b, a)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paint {
    pub rgb: [u8; 3],
    pub alpha: f64,
}

/// The largest raster side, pixels (a canvas bigger than this is refused by browsers anyway).
pub const MAX_SIDE: usize = 16_384;

impl Coverage {
    /// An empty raster; each side is clamped to 0–[`MAX_SIDE`].
    pub fn new(width: usize, height: usize) -> Coverage {
        let (width, height) = (width.min(MAX_SIDE), height.min(MAX_SIDE));
        Coverage { width, height, bits: vec![0; (width * height).div_ceil(64)] }
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn height(&self) -> usize {
        self.height
    }

    /// Whether pixel (x, y) is covered (false outside the raster).
    pub fn covers(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.height && self.bit(y * self.width + x)
    }

    /// How many pixels are covered.
    pub fn covered_count(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }

    fn bit(&self, i: usize) -> bool {
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }

    fn set(&mut self, i: usize) {
        self.bits[i / 64] |= 1 << (i % 64);
    }

    fn mark(&mut self, x: i64, y: i64) {
        if x >= 0 && y >= 0 && (x as usize) < self.width && (y as usize) < self.height {
            self.set(y as usize * self.width + x as usize);
        }
    }

    /// Covers a disc stamp (see [`disc`]) centred on the pixel nearest to (x, y). Non-finite or far-off
    /// centres cover nothing.
    ///
    /// ```
    /// use article_map::domain::dot_raster::{disc, Coverage};
    /// let mut raster = Coverage::new(10, 10);
    /// raster.stamp(&disc(1.0), 4.2, 4.8);
    /// assert!(raster.covers(4, 5) && raster.covers(5, 5) && raster.covers(4, 4));
    /// assert!(!raster.covers(5, 4) && !raster.covers(6, 5));
    /// raster.stamp(&disc(1.0), f64::NAN, 1e300); // nothing, no panic
    /// assert_eq!(raster.covered_count(), 5);
    /// ```
    pub fn stamp(&mut self, stamp: &[(i64, i64)], x: f64, y: f64) {
        let (Some(cx), Some(cy)) = (pixel(x), pixel(y)) else { return };
        let reach = stamp.iter().map(|(dx, dy)| dx.abs().max(dy.abs())).max().unwrap_or(0);
        let inside = cx >= reach && cy >= reach && cx + reach < self.width as i64 && cy + reach < self.height as i64;
        if inside {
            let (w, centre) = (self.width as i64, cy * self.width as i64 + cx);
            for (dx, dy) in stamp {
                self.set((centre + dy * w + dx) as usize);
            }
        } else if cx + reach >= 0
            && cy + reach >= 0
            && cx - reach < self.width as i64
            && cy - reach < self.height as i64
        {
            for (dx, dy) in stamp {
                self.mark(cx + dx, cy + dy);
            }
        }
    }

    /// Covers a polyline `width` pixels wide (1–16). Vertices that fall in the same pixel column as the
    /// one before are gathered into one vertical span; the segments between columns are stepped along
    /// their longer axis. A non-finite vertex breaks the line.
    ///
    /// ```
    /// use article_map::domain::dot_raster::Coverage;
    /// let mut raster = Coverage::new(8, 8);
    /// raster.stroke([(0.0, 1.0), (7.0, 1.0)].into_iter(), 1);
    /// assert!((0..8).all(|x| raster.covers(x, 1)));
    /// // Three vertices in column 3, from y 2 to 6 and back: the span 2–6 is covered.
    /// let mut zigzag = Coverage::new(8, 8);
    /// zigzag.stroke([(3.0, 2.0), (3.2, 6.0), (2.9, 4.0)].into_iter(), 1);
    /// assert!((2..=6).all(|y| zigzag.covers(3, y)) && !zigzag.covers(3, 7));
    /// ```
    pub fn stroke(&mut self, points: impl Iterator<Item = (f64, f64)>, width: usize) {
        let width = width.clamp(1, 16) as i64;
        // The column being gathered: its x, and the lowest and highest y of its vertices.
        let mut run: Option<(i64, f64, f64)> = None;
        let mut last: Option<(f64, f64)> = None;
        for (x, y) in points {
            let Some(column) = pixel(x).filter(|_| y.is_finite()) else {
                if let Some(span) = run.take() {
                    self.span(span, width);
                }
                last = None;
                continue;
            };
            match (run, last) {
                (Some((c, low, high)), Some(_)) if c == column => run = Some((c, low.min(y), high.max(y))),
                (_, previous) => {
                    if let Some(span) = run.take() {
                        self.span(span, width);
                    }
                    if let Some(from) = previous {
                        self.segment(from, (x, y), width);
                    }
                    run = Some((column, y, y));
                }
            }
            last = Some((x, y));
        }
        if let Some(span) = run {
            self.span(span, width);
        }
    }

    /// Covers column `x` from `low` to `high`, `width` columns wide.
    fn span(&mut self, (x, low, high): (i64, f64, f64), width: i64) {
        let (Some(top), Some(bottom)) = (pixel(low), pixel(high)) else { return };
        let (top, bottom) = (top.max(0), bottom.min(self.height as i64 - 1));
        let half = (width - 1) / 2;
        let columns = self.width as i64;
        for column in (x - half..x - half + width).filter(|c| *c >= 0 && *c < columns) {
            for row in top..=bottom {
                self.set(row as usize * self.width + column as usize);
            }
        }
    }

    fn segment(&mut self, (x0, y0): (f64, f64), (x1, y1): (f64, f64), width: i64) {
        let (w, h) = (self.width as f64, self.height as f64);
        if x0.max(x1) < -16.0 || y0.max(y1) < -16.0 || x0.min(x1) > w + 16.0 || y0.min(y1) > h + 16.0 {
            return;
        }
        // A segment longer than the raster's diagonal is cut to as many steps as can land on it.
        let limit = (self.width + self.height) as f64 * 2.0;
        let steps = (x1 - x0).abs().max((y1 - y0).abs()).ceil().min(limit) as i64;
        let half = (width - 1) / 2;
        let steep = (y1 - y0).abs() > (x1 - x0).abs();
        for s in 0..=steps.max(0) {
            let t = if steps == 0 { 0.0 } else { s as f64 / steps as f64 };
            let (Some(px), Some(py)) = (pixel(x0 + (x1 - x0) * t), pixel(y0 + (y1 - y0) * t)) else { continue };
            for k in -half..width - half {
                if steep {
                    self.mark(px + k, py);
                } else {
                    self.mark(px, py + k);
                }
            }
        }
    }

    /// Composites `over` (painted with `top`) over this raster (painted with `under`) into RGBA bytes for
    /// `rows` rows from `first_row` (clipped to the raster), row by row, as `ImageData` wants them (not
    /// premultiplied): the picture can be put on a canvas a band at a time, so no full-size RGBA copy is
    /// ever held. A raster of another size counts as empty.
    ///
    /// ```
    /// use article_map::domain::dot_raster::{disc, Coverage, Paint};
    /// let (mut line, mut dots) = (Coverage::new(3, 2), Coverage::new(3, 2));
    /// line.stroke([(0.0, 0.0), (1.0, 0.0)].into_iter(), 1);
    /// dots.stamp(&disc(0.0), 1.0, 0.0);
    /// let (blue, red) = (Paint { rgb: [0, 0, 200], alpha: 1.0 }, Paint { rgb: [200, 0, 0], alpha: 0.5 });
    /// let rgba = line.composite(blue, &dots, red, 0, 1);
    /// assert_eq!(&rgba[..4], &[0, 0, 200, 255]); // the line alone
    /// assert_eq!(&rgba[4..8], &[100, 0, 100, 255]); // a half-opaque dot over it
    /// assert_eq!(&rgba[8..], &[0, 0, 0, 0]); // nothing
    /// assert_eq!(line.composite(blue, &dots, red, 1, 5).len(), 3 * 4, "one row is left");
    /// ```
    pub fn composite(&self, under: Paint, over: &Coverage, top: Paint, first_row: usize, rows: usize) -> Vec<u8> {
        let (a_under, a_top) = (alpha(under), alpha(top));
        let both = a_top + a_under * (1.0 - a_top);
        let mixed = |c: usize| {
            let premultiplied = f64::from(top.rgb[c]) * a_top + f64::from(under.rgb[c]) * a_under * (1.0 - a_top);
            if both > 0.0 {
                (premultiplied / both).round().clamp(0.0, 255.0) as u8
            } else {
                0
            }
        };
        let byte = |a: f64| (a * 255.0).round() as u8;
        // The four pixels there can be: nothing, the line, a dot, a dot over the line.
        let pixels = [
            [0, 0, 0, 0],
            [under.rgb[0], under.rgb[1], under.rgb[2], byte(a_under)],
            [top.rgb[0], top.rgb[1], top.rgb[2], byte(a_top)],
            [mixed(0), mixed(1), mixed(2), byte(both)],
        ];
        let same = over.width == self.width && over.height == self.height;
        let first = first_row.min(self.height);
        let last = first_row.saturating_add(rows).min(self.height);
        let (start, end) = (first * self.width, last * self.width);
        let mut rgba = vec![0u8; (end - start) * 4];
        let mut i = start;
        while i < end {
            let (word, offset) = (i / 64, i % 64);
            let span = (64 - offset).min(end - i);
            let lower = self.bits[word] >> offset;
            let upper = if same { over.bits[word] >> offset } else { 0 };
            if (lower | upper) != 0 {
                for k in 0..span {
                    let which = ((lower >> k) & 1) as usize + 2 * ((upper >> k) & 1) as usize;
                    if which != 0 {
                        let at = (i + k - start) * 4;
                        rgba[at..at + 4].copy_from_slice(&pixels[which]);
                    }
                }
            }
            i += span;
        }
        rgba
    }
}

fn alpha(paint: Paint) -> f64 {
    if paint.alpha.is_finite() {
        paint.alpha.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// The pixel offsets of a disc of `radius` pixels: those whose centre lies within it (at least the centre).
///
/// ```
/// use article_map::domain::dot_raster::disc;
/// assert_eq!(disc(0.0), vec![(0, 0)]);
/// assert_eq!(disc(1.0).len(), 5); // the centre and its four neighbours
/// assert_eq!(disc(3.0).len(), 29);
/// ```
pub fn disc(radius: f64) -> Vec<(i64, i64)> {
    let r = if radius.is_finite() { radius.clamp(0.0, 64.0) } else { 0.0 };
    let reach = r.floor() as i64;
    let mut offsets = Vec::new();
    for dy in -reach..=reach {
        for dx in -reach..=reach {
            if ((dx * dx + dy * dy) as f64) <= r * r {
                offsets.push((dx, dy));
            }
        }
    }
    offsets
}

/// The pixel a coordinate falls in, or `None` when it is not finite or far outside any raster.
fn pixel(v: f64) -> Option<i64> {
    (v.is_finite() && v.abs() < 1e9).then(|| v.round() as i64)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn overlapping_dots_are_painted_once_like_one_canvas_fill() {
        let (line, mut dots) = (Coverage::new(4, 4), Coverage::new(4, 4));
        dots.stamp(&disc(0.0), 1.0, 1.0);
        dots.stamp(&disc(0.0), 1.0, 1.0);
        let (black, purple) = (Paint { rgb: [0, 0, 0], alpha: 1.0 }, Paint { rgb: [120, 60, 150], alpha: 0.65 });
        let rgba = line.composite(black, &dots, purple, 0, 4);
        let i = (4 + 1) * 4;
        assert_eq!(&rgba[i..i + 4], &[120, 60, 150, 166]);
    }

    #[test]
    fn a_wide_line_covers_its_width_and_a_steep_one_too() {
        let mut flat = Coverage::new(10, 10);
        flat.stroke([(1.0, 5.0), (8.0, 5.0)].into_iter(), 3);
        assert!((4..=6).all(|y| flat.covers(4, y)) && !flat.covers(4, 3) && !flat.covers(4, 7));
        let mut steep = Coverage::new(10, 10);
        steep.stroke([(5.0, 1.0), (5.0, 8.0)].into_iter(), 2);
        assert_eq!((steep.covers(4, 4), steep.covers(5, 4), steep.covers(6, 4)), (false, true, true));
    }

    /// Marks every segment step by step, the slow way, for comparison.
    fn stepped(points: &[(f64, f64)], size: usize) -> Coverage {
        let mut raster = Coverage::new(size, size);
        for pair in points.windows(2) {
            raster.segment(pair[0], pair[1], 1);
        }
        if let [only] = points {
            raster.segment(*only, *only, 1);
        }
        raster
    }

    proptest! {
        #[test]
        fn any_input_stays_in_the_raster_without_a_panic(
            (w, h) in (0usize..40, 0usize..40),
            points in proptest::collection::vec((any::<f64>(), any::<f64>()), 0..20),
            radius in any::<f64>(),
            width in any::<usize>(),
        ) {
            let mut raster = Coverage::new(w, h);
            let stamp = disc(radius);
            for &(x, y) in &points {
                raster.stamp(&stamp, x, y);
            }
            raster.stroke(points.iter().copied(), width);
            let (under, over, top) = (Paint { rgb: [1, 2, 3], alpha: radius }, raster.clone(), Paint { rgb: [4, 5, 6], alpha: 0.5 });
            let rgba = raster.composite(under, &over, top, 0, h);
            prop_assert_eq!(rgba.len(), w * h * 4);
            // Bands put together are the whole picture.
            let band = (width % 7) + 1;
            let banded: Vec<u8> = (0..h).step_by(band).flat_map(|row| raster.composite(under, &over, top, row, band)).collect();
            prop_assert_eq!(banded, rgba);
        }

        #[test]
        fn a_dot_inside_covers_exactly_its_disc(x in 3.0f64..16.4, y in 3.0f64..16.4) {
            let mut raster = Coverage::new(20, 20);
            let stamp = disc(3.0);
            raster.stamp(&stamp, x, y);
            prop_assert_eq!(raster.covered_count(), stamp.len());
        }

        /// Gathering a column into a span covers what stepping each segment covers, and at most the
        /// column's whole span more (a segment within one column covers its span too).
        #[test]
        fn gathered_columns_cover_what_the_segments_do(
            points in proptest::collection::vec((0.0f64..30.0, 0.0f64..30.0), 1..60),
        ) {
            let mut gathered = Coverage::new(32, 32);
            gathered.stroke(points.iter().copied(), 1);
            let stepped = stepped(&points, 32);
            for y in 0..32 {
                for x in 0..32 {
                    prop_assert!(!stepped.covers(x, y) || gathered.covers(x, y), "({x}, {y}) stepped but not gathered");
                }
            }
        }
    }
}

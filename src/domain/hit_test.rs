//! Hit-testing in screen pixels among many point features, through a uniform grid over Mercator metres:
//! what is under the pointer, within a pixel tolerance, returned as a typed target. It lets a layer drawn on
//! a canvas (no DOM element per feature) answer clicks like an SVG one.

use std::collections::HashMap;

use super::coords::{Mercator, ScreenPx};
use super::viewport::Viewport;

/// What a hit found: the index of the feature in the layer it was built from, and its distance in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub index: usize,
    pub distance_px: f64,
}

/// A grid of point features for nearest-within-tolerance queries.
pub struct PointIndex {
    cell_m: f64,
    cells: HashMap<(i64, i64), Vec<usize>>,
    points: Vec<Mercator>,
}

impl PointIndex {
    /// Indexes points with square cells `cell_m` metres wide (a cell about the size of the largest
    /// tolerance at the usual zoom keeps queries to a few cells).
    pub fn new(points: Vec<Mercator>, cell_m: f64) -> Self {
        let cell_m = cell_m.max(1.0);
        let mut cells: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        for (i, p) in points.iter().enumerate() {
            cells.entry(Self::cell_of(*p, cell_m)).or_default().push(i);
        }
        PointIndex { cell_m, cells, points }
    }

    fn cell_of(p: Mercator, cell_m: f64) -> (i64, i64) {
        ((p.x / cell_m).floor() as i64, (p.y / cell_m).floor() as i64)
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The point nearest to `at` on screen, if it is within `tolerance_px`.
    ///
    /// ```
    /// use article_map::domain::{coords::{LonLat, ScreenPx}, hit_test::PointIndex, projection::project, viewport::Viewport};
    /// let view = Viewport { center: project(LonLat::new(72.0, 38.0)), zoom: 7.0, width: 800.0, height: 600.0 };
    /// let near = view.screen_to_mercator(ScreenPx::new(400.0, 300.0));
    /// let far = view.screen_to_mercator(ScreenPx::new(100.0, 100.0));
    /// let index = PointIndex::new(vec![far, near], 5_000.0);
    /// let hit = index.hit(&view, ScreenPx::new(403.0, 304.0), 8.0).unwrap();
    /// assert_eq!(hit.index, 1);
    /// assert!((hit.distance_px - 5.0).abs() < 1e-6);
    /// assert_eq!(index.hit(&view, ScreenPx::new(250.0, 200.0), 8.0), None);
    /// ```
    pub fn hit(&self, view: &Viewport, at: ScreenPx, tolerance_px: f64) -> Option<Hit> {
        let centre = view.screen_to_mercator(at);
        let reach_m = tolerance_px * view.resolution();
        let (x0, y0) = Self::cell_of(Mercator::new(centre.x - reach_m, centre.y - reach_m), self.cell_m);
        let (x1, y1) = Self::cell_of(Mercator::new(centre.x + reach_m, centre.y + reach_m), self.cell_m);
        // A tolerance far wider than the cells would visit many empty cells: scan the points instead.
        let scan_all = ((x1 - x0 + 1) * (y1 - y0 + 1)) as usize > self.cells.len();
        let candidates: Box<dyn Iterator<Item = usize>> = if scan_all {
            Box::new(0..self.points.len())
        } else {
            Box::new(
                (x0..=x1)
                    .flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
                    .filter_map(|c| self.cells.get(&c))
                    .flatten()
                    .copied(),
            )
        };
        candidates
            .map(|i| Hit { index: i, distance_px: view.mercator_to_screen(self.points[i]).distance(at) })
            .filter(|h| h.distance_px <= tolerance_px)
            .min_by(|a, b| a.distance_px.total_cmp(&b.distance_px).then(a.index.cmp(&b.index)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coords::LonLat;
    use crate::domain::projection::project;
    use crate::domain::synthetic::synthetic;

    fn view() -> Viewport {
        Viewport { center: project(LonLat::new(72.0, 38.0)), zoom: 6.0, width: 1000.0, height: 700.0 }
    }

    #[test]
    fn the_grid_finds_what_a_full_scan_finds() {
        let points: Vec<Mercator> = synthetic(20_000, 9).points.into_iter().map(project).collect();
        let index = PointIndex::new(points.clone(), 20_000.0);
        let v = view();
        for (x, y) in [(10.0, 10.0), (500.0, 350.0), (999.0, 1.0), (123.4, 567.8), (700.0, 200.0)] {
            let at = ScreenPx::new(x, y);
            let brute = points
                .iter()
                .enumerate()
                .map(|(i, p)| Hit { index: i, distance_px: v.mercator_to_screen(*p).distance(at) })
                .filter(|h| h.distance_px <= 6.0)
                .min_by(|a, b| a.distance_px.total_cmp(&b.distance_px).then(a.index.cmp(&b.index)));
            assert_eq!(index.hit(&v, at, 6.0), brute, "at {x},{y}");
        }
    }

    #[test]
    fn an_empty_index_hits_nothing() {
        let index = PointIndex::new(vec![], 1000.0);
        assert!(index.is_empty());
        assert_eq!(index.hit(&view(), ScreenPx::new(1.0, 1.0), 10.0), None);
    }
}

//! Markers that would sit on top of one another (several features at one town, say) are fanned out around
//! their common centre so that each can be seen, pointed at and clicked.

use super::coords::ScreenPx;

/// Markers closer than this (CSS px) are fanned out.
pub const CROWD_PX: f64 = 22.0;
/// Beyond this (CSS px from the origin), anchors are not put in grid cells.
const FAR_PX: f64 = 1e12;
/// Centre-to-centre spacing of fanned-out markers, CSS px.
const SPACING_PX: f64 = 26.0;

/// Screen positions for markers anchored at `anchors`, in the same order: lone markers stay on their
/// anchor; each crowd is laid on a circle around its centroid, in input order starting at the top.
///
/// ```
/// use article_map::domain::{coords::ScreenPx, marker_layout::spread};
/// let at = spread(&[ScreenPx::new(100.0, 100.0), ScreenPx::new(100.0, 100.0), ScreenPx::new(300.0, 100.0)]);
/// assert!(at[0].distance(at[1]) >= 25.0);
/// assert_eq!(at[2], ScreenPx::new(300.0, 100.0));
/// ```
///
/// Linear in expectation: anchors are bucketed in a grid of cells small enough that any two anchors in one
/// cell are in one crowd, and only nearby cells are compared (anchors that are not finite stay where they are).
pub fn spread(anchors: &[ScreenPx]) -> Vec<ScreenPx> {
    use std::collections::HashMap;
    // Group by single linkage: a marker joins a crowd when it is near any member.
    let mut crowd_of: Vec<usize> = (0..anchors.len()).collect();
    fn root(crowd_of: &mut [usize], i: usize) -> usize {
        let mut r = i;
        while crowd_of[r] != r {
            r = crowd_of[r];
        }
        // Path compression keeps later look-ups short.
        let mut j = i;
        while crowd_of[j] != r {
            let next = crowd_of[j];
            crowd_of[j] = r;
            j = next;
        }
        r
    }
    fn join(crowd_of: &mut [usize], i: usize, j: usize) {
        let (a, b) = (root(crowd_of, i), root(crowd_of, j));
        crowd_of[a.max(b)] = a.min(b);
    }
    // Cells of side CROWD_PX / √2: the diagonal is CROWD_PX, so anchors sharing a cell are nearer than that,
    // and a near anchor is at most 2 cells away on each axis.
    let side = CROWD_PX / std::f64::consts::SQRT_2;
    let cell = |p: ScreenPx| ((p.x / side).floor() as i64, (p.y / side).floor() as i64);
    let mut cells: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    // Anchors too far off screen for exact cells (≥ 10¹² px) are compared with one another pairwise.
    let mut far = Vec::new();
    for (i, p) in anchors.iter().enumerate() {
        if p.x.abs() < FAR_PX && p.y.abs() < FAR_PX {
            cells.entry(cell(*p)).or_default().push(i);
        } else if p.x.is_finite() && p.y.is_finite() {
            far.push(i);
        }
    }
    for (k, &i) in far.iter().enumerate() {
        for &j in &far[..k] {
            if anchors[i].distance(anchors[j]) < CROWD_PX {
                join(&mut crowd_of, i, j);
            }
        }
    }
    let mut keys: Vec<(i64, i64)> = cells.keys().copied().collect();
    keys.sort_unstable();
    for key in &keys {
        let members = &cells[key];
        for &i in &members[1..] {
            join(&mut crowd_of, members[0], i);
        }
        for dx in -2..=2i64 {
            for dy in -2..=2i64 {
                let other = (key.0.saturating_add(dx), key.1.saturating_add(dy));
                // Each pair of cells once.
                if other <= *key {
                    continue;
                }
                let Some(near) = cells.get(&other) else { continue };
                if root(&mut crowd_of, members[0]) == root(&mut crowd_of, near[0]) {
                    continue;
                }
                // Both cells are one crowd each, so the first near pair joins them.
                'pairs: for &i in members {
                    for &j in near {
                        if anchors[i].distance(anchors[j]) < CROWD_PX {
                            join(&mut crowd_of, i, j);
                            break 'pairs;
                        }
                    }
                }
            }
        }
    }
    // Crowds in order of their first member, members in input order.
    let mut crowds: Vec<Vec<usize>> = Vec::new();
    let mut crowd_index: HashMap<usize, usize> = HashMap::new();
    for i in 0..anchors.len() {
        let r = root(&mut crowd_of, i);
        let at = *crowd_index.entry(r).or_insert_with(|| {
            crowds.push(Vec::new());
            crowds.len() - 1
        });
        crowds[at].push(i);
    }
    let mut placed = anchors.to_vec();
    for members in crowds {
        if members.len() < 2 {
            continue;
        }
        fan_out(&members, anchors, &mut placed);
    }
    placed
}

/// Places a crowd's markers evenly on a circle around their centre, [`SPACING_PX`] apart.
fn fan_out(members: &[usize], anchors: &[ScreenPx], placed: &mut [ScreenPx]) {
    let n = members.len() as f64;
    let cx = members.iter().map(|&i| anchors[i].x).sum::<f64>() / n;
    let cy = members.iter().map(|&i| anchors[i].y).sum::<f64>() / n;
    let radius = (SPACING_PX / 2.0 / (std::f64::consts::PI / n).sin()).max(SPACING_PX / 2.0);
    for (k, &i) in members.iter().enumerate() {
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * k as f64 / n;
        placed[i] = ScreenPx::new(cx + radius * angle.cos(), cy + radius * angle.sin());
    }
}

/// The layout by comparing every pair, as [`spread`] did before it used a grid: kept to check that the two
/// agree.
#[cfg(test)]
fn spread_pairwise(anchors: &[ScreenPx]) -> Vec<ScreenPx> {
    let mut crowd_of: Vec<usize> = (0..anchors.len()).collect();
    fn root(crowd_of: &mut [usize], i: usize) -> usize {
        let mut r = i;
        while crowd_of[r] != r {
            r = crowd_of[r];
        }
        crowd_of[i] = r;
        r
    }
    for i in 0..anchors.len() {
        for j in 0..i {
            if anchors[i].distance(anchors[j]) < CROWD_PX {
                let (a, b) = (root(&mut crowd_of, i), root(&mut crowd_of, j));
                crowd_of[a.max(b)] = a.min(b);
            }
        }
    }
    let mut placed = anchors.to_vec();
    for leader in 0..anchors.len() {
        let members: Vec<usize> = (0..anchors.len()).filter(|&i| root(&mut crowd_of, i) == leader).collect();
        if members.len() < 2 {
            continue;
        }
        fan_out(&members, anchors, &mut placed);
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crowd_of_five_keeps_every_pair_apart() {
        let p = ScreenPx::new(50.0, 50.0);
        let at = spread(&[p; 5]);
        for i in 0..5 {
            for j in 0..i {
                assert!(at[i].distance(at[j]) >= SPACING_PX - 1e-9, "{i} and {j} overlap");
            }
        }
    }

    #[test]
    fn chains_of_near_markers_form_one_crowd() {
        let at = spread(&[ScreenPx::new(0.0, 0.0), ScreenPx::new(15.0, 0.0), ScreenPx::new(30.0, 0.0)]);
        assert!(at[0].distance(at[2]) >= SPACING_PX - 1e-9 && at[0].distance(at[1]) >= SPACING_PX - 1e-9);
    }

    #[test]
    fn the_grid_gives_the_pairwise_layout() {
        let mut g = crate::domain::synthetic::Mulberry32::new(11);
        for round in 0..200 {
            let n = 1 + round % 40;
            let spread_px = 10.0 + round as f64 * 3.0;
            let anchors: Vec<ScreenPx> =
                (0..n).map(|_| ScreenPx::new(g.next_f64() * spread_px - 50.0, g.next_f64() * spread_px)).collect();
            assert_eq!(spread(&anchors), spread_pairwise(&anchors), "{anchors:?}");
        }
    }

    #[test]
    fn two_thousand_markers_on_one_spot_form_one_crowd() {
        let at = spread(&vec![ScreenPx::new(3.0, 4.0); 2000]);
        assert!(at[0].distance(at[1]) >= SPACING_PX - 1e-6);
        let odd = spread(&[ScreenPx::new(f64::NAN, 1.0), ScreenPx::new(f64::INFINITY, 1.0), ScreenPx::new(1.0, 1.0)]);
        assert_eq!(odd[2], ScreenPx::new(1.0, 1.0));
        let far =
            [ScreenPx::new(1e300, 0.0), ScreenPx::new(2e300, 0.0), ScreenPx::new(1e13, 5.0), ScreenPx::new(1e13, 9.0)];
        assert_eq!(spread(&far), spread_pairwise(&far));
    }

    #[test]
    fn nothing_in_nothing_out() {
        assert!(spread(&[]).is_empty());
    }
}

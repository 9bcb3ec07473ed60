//! Markers that would sit on top of one another (several features at one town, say) are fanned out around
//! their common centre so that each can be seen, pointed at and clicked.

use super::coords::ScreenPx;

/// Markers closer than this (CSS px) are fanned out.
pub const CROWD_PX: f64 = 22.0;
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
pub fn spread(anchors: &[ScreenPx]) -> Vec<ScreenPx> {
    // Group by single linkage: a marker joins a crowd when it is near any member.
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
        let n = members.len() as f64;
        let cx = members.iter().map(|&i| anchors[i].x).sum::<f64>() / n;
        let cy = members.iter().map(|&i| anchors[i].y).sum::<f64>() / n;
        let radius = (SPACING_PX / 2.0 / (std::f64::consts::PI / n).sin()).max(SPACING_PX / 2.0);
        for (k, &i) in members.iter().enumerate() {
            let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * k as f64 / n;
            placed[i] = ScreenPx::new(cx + radius * angle.cos(), cy + radius * angle.sin());
        }
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
    fn nothing_in_nothing_out() {
        assert!(spread(&[]).is_empty());
    }
}

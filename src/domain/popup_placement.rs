//! Where a popup goes on the map: beside its marker, above or below to the roomier side, inside the map.
//! Total for every input: any map size (a 1×1 iframe, a 20,000 px wide page, zero, NaN) and any marker
//! position give finite numbers, and the popup never claims more room than the map has.

use super::coords::ScreenPx;

/// Widest popup, CSS px.
pub const MAX_WIDTH_PX: f64 = 360.0;
/// Narrowest popup, CSS px (on a narrower map it is as wide as the map).
pub const MIN_WIDTH_PX: f64 = 160.0;
/// Gap between the marker and the popup, CSS px.
pub const GAP_PX: f64 = 18.0;
/// Margin kept from the map's edges, CSS px.
pub const EDGE_PX: f64 = 8.0;
/// The least height a popup is given, CSS px (it scrolls inside).
pub const MIN_HEIGHT_PX: f64 = 80.0;

/// Which edge of the popup is pinned, and where.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Anchor {
    /// The popup hangs below the marker: its top edge, from the map's top.
    Top(f64),
    /// The popup stands above the marker: its bottom edge, from the map's bottom.
    Bottom(f64),
}

/// A popup's box, CSS px from the map's top left.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PopupPlacement {
    pub left: f64,
    pub width: f64,
    pub anchor: Anchor,
    pub max_height: f64,
}

fn finite_or(x: f64, fallback: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        fallback
    }
}

/// The popup's box for a marker at `at` on a map of `width` × `height`.
///
/// ```
/// use article_map::domain::{coords::ScreenPx, popup_placement::{place_popup, Anchor}};
/// let p = place_popup(ScreenPx::new(400.0, 100.0), 800.0, 600.0);
/// assert_eq!((p.left, p.width, p.anchor), (220.0, 360.0, Anchor::Top(118.0)));
/// // A map shorter than a popup: still a box inside it, no panic.
/// let tiny = place_popup(ScreenPx::new(10.0, 10.0), 1.0, 1.0);
/// assert!(tiny.width >= 0.0 && tiny.max_height >= 0.0);
/// ```
pub fn place_popup(at: ScreenPx, width: f64, height: f64) -> PopupPlacement {
    let width = finite_or(width, 0.0).max(0.0);
    let height = finite_or(height, 0.0).max(0.0);
    let x = finite_or(at.x, width / 2.0).clamp(0.0, width);
    let y = finite_or(at.y, height / 2.0).clamp(0.0, height);
    let room = (width - 2.0 * EDGE_PX).max(0.0);
    let popup_width = MAX_WIDTH_PX.min(room).max(MIN_WIDTH_PX.min(width));
    let slack = (width - popup_width).max(0.0);
    let margin = EDGE_PX.min(slack / 2.0);
    let left = (x - popup_width / 2.0).clamp(margin, slack - margin);
    // How far the pinned edge may go from its side of the map, so that at least MIN_HEIGHT_PX (or all the
    // map there is) stays for the popup.
    let far = (height - MIN_HEIGHT_PX.min(height)).max(0.0);
    let near = EDGE_PX.min(far);
    let (anchor, used) = if y > height / 2.0 {
        let bottom = (height - y + GAP_PX).clamp(near, far.max(near));
        (Anchor::Bottom(bottom), bottom)
    } else {
        let top = (y + GAP_PX).clamp(near, far.max(near));
        (Anchor::Top(top), top)
    };
    let max_height = (height - used - EDGE_PX).max(MIN_HEIGHT_PX.min(height - used)).max(0.0);
    PopupPlacement { left, width: popup_width, anchor, max_height }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside(p: &PopupPlacement, width: f64, height: f64) -> bool {
        let pinned = match p.anchor {
            Anchor::Top(t) | Anchor::Bottom(t) => t,
        };
        [p.left, p.width, pinned, p.max_height].iter().all(|v| v.is_finite() && *v >= 0.0)
            && p.left + p.width <= width.max(0.0) + 1e-9
            && pinned + p.max_height <= height.max(0.0) + 1e-9
    }

    #[test]
    fn short_and_narrow_maps_get_a_box_inside_them() {
        for (w, h) in [(1280.0, 288.0), (1280.0, 0.0), (600.0, 140.0), (1.0, 1.0), (20_000.0, 90.0), (150.0, 79.0)] {
            for y in [0.0, h / 3.0, h / 2.0 + 1.0, h] {
                let p = place_popup(ScreenPx::new(w / 2.0, y), w, h);
                assert!(inside(&p, w, h), "{w}×{h} at y {y}: {p:?}");
            }
        }
    }

    #[test]
    fn a_roomy_map_keeps_the_popup_off_its_edges() {
        let p = place_popup(ScreenPx::new(2.0, 590.0), 800.0, 600.0);
        assert_eq!(p.left, EDGE_PX);
        assert!(matches!(p.anchor, Anchor::Bottom(b) if b >= EDGE_PX));
    }

    // proptest is a native dev-dependency: the browser test build leaves this out.
    #[cfg(not(target_arch = "wasm32"))]
    mod every_input {
        use super::*;
        use proptest::prelude::*;
        use proptest::test_runner::{Config, RngSeed};

        fn number() -> impl Strategy<Value = f64> {
            prop_oneof![
                4 => -100.0..30_000.0f64,
                1 => Just(f64::NAN),
                1 => Just(f64::INFINITY),
                1 => Just(f64::NEG_INFINITY),
                1 => Just(-0.0),
                1 => Just(1e308),
                1 => 0.0..200.0f64,
            ]
        }

        proptest! {
            #![proptest_config(Config {
                cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(2000),
                rng_seed: RngSeed::Fixed(11),
                failure_persistence: None,
                ..Config::default()
            })]

            #[test]
            fn every_input_gives_a_box_inside_the_map(x in number(), y in number(), w in number(), h in number()) {
                let p = place_popup(ScreenPx::new(x, y), w, h);
                let (w, h) = (if w.is_finite() { w } else { 0.0 }, if h.is_finite() { h } else { 0.0 });
                prop_assert!(inside(&p, w, h), "{:?}", p);
            }
        }
    }
}

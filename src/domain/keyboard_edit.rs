//! Drawing and reshaping by keyboard alone: the crosshair that stands in for the pointer while a draw tool is
//! on, how far an arrow key moves it (or a chosen vertex), where the map pans instead when the crosshair
//! reaches the edge, which vertex `[` and `]` choose, and what Enter does at the crosshair. Screen px (CSS
//! px from the map's top-left corner), pure; the annotation slice turns the answers into the same drawing
//! and editing steps a pointer makes.

use super::coords::{LonLat, ScreenPx};
use super::drawing::Tool;
use super::viewport::Viewport;

/// How far one arrow press moves the crosshair or a chosen vertex, CSS px.
pub const KEY_STEP_PX: f64 = 10.0;
/// How far one Shift + arrow press moves them, CSS px.
pub const KEY_STEP_SHIFT_PX: f64 = 50.0;
/// How near the map's edge the crosshair comes, CSS px: a step past this pans the map instead.
pub const CROSSHAIR_MARGIN_PX: f64 = 16.0;

/// The screen step (dx, dy) of an arrow key, y down; `None` for any other key.
///
/// ```
/// use article_map::domain::keyboard_edit::arrow_step;
/// assert_eq!(arrow_step("ArrowRight", false), Some((10.0, 0.0)));
/// assert_eq!(arrow_step("ArrowUp", true), Some((0.0, -50.0)));
/// assert_eq!(arrow_step("Enter", false), None);
/// ```
pub fn arrow_step(key: &str, shift: bool) -> Option<(f64, f64)> {
    let step = if shift { KEY_STEP_SHIFT_PX } else { KEY_STEP_PX };
    Some(match key {
        "ArrowLeft" => (-step, 0.0),
        "ArrowRight" => (step, 0.0),
        "ArrowUp" => (0.0, -step),
        "ArrowDown" => (0.0, step),
        _ => return None,
    })
}

fn within(v: f64, size: f64) -> f64 {
    let (lo, hi) = (CROSSHAIR_MARGIN_PX, size - CROSSHAIR_MARGIN_PX);
    if !(size.is_finite() && lo <= hi) {
        // A map too small (or of no known size) for the margin: its middle.
        return if size.is_finite() { size.max(0.0) / 2.0 } else { 0.0 };
    }
    if v.is_nan() {
        size / 2.0
    } else {
        v.clamp(lo, hi)
    }
}

/// Where the crosshair shows for a position `at` on a map of `width` × `height`: inside it, at least
/// [`CROSSHAIR_MARGIN_PX`] from each edge (a position that is not a number shows at the middle).
///
/// ```
/// use article_map::domain::{coords::ScreenPx, keyboard_edit::on_screen};
/// assert_eq!(on_screen(ScreenPx::new(-40.0, 300.0), 800.0, 600.0), ScreenPx::new(16.0, 300.0));
/// assert_eq!(on_screen(ScreenPx::new(f64::NAN, 900.0), 800.0, 600.0), ScreenPx::new(400.0, 584.0));
/// ```
pub fn on_screen(at: ScreenPx, width: f64, height: f64) -> ScreenPx {
    ScreenPx::new(within(at.x, width), within(at.y, height))
}

/// One arrow press's effect on the crosshair: where it is now, and how far the map's content moves
/// (`ViewCommand::PanBy`'s dx, dy) for the part of the step that would have left the map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CrosshairStep {
    pub at: ScreenPx,
    pub pan: (f64, f64),
}

/// Moves the crosshair at `from` by `(dx, dy)` on a map of `width` × `height`. Inside the margin it moves;
/// what would take it past the margin pans the map the other way, so the crosshair reaches new ground.
///
/// ```
/// use article_map::domain::{coords::ScreenPx, keyboard_edit::{step_crosshair, CrosshairStep}};
/// let middle = ScreenPx::new(400.0, 300.0);
/// assert_eq!(step_crosshair(middle, (10.0, 0.0), 800.0, 600.0),
///     CrosshairStep { at: ScreenPx::new(410.0, 300.0), pan: (0.0, 0.0) });
/// // 10 px from the right edge, a 50 px step right moves it 0 px and pans the content 50 px left.
/// let edge = ScreenPx::new(784.0, 300.0);
/// assert_eq!(step_crosshair(edge, (50.0, 0.0), 800.0, 600.0),
///     CrosshairStep { at: edge, pan: (-50.0, 0.0) });
/// ```
pub fn step_crosshair(from: ScreenPx, (dx, dy): (f64, f64), width: f64, height: f64) -> CrosshairStep {
    let start = on_screen(from, width, height);
    let finite = |d: f64| if d.is_finite() { d } else { 0.0 };
    let target = ScreenPx::new(start.x + finite(dx), start.y + finite(dy));
    let at = on_screen(target, width, height);
    CrosshairStep { at, pan: (at.x - target.x, at.y - target.y) }
}

/// A position on the map moved by a screen step: a keyboard nudge of a vertex, converted to the map.
///
/// ```
/// use article_map::domain::{coords::LonLat, keyboard_edit::nudged, projection::project, viewport::Viewport};
/// let view = Viewport { center: project(LonLat::new(71.0, 38.5)), zoom: 6.0, width: 800.0, height: 600.0 };
/// let p = LonLat::new(71.0, 38.5);
/// let moved = nudged(&view, p, (10.0, 0.0));
/// let on_screen = view.lonlat_to_screen(moved);
/// assert!((on_screen.x - 410.0).abs() < 1e-6 && (on_screen.y - 300.0).abs() < 1e-6);
/// assert!(moved.lon > p.lon && (moved.lat - p.lat).abs() < 1e-9, "right is east");
/// ```
pub fn nudged(view: &Viewport, p: LonLat, (dx, dy): (f64, f64)) -> LonLat {
    let at = view.lonlat_to_screen(p);
    view.screen_to_lonlat(ScreenPx::new(at.x + dx, at.y + dy))
}

/// What Enter does with the crosshair at `at`, the shape in progress having its vertices `placed` (on
/// screen, in order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnterAction {
    /// Place a point or a vertex there (as a click there would).
    Place,
    /// Place the vertex, then finish the shape (a line that ends where it began).
    PlaceAndFinish,
    /// Finish the shape with the vertices it has (Enter again at the same spot, or an area's first vertex).
    Finish,
}

/// What Enter at `at` does: a point is placed; for a line or an area, Enter on the last vertex (a second
/// Enter at the same spot) finishes, and so does Enter on the first vertex once there is something to close
/// (a line of two vertices or more ends there; an area of three corners or more closes); otherwise a vertex
/// is placed. `None`: nothing to do (Enter on the first corner of an area that has fewer than three).
/// `same_spot_px` is the drawing's tolerance for "the same spot" (strictly less than).
///
/// ```
/// use article_map::domain::{coords::ScreenPx, drawing::Tool, keyboard_edit::{enter_at, EnterAction}};
/// let p = |x, y| ScreenPx::new(x, y);
/// let placed = [p(100.0, 100.0), p(200.0, 100.0), p(200.0, 200.0)];
/// assert_eq!(enter_at(Tool::Area, &placed, p(150.0, 150.0), 8.0), Some(EnterAction::Place));
/// assert_eq!(enter_at(Tool::Area, &placed, p(200.0, 203.0), 8.0), Some(EnterAction::Finish));
/// assert_eq!(enter_at(Tool::Area, &placed, p(101.0, 99.0), 8.0), Some(EnterAction::Finish));
/// assert_eq!(enter_at(Tool::Line, &placed, p(100.0, 100.0), 8.0), Some(EnterAction::PlaceAndFinish));
/// assert_eq!(enter_at(Tool::Point, &placed, p(200.0, 200.0), 8.0), Some(EnterAction::Place));
/// ```
pub fn enter_at(tool: Tool, placed: &[ScreenPx], at: ScreenPx, same_spot_px: f64) -> Option<EnterAction> {
    let near = |p: &ScreenPx| p.distance(at) < same_spot_px;
    if tool == Tool::Point {
        return Some(EnterAction::Place);
    }
    if placed.last().is_some_and(near) {
        return Some(EnterAction::Finish);
    }
    if placed.first().is_some_and(near) {
        return match tool {
            Tool::Area if placed.len() >= 3 => Some(EnterAction::Finish),
            Tool::Area => None,
            _ => Some(EnterAction::PlaceAndFinish),
        };
    }
    Some(EnterAction::Place)
}

/// The vertex `[` (back) or `]` (`forward`) chooses among `count`, from the one chosen now: the first (or
/// the last, going back) when none is, wrapping round at the ends; `None` when there are none.
///
/// ```
/// use article_map::domain::keyboard_edit::next_vertex;
/// assert_eq!(next_vertex(4, None, true), Some(0));
/// assert_eq!(next_vertex(4, None, false), Some(3));
/// assert_eq!(next_vertex(4, Some(3), true), Some(0));
/// assert_eq!(next_vertex(4, Some(0), false), Some(3));
/// assert_eq!(next_vertex(0, None, true), None);
/// ```
pub fn next_vertex(count: usize, current: Option<usize>, forward: bool) -> Option<usize> {
    if count == 0 {
        return None;
    }
    Some(match (current.filter(|&i| i < count), forward) {
        (None, true) => 0,
        (None, false) => count - 1,
        (Some(i), true) => (i + 1) % count,
        (Some(i), false) => (i + count - 1) % count,
    })
}

/// The words that tell a keyboard user what the keys do now: while a tool is on, or while an annotation is
/// selected (the map's `aria-describedby`, and shown over the map while it has focus).
pub fn hint(tool: Option<Tool>, annotation_selected: bool) -> Option<&'static str> {
    match tool {
        Some(Tool::Point) => {
            Some("Arrow keys move the crosshair (Shift: 50 px), Enter places a point there, Escape stops drawing.")
        }
        Some(_) => Some(
            "Arrow keys move the crosshair (Shift: 50 px), Enter places a vertex, Enter again (or on the first \
             vertex) finishes, Backspace removes the last vertex, Escape cancels.",
        ),
        None if annotation_selected => Some(
            "[ and ] choose the previous or next vertex, arrow keys move it (Shift: 50 px), Delete removes it, \
             Ctrl+Z undoes, Escape deselects.",
        ),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crosshair_walks_to_the_edge_then_the_map_pans() {
        let mut at = ScreenPx::new(400.0, 300.0);
        let mut panned = 0.0;
        for _ in 0..10 {
            let step = step_crosshair(at, (0.0, 50.0), 800.0, 600.0);
            at = step.at;
            panned += step.pan.1;
        }
        assert_eq!(at, ScreenPx::new(400.0, 584.0));
        assert_eq!(panned, -(500.0 - 284.0), "what it could not walk, the map panned (content up)");
    }

    #[test]
    fn a_crosshair_left_off_the_map_comes_back_inside_before_it_steps() {
        let step = step_crosshair(ScreenPx::new(-500.0, 300.0), (10.0, 0.0), 800.0, 600.0);
        assert_eq!(step, CrosshairStep { at: ScreenPx::new(26.0, 300.0), pan: (0.0, 0.0) });
    }

    #[test]
    fn steps_that_are_not_numbers_or_a_map_of_no_size_never_give_one_that_is_not() {
        for (w, h) in [(0.0, 0.0), (10.0, 10.0), (f64::NAN, f64::INFINITY), (800.0, 600.0)] {
            for d in [(f64::NAN, 1.0), (f64::INFINITY, -f64::INFINITY), (1e308, 1e308)] {
                let s = step_crosshair(ScreenPx::new(f64::NAN, 5.0), d, w, h);
                assert!(s.at.x.is_finite() && s.at.y.is_finite() && s.pan.0.is_finite() && s.pan.1.is_finite());
            }
        }
    }

    #[test]
    fn enter_on_the_first_corner_of_a_small_area_does_nothing() {
        let placed = [ScreenPx::new(0.0, 0.0), ScreenPx::new(100.0, 0.0)];
        assert_eq!(enter_at(Tool::Area, &placed, ScreenPx::new(2.0, 2.0), 8.0), None);
        assert_eq!(enter_at(Tool::Line, &placed[..1], ScreenPx::new(2.0, 2.0), 8.0), Some(EnterAction::Finish));
        assert_eq!(enter_at(Tool::Line, &[], ScreenPx::new(2.0, 2.0), 8.0), Some(EnterAction::Place));
    }

    #[test]
    fn a_stale_choice_of_vertex_starts_again() {
        assert_eq!(next_vertex(3, Some(7), true), Some(0));
        assert_eq!(next_vertex(1, Some(0), true), Some(0));
    }

    #[test]
    fn the_hint_names_the_keys_of_the_mode() {
        assert!(hint(Some(Tool::Line), false).unwrap().contains("Enter again (or on the first vertex) finishes"));
        assert!(hint(Some(Tool::Point), true).unwrap().contains("Enter places a point"));
        assert!(hint(None, true).unwrap().starts_with("[ and ]"));
        assert_eq!(hint(None, false), None);
    }
}

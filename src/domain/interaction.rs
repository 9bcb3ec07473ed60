//! Interactions as small pure functions: from an input (wheel, key, pinch, tap) to a [`ViewCommand`], and
//! from a command to the next camera.

use super::coords::ScreenPx;
use super::gesture::{DOUBLE_TAP_DISTANCE_PX, DOUBLE_TAP_MS};
use super::viewport::{clamped, ViewLimits, Viewport, MAX_SCREEN_PX};

/// A change of view a reader asked for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ViewCommand {
    /// Move the content by screen pixels (a drag, an arrow key).
    PanBy { dx: f64, dy: f64 },
    /// Zoom by `delta` levels keeping the point under `anchor` still.
    ZoomAround { anchor: ScreenPx, delta: f64 },
    /// Zoom by `delta` levels about the centre of the screen.
    ZoomAtCenter { delta: f64 },
    /// A two-finger gesture step: pan, then zoom about the fingers' midpoint.
    Pinch { dx: f64, dy: f64, anchor: ScreenPx, delta: f64 },
}

/// Pixels an arrow key pans.
pub const KEY_PAN_PX: f64 = 80.0;

/// Applies a command and keeps the camera inside the limits. Any values (NaN, ±∞, a screen of 0 or
/// 20,000 px, limits whose minimum is above their maximum) give a finite camera and never panic: a NaN
/// offset, delta or anchor coordinate counts as none (the screen's centre for an anchor).
pub fn apply(view: &Viewport, command: ViewCommand, limits: &ViewLimits) -> Viewport {
    let view = &view.finite_or(&view.limited(limits));
    let (lo, hi) = (limits.min_zoom, limits.max_zoom);
    let (lo, hi) = if lo > hi { (hi, lo) } else { (lo, hi) };
    // Zoom deltas are clamped before zooming so that hitting a zoom limit does not move the anchor.
    let clamp_delta = |delta: f64| {
        let delta = if delta.is_nan() { 0.0 } else { delta };
        clamped(view.zoom + delta, lo, hi, view.zoom) - view.zoom
    };
    let anchored = |a: ScreenPx| {
        let at = |v: f64, middle: f64| {
            if v.is_nan() {
                middle
            } else {
                clamped(v, -MAX_SCREEN_PX, 2.0 * MAX_SCREEN_PX, middle)
            }
        };
        ScreenPx::new(at(a.x, view.width / 2.0), at(a.y, view.height / 2.0))
    };
    let next = match command {
        ViewCommand::PanBy { dx, dy } => view.panned_by(dx, dy),
        ViewCommand::ZoomAround { anchor, delta } => view.zoomed_around(anchored(anchor), clamp_delta(delta)),
        ViewCommand::ZoomAtCenter { delta } => {
            view.zoomed_around(ScreenPx::new(view.width / 2.0, view.height / 2.0), clamp_delta(delta))
        }
        ViewCommand::Pinch { dx, dy, anchor, delta } => {
            view.panned_by(dx, dy).zoomed_around(anchored(anchor), clamp_delta(delta))
        }
    };
    next.finite_or(view).limited(limits)
}

/// Zoom levels for one wheel event. `delta_mode` is the DOM's (0 pixels, 1 lines, 2 pages). A usual mouse
/// notch (100 px) zooms half a level; one event never zooms more than one level.
///
/// ```
/// use article_map::domain::interaction::wheel_zoom_delta;
/// assert_eq!(wheel_zoom_delta(100.0, 0), -0.5);
/// assert_eq!(wheel_zoom_delta(-3.0, 1), 0.6);
/// assert_eq!(wheel_zoom_delta(-5000.0, 0), 1.0);
/// ```
pub fn wheel_zoom_delta(delta_y: f64, delta_mode: u32) -> f64 {
    let px = match delta_mode {
        1 => delta_y * 40.0,
        2 => delta_y * 800.0,
        _ => delta_y,
    };
    if px.is_nan() {
        return 0.0;
    }
    clamped(-px / 200.0, -1.0, 1.0, 0.0)
}

/// The command for a key pressed while the map has focus.
///
/// ```
/// use article_map::domain::interaction::{key_command, ViewCommand};
/// assert_eq!(key_command("+", false), Some(ViewCommand::ZoomAtCenter { delta: 1.0 }));
/// assert_eq!(key_command("ArrowLeft", false), Some(ViewCommand::PanBy { dx: 80.0, dy: 0.0 }));
/// assert_eq!(key_command("Tab", false), None);
/// ```
pub fn key_command(key: &str, shift: bool) -> Option<ViewCommand> {
    let pan = if shift { KEY_PAN_PX * 3.0 } else { KEY_PAN_PX };
    Some(match key {
        "+" | "=" => ViewCommand::ZoomAtCenter { delta: 1.0 },
        "-" | "_" => ViewCommand::ZoomAtCenter { delta: -1.0 },
        // An arrow moves the view that way, so the content moves the other way.
        "ArrowLeft" => ViewCommand::PanBy { dx: pan, dy: 0.0 },
        "ArrowRight" => ViewCommand::PanBy { dx: -pan, dy: 0.0 },
        "ArrowUp" => ViewCommand::PanBy { dx: 0.0, dy: pan },
        "ArrowDown" => ViewCommand::PanBy { dx: 0.0, dy: -pan },
        _ => return None,
    })
}

/// One step of a two-finger gesture, from the fingers' previous and current positions.
///
/// ```
/// use article_map::domain::{coords::ScreenPx, interaction::{pinch_step, ViewCommand}};
/// let before = (ScreenPx::new(100.0, 100.0), ScreenPx::new(200.0, 100.0));
/// let after = (ScreenPx::new(50.0, 100.0), ScreenPx::new(250.0, 100.0));
/// assert_eq!(pinch_step(before, after), Some(ViewCommand::Pinch {
///     dx: 0.0, dy: 0.0, anchor: ScreenPx::new(150.0, 100.0), delta: 1.0 }));
/// ```
pub fn pinch_step(before: (ScreenPx, ScreenPx), after: (ScreenPx, ScreenPx)) -> Option<ViewCommand> {
    let (d0, d1) = (before.0.distance(before.1), after.0.distance(after.1));
    if d0 < 1.0 || d1 < 1.0 {
        return None;
    }
    let (m0, m1) = (before.0.midpoint(before.1), after.0.midpoint(after.1));
    let delta = (d1 / d0).log2();
    if !(delta.is_finite() && m1.x.is_finite() && m1.y.is_finite() && m0.x.is_finite() && m0.y.is_finite()) {
        return None;
    }
    Some(ViewCommand::Pinch { dx: m1.x - m0.x, dy: m1.y - m0.y, anchor: m1, delta })
}

/// Whether a tap follows the previous one closely enough, in time (ms) and space (px), to be a double tap:
/// within [`DOUBLE_TAP_MS`] and [`DOUBLE_TAP_DISTANCE_PX`].
///
/// ```
/// use article_map::domain::{coords::ScreenPx, interaction::is_double_tap};
/// let p = ScreenPx::new(10.0, 10.0);
/// assert!(is_double_tap(Some((1000.0, p)), 1200.0, ScreenPx::new(14.0, 12.0)));
/// assert!(!is_double_tap(Some((1000.0, p)), 1500.0, p));
/// assert!(!is_double_tap(None, 1000.0, p));
/// ```
pub fn is_double_tap(previous: Option<(f64, ScreenPx)>, now_ms: f64, at: ScreenPx) -> bool {
    matches!(previous, Some((t, p)) if now_ms - t <= DOUBLE_TAP_MS && p.distance(at) <= DOUBLE_TAP_DISTANCE_PX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bounds::LonLatBounds;
    use crate::domain::coords::LonLat;
    use crate::domain::projection::project;

    fn limits() -> ViewLimits {
        ViewLimits {
            min_zoom: 4.0,
            max_zoom: 11.0,
            center_within: LonLatBounds::new(52.0, 29.0, 97.0, 52.0).to_mercator(),
        }
    }

    fn view() -> Viewport {
        Viewport { center: project(LonLat::new(71.0, 38.5)), zoom: 6.0, width: 800.0, height: 600.0 }
    }

    #[test]
    fn zoom_at_the_limit_does_not_move_the_map() {
        let at_max = Viewport { zoom: 11.0, ..view() };
        let after =
            apply(&at_max, ViewCommand::ZoomAround { anchor: ScreenPx::new(10.0, 10.0), delta: 1.0 }, &limits());
        assert_eq!(after, at_max);
    }

    #[test]
    fn wheel_zoom_keeps_the_point_under_the_cursor() {
        let cursor = ScreenPx::new(600.0, 150.0);
        let v = view();
        let before = v.screen_to_lonlat(cursor);
        let after =
            apply(&v, ViewCommand::ZoomAround { anchor: cursor, delta: wheel_zoom_delta(-100.0, 0) }, &limits());
        let now = after.screen_to_lonlat(cursor);
        assert!((after.zoom - 6.5).abs() < 1e-12);
        assert!((before.lon - now.lon).abs() < 1e-9 && (before.lat - now.lat).abs() < 1e-9);
    }

    #[test]
    fn panning_past_the_extent_stops_at_its_edge() {
        let after = apply(&view(), ViewCommand::PanBy { dx: -1e7, dy: 0.0 }, &limits());
        assert!((after.center_lonlat().lon - 97.0).abs() < 1e-9);
    }

    #[test]
    fn pinch_ignores_fingers_on_one_spot() {
        let p = ScreenPx::new(5.0, 5.0);
        assert_eq!(pinch_step((p, p), (p, ScreenPx::new(50.0, 5.0))), None);
    }
}

//! The map's gesture recogniser: pointer, wheel, double-click and key events in (plain data, map-local
//! screen px, ms), gesture commands out. It knows presses, drags, pinches, taps and the reader's mode
//! (embedded, drawing, what is selected) but not annotations, stories or Yew: the UI maps each
//! [`GestureCommand`] to its actions.
//!
//! Every threshold it uses is below, in one place, with its unit.

mod command;
mod input;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;
mod recogniser;

pub use command::{GestureCommand, GestureHint, GestureResponse};
pub use input::{GestureContext, GestureInput, Key, Pointer, PointerKind, Wheel};
pub use recogniser::GestureRecogniser;

/// How far a pointer moves from where it went down before its press is a drag, not a click, CSS px (a move
/// of more than this; the pointer is captured by the map from then on).
pub const DRAG_THRESHOLD_PX: f64 = 4.0;
/// How near to where it went down a touch must lift to count as a tap (for double taps), CSS px (strictly
/// less than this).
pub const TAP_DISTANCE_PX: f64 = 10.0;
/// The longest time from one tap to the next for a double tap, ms (this much or less).
pub const DOUBLE_TAP_MS: f64 = 350.0;
/// The farthest the second tap of a double tap may be from the first, CSS px (this much or less).
pub const DOUBLE_TAP_DISTANCE_PX: f64 = 24.0;
/// How long after the last wheel event the view settles, ms.
pub const WHEEL_SETTLE_MS: u32 = 180;
/// How long a gesture hint stays on screen, ms.
pub const HINT_MS: u32 = 1600;

//! What the recogniser is told: one event at a time as plain data, and the reader's mode at that moment.

use crate::domain::coords::ScreenPx;
use crate::domain::press_owner::PressOwner;

/// The kind of device behind a pointer (the DOM's `pointerType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointerKind {
    Mouse,
    Touch,
    /// A pen, or a device the browser names otherwise: neither mouse rules nor touch rules apply to it.
    Pen,
}

impl PointerKind {
    /// From the DOM's `pointerType` ("mouse", "touch", "pen", or anything else).
    ///
    /// ```
    /// use article_map::domain::gesture::PointerKind;
    /// assert_eq!(PointerKind::from_pointer_type("touch"), PointerKind::Touch);
    /// assert_eq!(PointerKind::from_pointer_type(""), PointerKind::Pen);
    /// ```
    pub fn from_pointer_type(pointer_type: &str) -> PointerKind {
        match pointer_type {
            "mouse" => PointerKind::Mouse,
            "touch" => PointerKind::Touch,
            _ => PointerKind::Pen,
        }
    }
}

/// One pointer event's data.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pointer {
    /// The DOM's `pointerId`.
    pub id: i32,
    pub kind: PointerKind,
    /// The DOM's `button` (0 = main), read on a press.
    pub button: i16,
    /// The DOM's `buttons` bit mask (0 = none held), read on a move.
    pub buttons: u16,
    /// Where it is, CSS px from the map element's top-left corner.
    pub at: ScreenPx,
    /// When, ms on one monotonic clock (`performance.now()`).
    pub time_ms: f64,
}

/// One wheel event's data.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Wheel {
    /// Where the cursor is, CSS px from the map element's top-left corner.
    pub at: ScreenPx,
    /// The DOM's `deltaY` (positive = scroll down = zoom out), in the unit `delta_mode` names.
    pub delta_y: f64,
    /// The DOM's `deltaMode`: 0 pixels, 1 lines, 2 pages.
    pub delta_mode: u32,
    pub ctrl: bool,
    pub meta: bool,
}

/// One key press's data.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// The DOM's `key` ("Enter", "Escape", "ArrowLeft", "+", ...).
    pub key: String,
    pub shift: bool,
    pub ctrl: bool,
    pub meta: bool,
    pub alt: bool,
}

/// An event on the map element.
#[derive(Clone, Debug, PartialEq)]
pub enum GestureInput {
    /// `pointerdown`, with the owner of the press (`press_owner::MapScene::owner_at` at `pointer.at`; only
    /// the gesture's first pointer's owner counts, a pointer that joins others makes a pinch).
    PointerDown { pointer: Pointer, owner: PressOwner },
    /// `pointermove` (of a pointer that is down, or of one hovering).
    PointerMove(Pointer),
    /// `pointerup`.
    PointerUp(Pointer),
    /// `pointercancel` (the browser took the pointer, e.g. for a page scroll).
    PointerCancel(Pointer),
    /// `wheel`.
    Wheel(Wheel),
    /// `dblclick`, at CSS px from the map element's top-left corner; `shift` zooms out.
    DoubleClick { at: ScreenPx, shift: bool },
    /// `keydown` while the map has focus.
    Key(Key),
}

/// The reader's mode as the UI knows it when the event comes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GestureContext {
    /// The map is embedded in another page (`?embed=1`): cooperative gestures (one finger and a plain wheel
    /// scroll the page; two fingers and Ctrl/Cmd + wheel move the map).
    pub embedded: bool,
    /// A draw tool is on.
    pub drawing: bool,
    /// The shape being drawn has at least one vertex (a rubber band follows the cursor).
    pub draft_has_vertices: bool,
    /// An annotation is selected.
    pub annotation_selected: bool,
    /// One of the selected annotation's vertices is selected.
    pub vertex_selected: bool,
    /// A story feature is selected: its popup is open.
    pub popup_open: bool,
}

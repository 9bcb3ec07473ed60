//! What the recogniser answers: gesture commands, in the order the UI should carry them out.

use crate::domain::coords::ScreenPx;
use crate::domain::interaction::ViewCommand;
use crate::domain::press_owner::PressOwner;

/// A hint shown over the map for [`super::HINT_MS`] when the reader tries a gesture the embedded map leaves
/// to the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GestureHint {
    /// One finger dragged on an embedded map (it scrolls the page).
    TwoFingersToMove,
    /// A plain wheel on an embedded map (it scrolls the page).
    CtrlScrollToZoom,
}

impl GestureHint {
    /// The words shown.
    pub fn text(self) -> &'static str {
        match self {
            GestureHint::TwoFingersToMove => "Use two fingers to move the map",
            GestureHint::CtrlScrollToZoom => "Use Ctrl + scroll to zoom the map",
        }
    }
}

/// One thing to do. Positions are CSS px from the map element's top-left corner, always finite.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum GestureCommand {
    /// Move the live camera only (the drawing gets a transform; nothing is rebuilt until [`Self::Settle`]).
    MoveView(ViewCommand),
    /// The gesture is over: the settled view catches up with the live camera.
    Settle,
    /// (Re)start the one wheel timer: settle after `ms` unless another `SettleAfter` comes first.
    SettleAfter { ms: u32 },
    /// Move the camera and settle at once (double-click and double-tap zoom, keys).
    JumpView(ViewCommand),
    /// Capture this pointer on the map element (`setPointerCapture`), so that its moves and release come
    /// to the map wherever it goes.
    CapturePointer(i32),
    /// Show a hint for [`super::HINT_MS`] (a new hint replaces the old one and restarts its time).
    ShowHint(GestureHint),
    /// An edit drag starts on `owner` (a vertex or midpoint handle, or the selected annotation), grabbed at `at`.
    StartEditDrag { owner: PressOwner, at: ScreenPx },
    /// The edit drag's pointer is at `at`.
    ContinueEditDrag { at: ScreenPx },
    /// The edit drag's pointer was released: keep the result.
    EndEditDrag,
    /// The edit drag was cancelled (a second finger, or the browser took the pointer): drop it.
    CancelEditDrag,
    /// A press that did not move was released at `at` on `owner` (while drawing the owner is the map).
    Click { at: ScreenPx, owner: PressOwner },
    /// Finish the shape being drawn.
    FinishShape,
    /// A hovering pointer is at `at`: the rubber band of the shape being drawn follows it.
    MoveDraftCursor { at: ScreenPx },
    /// Remove the last vertex of the shape being drawn.
    RemoveLastVertex,
    /// Escape while drawing or with an annotation selected: step out of it (the draft, then the tool, then a
    /// preview, then the selection).
    CancelAnnotating,
    /// Close the story popup.
    ClosePopup,
    /// Delete the selected annotation.
    DeleteSelectedAnnotation,
    /// Delete the selected vertex of the selected annotation.
    DeleteSelectedVertex,
    /// An arrow key while a tool is on: move the keyboard crosshair by (dx, dy) CSS px (the map pans for
    /// what would take it past the edge: `keyboard_edit::step_crosshair`).
    MoveCrosshair { dx: f64, dy: f64 },
    /// Enter while a tool is on: place a point or vertex at the crosshair, or finish the shape
    /// (`keyboard_edit::enter_at`).
    EnterAtCrosshair,
    /// `]` (`forward`) or `[` with an annotation selected: choose its next or previous vertex.
    StepVertex { forward: bool },
    /// An arrow key with a vertex chosen: move it by (dx, dy) CSS px.
    NudgeVertex { dx: f64, dy: f64 },
}

/// The answer to one event.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GestureResponse {
    /// What to do, in order.
    pub commands: Vec<GestureCommand>,
    /// Whether to call `preventDefault()` on the event (so the page does not scroll, select or zoom too).
    pub prevent_default: bool,
}

impl GestureResponse {
    /// Nothing to do, and the browser keeps its default.
    pub fn none() -> GestureResponse {
        GestureResponse::default()
    }

    /// `commands`, and the browser's default prevented.
    pub fn handled(commands: Vec<GestureCommand>) -> GestureResponse {
        GestureResponse { commands, prevent_default: true }
    }

    /// `commands`, and the browser keeps its default.
    pub fn passive(commands: Vec<GestureCommand>) -> GestureResponse {
        GestureResponse { commands, prevent_default: false }
    }
}

//! The recogniser's state and rules: which pointers are down, whether the press has moved, pinched or grabbed
//! an edit, and the last tap.

use super::command::{GestureCommand, GestureHint, GestureResponse};
use super::input::{GestureContext, GestureInput, Key, Pointer, PointerKind, Wheel};
use super::{DRAG_THRESHOLD_PX, TAP_DISTANCE_PX, WHEEL_SETTLE_MS};
use crate::domain::coords::ScreenPx;
use crate::domain::interaction::{is_double_tap, key_command, pinch_step, wheel_zoom_delta, ViewCommand};
use crate::domain::keyboard_edit::arrow_step;
use crate::domain::press_owner::PressOwner;

use GestureCommand::*;

/// A pointer that is down on the map.
#[derive(Clone, Copy, Debug)]
struct Down {
    id: i32,
    /// Where it went down.
    from: ScreenPx,
    /// Where it was last seen.
    at: ScreenPx,
    /// Whether it has been captured by the map.
    captured: bool,
}

/// Turns the map element's events into gesture commands. One per map; feed it every event in order.
#[derive(Clone, Debug)]
pub struct GestureRecogniser {
    /// Pointers down on the map, in the order they went down.
    down: Vec<Down>,
    /// The owner of the press that began the gesture (the map once a second pointer joins).
    owner: PressOwner,
    /// A pointer has moved past the drag threshold: the gesture is not a click.
    moved: bool,
    /// Two pointers were down at some point: the gesture pans and zooms, it never clicks or edits.
    multi: bool,
    /// An edit drag is running (only ever with one pointer down).
    editing: bool,
    /// When (ms) and where the last tap was, for double taps.
    last_tap: Option<(f64, ScreenPx)>,
    /// The last press was a touch: its double tap was handled on release, so `dblclick` is ignored.
    last_press_was_touch: bool,
}

impl Default for GestureRecogniser {
    fn default() -> Self {
        GestureRecogniser {
            down: Vec::new(),
            owner: PressOwner::Map,
            moved: false,
            multi: false,
            editing: false,
            last_tap: None,
            last_press_was_touch: false,
        }
    }
}

fn finite(p: ScreenPx) -> bool {
    p.x.is_finite() && p.y.is_finite()
}

fn finite_view(command: &ViewCommand) -> bool {
    match *command {
        ViewCommand::PanBy { dx, dy } => dx.is_finite() && dy.is_finite(),
        ViewCommand::ZoomAround { anchor, delta } => finite(anchor) && delta.is_finite(),
        ViewCommand::ZoomAtCenter { delta } => delta.is_finite(),
        ViewCommand::Pinch { dx, dy, anchor, delta } => {
            dx.is_finite() && dy.is_finite() && finite(anchor) && delta.is_finite()
        }
    }
}

impl GestureRecogniser {
    pub fn new() -> Self {
        Self::default()
    }

    /// The answer to one event, given the reader's mode at that moment. Events with a position or a wheel
    /// delta that is not finite are ignored, except a release, which still releases (but clicks nothing).
    pub fn handle(&mut self, input: &GestureInput, context: &GestureContext) -> GestureResponse {
        match input {
            GestureInput::PointerDown { pointer, owner } => self.press(pointer, *owner),
            GestureInput::PointerMove(pointer) => self.pointer_move(pointer, context),
            GestureInput::PointerUp(pointer) => self.release(pointer, false, context),
            GestureInput::PointerCancel(pointer) => self.release(pointer, true, context),
            GestureInput::Wheel(wheel) => self.wheel(wheel, context),
            GestureInput::DoubleClick { at, shift } => self.double_click(*at, *shift, context),
            GestureInput::Key(key) => self.key(key, context),
        }
    }

    /// How many pointers are down on the map.
    pub fn pointers_down(&self) -> usize {
        self.down.len()
    }

    /// Whether an edit drag is running.
    pub fn is_editing(&self) -> bool {
        self.editing
    }

    fn index_of(&self, id: i32) -> Option<usize> {
        self.down.iter().position(|d| d.id == id)
    }

    /// A pointer's release that never came (a mouse whose buttons are up, a pointer pressed again): it is
    /// let go, its edit drag kept, and the view settled.
    fn lose(&mut self, id: i32) -> Vec<GestureCommand> {
        self.down.retain(|d| d.id != id);
        if self.down.is_empty() && std::mem::take(&mut self.editing) {
            vec![EndEditDrag]
        } else {
            vec![Settle]
        }
    }

    fn press(&mut self, pointer: &Pointer, owner: PressOwner) -> GestureResponse {
        if (pointer.kind == PointerKind::Mouse && pointer.button != 0) || !finite(pointer.at) {
            return GestureResponse::none();
        }
        let mut commands = if self.index_of(pointer.id).is_some() { self.lose(pointer.id) } else { Vec::new() };
        if self.down.is_empty() {
            self.moved = false;
            self.multi = false;
        }
        self.last_press_was_touch = pointer.kind == PointerKind::Touch;
        self.down.push(Down { id: pointer.id, from: pointer.at, at: pointer.at, captured: false });
        if self.down.len() > 1 {
            // A second pointer: this is a pinch, whatever the first one started.
            self.multi = true;
            self.owner = PressOwner::Map;
            if std::mem::take(&mut self.editing) {
                commands.push(CancelEditDrag);
            }
            return GestureResponse::passive(commands);
        }
        self.owner = owner;
        if !owner.starts_edit_drag() {
            return GestureResponse::passive(commands);
        }
        // An edit grabs its pointer at once: the drag must follow it wherever it goes.
        self.editing = true;
        self.down[0].captured = true;
        commands.extend([CapturePointer(pointer.id), StartEditDrag { owner, at: pointer.at }]);
        GestureResponse::handled(commands)
    }

    fn pointer_move(&mut self, pointer: &Pointer, context: &GestureContext) -> GestureResponse {
        let at = pointer.at;
        if !finite(at) {
            return GestureResponse::none();
        }
        let Some(index) = self.index_of(pointer.id) else {
            // A hovering pointer: while drawing, the rubber band follows it.
            let commands = if context.draft_has_vertices { vec![MoveDraftCursor { at }] } else { Vec::new() };
            return GestureResponse::passive(commands);
        };
        if pointer.kind == PointerKind::Mouse && pointer.buttons == 0 {
            // The button was released where we did not see it (outside the window, before capture).
            return GestureResponse::passive(self.lose(pointer.id));
        }
        if self.down[index].from.distance(at) > DRAG_THRESHOLD_PX {
            self.moved = true;
        }
        let before = std::mem::replace(&mut self.down[index].at, at);
        if self.editing {
            return GestureResponse::handled(vec![ContinueEditDrag { at }]);
        }
        if context.embedded && pointer.kind == PointerKind::Touch && self.down.len() == 1 {
            // Embedded in a page, one finger scrolls the page; two move the map.
            let hint = self.moved && !self.multi;
            return GestureResponse::passive(if hint { vec![ShowHint(GestureHint::TwoFingersToMove)] } else { vec![] });
        }
        let view = match self.down.len() {
            1 => Some(ViewCommand::PanBy { dx: at.x - before.x, dy: at.y - before.y }),
            2 => {
                let after = (self.down[0].at, self.down[1].at);
                let before = if index == 0 { (before, after.1) } else { (after.0, before) };
                pinch_step(before, after)
            }
            _ => None,
        }
        .filter(finite_view);
        let mut commands = Vec::new();
        // The pointer is captured only once it has really moved, so that a press on a marker that does not
        // move stays a click on the marker, while a drag that starts on one still pans the map.
        if self.moved && !self.down[index].captured {
            self.down[index].captured = true;
            commands.push(CapturePointer(pointer.id));
        }
        match view {
            Some(view) => {
                commands.push(MoveView(view));
                GestureResponse::handled(commands)
            }
            None => GestureResponse::passive(commands),
        }
    }

    fn release(&mut self, pointer: &Pointer, cancelled: bool, context: &GestureContext) -> GestureResponse {
        let Some(index) = self.index_of(pointer.id) else { return GestureResponse::none() };
        let released = self.down.remove(index);
        if !self.down.is_empty() {
            return GestureResponse::none();
        }
        if std::mem::take(&mut self.editing) {
            return GestureResponse::passive(vec![if cancelled { CancelEditDrag } else { EndEditDrag }]);
        }
        let at = Some(pointer.at).filter(|at| finite(*at));
        // A touch that lifts near where it went down is a tap; two quick taps zoom in (mice have dblclick),
        // or finish a shape.
        let double_tap = match at {
            Some(at) if pointer.kind == PointerKind::Touch && !cancelled && !self.multi => {
                at.distance(released.from) < TAP_DISTANCE_PX && self.tap(pointer.time_ms, at)
            }
            _ => false,
        };
        let mut commands = vec![Settle];
        if let Some(at) = at.filter(|_| !self.moved && !self.multi && !cancelled) {
            commands.push(Click { at, owner: self.owner });
            if context.drawing {
                if double_tap {
                    commands.push(FinishShape);
                }
                return GestureResponse::passive(commands);
            }
            if matches!(self.owner, PressOwner::Annotation { selected: false, .. }) {
                // The click selects the annotation; a double tap on it does not zoom too.
                return GestureResponse::passive(commands);
            }
        }
        if let (true, Some(anchor)) = (double_tap, at) {
            commands.push(JumpView(ViewCommand::ZoomAround { anchor, delta: 1.0 }));
        }
        GestureResponse::passive(commands)
    }

    /// Notes a tap at `at`, and tells whether it makes a double tap with the previous one.
    fn tap(&mut self, time_ms: f64, at: ScreenPx) -> bool {
        if !time_ms.is_finite() {
            return false;
        }
        if is_double_tap(self.last_tap, time_ms, at) {
            self.last_tap = None;
            true
        } else {
            self.last_tap = Some((time_ms, at));
            false
        }
    }

    fn wheel(&mut self, wheel: &Wheel, context: &GestureContext) -> GestureResponse {
        if !finite(wheel.at) || !wheel.delta_y.is_finite() {
            return GestureResponse::none();
        }
        if context.embedded && !(wheel.ctrl || wheel.meta) {
            // Embedded in a page, the wheel scrolls the page unless Ctrl/Cmd is held (cooperative gestures).
            return GestureResponse::passive(vec![ShowHint(GestureHint::CtrlScrollToZoom)]);
        }
        let delta = wheel_zoom_delta(wheel.delta_y, wheel.delta_mode);
        GestureResponse::handled(vec![
            MoveView(ViewCommand::ZoomAround { anchor: wheel.at, delta }),
            SettleAfter { ms: WHEEL_SETTLE_MS },
        ])
    }

    fn double_click(&mut self, at: ScreenPx, shift: bool, context: &GestureContext) -> GestureResponse {
        if self.last_press_was_touch {
            return GestureResponse::none(); // handled as a double tap
        }
        if context.drawing {
            return GestureResponse::handled(vec![FinishShape]);
        }
        if !finite(at) {
            return GestureResponse::none();
        }
        let delta = if shift { -1.0 } else { 1.0 };
        GestureResponse::handled(vec![JumpView(ViewCommand::ZoomAround { anchor: at, delta })])
    }

    fn key(&mut self, key: &Key, context: &GestureContext) -> GestureResponse {
        if key.ctrl || key.meta || key.alt {
            return GestureResponse::none();
        }
        let drafting = context.draft_has_vertices;
        let arrow = arrow_step(&key.key, key.shift);
        let command = match key.key.as_str() {
            // With a tool on, the keyboard draws: the arrows move the crosshair instead of the map.
            "Enter" if context.drawing => Some(EnterAtCrosshair),
            _ if context.drawing && arrow.is_some() => arrow.map(|(dx, dy)| MoveCrosshair { dx, dy }),
            "[" | "]" if context.annotation_selected && !context.drawing => {
                Some(StepVertex { forward: key.key == "]" })
            }
            _ if context.annotation_selected && context.vertex_selected && arrow.is_some() => {
                arrow.map(|(dx, dy)| NudgeVertex { dx, dy })
            }
            "Backspace" if drafting => Some(RemoveLastVertex),
            "Escape" if context.drawing || context.annotation_selected => Some(CancelAnnotating),
            "Escape" if context.popup_open => Some(ClosePopup),
            "Delete" | "Backspace" if context.annotation_selected => {
                Some(if context.vertex_selected { DeleteSelectedVertex } else { DeleteSelectedAnnotation })
            }
            other => key_command(other, key.shift).map(JumpView),
        };
        command.map_or_else(GestureResponse::none, |c| GestureResponse::handled(vec![c]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::gesture::{DOUBLE_TAP_MS, HINT_MS};

    const FREE: GestureContext = GestureContext {
        embedded: false,
        drawing: false,
        draft_has_vertices: false,
        annotation_selected: false,
        vertex_selected: false,
        popup_open: false,
    };
    const EMBEDDED: GestureContext = GestureContext { embedded: true, ..FREE };
    const DRAWING: GestureContext = GestureContext { drawing: true, ..FREE };

    fn px(x: f64, y: f64) -> ScreenPx {
        ScreenPx::new(x, y)
    }

    fn pointer(id: i32, kind: PointerKind, x: f64, y: f64, time_ms: f64) -> Pointer {
        Pointer { id, kind, button: 0, buttons: 1, at: px(x, y), time_ms }
    }

    fn mouse(x: f64, y: f64) -> Pointer {
        pointer(1, PointerKind::Mouse, x, y, 0.0)
    }

    fn finger(id: i32, x: f64, y: f64, time_ms: f64) -> Pointer {
        pointer(id, PointerKind::Touch, x, y, time_ms)
    }

    fn down(p: Pointer) -> GestureInput {
        GestureInput::PointerDown { pointer: p, owner: PressOwner::Map }
    }

    fn down_on(p: Pointer, owner: PressOwner) -> GestureInput {
        GestureInput::PointerDown { pointer: p, owner }
    }

    fn key(name: &str) -> GestureInput {
        GestureInput::Key(Key { key: name.into(), shift: false, ctrl: false, meta: false, alt: false })
    }

    fn wheel(delta_y: f64, ctrl: bool) -> GestureInput {
        GestureInput::Wheel(Wheel { at: px(300.0, 200.0), delta_y, delta_mode: 0, ctrl, meta: false })
    }

    /// The commands for each input in turn.
    fn run(g: &mut GestureRecogniser, context: GestureContext, inputs: &[GestureInput]) -> Vec<Vec<GestureCommand>> {
        inputs.iter().map(|input| g.handle(input, &context).commands).collect()
    }

    /// A touch that goes down and lifts at one spot at `time_ms`: the release's commands.
    fn tap(g: &mut GestureRecogniser, context: GestureContext, x: f64, time_ms: f64) -> Vec<GestureCommand> {
        let p = finger(7, x, 100.0, time_ms);
        run(g, context, &[down(p), GestureInput::PointerUp(p)]).pop().unwrap()
    }

    #[test]
    fn a_press_that_does_not_move_is_a_click_on_its_owner() {
        let mut g = GestureRecogniser::new();
        let marker = PressOwner::Marker(3);
        let out = run(&mut g, FREE, &[down_on(mouse(10.0, 10.0), marker), GestureInput::PointerUp(mouse(10.0, 10.0))]);
        assert_eq!(out, vec![vec![], vec![Settle, Click { at: px(10.0, 10.0), owner: marker }]]);
        assert_eq!(g.pointers_down(), 0);
    }

    #[test]
    fn a_small_move_pans_and_still_clicks_without_capturing() {
        let mut g = GestureRecogniser::new();
        let out = run(
            &mut g,
            FREE,
            &[
                down(mouse(10.0, 10.0)),
                GestureInput::PointerMove(mouse(13.0, 10.0)),
                GestureInput::PointerUp(mouse(13.0, 10.0)),
            ],
        );
        assert_eq!(out[1], vec![MoveView(ViewCommand::PanBy { dx: 3.0, dy: 0.0 })]);
        assert_eq!(out[2], vec![Settle, Click { at: px(13.0, 10.0), owner: PressOwner::Map }]);
    }

    #[test]
    fn a_press_that_moves_five_px_pans_captures_once_and_is_not_a_click() {
        let mut g = GestureRecogniser::new();
        let moved = GestureInput::PointerMove(mouse(15.0, 10.0));
        assert_eq!(g.handle(&down(mouse(10.0, 10.0)), &FREE), GestureResponse::none());
        let response = g.handle(&moved, &FREE);
        assert!(response.prevent_default);
        assert_eq!(response.commands, vec![CapturePointer(1), MoveView(ViewCommand::PanBy { dx: 5.0, dy: 0.0 })]);
        let again = g.handle(&GestureInput::PointerMove(mouse(16.0, 12.0)), &FREE).commands;
        assert_eq!(again, vec![MoveView(ViewCommand::PanBy { dx: 1.0, dy: 2.0 })], "captured once only");
        assert_eq!(g.handle(&GestureInput::PointerUp(mouse(16.0, 12.0)), &FREE).commands, vec![Settle]);
    }

    #[test]
    fn a_drag_that_starts_on_a_marker_pans_and_does_not_click_it() {
        let mut g = GestureRecogniser::new();
        let out = run(
            &mut g,
            FREE,
            &[
                down_on(mouse(10.0, 10.0), PressOwner::Marker(0)),
                GestureInput::PointerMove(mouse(30.0, 10.0)),
                GestureInput::PointerUp(mouse(30.0, 10.0)),
            ],
        );
        assert_eq!(out[1], vec![CapturePointer(1), MoveView(ViewCommand::PanBy { dx: 20.0, dy: 0.0 })]);
        assert_eq!(out[2], vec![Settle]);
    }

    #[test]
    fn a_press_on_a_handle_starts_an_edit_drag_at_once_and_its_release_ends_it() {
        let mut g = GestureRecogniser::new();
        let vertex = PressOwner::Vertex(2);
        let start = g.handle(&down_on(mouse(10.0, 10.0), vertex), &FREE);
        assert!(start.prevent_default);
        assert_eq!(start.commands, vec![CapturePointer(1), StartEditDrag { owner: vertex, at: px(10.0, 10.0) }]);
        let step = g.handle(&GestureInput::PointerMove(mouse(40.0, 12.0)), &FREE);
        assert!(step.prevent_default);
        assert_eq!(step.commands, vec![ContinueEditDrag { at: px(40.0, 12.0) }], "no pan, no second capture");
        assert_eq!(g.handle(&GestureInput::PointerUp(mouse(40.0, 12.0)), &FREE).commands, vec![EndEditDrag]);
        assert!(!g.is_editing());
    }

    #[test]
    fn the_selected_annotation_drags_whole_and_an_unselected_one_is_clicked() {
        let mut g = GestureRecogniser::new();
        let selected = PressOwner::Annotation { index: 4, selected: true };
        let out = run(&mut g, FREE, &[down_on(mouse(1.0, 1.0), selected), GestureInput::PointerUp(mouse(1.0, 1.0))]);
        assert_eq!(out[0], vec![CapturePointer(1), StartEditDrag { owner: selected, at: px(1.0, 1.0) }]);
        assert_eq!(out[1], vec![EndEditDrag], "an edit press that did not move is no click");
        let other = PressOwner::Annotation { index: 5, selected: false };
        let out = run(&mut g, FREE, &[down_on(mouse(1.0, 1.0), other), GestureInput::PointerUp(mouse(1.0, 1.0))]);
        assert_eq!(out, vec![vec![], vec![Settle, Click { at: px(1.0, 1.0), owner: other }]]);
    }

    #[test]
    fn a_cancelled_edit_drag_is_dropped() {
        let mut g = GestureRecogniser::new();
        let p = finger(3, 5.0, 5.0, 0.0);
        let out = run(&mut g, FREE, &[down_on(p, PressOwner::Midpoint(0)), GestureInput::PointerCancel(p)]);
        assert_eq!(out[1], vec![CancelEditDrag]);
    }

    #[test]
    fn a_second_finger_turns_the_press_into_a_pinch_and_cancels_the_edit_drag() {
        let mut g = GestureRecogniser::new();
        let (a, b) = (finger(1, 100.0, 100.0, 0.0), finger(2, 200.0, 100.0, 10.0));
        let out = run(&mut g, FREE, &[down_on(a, PressOwner::Vertex(0)), down_on(b, PressOwner::Vertex(1))]);
        assert_eq!(out[1], vec![CancelEditDrag]);
        assert!(!g.is_editing());
        let spread = g.handle(&GestureInput::PointerMove(finger(2, 300.0, 100.0, 20.0)), &FREE);
        assert!(spread.prevent_default);
        let zoom = ViewCommand::Pinch { dx: 50.0, dy: 0.0, anchor: px(200.0, 100.0), delta: 1.0 };
        assert_eq!(spread.commands.last(), Some(&MoveView(zoom)));
        assert!(spread.commands.contains(&CapturePointer(2)));
        let out =
            run(&mut g, FREE, &[GestureInput::PointerUp(a), GestureInput::PointerUp(finger(2, 300.0, 100.0, 30.0))]);
        assert_eq!(out, vec![vec![], vec![Settle]], "the last finger up settles; a pinch never clicks");
    }

    #[test]
    fn after_a_pinch_the_finger_left_down_pans() {
        let mut g = GestureRecogniser::new();
        let (a, b) = (finger(1, 100.0, 100.0, 0.0), finger(2, 200.0, 100.0, 0.0));
        run(&mut g, FREE, &[down(a), down(b), GestureInput::PointerUp(b)]);
        let pan = g.handle(&GestureInput::PointerMove(finger(1, 110.0, 100.0, 0.0)), &FREE).commands;
        assert_eq!(pan.last(), Some(&MoveView(ViewCommand::PanBy { dx: 10.0, dy: 0.0 })));
    }

    #[test]
    fn embedded_one_finger_hints_once_it_moves_and_never_pans() {
        let mut g = GestureRecogniser::new();
        g.handle(&down(finger(1, 100.0, 100.0, 0.0)), &EMBEDDED);
        let small = g.handle(&GestureInput::PointerMove(finger(1, 102.0, 100.0, 5.0)), &EMBEDDED);
        assert_eq!(small, GestureResponse::none());
        let far = g.handle(&GestureInput::PointerMove(finger(1, 100.0, 160.0, 9.0)), &EMBEDDED);
        assert_eq!(far, GestureResponse::passive(vec![ShowHint(GestureHint::TwoFingersToMove)]), "the page scrolls");
        assert_eq!(GestureHint::TwoFingersToMove.text(), "Use two fingers to move the map");
        assert_eq!(g.handle(&GestureInput::PointerUp(finger(1, 100.0, 160.0, 9.0)), &EMBEDDED).commands, vec![Settle]);
    }

    #[test]
    fn embedded_two_fingers_move_the_map_and_the_one_left_neither_pans_nor_hints() {
        let mut g = GestureRecogniser::new();
        let (a, b) = (finger(1, 100.0, 100.0, 0.0), finger(2, 200.0, 100.0, 0.0));
        run(&mut g, EMBEDDED, &[down(a), down(b)]);
        let pinch = g.handle(&GestureInput::PointerMove(finger(2, 200.0, 140.0, 0.0)), &EMBEDDED).commands;
        assert!(matches!(pinch.last(), Some(MoveView(ViewCommand::Pinch { .. }))));
        g.handle(&GestureInput::PointerUp(b), &EMBEDDED);
        assert_eq!(g.handle(&GestureInput::PointerMove(finger(1, 100.0, 150.0, 0.0)), &EMBEDDED).commands, vec![]);
    }

    #[test]
    fn embedded_a_mouse_still_drags_the_map() {
        let mut g = GestureRecogniser::new();
        let out = run(&mut g, EMBEDDED, &[down(mouse(0.0, 0.0)), GestureInput::PointerMove(mouse(10.0, 0.0))]);
        assert_eq!(out[1], vec![CapturePointer(1), MoveView(ViewCommand::PanBy { dx: 10.0, dy: 0.0 })]);
    }

    #[test]
    fn an_edit_drag_works_with_one_finger_on_an_embedded_map() {
        let mut g = GestureRecogniser::new();
        g.handle(&down_on(finger(1, 0.0, 0.0, 0.0), PressOwner::Vertex(0)), &EMBEDDED);
        let step = g.handle(&GestureInput::PointerMove(finger(1, 30.0, 0.0, 0.0)), &EMBEDDED).commands;
        assert_eq!(step, vec![ContinueEditDrag { at: px(30.0, 0.0) }]);
    }

    #[test]
    fn a_mouse_moving_with_no_button_held_lost_its_release_and_settles() {
        let mut g = GestureRecogniser::new();
        g.handle(&down(mouse(0.0, 0.0)), &FREE);
        g.handle(&GestureInput::PointerMove(mouse(20.0, 0.0)), &FREE);
        let lost = Pointer { buttons: 0, ..mouse(40.0, 0.0) };
        assert_eq!(g.handle(&GestureInput::PointerMove(lost), &FREE), GestureResponse::passive(vec![Settle]));
        assert_eq!(g.pointers_down(), 0);
        assert_eq!(g.handle(&GestureInput::PointerMove(lost), &FREE), GestureResponse::none(), "it only hovers now");
        // The next press is captured again when it drags.
        g.handle(&down(mouse(0.0, 0.0)), &FREE);
        assert!(g.handle(&GestureInput::PointerMove(mouse(20.0, 0.0)), &FREE).commands.contains(&CapturePointer(1)));
    }

    #[test]
    fn a_lost_release_during_an_edit_drag_keeps_the_edit() {
        let mut g = GestureRecogniser::new();
        g.handle(&down_on(mouse(0.0, 0.0), PressOwner::Vertex(1)), &FREE);
        let lost = Pointer { buttons: 0, ..mouse(40.0, 0.0) };
        assert_eq!(g.handle(&GestureInput::PointerMove(lost), &FREE).commands, vec![EndEditDrag]);
        assert!(!g.is_editing());
    }

    #[test]
    fn a_pointer_pressed_again_without_a_release_starts_afresh() {
        let mut g = GestureRecogniser::new();
        g.handle(&down(finger(1, 0.0, 0.0, 0.0)), &FREE);
        g.handle(&GestureInput::PointerMove(finger(1, 50.0, 0.0, 0.0)), &FREE);
        assert_eq!(g.handle(&down(finger(1, 80.0, 0.0, 0.0)), &FREE).commands, vec![Settle]);
        assert_eq!(g.pointers_down(), 1);
        let up = g.handle(&GestureInput::PointerUp(finger(1, 80.0, 0.0, 0.0)), &FREE).commands;
        assert_eq!(up, vec![Settle, Click { at: px(80.0, 0.0), owner: PressOwner::Map }]);
    }

    #[test]
    fn a_double_tap_zooms_in_at_the_second_tap() {
        let mut g = GestureRecogniser::new();
        assert_eq!(tap(&mut g, FREE, 100.0, 0.0), vec![Settle, Click { at: px(100.0, 100.0), owner: PressOwner::Map }]);
        let second = tap(&mut g, FREE, 105.0, 200.0);
        let zoom = JumpView(ViewCommand::ZoomAround { anchor: px(105.0, 100.0), delta: 1.0 });
        assert_eq!(second, vec![Settle, Click { at: px(105.0, 100.0), owner: PressOwner::Map }, zoom]);
        assert_eq!(tap(&mut g, FREE, 105.0, 300.0).len(), 2, "a third tap starts a new pair");
    }

    #[test]
    fn taps_too_slow_or_too_far_apart_do_not_zoom() {
        let mut g = GestureRecogniser::new();
        tap(&mut g, FREE, 100.0, 0.0);
        assert_eq!(tap(&mut g, FREE, 100.0, DOUBLE_TAP_MS + 1.0).len(), 2);
        assert_eq!(tap(&mut g, FREE, 130.0, DOUBLE_TAP_MS + 100.0).len(), 2);
    }

    #[test]
    fn a_touch_that_moved_a_little_is_no_click_but_still_a_tap() {
        let mut g = GestureRecogniser::new();
        tap(&mut g, FREE, 100.0, 0.0);
        let p = finger(7, 100.0, 100.0, 100.0);
        let moved = finger(7, 106.0, 100.0, 150.0);
        let out = run(&mut g, FREE, &[down(p), GestureInput::PointerMove(moved), GestureInput::PointerUp(moved)]);
        let zoom = JumpView(ViewCommand::ZoomAround { anchor: px(106.0, 100.0), delta: 1.0 });
        assert_eq!(out[2], vec![Settle, zoom]);
    }

    #[test]
    fn a_double_tap_while_drawing_adds_the_vertex_and_finishes_the_shape() {
        let mut g = GestureRecogniser::new();
        tap(&mut g, DRAWING, 100.0, 0.0);
        let second = tap(&mut g, DRAWING, 102.0, 100.0);
        assert_eq!(second, vec![Settle, Click { at: px(102.0, 100.0), owner: PressOwner::Map }, FinishShape]);
    }

    #[test]
    fn a_double_tap_on_an_unselected_annotation_selects_it_without_zooming() {
        let mut g = GestureRecogniser::new();
        let owner = PressOwner::Annotation { index: 0, selected: false };
        let p = finger(7, 100.0, 100.0, 0.0);
        run(&mut g, FREE, &[down_on(p, owner), GestureInput::PointerUp(p)]);
        let q = finger(7, 100.0, 100.0, 100.0);
        let out = run(&mut g, FREE, &[down_on(q, owner), GestureInput::PointerUp(q)]);
        assert_eq!(out[1], vec![Settle, Click { at: px(100.0, 100.0), owner }]);
    }

    #[test]
    fn a_cancelled_touch_is_no_click_and_no_tap() {
        let mut g = GestureRecogniser::new();
        tap(&mut g, FREE, 100.0, 0.0);
        let p = finger(7, 100.0, 100.0, 100.0);
        assert_eq!(run(&mut g, FREE, &[down(p), GestureInput::PointerCancel(p)])[1], vec![Settle]);
    }

    #[test]
    fn a_double_click_zooms_in_or_out_or_finishes_the_shape() {
        let mut g = GestureRecogniser::new();
        let at = px(50.0, 60.0);
        let zoom = |delta| vec![JumpView(ViewCommand::ZoomAround { anchor: at, delta })];
        assert_eq!(
            g.handle(&GestureInput::DoubleClick { at, shift: false }, &FREE),
            GestureResponse::handled(zoom(1.0))
        );
        assert_eq!(
            g.handle(&GestureInput::DoubleClick { at, shift: true }, &FREE),
            GestureResponse::handled(zoom(-1.0))
        );
        let finish = g.handle(&GestureInput::DoubleClick { at, shift: false }, &DRAWING);
        assert_eq!(finish, GestureResponse::handled(vec![FinishShape]));
        tap(&mut g, FREE, 10.0, 0.0);
        let after_touch = g.handle(&GestureInput::DoubleClick { at, shift: false }, &FREE);
        assert_eq!(after_touch, GestureResponse::none(), "a touch's double tap was handled on release");
    }

    #[test]
    fn the_wheel_zooms_and_settles_later_unless_embedded_without_ctrl() {
        let mut g = GestureRecogniser::new();
        let zoom = GestureResponse::handled(vec![
            MoveView(ViewCommand::ZoomAround { anchor: px(300.0, 200.0), delta: -0.5 }),
            SettleAfter { ms: WHEEL_SETTLE_MS },
        ]);
        assert_eq!(g.handle(&wheel(100.0, false), &FREE), zoom);
        let hint = g.handle(&wheel(100.0, false), &EMBEDDED);
        assert_eq!(hint, GestureResponse::passive(vec![ShowHint(GestureHint::CtrlScrollToZoom)]), "the page scrolls");
        assert_eq!(GestureHint::CtrlScrollToZoom.text(), "Use Ctrl + scroll to zoom the map");
        assert_eq!(g.handle(&wheel(100.0, true), &EMBEDDED), zoom);
        let cmd =
            GestureInput::Wheel(Wheel { at: px(300.0, 200.0), delta_y: 100.0, delta_mode: 0, ctrl: false, meta: true });
        assert_eq!(g.handle(&cmd, &EMBEDDED), zoom);
        assert_eq!(g.handle(&wheel(f64::NAN, false), &FREE), GestureResponse::none());
        assert_eq!((WHEEL_SETTLE_MS, HINT_MS), (180, 1600));
    }

    #[test]
    fn keys_finish_undo_cancel_close_and_delete_by_mode() {
        let mut g = GestureRecogniser::new();
        let drafting = GestureContext { draft_has_vertices: true, ..DRAWING };
        let selected = GestureContext { annotation_selected: true, ..FREE };
        let one =
            |g: &mut GestureRecogniser, name: &str, context: GestureContext| g.handle(&key(name), &context).commands;
        assert_eq!(one(&mut g, "Enter", drafting), vec![EnterAtCrosshair], "the crosshair decides: place or finish");
        assert_eq!(one(&mut g, "Enter", DRAWING), vec![EnterAtCrosshair]);
        assert_eq!(one(&mut g, "Enter", FREE), vec![]);
        assert_eq!(one(&mut g, "Backspace", drafting), vec![RemoveLastVertex]);
        assert_eq!(one(&mut g, "Escape", DRAWING), vec![CancelAnnotating]);
        assert_eq!(one(&mut g, "Escape", GestureContext { popup_open: true, ..selected }), vec![CancelAnnotating]);
        assert_eq!(one(&mut g, "Escape", GestureContext { popup_open: true, ..FREE }), vec![ClosePopup]);
        assert_eq!(one(&mut g, "Escape", FREE), vec![]);
        assert_eq!(one(&mut g, "Backspace", selected), vec![DeleteSelectedAnnotation]);
        assert_eq!(
            one(&mut g, "Delete", GestureContext { vertex_selected: true, ..selected }),
            vec![DeleteSelectedVertex]
        );
        assert_eq!(one(&mut g, "+", FREE), vec![JumpView(ViewCommand::ZoomAtCenter { delta: 1.0 })]);
        let shifted =
            GestureInput::Key(Key { key: "ArrowUp".into(), shift: true, ctrl: false, meta: false, alt: false });
        assert_eq!(g.handle(&shifted, &FREE).commands, vec![JumpView(ViewCommand::PanBy { dx: 0.0, dy: 240.0 })]);
        let browser_zoom =
            GestureInput::Key(Key { key: "+".into(), shift: false, ctrl: true, meta: false, alt: false });
        assert_eq!(g.handle(&browser_zoom, &FREE), GestureResponse::none(), "Ctrl + is the browser's");
        assert!(g.handle(&key("Enter"), &drafting).prevent_default);
    }

    #[test]
    fn with_a_tool_on_the_arrows_move_the_crosshair_and_with_a_vertex_chosen_they_move_it() {
        let mut g = GestureRecogniser::new();
        let arrow = |name: &str, shift| {
            GestureInput::Key(Key { key: name.into(), shift, ctrl: false, meta: false, alt: false })
        };
        assert_eq!(g.handle(&arrow("ArrowLeft", false), &DRAWING).commands, vec![MoveCrosshair { dx: -10.0, dy: 0.0 }]);
        assert_eq!(g.handle(&arrow("ArrowDown", true), &DRAWING).commands, vec![MoveCrosshair { dx: 0.0, dy: 50.0 }]);
        assert!(g.handle(&arrow("ArrowDown", true), &DRAWING).prevent_default, "the page does not scroll");
        let selected = GestureContext { annotation_selected: true, ..FREE };
        assert_eq!(g.handle(&key("]"), &selected).commands, vec![StepVertex { forward: true }]);
        assert_eq!(g.handle(&key("["), &selected).commands, vec![StepVertex { forward: false }]);
        assert_eq!(g.handle(&key("]"), &FREE).commands, vec![]);
        let pan = JumpView(ViewCommand::PanBy { dx: 0.0, dy: -80.0 });
        assert_eq!(g.handle(&arrow("ArrowDown", false), &selected).commands, vec![pan], "no vertex chosen: it pans");
        let chosen = GestureContext { vertex_selected: true, ..selected };
        assert_eq!(g.handle(&arrow("ArrowUp", false), &chosen).commands, vec![NudgeVertex { dx: 0.0, dy: -10.0 }]);
        assert_eq!(g.handle(&arrow("ArrowRight", true), &chosen).commands, vec![NudgeVertex { dx: 50.0, dy: 0.0 }]);
        let held = GestureInput::Key(Key { key: "ArrowUp".into(), shift: false, ctrl: false, meta: false, alt: true });
        assert_eq!(g.handle(&held, &chosen), GestureResponse::none(), "Alt + arrow is the browser's");
    }

    #[test]
    fn a_hovering_pointer_moves_the_rubber_band_only_while_a_draft_has_vertices() {
        let mut g = GestureRecogniser::new();
        let hover = GestureInput::PointerMove(Pointer { buttons: 0, ..mouse(5.0, 6.0) });
        assert_eq!(g.handle(&hover, &DRAWING), GestureResponse::none());
        let drafting = GestureContext { draft_has_vertices: true, ..DRAWING };
        assert_eq!(g.handle(&hover, &drafting), GestureResponse::passive(vec![MoveDraftCursor { at: px(5.0, 6.0) }]));
    }

    #[test]
    fn a_click_while_drawing_is_a_click_on_the_map() {
        let mut g = GestureRecogniser::new();
        let out = run(&mut g, DRAWING, &[down(mouse(10.0, 10.0)), GestureInput::PointerUp(mouse(10.0, 10.0))]);
        assert_eq!(out[1], vec![Settle, Click { at: px(10.0, 10.0), owner: PressOwner::Map }]);
    }

    #[test]
    fn presses_the_map_does_not_take_are_ignored() {
        let mut g = GestureRecogniser::new();
        let right = Pointer { button: 2, ..mouse(1.0, 1.0) };
        assert_eq!(g.handle(&down(right), &FREE), GestureResponse::none());
        assert_eq!(g.handle(&down(mouse(f64::NAN, 1.0)), &FREE), GestureResponse::none());
        assert_eq!(g.pointers_down(), 0);
        let pen = Pointer { button: 5, ..pointer(4, PointerKind::Pen, 1.0, 1.0, 0.0) };
        g.handle(&down(pen), &FREE);
        assert_eq!(g.pointers_down(), 1, "only a mouse's other buttons are ignored");
    }

    #[test]
    fn a_release_with_no_position_still_releases_but_clicks_nothing() {
        let mut g = GestureRecogniser::new();
        g.handle(&down(mouse(1.0, 1.0)), &FREE);
        let nowhere = mouse(f64::NAN, f64::INFINITY);
        assert_eq!(g.handle(&GestureInput::PointerMove(nowhere), &FREE), GestureResponse::none());
        assert_eq!(g.handle(&GestureInput::PointerUp(nowhere), &FREE).commands, vec![Settle]);
        assert_eq!(g.pointers_down(), 0);
    }
}

//! The map's gestures: every event on the map is read once into plain data (`browser::map_input`), told to
//! the one gesture recogniser (`domain::gesture`) with the owner of the press (`domain::press_owner`, found by
//! geometry in screen px), and the recogniser's commands become actions here. A press has a single owner,
//! so one click is one dispatch.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::browser::map_input::{self, capture};
use crate::browser::timers::Timeout;
use crate::domain::coords::ScreenPx;
use crate::domain::gesture::{GestureCommand, GestureContext, GestureInput, GestureRecogniser, HINT_MS};
use crate::domain::press_owner::{Handles, MapScene, PressOwner, MARKER_REACH_PX, PRESENTER_MARKER_REACH_PX};
use crate::domain::screen_shape::ScreenShape;
use crate::ui::annotate::editing::{drag_for, dragged, EditDrag};
use crate::ui::annotate::state::AnnotationAction;
use crate::ui::classroom::state::Mode;
use crate::ui::map::map_state::MapAction;
use crate::ui::state::{Action, AppState};
use crate::ui::store::Store;
use crate::ui::story::reading::ReadingAction;

/// What the map's input keeps between events.
#[derive(Default)]
pub struct GestureMemory {
    recogniser: GestureRecogniser,
    /// The edit the current drag is making.
    edit: Option<EditDrag>,
    wheel_settle: Option<Timeout>,
    hint: Option<Timeout>,
}

/// The map's input for one render: the memory, the map element, the state and where the markers stand.
#[derive(Clone)]
pub struct MapGestures {
    pub memory: Rc<RefCell<GestureMemory>>,
    pub map: NodeRef,
    pub store: Store,
    /// Where each story marker stands on screen (after spreading), in story order.
    pub markers: Rc<Vec<ScreenPx>>,
}

fn context(state: &AppState) -> GestureContext {
    let annotations = &state.annotations;
    GestureContext {
        embedded: state.embedding.embedded,
        drawing: annotations.tool.is_some(),
        draft_has_vertices: annotations.draft.as_ref().is_some_and(|d| !d.vertices.is_empty()),
        annotation_selected: annotations.selected.is_some(),
        vertex_selected: annotations.vertex.is_some(),
        popup_open: state.reading.selected.is_some(),
    }
}

impl MapGestures {
    /// Who owns a press at `at`: the reader's annotations and the story markers as they are on screen now.
    /// (Hand-ins are not passed: they take no press.)
    fn owner_at(&self, at: ScreenPx) -> PressOwner {
        let (state, view) = (&*self.store, &self.store.map.view);
        let document = state.annotations.document();
        let shapes: Vec<ScreenShape> =
            document.annotations.iter().map(|a| ScreenShape::of(&a.geometry, view)).collect();
        let selected =
            state.annotations.selected.as_ref().and_then(|id| document.annotations.iter().position(|a| &a.id == id));
        let handles = selected.map(|i| Handles::of(&document.annotations[i].geometry, view)).unwrap_or_default();
        let presenter = state.classroom.mode == Mode::Presenter;
        MapScene {
            drawing: state.annotations.tool.is_some(),
            markers: &self.markers,
            marker_reach_px: if presenter { PRESENTER_MARKER_REACH_PX } else { MARKER_REACH_PX },
            annotations: &shapes,
            selected,
            handles: &handles,
        }
        .owner_at(at)
    }

    /// Tells the recogniser about `input` and carries out its commands; true when the browser's own
    /// handling of the event must be stopped.
    pub fn handle(&self, input: GestureInput) -> bool {
        let response = self.memory.borrow_mut().recogniser.handle(&input, &context(&self.store));
        for command in response.commands {
            self.carry_out(command);
        }
        response.prevent_default
    }

    fn dispatch(&self, action: impl Into<Action>) {
        self.store.dispatch(action.into());
    }

    fn carry_out(&self, command: GestureCommand) {
        let annotations = &self.store.annotations;
        let view = &self.store.map.view;
        match command {
            GestureCommand::MoveView(c) => self.dispatch(MapAction::Move(c)),
            GestureCommand::Settle => self.dispatch(MapAction::Settle),
            GestureCommand::JumpView(c) => self.dispatch(MapAction::Jump(c)),
            GestureCommand::SettleAfter { ms } => {
                let dispatch = self.store.dispatcher();
                let timer = Timeout::new(ms, move || dispatch.dispatch(MapAction::Settle.into()));
                self.memory.borrow_mut().wheel_settle = Some(timer);
            }
            GestureCommand::CapturePointer(id) => capture(&self.map, id),
            GestureCommand::ShowHint(hint) => {
                self.dispatch(MapAction::Hint(Some(hint.text())));
                let dispatch = self.store.dispatcher();
                let timer = Timeout::new(HINT_MS, move || dispatch.dispatch(MapAction::Hint(None).into()));
                self.memory.borrow_mut().hint = Some(timer);
            }
            GestureCommand::StartEditDrag { owner, at } => {
                let Some((drag, actions)) = drag_for(owner, at, view, annotations) else { return };
                self.memory.borrow_mut().edit = Some(drag);
                actions.into_iter().for_each(|a| self.dispatch(a));
            }
            GestureCommand::ContinueEditDrag { at } => {
                let drag = self.memory.borrow().edit.clone();
                if let Some(annotation) = drag.and_then(|drag| dragged(&drag, at, view)) {
                    self.dispatch(AnnotationAction::Preview(annotation));
                }
            }
            GestureCommand::EndEditDrag | GestureCommand::CancelEditDrag => {
                let ended = self.memory.borrow_mut().edit.take().is_some();
                let keep = command == GestureCommand::EndEditDrag;
                if ended {
                    self.dispatch(if keep { AnnotationAction::EndDrag } else { AnnotationAction::Cancel });
                }
            }
            GestureCommand::Click { at, owner } => self.click(at, owner),
            GestureCommand::FinishShape => self.dispatch(AnnotationAction::Finish),
            GestureCommand::MoveDraftCursor { at } => {
                self.dispatch(AnnotationAction::Cursor(Some(view.screen_to_lonlat(at))))
            }
            GestureCommand::RemoveLastVertex => self.dispatch(AnnotationAction::RemoveLastVertex),
            GestureCommand::CancelAnnotating => self.dispatch(AnnotationAction::Cancel),
            GestureCommand::ClosePopup => self.dispatch(ReadingAction::ClosePopup),
            GestureCommand::DeleteSelectedAnnotation => {
                if let Some(id) = annotations.selected.clone() {
                    self.dispatch(AnnotationAction::Delete(id));
                }
            }
            GestureCommand::MoveCrosshair { dx, dy } => self.dispatch(AnnotationAction::MoveCrosshair { dx, dy }),
            GestureCommand::EnterAtCrosshair => self.dispatch(AnnotationAction::EnterAtCrosshair),
            GestureCommand::StepVertex { forward } => self.dispatch(AnnotationAction::StepVertex { forward }),
            GestureCommand::NudgeVertex { dx, dy } => self.dispatch(AnnotationAction::NudgeVertex { dx, dy }),
            GestureCommand::DeleteSelectedVertex => {
                if let (Some(id), Some(vertex)) = (annotations.selected.clone(), annotations.vertex) {
                    self.dispatch(AnnotationAction::DeleteVertex { id, vertex });
                }
            }
        }
    }

    /// A press released where it was made: a vertex while drawing, an annotation or a story feature opened,
    /// or (on the map) the annotation selection dropped.
    fn click(&self, at: ScreenPx, owner: PressOwner) {
        let (state, view) = (&*self.store, &self.store.map.view);
        if state.annotations.tool.is_some() {
            return self.dispatch(AnnotationAction::Click(view.screen_to_lonlat(at)));
        }
        if let PressOwner::Annotation { index, selected: false } = owner {
            let id = state.annotations.document().annotations.get(index).map(|a| a.id.clone());
            return self.dispatch(AnnotationAction::Select(id));
        }
        if state.annotations.selected.is_some() {
            self.dispatch(AnnotationAction::Select(None));
        }
        if let PressOwner::Marker(index) = owner {
            if let Some(feature) = state.story.features.get(index) {
                self.dispatch(ReadingAction::Select { id: feature.id.clone(), frame: false });
            }
        }
    }

    /// The map element's handler for pointer `pointerdown`.
    pub fn on_pointer_down(&self) -> Callback<PointerEvent> {
        let this = self.clone();
        Callback::from(move |event: PointerEvent| {
            let Some(pointer) = map_input::pointer_of(&event, &this.map) else { return };
            let owner = this.owner_at(pointer.at);
            if this.handle(GestureInput::PointerDown { pointer, owner }) {
                map_input::prevent(&event);
            }
        })
    }

    /// The map element's handler for `pointermove`.
    pub fn on_pointer_move(&self) -> Callback<PointerEvent> {
        let this = self.clone();
        Callback::from(move |event: PointerEvent| {
            let Some(pointer) = map_input::pointer_of(&event, &this.map) else { return };
            if this.handle(GestureInput::PointerMove(pointer)) {
                map_input::prevent(&event);
            }
        })
    }

    /// The map element's handler for `pointerup` and `pointercancel`.
    pub fn on_pointer_up(&self) -> Callback<PointerEvent> {
        let this = self.clone();
        Callback::from(move |event: PointerEvent| {
            let Some(pointer) = map_input::pointer_of(&event, &this.map) else { return };
            let input = if map_input::is_cancel(&event) {
                GestureInput::PointerCancel(pointer)
            } else {
                GestureInput::PointerUp(pointer)
            };
            if this.handle(input) {
                map_input::prevent(&event);
            }
        })
    }

    /// The map element's handler for `dblclick`.
    pub fn on_double_click(&self) -> Callback<MouseEvent> {
        let this = self.clone();
        Callback::from(move |event: MouseEvent| {
            let Some((at, shift)) = map_input::double_click_of(&event, &this.map) else { return };
            if this.handle(GestureInput::DoubleClick { at, shift }) {
                map_input::prevent(&event);
            }
        })
    }

    /// The map element's handler for `keydown`. Enter and Space on a focused marker are the marker's (they
    /// open its popup), not the map's.
    pub fn on_key_down(&self) -> Callback<KeyboardEvent> {
        let this = self.clone();
        Callback::from(move |event: KeyboardEvent| {
            let key = map_input::key_of(&event);
            if matches!(key.key.as_str(), "Enter" | " ") && !map_input::is_on_map_itself(&event, &this.map) {
                return;
            }
            if this.handle(GestureInput::Key(key)) {
                map_input::prevent(&event);
            }
        })
    }
}

/// The map's gestures for this render; the wheel listener (added once) always sees the latest.
#[hook]
pub fn use_map_gestures(map: NodeRef, store: Store, markers: Rc<Vec<ScreenPx>>) -> MapGestures {
    let memory = use_mut_ref(GestureMemory::default);
    let gestures = MapGestures { memory, map: map.clone(), store, markers };
    let latest = use_mut_ref(|| gestures.clone());
    *latest.borrow_mut() = gestures.clone();
    use_effect_with((), move |_| {
        let listener = map_input::on_wheel(&map, move |wheel| {
            let gestures = latest.borrow().clone();
            gestures.handle(GestureInput::Wheel(wheel))
        });
        move || drop(listener)
    });
    gestures
}

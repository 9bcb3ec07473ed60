//! The map: the basemap drawing, labels and controls, and the gestures that move the camera.
//!
//! During a gesture only the live camera changes: the drawing keeps the `viewBox` it was made for and gets a
//! CSS transform (compositor work, no path is rebuilt). When the gesture ends the view settles: the
//! `viewBox` catches up, the transform goes, and the level of detail is chosen again.

use crate::ui::map::map_state::MapAction;
use crate::ui::story::reading::ReadingAction;
use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser::{element_size::watch_size, fetch::fetch_text, performance};
use crate::domain::coords::ScreenPx;
use crate::domain::interaction::{is_double_tap, key_command, pinch_step, wheel_zoom_delta, ViewCommand};
use crate::domain::level_of_detail::LevelOfDetail;
use crate::domain::marker_layout::spread;
use crate::domain::shared::Shared;

use crate::ui::annotate::editing::{dragged, press, EditDrag, PressTarget};
use crate::ui::annotate::layers::{AnnotationOverlay, AnnotationPoints, AnnotationRef, AnnotationShapes, DocumentRef};
use crate::ui::annotate::popup::AnnotationPopup;
use crate::ui::annotate::state::AnnotationAction;
use crate::ui::classroom::class_panel::Laser;
use crate::ui::map::attribution::Attribution;
use crate::ui::map::base_layers::BaseLayers;
use crate::ui::map::embedded_basemap::{level_file, read_level};
use crate::ui::map::label_layer::LabelLayer;
use crate::ui::map::layer_switcher::LayerSwitcher;
use crate::ui::map::legend::Legend;
use crate::ui::map::scale_bar::ScaleBar;
use crate::ui::map::story_markers::StoryMarkers;
use crate::ui::map::story_shapes::StoryShapes;
use crate::ui::map::synthetic_layer::{requested_synthetic, SyntheticLayer};
use crate::ui::map::zoom_controls::ZoomControls;
use crate::ui::state::Action;
use crate::ui::store::{use_store, Store};
use crate::ui::story::popup::Popup;
use crate::ui::story::tour_bar::TourBar;

/// How far the drawing overhangs the screen on each side (a fraction of the screen), so that a short drag
/// does not uncover blank edges before the view settles.
const OVERHANG: f64 = 0.25;
/// How long after the last wheel event the view settles, ms.
const WHEEL_SETTLE_MS: u32 = 180;
/// How long a tour flight takes, ms.
const FLIGHT_MS: f64 = 700.0;
/// How long a gesture hint stays, ms.
const HINT_MS: u32 = 1600;

/// Pointers down on the map and the last tap, for drags, pinches, double taps, clicks and edit drags.
#[derive(Default)]
struct Gesture {
    pointers: Vec<(i32, ScreenPx)>,
    last_tap: Option<(f64, ScreenPx)>,
    down_at: Option<ScreenPx>,
    last_pointer_was_touch: bool,
    /// Pointers captured by the map (those that have moved past the drag threshold).
    captured: Vec<i32>,
    /// The press has moved past the drag threshold: it is not a click.
    moved: bool,
    /// Two fingers were down at some point: the gesture pans and zooms, it never draws.
    multi: bool,
    /// An annotation edit this press is making.
    edit: Option<EditDrag>,
    /// An unselected annotation under the press: a click selects it.
    pending_select: Option<String>,
}

/// How far a pointer moves before a press becomes a drag, CSS px.
const DRAG_THRESHOLD_PX: f64 = 4.0;

fn local_point(element: &web_sys::Element, client_x: f64, client_y: f64) -> ScreenPx {
    let rect = element.get_bounding_client_rect();
    ScreenPx::new(client_x - rect.left(), client_y - rect.top())
}

/// The pointer's position on the map. (Yew delegates events, so `currentTarget` is not the map element.)
fn pointer_point(map: &NodeRef, event: &PointerEvent) -> Option<ScreenPx> {
    let element = map.cast::<web_sys::Element>()?;
    Some(local_point(&element, event.client_x() as f64, event.client_y() as f64))
}

fn capture(map: &NodeRef, pointer: i32) {
    if let Some(element) = map.cast::<web_sys::Element>() {
        let _ = element.set_pointer_capture(pointer);
    }
}

fn on_pointer_down(store: Store, map: NodeRef, gesture: Rc<RefCell<Gesture>>) -> Callback<PointerEvent> {
    Callback::from(move |event: PointerEvent| {
        if event.pointer_type() == "mouse" && event.button() != 0 {
            return;
        }
        let Some(at) = pointer_point(&map, &event) else { return };
        let mut g = gesture.borrow_mut();
        if g.pointers.is_empty() {
            g.moved = false;
            g.multi = false;
            g.edit = None;
            g.pending_select = None;
        }
        g.last_pointer_was_touch = event.pointer_type() == "touch";
        g.pointers.retain(|(id, _)| *id != event.pointer_id());
        g.pointers.push((event.pointer_id(), at));
        g.down_at = Some(at);
        if g.pointers.len() > 1 {
            // A second finger: this is a pinch, whatever the first one started.
            g.multi = true;
            g.pending_select = None;
            if g.edit.take().is_some() {
                drop(g);
                store.dispatch(Action::Annotate(AnnotationAction::Cancel));
            }
            return;
        }
        match press(event.target(), at, &store.map.view, &store.annotations) {
            PressTarget::Drag(drag, actions) => {
                event.prevent_default();
                capture(&map, event.pointer_id());
                g.captured.push(event.pointer_id());
                g.edit = Some(drag);
                drop(g);
                for action in actions {
                    store.dispatch(Action::Annotate(action));
                }
            }
            PressTarget::Annotation(id) => g.pending_select = Some(id),
            PressTarget::Nothing => {}
        }
    })
}

fn on_pointer_move(
    store: Store,
    map: NodeRef,
    gesture: Rc<RefCell<Gesture>>,
    show_hint: Rc<dyn Fn(&'static str)>,
) -> Callback<PointerEvent> {
    Callback::from(move |event: PointerEvent| {
        let Some(at) = pointer_point(&map, &event) else { return };
        let mut g = gesture.borrow_mut();
        let Some(index) = g.pointers.iter().position(|(id, _)| *id == event.pointer_id()) else {
            // A hovering pointer: while drawing, the rubber band follows it.
            if store.annotations.draft.as_ref().is_some_and(|d| !d.vertices.is_empty()) {
                drop(g);
                store.dispatch(Action::Annotate(AnnotationAction::Cursor(Some(store.map.view.screen_to_lonlat(at)))));
            }
            return;
        };
        if event.pointer_type() == "mouse" && event.buttons() == 0 {
            // The button was released where we did not see it (outside the window, before capture).
            g.pointers.remove(index);
            drop(g);
            store.dispatch(Action::Map(MapAction::Settle));
            return;
        }
        if g.down_at.is_some_and(|down| down.distance(at) > DRAG_THRESHOLD_PX) {
            g.moved = true;
        }
        if let Some(drag) = g.edit.clone() {
            g.pointers[index].1 = at;
            drop(g);
            event.prevent_default();
            if let Some(annotation) = dragged(&drag, at, &store.map.view) {
                store.dispatch(Action::Annotate(AnnotationAction::Preview(annotation)));
            }
            return;
        }
        if store.embedding.embedded && event.pointer_type() == "touch" && g.pointers.len() == 1 {
            // Embedded in a page, one finger scrolls the page; two move the map.
            g.pointers[index].1 = at;
            if g.moved && !g.multi {
                drop(g);
                show_hint("Use two fingers to move the map");
            }
            return;
        }
        let command = match g.pointers.len() {
            1 => {
                let before = g.pointers[0].1;
                Some(ViewCommand::PanBy { dx: at.x - before.x, dy: at.y - before.y })
            }
            2 => {
                let before = (g.pointers[0].1, g.pointers[1].1);
                let mut after = before;
                if index == 0 {
                    after.0 = at
                } else {
                    after.1 = at
                }
                pinch_step(before, after)
            }
            _ => None,
        };
        g.pointers[index].1 = at;
        // The pointer is captured only once it has really moved, so that a press on a marker that does not
        // move stays a click on the marker, while a drag that starts on one still pans the map.
        if g.moved && !g.captured.contains(&event.pointer_id()) {
            capture(&map, event.pointer_id());
            g.captured.push(event.pointer_id());
        }
        drop(g);
        if let Some(command) = command {
            event.prevent_default();
            store.dispatch(Action::Map(MapAction::Move(command)));
        }
    })
}

fn on_pointer_up(store: Store, map: NodeRef, gesture: Rc<RefCell<Gesture>>) -> Callback<PointerEvent> {
    Callback::from(move |event: PointerEvent| {
        let at = pointer_point(&map, &event);
        let mut g = gesture.borrow_mut();
        let was_down = g.pointers.iter().any(|(id, _)| *id == event.pointer_id());
        g.pointers.retain(|(id, _)| *id != event.pointer_id());
        g.captured.retain(|id| *id != event.pointer_id());
        if !was_down || !g.pointers.is_empty() {
            return;
        }
        let cancelled = event.type_() == "pointercancel";
        if g.edit.take().is_some() {
            drop(g);
            let action = if cancelled { AnnotationAction::Cancel } else { AnnotationAction::EndDrag };
            store.dispatch(Action::Annotate(action));
            return;
        }
        let click = !g.moved && !g.multi && !cancelled;
        let drawing = store.annotations.tool.is_some();
        // A touch that did not move is a tap; two quick taps zoom in (mice have dblclick), or finish a shape.
        let mut double_tap = None;
        if let (Some(at), Some(down), true) = (at, g.down_at, event.pointer_type() == "touch") {
            if at.distance(down) < 10.0 && !g.multi {
                let now = performance::now_ms();
                if is_double_tap(g.last_tap, now, at) {
                    double_tap = Some(at);
                    g.last_tap = None;
                } else {
                    g.last_tap = Some((now, at));
                }
            }
        }
        let pending_select = g.pending_select.take();
        drop(g);
        store.dispatch(Action::Map(MapAction::Settle));
        match (click, at) {
            (true, Some(at)) if drawing => {
                store.dispatch(Action::Annotate(AnnotationAction::Click(store.map.view.screen_to_lonlat(at))));
                if double_tap.is_some() {
                    store.dispatch(Action::Annotate(AnnotationAction::Finish));
                }
                return;
            }
            (true, _) if pending_select.is_some() => {
                store.dispatch(Action::Annotate(AnnotationAction::Select(pending_select)));
                return;
            }
            (true, _) if store.annotations.selected.is_some() => {
                store.dispatch(Action::Annotate(AnnotationAction::Select(None)));
            }
            _ => {}
        }
        if let Some(anchor) = double_tap {
            store.dispatch(Action::Map(MapAction::Jump(ViewCommand::ZoomAround { anchor, delta: 1.0 })));
        }
    })
}

fn on_double_click(store: Store, map: NodeRef, gesture: Rc<RefCell<Gesture>>) -> Callback<MouseEvent> {
    Callback::from(move |event: MouseEvent| {
        if gesture.borrow().last_pointer_was_touch {
            return; // handled as a double tap
        }
        event.prevent_default();
        if store.annotations.tool.is_some() {
            store.dispatch(Action::Annotate(AnnotationAction::Finish));
            return;
        }
        let Some(target) = map.cast::<web_sys::Element>() else { return };
        let anchor = local_point(&target, event.client_x() as f64, event.client_y() as f64);
        let delta = if event.shift_key() { -1.0 } else { 1.0 };
        store.dispatch(Action::Map(MapAction::Jump(ViewCommand::ZoomAround { anchor, delta })));
    })
}

fn on_key_down(store: Store) -> Callback<KeyboardEvent> {
    Callback::from(move |event: KeyboardEvent| {
        if event.ctrl_key() || event.meta_key() || event.alt_key() {
            return;
        }
        let annotations = &store.annotations;
        let drafting = annotations.draft.as_ref().is_some_and(|d| !d.vertices.is_empty());
        let action = match event.key().as_str() {
            "Enter" if drafting => Some(Action::Annotate(AnnotationAction::Finish)),
            "Backspace" if drafting => Some(Action::Annotate(AnnotationAction::RemoveLastVertex)),
            "Escape" if annotations.tool.is_some() || annotations.selected.is_some() => {
                Some(Action::Annotate(AnnotationAction::Cancel))
            }
            "Escape" if store.reading.selected.is_some() => Some(Action::Read(ReadingAction::ClosePopup)),
            "Delete" | "Backspace" if annotations.selected.is_some() => {
                let id = annotations.selected.clone().unwrap_or_default();
                Some(Action::Annotate(match annotations.vertex {
                    Some(vertex) => AnnotationAction::DeleteVertex { id, vertex },
                    None => AnnotationAction::Delete(id),
                }))
            }
            key => key_command(key, event.shift_key()).map(|c| MapAction::Jump(c).into()),
        };
        if let Some(action) = action {
            event.prevent_default();
            store.dispatch(action);
        }
    })
}

/// The interactive map.
#[component]
pub fn MapView() -> Html {
    let store = use_store();
    let map_ref = use_node_ref();
    let gesture = use_mut_ref(Gesture::default);
    let ready_marked = use_mut_ref(|| false);
    let synthetic = use_memo((), |_| requested_synthetic());
    let laser = use_state(|| None::<(f64, f64)>);
    let presenter = store.classroom.mode == crate::ui::classroom::state::Mode::Presenter;
    let on_laser = {
        let (laser, map_ref) = (laser.clone(), map_ref.clone());
        Callback::from(move |e: PointerEvent| {
            if let Some(element) = map_ref.cast::<web_sys::Element>() {
                let p = local_point(&element, e.client_x() as f64, e.client_y() as f64);
                laser.set(Some((p.x, p.y)));
            }
        })
    };
    let off_laser = {
        let laser = laser.clone();
        Callback::from(move |_: PointerEvent| laser.set(None))
    };

    // Follow the element's size.
    {
        let (store, map_ref) = (store.clone(), map_ref.clone());
        use_effect_with((), move |_| {
            let watch = map_ref.cast::<web_sys::Element>().and_then(|element| {
                watch_size(&element, move |width, height| {
                    store.dispatch(Action::Map(MapAction::Resize { width, height }))
                })
                .map_err(|message| gloo::console::error!(message))
                .ok()
            });
            move || drop(watch)
        });
    }

    // A hint over the map fades after a moment.
    let hint_timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let show_hint = {
        let (dispatch, hint_timer) = (store.dispatcher(), hint_timer.clone());
        Rc::new(move |hint: &'static str| {
            dispatch.dispatch(Action::Map(MapAction::Hint(Some(hint))));
            let dispatch = dispatch.clone();
            hint_timer
                .replace(Some(Timeout::new(HINT_MS, move || dispatch.dispatch(Action::Map(MapAction::Hint(None))))));
        })
    };

    // Wheel zoom needs a listener that may cancel the page scroll, which Yew's wheel handler (passive) cannot.
    // Embedded in a page, the wheel scrolls the page unless Ctrl/Cmd is held (cooperative gestures).
    {
        let (store, map_ref, show_hint) = (store.clone(), map_ref.clone(), show_hint.clone());
        use_effect_with((), move |_| {
            let settle: Rc<RefCell<Option<Timeout>>> = Rc::default();
            let embed = store.embedding.embedded;
            let listener = map_ref.cast::<web_sys::Element>().map(|element| {
                let target = element.clone();
                EventListener::new_with_options(
                    &element,
                    "wheel",
                    EventListenerOptions::enable_prevent_default(),
                    move |event| {
                        let Some(wheel) = event.dyn_ref::<web_sys::WheelEvent>() else { return };
                        if embed && !(wheel.ctrl_key() || wheel.meta_key()) {
                            show_hint("Use Ctrl + scroll to zoom the map");
                            return;
                        }
                        wheel.prevent_default();
                        let anchor = local_point(&target, wheel.client_x() as f64, wheel.client_y() as f64);
                        let delta = wheel_zoom_delta(wheel.delta_y(), wheel.delta_mode());
                        store.dispatch(Action::Map(MapAction::Move(ViewCommand::ZoomAround { anchor, delta })));
                        let store = store.clone();
                        settle.replace(Some(Timeout::new(WHEEL_SETTLE_MS, move || {
                            store.dispatch(Action::Map(MapAction::Settle))
                        })));
                    },
                )
            });
            move || drop(listener)
        });
    }

    // A flight (the tour) animates the live camera over FLIGHT_MS, or lands at once for readers who prefer
    // less motion.
    {
        let dispatch = store.dispatcher();
        let flight = store.map.flight.map(|(from, to, _)| (from, to));
        use_effect_with(flight, move |flight| {
            let interval = flight.map(|_| {
                if performance::prefers_reduced_motion() {
                    dispatch.dispatch(Action::Map(MapAction::FlightStep(1.0)));
                    return None;
                }
                let start = performance::now_ms();
                Some(gloo::timers::callback::Interval::new(16, move || {
                    let t = ((performance::now_ms() - start) / FLIGHT_MS).min(1.0);
                    dispatch.dispatch(Action::Map(MapAction::FlightStep(t)));
                }))
            });
            move || drop(interval)
        });
    }

    // Fetch the level of detail the zoom needs, once.
    {
        let (dispatch, wanted) = (store.dispatcher(), store.map.level_of_detail());
        let loaded = store.map.basemap.has(wanted);
        let asked = use_mut_ref(std::collections::HashSet::<LevelOfDetail>::new);
        use_effect_with(wanted, move |wanted| {
            let wanted = *wanted;
            if !loaded && asked.borrow_mut().insert(wanted) {
                if let Some(file) = level_file(wanted) {
                    yew::platform::spawn_local(async move {
                        let result =
                            fetch_text(file, 32 * 1024 * 1024).await.and_then(|text| read_level(wanted, &text));
                        match result {
                            Ok(level) => dispatch.dispatch(MapAction::BasemapReady(Shared::new(level)).into()),
                            Err(e) => gloo::console::error!(format!("basemap {}: {e}", wanted.name())),
                        }
                    });
                }
            }
        });
    }

    // Mark the first complete frame once.
    {
        let ready_marked = ready_marked.clone();
        use_effect_with(store.map.sized, move |sized| {
            if *sized && !*ready_marked.borrow() {
                *ready_marked.borrow_mut() = true;
                performance::mark("map-ready");
            }
        });
    }

    let settled = store.map.settled;
    let view_box = settled.view_box(OVERHANG);
    let (scale, tx, ty) = store.map.view.transform_from(&settled);
    // Point annotations are placed for the settled view; a gesture moves them with this transform only.
    let points_style: AttrValue =
        format!("transform-origin:0 0;transform:translate({tx:.2}px,{ty:.2}px) scale({scale:.5})").into();
    let drawing_style: AttrValue = format!(
        "left:{left:.1}px;top:{top:.1}px;width:{w:.1}px;height:{h:.1}px;transform-origin:{ox:.1}px {oy:.1}px;\
         transform:translate({tx:.2}px,{ty:.2}px) scale({scale:.5})",
        left = -OVERHANG * settled.width,
        top = -OVERHANG * settled.height,
        w = settled.width * (1.0 + 2.0 * OVERHANG),
        h = settled.height * (1.0 + 2.0 * OVERHANG),
        ox = OVERHANG * settled.width,
        oy = OVERHANG * settled.height,
    )
    .into();
    let center = settled.center_lonlat();
    let annotations = &store.annotations;
    // Draw the finest level that is ready; the one the zoom wants is fetched (effect above) if it is not.
    let drawn_level = store.map.basemap.best(store.map.level_of_detail());
    // Markers for the live camera, fanned out where they would overlap.
    let anchors: Vec<ScreenPx> =
        store.story.features.iter().map(|f| store.map.view.lonlat_to_screen(f.anchor)).collect();
    let positions = Rc::new(spread(&anchors));
    let annotation_popup = (annotations.tool.is_none() && annotations.preview.is_none())
        .then(|| annotations.selected.as_ref().and_then(|id| annotations.document().get(id)))
        .flatten()
        .and_then(|a| {
            let first = a.geometry.first_position()?;
            Some(html! {
                <AnnotationPopup story={store.story.clone()} annotation={AnnotationRef(a.clone())} at={store.map.view.lonlat_to_screen(first)}
                    width={store.map.view.width} height={store.map.view.height} />
            })
        });
    // The places of the picked date: worked out once per pick, not on every pan frame.
    let dated = use_memo((store.story.clone(), store.reading.timeline_pick), |(story, pick)| {
        pick.and_then(|i| crate::domain::tour::timeline(story).into_iter().nth(i))
            .map(|e| e.feature_ids)
            .unwrap_or_default()
    });
    let popup = store.reading.selected.as_ref().and_then(|id| {
        let index = store.story.features.iter().position(|f| &f.id == id)?;
        Some(html! {
            <Popup story={store.story.clone()} id={id.clone()} at={positions[index]}
                width={store.map.view.width} height={store.map.view.height} />
        })
    });
    // The Wakhan hatch keeps about 7 px spacing at the settled zoom.
    let hatch = format!("{:.0}", 7.0 * settled.resolution());
    let hatch_width = format!("{:.0}", 2.0 * settled.resolution());

    html! {
        <div class="map-shell" onpointermove={presenter.then_some(on_laser)} onpointerleave={presenter.then_some(off_laser)}>
            <div ref={map_ref.clone()} class={classes!("map", annotations.tool.is_some().then_some("drawing-mode"))} tabindex="0" role="region" aria-roledescription="map"
                aria-label="Map of Tajikistan, the Wakhan Corridor and Xinjiang. Drag or use the arrow keys to pan, + and − to zoom."
                data-map="" data-center-lon={format!("{:.5}", center.lon)} data-center-lat={format!("{:.5}", center.lat)}
                data-zoom={format!("{:.4}", settled.zoom)} data-lod={store.map.level_of_detail().name()}
                onpointerdown={on_pointer_down(store.clone(), map_ref.clone(), gesture.clone())}
                onpointermove={on_pointer_move(store.clone(), map_ref.clone(), gesture.clone(), show_hint.clone())}
                onpointerup={on_pointer_up(store.clone(), map_ref.clone(), gesture.clone())}
                onpointercancel={on_pointer_up(store.clone(), map_ref.clone(), gesture.clone())}
                ondblclick={on_double_click(store.clone(), map_ref.clone(), gesture.clone())}
                onkeydown={on_key_down(store.clone())}>
                if store.map.sized {
                    <svg class="drawing" viewBox={view_box.attribute()} style={drawing_style.clone()}
                        preserveAspectRatio="none" aria-hidden="true">
                        <defs>
                            <pattern id="wakhan-hatch" patternUnits="userSpaceOnUse" width={hatch.clone()} height={hatch.clone()}
                                patternTransform="rotate(45)">
                                <rect width={hatch.clone()} height={hatch.clone()} class="hatch-ground" />
                                <line x1="0" y1="0" x2="0" y2={hatch} class="hatch-line" stroke-width={hatch_width} />
                            </pattern>
                        </defs>
                        <BaseLayers level={drawn_level} layers={store.map.layers} />
                        <StoryShapes story={store.story.clone()} selected={store.reading.selected.clone()} hovered={store.reading.hovered.clone()} />
                        { for store.classroom.hand_ins.iter().filter(|h| h.visible).map(|h| html! {
                            <AnnotationShapes document={DocumentRef(h.document.clone())} selected={None::<String>} layer={format!("hand-in:{}", h.student)} />
                        }) }
                        <AnnotationShapes document={DocumentRef(annotations.document().clone())} selected={annotations.selected.clone()} />
                    </svg>
                    if let Some(data) = synthetic.as_ref() {
                        <SyntheticLayer data={data.clone()} settled={settled}
                            overhang={OVERHANG} style={drawing_style.clone()} />
                    }
                    <LabelLayer view={store.map.view} layers={store.map.layers} />
                    <div class="annotation-points-frame" style={points_style}>
                        { for store.classroom.hand_ins.iter().filter(|h| h.visible).map(|h| html! {
                            <AnnotationPoints settled={settled} document={DocumentRef(h.document.clone())} selected={None::<String>}
                                class="annotation-points hand-in-overlay" />
                        }) }
                        <AnnotationPoints settled={settled} document={DocumentRef(annotations.document().clone())}
                            selected={annotations.selected.clone()} />
                    </div>
                    <AnnotationOverlay view={store.map.view} document={DocumentRef(annotations.document().clone())}
                        selected={annotations.selected.clone()} vertex={annotations.vertex}
                        draft={annotations.draft.clone()} cursor={annotations.cursor} />
                    <StoryMarkers story={store.story.clone()} positions={positions.clone()} width={store.map.view.width}
                        height={store.map.view.height} selected={store.reading.selected.clone()} hovered={store.reading.hovered.clone()} dated={dated} />
                }
            </div>
            if presenter {
                <Laser at={*laser} />
            }
            if let Some(hint) = store.map.hint {
                <div class="gesture-hint" role="status">{ hint }</div>
            }
            { popup.unwrap_or_default() }
            { annotation_popup.unwrap_or_default() }
            <div class="map-controls map-controls-top-right">
                <ZoomControls />
            </div>
            <div class="map-controls map-controls-top-left">
                <LayerSwitcher />
                <Legend />
            </div>
            if let Some(step) = store.tour.step {
                <TourBar story={store.story.clone()} step={step} />
            }
            <div class="map-controls map-controls-bottom">
                <ScaleBar />
                <Attribution />
            </div>
        </div>
    }
}

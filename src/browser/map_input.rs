//! The map element's input, read once into the gesture recogniser's plain data: pointer, double-click and
//! key events in map-local CSS px; the wheel listener (one that may cancel the page's scroll, which Yew's
//! passive wheel handler cannot); pointer capture.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;

use crate::browser::performance;
use crate::domain::coords::ScreenPx;
use crate::domain::gesture::{Key, Pointer, PointerKind, Wheel};

/// A point in the page (client px) as CSS px from the top-left corner of the element `map` points at.
pub fn local_point(map: &yew::NodeRef, client_x: f64, client_y: f64) -> Option<ScreenPx> {
    let rect = map.cast::<web_sys::Element>()?.get_bounding_client_rect();
    Some(ScreenPx::new(client_x - rect.left(), client_y - rect.top()))
}

/// A pointer event as the recogniser's data. (Yew delegates events, so `currentTarget` is not the map
/// element: positions are taken from the map's own box.)
pub fn pointer_of(event: &web_sys::PointerEvent, map: &yew::NodeRef) -> Option<Pointer> {
    Some(Pointer {
        id: event.pointer_id(),
        kind: PointerKind::from_pointer_type(&event.pointer_type()),
        button: event.button(),
        buttons: event.buttons(),
        at: local_point(map, event.client_x() as f64, event.client_y() as f64)?,
        time_ms: performance::now_ms(),
    })
}

/// Whether a pointer event is a `pointercancel` (the browser took the pointer).
pub fn is_cancel(event: &web_sys::PointerEvent) -> bool {
    event.type_() == "pointercancel"
}

/// A double-click's position on the map and whether Shift was held.
pub fn double_click_of(event: &web_sys::MouseEvent, map: &yew::NodeRef) -> Option<(ScreenPx, bool)> {
    Some((local_point(map, event.client_x() as f64, event.client_y() as f64)?, event.shift_key()))
}

/// A key event as the recogniser's data.
pub fn key_of(event: &web_sys::KeyboardEvent) -> Key {
    Key {
        key: event.key(),
        shift: event.shift_key(),
        ctrl: event.ctrl_key(),
        meta: event.meta_key(),
        alt: event.alt_key(),
    }
}

/// Whether an event's target is the map element itself (not a marker or another control inside it).
pub fn is_on_map_itself(event: &web_sys::Event, map: &yew::NodeRef) -> bool {
    let target = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    target.is_some() && target == map.cast::<web_sys::Element>()
}

/// Stops the browser's own handling of an event (page scroll, text selection, zoom).
pub fn prevent(event: &web_sys::Event) {
    event.prevent_default();
}

/// Sends pointer `id`'s moves and release to the map element wherever it goes.
pub fn capture(map: &yew::NodeRef, id: i32) {
    if let Some(element) = map.cast::<web_sys::Element>() {
        let _ = element.set_pointer_capture(id);
    }
}

/// Calls `handler` with each wheel event on the map element while the listener lives; when it answers
/// `true` the page does not scroll.
pub fn on_wheel(map: &yew::NodeRef, mut handler: impl FnMut(Wheel) -> bool + 'static) -> Option<EventListener> {
    let element = map.cast::<web_sys::Element>()?;
    let map = map.clone();
    Some(EventListener::new_with_options(&element, "wheel", EventListenerOptions::enable_prevent_default(), move |e| {
        let Some(wheel) = e.dyn_ref::<web_sys::WheelEvent>() else { return };
        let Some(at) = local_point(&map, wheel.client_x() as f64, wheel.client_y() as f64) else { return };
        let input = Wheel {
            at,
            delta_y: wheel.delta_y(),
            delta_mode: wheel.delta_mode(),
            ctrl: wheel.ctrl_key(),
            meta: wheel.meta_key(),
        };
        if handler(input) {
            wheel.prevent_default();
        }
    }))
}

/// Whether a click came from a pointer (a press and release the map's gestures have seen) rather than from
/// the keyboard or assistive technology (which click with `detail` 0).
pub fn is_pointer_click(event: &web_sys::MouseEvent) -> bool {
    event.detail() > 0
}

//! Page-wide keyboard and paste listeners, reported as plain data: the key, its modifiers, and where focus
//! was (a text field, the map), so that the UI decides without touching the event.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;

/// A key pressed anywhere on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyPress {
    /// The key's value (`"ArrowRight"`, `"z"`, `"Escape"`).
    pub key: String,
    pub shift: bool,
    pub ctrl: bool,
    pub meta: bool,
    pub alt: bool,
    /// Focus was in an input, a text area, a select or editable content (they keep their own keys).
    pub in_text_field: bool,
    /// Focus was on the map (whose arrows pan).
    pub in_map: bool,
}

/// What a listener did with an event: `Handled` stops the browser's own action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handling {
    Handled,
    Ignored,
}

fn element_of(target: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
    target.and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

fn is_text_field(element: &web_sys::Element) -> bool {
    matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || element.closest("[contenteditable]").ok().flatten().is_some()
}

fn listen(kind: &'static str, mut handle: impl FnMut(&web_sys::Event) + 'static) -> Option<EventListener> {
    let document = web_sys::window()?.document()?;
    Some(EventListener::new_with_options(&document, kind, EventListenerOptions::enable_prevent_default(), move |e| {
        handle(e)
    }))
}

/// Calls `handler` for every key pressed on the page while the listener lives.
pub fn on_page_key(mut handler: impl FnMut(&KeyPress) -> Handling + 'static) -> Option<EventListener> {
    listen("keydown", move |event| {
        let Some(e) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
        let target = element_of(e.target());
        let press = KeyPress {
            key: e.key(),
            shift: e.shift_key(),
            ctrl: e.ctrl_key(),
            meta: e.meta_key(),
            alt: e.alt_key(),
            in_text_field: target.as_ref().is_some_and(is_text_field),
            in_map: target.as_ref().is_some_and(|t| t.closest("[data-map]").ok().flatten().is_some()),
        };
        if handler(&press) == Handling::Handled {
            e.prevent_default();
        }
    })
}

/// Calls `handler` with the text of every paste outside text fields while the listener lives.
pub fn on_page_paste(mut handler: impl FnMut(String) -> Handling + 'static) -> Option<EventListener> {
    listen("paste", move |event| {
        let Some(e) = event.dyn_ref::<web_sys::ClipboardEvent>() else { return };
        if element_of(e.target()).is_some_and(|t| is_text_field(&t)) {
            return;
        }
        let Some(text) = e.clipboard_data().and_then(|d| d.get_data("text").ok()) else { return };
        if handler(text) == Handling::Handled {
            e.prevent_default();
        }
    })
}

//! Page-wide keys and paste: undo and redo wherever focus is (except in text fields, which keep their own),
//! and GeoJSON pasted onto the page imported as annotations.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::ui::annotate::state::AnnotationAction;
use crate::ui::annotate::toolbar::import_text;
use crate::ui::state::Action;
use crate::ui::store::use_dispatch;

fn in_text_field(target: Option<web_sys::EventTarget>) -> bool {
    target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| {
        matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            || e.closest("[contenteditable]").ok().flatten().is_some()
    })
}

/// Ctrl/Cmd+Z undoes; Ctrl/Cmd+Shift+Z and Ctrl+Y redo.
#[hook]
pub fn use_undo_shortcuts() {
    let dispatch = use_dispatch();
    use_effect_with((), move |_| {
        let listener = gloo::utils::document().dyn_into::<web_sys::EventTarget>().ok().map(|document| {
            EventListener::new_with_options(
                &document,
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                move |event| {
                    let Some(e) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                    if !(e.ctrl_key() || e.meta_key()) || in_text_field(e.target()) {
                        return;
                    }
                    let action = match (e.key().to_lowercase().as_str(), e.shift_key()) {
                        ("z", false) => AnnotationAction::Undo,
                        ("z", true) | ("y", _) => AnnotationAction::Redo,
                        _ => return,
                    };
                    e.prevent_default();
                    dispatch.dispatch(Action::Annotate(action));
                },
            )
        });
        move || drop(listener)
    });
}

/// Text pasted outside text fields that looks like JSON is imported as GeoJSON.
#[hook]
pub fn use_paste_import() {
    let dispatch = use_dispatch();
    use_effect_with((), move |_| {
        let listener = gloo::utils::document().dyn_into::<web_sys::EventTarget>().ok().map(|document| {
            EventListener::new_with_options(
                &document,
                "paste",
                EventListenerOptions::enable_prevent_default(),
                move |event| {
                    let Some(e) = event.dyn_ref::<web_sys::ClipboardEvent>() else { return };
                    if in_text_field(e.target()) {
                        return;
                    }
                    let Some(text) = e.clipboard_data().and_then(|d| d.get_data("text").ok()) else { return };
                    if text.trim_start().starts_with('{') {
                        e.prevent_default();
                        import_text(&dispatch, "The pasted text".into(), Ok(text));
                    }
                },
            )
        });
        move || drop(listener)
    });
}

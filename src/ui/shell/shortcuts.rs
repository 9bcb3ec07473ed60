//! Page-wide keys and paste: undo and redo wherever focus is (except in text fields, which keep their own),
//! and GeoJSON, TopoJSON, KML, GPX or CSV pasted onto the page imported as annotations.

use yew::prelude::*;

use crate::browser::keys::{on_page_key, on_page_paste, Handling};
use crate::domain::file_import::pasted_format;
use crate::ui::annotate::interchange::open_file;
use crate::ui::annotate::state::AnnotationAction;
use crate::ui::state::Action;
use crate::ui::store::use_dispatch;

/// Ctrl/Cmd+Z undoes; Ctrl/Cmd+Shift+Z and Ctrl+Y redo.
#[hook]
pub fn use_undo_shortcuts() {
    let dispatch = use_dispatch();
    use_effect_with((), move |_| {
        let listener = on_page_key(move |key| {
            if !(key.ctrl || key.meta) || key.in_text_field {
                return Handling::Ignored;
            }
            let action = match (key.key.to_lowercase().as_str(), key.shift) {
                ("z", false) => AnnotationAction::Undo,
                ("z", true) | ("y", _) => AnnotationAction::Redo,
                _ => return Handling::Ignored,
            };
            dispatch.dispatch(Action::Annotate(action));
            Handling::Handled
        });
        move || drop(listener)
    });
}

/// Text pasted outside text fields that is a format the importer reads is imported.
#[hook]
pub fn use_paste_import() {
    let dispatch = use_dispatch();
    use_effect_with((), move |_| {
        let listener = on_page_paste(move |text| {
            let Some(format) = pasted_format(&text) else { return Handling::Ignored };
            let name = format!("pasted.{}", format.name().to_ascii_lowercase());
            open_file(&dispatch, "The pasted text".into(), name, Ok(text.into_bytes()));
            Handling::Handled
        });
        move || drop(listener)
    });
}

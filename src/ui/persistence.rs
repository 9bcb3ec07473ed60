//! Autosave and restore of the annotation document in the browser's storage. Nothing is written before the
//! saved document has been read, and a saved document that cannot be read is never overwritten.

use yew::prelude::*;

use crate::browser::storage;
use crate::domain::saved_document::{decode, encode};

use crate::domain::annotation::AnnotationDocument;

use super::annotating::{AnnotationState, StorageState};
use super::state::{Action, Mode};
use super::store::use_dispatch;

/// The storage key of the document.
pub const STORAGE_KEY: &str = "article-map:annotations";
/// A student's layer is kept apart from the reader's.
pub const STUDENT_STORAGE_KEY: &str = "article-map:annotations:student";

fn key_for(mode: Mode) -> &'static str {
    if mode == Mode::Student {
        STUDENT_STORAGE_KEY
    } else {
        STORAGE_KEY
    }
}

/// Reads the saved document once, at start.
#[hook]
pub fn use_restore(mode: Mode) {
    let dispatch = use_dispatch();
    use_effect_with((), move |_| {
        let action = match storage::read(key_for(mode)) {
            Ok(None) => Action::Annotate(super::annotating::AnnotationAction::StorageChecked { usable: true }),
            Ok(Some(text)) => match decode(&text) {
                Ok((document, saved_at)) => Action::RestoreAnnotations { document, saved_at },
                Err(why) => Action::StorageProblem {
                    message: format!(
                        "The annotations saved in this browser could not be read: {why}. They are left untouched; new work is kept in memory only."
                    ),
                    blocked: true,
                },
            },
            Err(e) => Action::StorageProblem { message: e.to_string(), blocked: true },
        };
        dispatch.dispatch(action);
    });
}

/// Another tab saving to the same key would be overwritten by this one's next save (and would overwrite
/// it): when another tab saves, this one stops saving and says so.
#[hook]
pub fn use_other_tabs(mode: Mode) {
    let dispatch = use_dispatch();
    use_effect_with((), move |_| {
        let listener = storage::on_change_elsewhere(key_for(mode), move || {
            dispatch.dispatch(Action::StorageProblem {
                message: "Your annotations were changed in another tab or window. This tab stopped saving so that neither overwrites the other: reload to see the latest, or export what is here.".into(),
                blocked: true,
            });
        });
        move || drop(listener)
    });
}

/// Saves the document after every change (while storage is usable). The document as read at start is not
/// written back (it is what storage holds already, and writing it would tell other tabs of a change).
#[hook]
pub fn use_autosave(state: &AnnotationState, mode: Mode) {
    let dispatch = use_dispatch();
    let document = state.history.present().clone();
    let ready = state.storage == StorageState::Ready;
    let saved = use_mut_ref(|| None::<AnnotationDocument>);
    use_effect_with((document, ready), move |(document, ready)| {
        if !*ready {
            return;
        }
        let first = saved.borrow().is_none();
        if first || saved.borrow().as_ref() == Some(document) {
            *saved.borrow_mut() = Some(document.clone());
            return;
        }
        *saved.borrow_mut() = Some(document.clone());
        let now: String = js_sys::Date::new_0().to_iso_string().into();
        if let Err(e) = storage::write(key_for(mode), &encode(document, &now)) {
            dispatch.dispatch(Action::StorageProblem { message: e.to_string(), blocked: false });
        }
    });
}

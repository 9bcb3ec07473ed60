//! Autosave and restore of the annotation document in the browser's storage.
//!
//! The rules, for the reader's layer and the student's alike:
//! - nothing is written before the saved document has been read;
//! - only a document that reads back equal is written ([`encode_checked`]); the copy it replaces is kept
//!   as a backup;
//! - reading is lenient: every saved annotation that can be read is restored, and the ones that cannot are
//!   named; if the latest save cannot be read at all, the backup is restored; saved data that cannot be
//!   read is kept aside (never overwritten) and offered as a file;
//! - keys are namespaced by the app's path, so two maps on one site keep their own notes.

use std::rc::Rc;

use yew::prelude::*;

use crate::browser::timers::Timeout;
use crate::browser::{location, storage};
use crate::domain::annotation::AnnotationDocument;
use crate::domain::saved_document::{decode, decode_leniently, encode_checked, storage_key, Recovered};
use crate::ui::annotate::intake::DocumentEvent;
use crate::ui::annotate::state::{AnnotationAction, AnnotationState, StorageState};
use crate::ui::classroom::state::Mode;
use crate::ui::shell::alerts::AlertAction;
use crate::ui::shell::alerts::{Alert, AlertDownload, Severity};
use crate::ui::state::Action;
use crate::ui::store::{use_dispatch, Dispatch};

/// Where a layer is kept: the latest save, the one before it, and saved data that could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct StorageKeys {
    pub latest: String,
    pub backup: String,
    pub unreadable: String,
    /// Where versions before namespacing saved this layer: read when `latest` is empty, never written.
    pub legacy: &'static str,
}

impl StorageKeys {
    /// The keys of the reader's (or the student's) layer for the app at this page's path.
    pub fn for_mode(mode: Mode) -> StorageKeys {
        let layer = if mode == Mode::Student { "annotations:student" } else { "annotations" };
        let latest = storage_key(&location::path(), layer);
        let legacy = if mode == Mode::Student { "article-map:annotations:student" } else { "article-map:annotations" };
        StorageKeys { backup: format!("{latest}:backup"), unreadable: format!("{latest}:unreadable"), latest, legacy }
    }
}

/// An alert that offers saved data that could not be read as a file.
fn offer_unreadable(title: String, details: Vec<String>, raw: &str, severity: Severity) -> Alert {
    let download = AlertDownload {
        label: "Save the unreadable data as a file".into(),
        file_name: "unreadable-saved-annotations.json".into(),
        text: Rc::from(raw),
    };
    Alert { download: Some(download), ..Alert::new(severity, title, details) }.about_saved_work()
}

/// Keeps saved data that could not be read under its own key, so that saving can go on without losing
/// it. False when it could not be kept (then nothing may be written).
fn set_aside(keys: &StorageKeys, raw: &str) -> bool {
    match storage::read(&keys.unreadable) {
        Ok(Some(kept)) if kept == raw => true,
        _ => storage::write(&keys.unreadable, raw).is_ok(),
    }
}

fn restore(dispatch: &Dispatch, recovered: Recovered) {
    let Recovered { document, saved_at, .. } = recovered;
    dispatch.dispatch(Action::Document(DocumentEvent::Restored { document, saved_at }));
}

/// What start-up does with the saved data: restore it (all, or every part that can be read), fall back
/// to the backup, or leave it untouched and stop saving.
fn read_saved(dispatch: &Dispatch, keys: &StorageKeys) {
    let saved = storage::read(&keys.latest).map(|latest| latest.or_else(|| storage::read(keys.legacy).ok().flatten()));
    let raw = match saved {
        Ok(None) => {
            dispatch.dispatch(Action::Annotate(AnnotationAction::StorageChecked { usable: true }));
            return;
        }
        Ok(Some(raw)) => raw,
        Err(e) => {
            dispatch.dispatch(Action::Document(DocumentEvent::StorageFailed { message: e.to_string(), blocked: true }));
            return;
        }
    };
    match decode_leniently(&raw) {
        Ok(recovered) if recovered.unreadable.is_empty() => restore(dispatch, recovered),
        Ok(recovered) => {
            if !set_aside(keys, &raw) {
                dispatch.dispatch(Action::Document(DocumentEvent::StorageFailed {
                    message: "Some saved annotations could not be read, and there is no room to keep them aside; nothing will be saved until you export.".into(),
                    blocked: true,
                }));
            }
            let alert = offer_unreadable(
                format!(
                    "{} saved annotation(s) could not be read; all the others are restored.",
                    recovered.unreadable.len()
                ),
                recovered.unreadable.clone(),
                &raw,
                Severity::Warning,
            );
            let Recovered { document, saved_at, .. } = recovered;
            dispatch.dispatch(Action::Document(DocumentEvent::Restored { document, saved_at }));
            dispatch.dispatch(Action::Alert(AlertAction::Raise(alert)));
        }
        Err(why) => {
            // Only a backup that reads back whole is restored: one with unreadable parts is left as it is.
            let backup = storage::read(&keys.backup)
                .ok()
                .flatten()
                .and_then(|b| decode_leniently(&b).ok())
                .filter(|b| b.unreadable.is_empty());
            match backup {
                Some(previous) if set_aside(keys, &raw) => {
                    let when = previous.saved_at.clone().map(|t| format!(" ({t})")).unwrap_or_default();
                    restore(dispatch, previous);
                    dispatch.dispatch(Action::Alert(AlertAction::Raise(offer_unreadable(
                        format!("The latest save of your annotations could not be read; the save before it{when} is restored."),
                        vec![why],
                        &raw,
                        Severity::Warning,
                    ))));
                }
                _ => {
                    dispatch.dispatch(Action::Document(DocumentEvent::StorageFailed {
                        message: format!(
                            "The annotations saved in this browser could not be read: {why}. They are left untouched; new work is kept in memory only."
                        ),
                        blocked: true,
                    }));
                    dispatch.dispatch(Action::Alert(AlertAction::Raise(offer_unreadable(
                        "The saved annotations can be kept as a file.".into(),
                        vec![],
                        &raw,
                        Severity::Notice,
                    ))));
                }
            }
        }
    }
}

/// Reads the saved document once, at start.
#[hook]
pub fn use_restore(mode: Mode) {
    let dispatch = use_dispatch();
    use_effect_with((), move |_| read_saved(&dispatch, &StorageKeys::for_mode(mode)));
}

/// Another tab saving to the same key would be overwritten by this one's next save (and would overwrite
/// it): when another tab saves, this one stops saving and says so.
#[hook]
pub fn use_other_tabs(mode: Mode) {
    let dispatch = use_dispatch();
    use_effect_with((), move |_| {
        let listener = storage::on_change_elsewhere(StorageKeys::for_mode(mode).latest, move || {
            dispatch.dispatch(Action::Document(DocumentEvent::StorageFailed {
                message: "Your annotations were changed in another tab or window. This tab stopped saving so that neither overwrites the other: reload to see the latest, or export what is here.".into(),
                blocked: true,
            }));
        });
        move || drop(listener)
    });
}

/// What autosave last wrote (or found at start): the document and its saved text.
struct LastSave {
    document: AnnotationDocument,
    text: Option<String>,
}

/// Saves the document after every change (while storage is usable), in a task of its own right after the
/// change's frame, so that the frame that shows an edit never waits for the save (encoding and checking a
/// 1,000-annotation document takes about 20 ms natively; bench/HOT-PATHS.md). A change that comes before the
/// pending save ran replaces it: the newer document is saved instead. The document as read at start is not
/// written back (it is what storage holds already, and writing it would tell other tabs of a change).
/// Comparing documents is by annotation identity first, so an unchanged document costs one pass of pointer
/// comparisons.
#[hook]
pub fn use_autosave(state: &AnnotationState, mode: Mode) {
    let dispatch = use_dispatch();
    let document = state.history.present().clone();
    let ready = state.storage == StorageState::Ready;
    let last = use_mut_ref(|| None::<LastSave>);
    let pending = use_mut_ref(|| None::<Timeout>);
    use_effect_with((document, ready), move |(document, ready)| {
        if !*ready {
            return;
        }
        match last.borrow().as_ref() {
            None => {}
            Some(previous) if previous.document == *document => {
                // Back to what is saved (an undo): a save still waiting for a newer document is dropped.
                *pending.borrow_mut() = None;
                return;
            }
            Some(_) => {
                let (document, dispatch, last) = (document.clone(), dispatch.clone(), last.clone());
                let save = Timeout::new(0, move || save_now(&document, mode, &mut last.borrow_mut(), &dispatch));
                *pending.borrow_mut() = Some(save);
                return;
            }
        }
        // The document found at start: remembered, not written.
        *last.borrow_mut() = Some(LastSave { document: document.clone(), text: None });
    });
}

/// Writes `document` unless it is what was last written, keeping the save it replaces as the backup.
fn save_now(document: &AnnotationDocument, mode: Mode, last: &mut Option<LastSave>, dispatch: &Dispatch) {
    let Some(previous) = last.as_ref().filter(|previous| previous.document != *document) else { return };
    {
        let keys = StorageKeys::for_mode(mode);
        let now = crate::browser::clock::now_iso();
        let text = match encode_checked(document, &now) {
            Ok(text) => text,
            Err(why) => {
                dispatch.dispatch(Action::Document(DocumentEvent::StorageFailed {
                    message: format!(
                        "This change was not saved because it would not read back ({why}); the last good save is kept."
                    ),
                    blocked: false,
                }));
                return;
            }
        };
        // The save being replaced becomes the backup: what this tab wrote, or, the first time, what storage
        // holds if it reads back whole (saved data that does not is never copied over a good backup).
        let replaced = previous
            .text
            .clone()
            .or_else(|| storage::read(&keys.latest).ok().flatten().filter(|text| decode(text).is_ok()));
        if let Some(replaced) = replaced {
            let _ = storage::write(&keys.backup, &replaced);
        }
        // When storage is full, the backup gives its room to the latest save.
        let written = match storage::write(&keys.latest, &text) {
            Err(storage::StorageError::Full(_)) => {
                storage::remove(&keys.backup);
                storage::write(&keys.latest, &text)
            }
            other => other,
        };
        match written {
            Ok(()) => *last = Some(LastSave { document: document.clone(), text: Some(text) }),
            Err(e) => dispatch
                .dispatch(Action::Document(DocumentEvent::StorageFailed { message: e.to_string(), blocked: false })),
        }
    }
}

//! The words that tell a keyboard user what the keys do while a tool is on or an annotation is selected
//! (`domain::keyboard_edit::hint`): a live region the map names with `aria-describedby`, shown over the map
//! while it has keyboard focus.

use yew::prelude::*;

use crate::domain::keyboard_edit::hint;
use crate::ui::store::use_store;

/// The element's id, for the map's `aria-describedby`.
pub const KEYBOARD_HINT_ID: &str = "map-keyboard-hint";

/// The map's `aria-describedby` now: the hint's id while it says something.
pub fn described_by(tool: Option<crate::domain::drawing::Tool>, annotation_selected: bool) -> Option<AttrValue> {
    hint(tool, annotation_selected).map(|_| AttrValue::Static(KEYBOARD_HINT_ID))
}

/// The hint. Always in the page (a live region announces changes only once it is there), empty when there
/// is nothing to say.
#[component]
pub fn KeyboardHint() -> Html {
    let store = use_store();
    let annotations = &store.annotations;
    let words = hint(annotations.tool, annotations.selected.is_some()).unwrap_or_default();
    html! {
        <p id={KEYBOARD_HINT_ID} class="keyboard-hint" data-keyboard-hint="" role="status" aria-live="polite">{ words }</p>
    }
}

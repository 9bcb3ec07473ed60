//! The one way the app opens a file picker: a visible button that clicks a hidden `<input type="file">`.

use yew::prelude::*;

/// A click handler that opens the picker of the file input behind `input`.
pub fn open_picker(input: &NodeRef) -> Callback<MouseEvent> {
    let input = input.clone();
    Callback::from(move |_: MouseEvent| {
        if let Some(input) = input.cast::<web_sys::HtmlInputElement>() {
            input.click();
        }
    })
}

/// The files chosen in the input behind `input`, and the input emptied (so the same file can be chosen
/// again).
pub fn take_files(input: &NodeRef) -> Vec<web_sys::File> {
    let Some(element) = input.cast::<web_sys::HtmlInputElement>() else { return Vec::new() };
    let files =
        element.files().map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect()).unwrap_or_default();
    element.set_value("");
    files
}

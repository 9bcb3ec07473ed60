//! Reading form controls from their events.

use wasm_bindgen::JsCast;

/// The value of the input, text area or select an event came from.
pub fn value_of(event: &web_sys::Event) -> Option<String> {
    let target = event.target()?;
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        return Some(input.value());
    }
    if let Some(text) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return Some(text.value());
    }
    target.dyn_ref::<web_sys::HtmlSelectElement>().map(|s| s.value())
}

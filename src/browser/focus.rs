//! Moving keyboard focus.

use wasm_bindgen::JsCast;

/// Focuses an element.
pub fn focus_element(element: &web_sys::HtmlElement) {
    let _ = element.focus();
}

/// Focuses the map marker of a story feature. The id is compared as an attribute value, never put into a
/// CSS selector, so any id works.
pub fn focus_feature_marker(id: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(markers) = document.query_selector_all(".story-markers [data-feature-id]") else { return };
    for i in 0..markers.length() {
        let Some(element) = markers.item(i).and_then(|n| n.dyn_into::<web_sys::SvgElement>().ok()) else { continue };
        if element.get_attribute("data-feature-id").as_deref() == Some(id) {
            let _ = element.focus();
            return;
        }
    }
}

/// Scrolls an element into the middle of its scrolling box, at once (the page never scrolls smoothly).
pub fn scroll_into_view(element: &web_sys::Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Scrolls the element a Yew node reference points at into view (see [`scroll_into_view`]).
pub fn scroll_node_into_view(node: &yew::NodeRef) {
    if let Some(element) = node.cast::<web_sys::Element>() {
        scroll_into_view(&element);
    }
}

/// Focuses the element a Yew node reference points at.
pub fn focus_node(node: &yew::NodeRef) {
    if let Some(element) = node.cast::<web_sys::HtmlElement>() {
        focus_element(&element);
    }
}

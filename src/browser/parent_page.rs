//! The page the app is embedded in: the content's height, posted to it whenever it changes.

use crate::browser::element_size::{watch_size, SizeWatch};

/// Posts `{type: message_type, height}` to the parent page whenever the element matching `selector`
/// changes height, while the returned watch lives. `None` when there is no such element.
pub fn report_height(selector: &str, message_type: &'static str) -> Option<SizeWatch> {
    let element = web_sys::window()?.document()?.query_selector(selector).ok()??;
    watch_size(&element, move |_, height| {
        let Some(window) = web_sys::window() else { return };
        let Ok(Some(parent)) = window.parent() else { return };
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &message_type.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.ceil().into());
        // The height is not a secret; the receiving script checks who sent it.
        let _ = parent.post_message(&message, "*");
    })
    .ok()
}

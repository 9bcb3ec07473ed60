//! The page URL's fragment and the session history: reading it, replacing it (a view change), pushing it
//! (a state the reader chose), and hearing back/forward.

use gloo::events::EventListener;

/// The current fragment, with its `#`.
pub fn fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Writes the fragment: `push` adds a history entry (back returns to the previous state), otherwise the
/// current entry is replaced. Does nothing when the fragment is already that.
pub fn set_fragment(fragment: &str, push: bool) {
    let Some(window) = web_sys::window() else { return };
    let wanted = format!("#{fragment}");
    if window.location().hash().ok().as_deref() == Some(wanted.as_str()) {
        return;
    }
    let Ok(history) = window.history() else { return };
    let _ = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&wanted))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&wanted))
    };
}

/// Calls `on_change` with the fragment after every back/forward; keep the listener alive.
pub fn on_history_change(on_change: impl Fn(String) + 'static) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "popstate", move |_| on_change(fragment())))
}

/// The page's address (with its fragment), for sharing.
pub fn href() -> String {
    web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

/// Copies text to the clipboard; the future resolves to whether it worked.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

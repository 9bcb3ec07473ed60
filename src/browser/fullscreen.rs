//! Full screen for the presenter.

/// Asks for the whole page to go full screen (must follow a click); false if the browser refuses.
pub fn enter_full_screen() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|e| e.request_fullscreen().is_ok())
}

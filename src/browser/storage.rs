//! The browser's localStorage, with failures in words: unavailable (private mode, blocked), full (quota),
//! or fine.

/// Why storage could not be used.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageError {
    Unavailable(String),
    Full(String),
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageError::Unavailable(why) => write!(f, "this browser does not let the page store data ({why})"),
            StorageError::Full(why) => write!(f, "the browser's storage for this page is full ({why})"),
        }
    }
}

fn describe(error: wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(&error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

fn local_storage() -> Result<web_sys::Storage, StorageError> {
    let window = web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
    window
        .local_storage()
        .map_err(|e| StorageError::Unavailable(describe(e)))?
        .ok_or_else(|| StorageError::Unavailable("localStorage is missing".into()))
}

/// Reads a key (`Ok(None)` when it is not there).
pub fn read(key: &str) -> Result<Option<String>, StorageError> {
    local_storage()?.get_item(key).map_err(|e| StorageError::Unavailable(describe(e)))
}

/// Writes a key.
pub fn write(key: &str, value: &str) -> Result<(), StorageError> {
    local_storage()?.set_item(key, value).map_err(|e| {
        let name = describe(e);
        if name.contains("Quota") {
            StorageError::Full(name)
        } else {
            StorageError::Unavailable(name)
        }
    })
}

/// Calls `changed` when another tab or window of this site writes `key` (the `storage` event fires only
/// there, never in the writer). Keep the listener alive.
pub fn on_change_elsewhere(key: String, changed: impl Fn() + 'static) -> Option<gloo::events::EventListener> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    Some(gloo::events::EventListener::new(&window, "storage", move |event| {
        if event.dyn_ref::<web_sys::StorageEvent>().and_then(|e| e.key()).as_deref() == Some(key.as_str()) {
            changed();
        }
    }))
}

/// Removes a key (nothing when it is not there or storage is unusable).
pub fn remove(key: &str) {
    if let Ok(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}

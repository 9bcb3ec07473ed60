//! Fetching a text file (a story package named in the URL).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn describe(error: wasm_bindgen::JsValue) -> String {
    error.as_string().or_else(|| js_sys::JSON::stringify(&error).ok().and_then(|s| s.as_string())).unwrap_or_default()
}

/// Fetches `url` (relative to the page) as text. The error says what failed in words.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|e| {
        format!("could not be fetched ({}); check the address and that the server allows it", describe(e))
    })?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "the fetch did not return a response")?;
    if !response.ok() {
        return Err(format!("the server answered {} {}", response.status(), response.status_text()));
    }
    let text = JsFuture::from(response.text().map_err(describe)?).await.map_err(describe)?;
    text.as_string().ok_or_else(|| "the response is not text".to_string())
}

//! Fetching a text file: a story package named in the URL, or one of the app's own data files.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn describe(error: wasm_bindgen::JsValue) -> String {
    error.as_string().or_else(|| js_sys::JSON::stringify(&error).ok().and_then(|s| s.as_string())).unwrap_or_default()
}

/// Fetches `url` (already checked to be same-origin) as text, without credentials and without following
/// redirects, refusing a body larger
/// than `max_bytes`. The error says what failed in words.
pub async fn fetch_text(url: &str, max_bytes: usize) -> Result<String, String> {
    // A redirect could lead out of the folder the address was checked against: refused.
    fetch_with(url, max_bytes, web_sys::RequestCredentials::Omit, web_sys::RequestRedirect::Error, None).await
}

/// How long the app waits for one of its own files before it says the file did not come (the first render
/// waits for the outline and the story, so a stalled request must not leave the page blank).
pub const OWN_FILE_TIMEOUT_MS: u32 = 15_000;

/// Fetches one of the app's own files that index.html may have preloaded
/// (`<link rel="preload" as="fetch" crossorigin>`): the same request as the preload's (credentials
/// same-origin, which is what `crossorigin` means there, and redirects followed), so that the browser hands
/// over the preloaded response instead of downloading the file again. Otherwise like [`fetch_text`], but it
/// gives up after [`OWN_FILE_TIMEOUT_MS`].
pub async fn fetch_preloaded_text(url: &str, max_bytes: usize) -> Result<String, String> {
    let credentials = web_sys::RequestCredentials::SameOrigin;
    fetch_with(url, max_bytes, credentials, web_sys::RequestRedirect::Follow, Some(OWN_FILE_TIMEOUT_MS)).await
}

/// Says why a fetch failed: a timeout in words, anything else as the browser put it.
fn failed(error: wasm_bindgen::JsValue) -> String {
    let name = js_sys::Reflect::get(&error, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
    if name == "TimeoutError" {
        format!("it did not arrive within {} s", OWN_FILE_TIMEOUT_MS / 1000)
    } else {
        format!("could not be fetched ({}); check the address and that the server allows it", describe(error))
    }
}

async fn fetch_with(
    url: &str,
    max_bytes: usize,
    credentials: web_sys::RequestCredentials,
    redirect: web_sys::RequestRedirect,
    timeout_ms: Option<u32>,
) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let init = web_sys::RequestInit::new();
    init.set_credentials(credentials);
    init.set_redirect(redirect);
    if let Some(ms) = timeout_ms {
        init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(ms)));
    }
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map_err(failed)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "the fetch did not return a response")?;
    if !response.ok() {
        return Err(format!("the server answered {} {}", response.status(), response.status_text()));
    }
    let too_big = |size: usize| format!("it is {size} bytes; at most {max_bytes} are read");
    let declared = response.headers().get("content-length").ok().flatten().and_then(|n| n.trim().parse::<usize>().ok());
    if let Some(size) = declared.filter(|size| *size > max_bytes) {
        return Err(too_big(size));
    }
    let text = JsFuture::from(response.text().map_err(describe)?).await.map_err(failed)?;
    let text = text.as_string().ok_or_else(|| "the response is not text".to_string())?;
    if text.len() > max_bytes {
        return Err(too_big(text.len()));
    }
    Ok(text)
}

//! The page's address.

/// The value of a query parameter of the page's URL (`?story=…`), decoded.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// The path of the page's URL (`/maps/tajikistan/`), or `/`.
pub fn path() -> String {
    web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_else(|| "/".into())
}

/// The page's origin (`https://news.example`).
pub fn origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// An address resolved against the page, as (origin, path, whole address); `None` when it is not one.
pub fn resolve(address: &str) -> Option<(String, String, String)> {
    let base = web_sys::window()?.location().href().ok()?;
    let url = web_sys::Url::new_with_base(address, &base).ok()?;
    Some((url.origin(), url.pathname(), url.href()))
}

/// The content of `<meta name="…">` in the page, if there is one.
pub fn meta(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let selector = format!("meta[name=\"{name}\"]");
    document.query_selector(&selector).ok()??.get_attribute("content")
}

/// The page's whole address (`https://news.example/maps/?embed=1#v1…`), or empty.
pub fn href() -> String {
    web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

/// The page's own address without file, query or fragment: where the app lives (`https://news.example/maps/`).
pub fn app_base() -> String {
    let href = href();
    let cut = href.find(['?', '#']).unwrap_or(href.len());
    let page = &href[..cut];
    page.rsplit_once('/').map(|(base, _)| format!("{base}/")).unwrap_or_else(|| page.to_string())
}

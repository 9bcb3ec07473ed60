//! Which addresses `?story=` may load a story package from. On a news site the map must not become a way
//! to show any file an address names: only packages under the folder the deployment names (by default
//! `stories/` beside the app), on the page's own origin, are fetched.

/// The folder story packages are served from when the page names none, relative to the app.
pub const DEFAULT_STORY_FOLDER: &str = "stories/";

/// The folder the app's page is in: `/maps/a/` for `/maps/a/index.html` or `/maps/a/`.
fn directory_of(path: &str) -> &str {
    match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "/",
    }
}

/// The path prefix packages must have: `folder` relative to the app's directory, or from the origin's
/// root when it starts with `/`. Always ends with `/`.
///
/// ```
/// use article_map::domain::story_address::allowed_prefix;
/// assert_eq!(allowed_prefix("/maps/a/index.html", "stories/"), "/maps/a/stories/");
/// assert_eq!(allowed_prefix("/maps/a/", "/shared/packages"), "/shared/packages/");
/// ```
pub fn allowed_prefix(page_path: &str, folder: &str) -> String {
    let folder = folder.trim();
    let folder = if folder.is_empty() { DEFAULT_STORY_FOLDER } else { folder };
    let mut prefix =
        if folder.starts_with('/') { folder.to_string() } else { format!("{}{folder}", directory_of(page_path)) };
    if !prefix.ends_with('/') {
        prefix.push('/');
    }
    prefix
}

/// Whether a package at `target` (origin and path, as the browser resolved the address: dot segments
/// already removed) may be loaded by the page at `page`. The error says why not, in words.
///
/// ```
/// use article_map::domain::story_address::check;
/// let page = ("https://news.example", "/maps/a/index.html");
/// assert!(check(page, ("https://news.example", "/maps/a/stories/next.json"), "stories/").is_ok());
/// assert!(check(page, ("https://evil.example", "/maps/a/stories/next.json"), "stories/").is_err());
/// assert!(check(page, ("https://news.example", "/account/settings.json"), "stories/").is_err());
/// ```
pub fn check(page: (&str, &str), target: (&str, &str), folder: &str) -> Result<(), String> {
    let (page_origin, page_path) = page;
    let (target_origin, target_path) = target;
    let prefix = allowed_prefix(page_path, folder);
    if target_origin != page_origin {
        return Err(format!("story packages are only loaded from this site, from {prefix}"));
    }
    let Some(rest) = target_path.strip_prefix(&prefix) else {
        return Err(format!("story packages are only loaded from the folder {prefix} of this site"));
    };
    if rest.is_empty() {
        return Err("the address names the folder, not a story package".into());
    }
    // Below the folder, only plain names: letters, digits, `-`, `_` and `.`, never starting with a dot. No
    // escapes, no `..;` or other segment a server might read as a way out of the folder.
    let plain = |segment: &str| {
        !segment.is_empty()
            && !segment.starts_with('.')
            && segment.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    };
    if !rest.split('/').all(plain) {
        return Err(format!(
            "story packages are only loaded from the folder {prefix} of this site, by plain file names (letters, digits, - _ .)"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_packages_under_the_folder_on_this_origin() {
        let page = ("http://127.0.0.1:8089", "/");
        assert!(check(page, ("http://127.0.0.1:8089", "/stories/umarov.json"), "").is_ok());
        assert!(check(page, ("http://127.0.0.1:8089", "/stories/"), "").is_err());
        assert!(check(page, ("http://127.0.0.1:8089", "/index.html"), "").is_err());
        assert!(check(page, ("http://127.0.0.1:8089", "/storiesX/a.json"), "").is_err());
        assert!(check(page, ("http://127.0.0.1:8089", "/stories/..%2Fsecret.json"), "").is_err());
        assert!(check(page, ("http://127.0.0.1:9999", "/stories/a.json"), "").is_err());
        assert!(check(page, ("null", "/stories/a.json"), "").is_err());
        assert!(check(page, ("http://127.0.0.1:8089", "/stories/..;/..;/admin/x.json"), "").is_err());
        assert!(check(page, ("http://127.0.0.1:8089", "/stories/.hidden.json"), "").is_err());
        assert!(check(page, ("http://127.0.0.1:8089", "/stories/%2e%2e/x.json"), "").is_err());
        assert!(check(page, ("http://127.0.0.1:8089", "/stories/test-fixtures/ru_story-2.json"), "").is_ok());
    }
}

//! Loading another story package: from the `?story=` URL parameter, from a file picked with "Open story…",
//! or from a file dropped on the page. A package that breaks a rule is refused with every problem listed, and
//! the current story stays on screen.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::browser::files::{read_bytes, utf8_text, FileReader, FileText, PickedFile};
use crate::browser::{fetch::fetch_preloaded_text, fetch::fetch_text, location, location::query_param};
use crate::domain::story::Story;
use crate::domain::story_address::{self, DEFAULT_STORY_FOLDER};
use crate::ui::state::Action;
use crate::ui::store::{use_dispatch, Dispatch};
use crate::ui::story::loading::StoryAction;
use crate::ui::widgets::file_button::FileButton;

/// The `<meta name>` with which a deployment names the folder `?story=` packages are served from
/// (relative to the app, or from the site's root with a leading `/`).
pub const STORY_FOLDER_META: &str = "article-map-stories";
/// The `<meta name>` with which a page names the story it opens with (an address relative to the app);
/// index.html also preloads it. Without it the map starts with no story.
pub const DEFAULT_STORY_META: &str = "article-map-default-story";

/// The largest story package read, in bytes.
pub const MAX_STORY_BYTES: usize = crate::domain::story::StoryLimits::DEFAULT.max_bytes;

/// The story the page opens with, if it names one.
pub fn default_story_address() -> Option<String> {
    location::meta(DEFAULT_STORY_META).filter(|address| !address.trim().is_empty())
}

/// Reads and checks a package's text: the story, or every problem in words.
pub fn read_story(text: &str) -> Result<Rc<Story>, Vec<String>> {
    Story::from_json(text).map(Rc::new).map_err(|problems| problems.iter().map(ToString::to_string).collect())
}

/// Fetches and reads the page's own story (same request as index.html's preload), or says why not.
pub async fn fetch_story(address: &str) -> Result<Rc<Story>, Vec<String>> {
    let text = fetch_preloaded_text(address, MAX_STORY_BYTES)
        .await
        .map_err(|why| vec![format!("{}: {why}", crate::ui::shell::alerts::cut(address))])?;
    read_story(&text)
}

/// Checks a package's text and shows it, or says why not.
fn offer(dispatch: &Dispatch, origin: String, text: Result<String, String>) {
    let action = match text {
        Ok(text) => match read_story(&text) {
            Ok(story) => Action::Story(StoryAction::Load(story)),
            Err(problems) => Action::Story(StoryAction::Refuse { origin, problems }),
        },
        Err(why) => Action::Story(StoryAction::Refuse { origin, problems: vec![why] }),
    };
    dispatch.dispatch(action);
}

/// Whether a file's bytes are a story package (it names its format).
fn is_story_package(bytes: &[u8]) -> bool {
    let mark = b"\"article-map/story@";
    bytes.windows(mark.len()).any(|w| w == mark)
}

/// Opens a dropped file: a story package (it names its format) replaces the story; anything else is
/// imported as annotations (GeoJSON, TopoJSON, KML, KMZ, GPX or CSV).
pub fn open_dropped_file(dispatch: &Dispatch, file: impl Into<PickedFile>, keep: &Rc<RefCell<Option<FileReader>>>) {
    let file = file.into();
    let (dispatch, origin) = (dispatch.clone(), format!("The file “{}”", file.name()));
    let name = file.name();
    let reader = read_bytes(file, move |bytes| match bytes {
        Ok(b) if is_story_package(&b) => offer(&dispatch, origin, Ok(utf8_text(&b))),
        other => crate::ui::annotate::interchange::open_file(&dispatch, origin, name, other),
    });
    keep.replace(reader);
}

/// Loads the package named by `?story=` once, at start.
#[hook]
pub fn use_story_from_url() {
    let dispatch = use_dispatch();
    use_effect_with((), move |_| {
        if let Some(address) = query_param("story") {
            let origin = format!("The story at “{}”", crate::ui::shell::alerts::cut(&address));
            let folder = location::meta(STORY_FOLDER_META).unwrap_or_else(|| DEFAULT_STORY_FOLDER.into());
            let checked = location::resolve(&address).ok_or_else(|| "it is not an address".to_string()).and_then(
                |(target_origin, target_path, href)| {
                    story_address::check(
                        (&location::origin(), &location::path()),
                        (&target_origin, &target_path),
                        &folder,
                    )
                    .map(|()| href)
                },
            );
            match checked {
                Ok(href) => yew::platform::spawn_local(async move {
                    let text = fetch_text(&href, MAX_STORY_BYTES).await;
                    offer(&dispatch, origin, text);
                }),
                Err(why) => offer(&dispatch, origin, Err(format!("it was not loaded: {why}"))),
            }
        }
    });
}

/// The "Open story…" button.
#[component]
pub fn StoryOpener() -> Html {
    let dispatch = use_dispatch();
    let chosen = Callback::from(move |files: Vec<FileText>| {
        if let Some(file) = files.into_iter().next() {
            offer(&dispatch, format!("The file “{}”", file.name), file.text());
        }
    });
    html! {
        <FileButton label="Open story…" title="Open a story package (.json): an article and the places it talks about"
            input_label="Story package file" accept=".json,application/json,application/geo+json"
            data_attribute="data-story-file" on_read={chosen} />
    }
}

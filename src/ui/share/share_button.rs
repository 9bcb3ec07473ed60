//! "Share": copies a link to exactly what the reader sees (the URL with its fragment).

use yew::prelude::*;

use crate::browser::history::copy_text;
use crate::domain::shared_annotations;
use crate::ui::shell::alerts::Alert;
use crate::ui::shell::alerts::AlertAction;
use crate::ui::shell::alerts::Severity;
use crate::ui::state::Action;
use crate::ui::store::use_store;

/// The Share button.
#[component]
pub fn ShareButton() -> Html {
    let store = use_store();
    let onclick = Callback::from(move |_: MouseEvent| {
        let dispatch = store.dispatcher();
        let mut state = crate::ui::share::link::link_of(&store);
        let doc = store.annotations.history.present();
        let mut details = Vec::new();
        if !doc.annotations.is_empty() {
            match shared_annotations::encode(doc) {
                Ok(blob) => state.annotations = Some(blob),
                Err(size) => details.push(match shared_annotations::link_refusal(&doc.annotations) {
                    Some(why) => format!("Your annotations do not fit in a link: {why}."),
                    None => format!(
                        "Your annotations are too large for a link ({size} characters; a link carries {}): use Export GeoJSON to share them as a file.",
                        shared_annotations::MAX_LINK_CHARS
                    ),
                }),
            }
        }
        let page = crate::browser::location::href();
        let link = format!("{}#{}", page.split('#').next().unwrap_or_default(), state.encode());
        yew::platform::spawn_local(async move {
            let copied = copy_text(&link).await;
            let title = if copied {
                "Link copied: it reopens this view, the open place, the highlighted quote and your annotations."
                    .to_string()
            } else {
                "Copy this link to share what you see:".to_string()
            };
            let alert = Alert { link: Some(link), ..Alert::new(Severity::Notice, title, details) };
            dispatch.dispatch(Action::Alert(AlertAction::Raise(alert)));
        });
    });
    html! {
        <button type="button" class="header-button" aria-label="Share" title="Copy a link to this view" {onclick}>{ "Share" }</button>
    }
}

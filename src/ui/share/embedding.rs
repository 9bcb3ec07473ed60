//! Living in another page: the height messages the host page's resize script listens for, and the "Embed"
//! dialog that gives a newsroom the snippet to paste.

use yew::prelude::*;

use crate::browser::history::copy_text;
use crate::browser::keys::{on_page_key, Handling};
use crate::browser::location::app_base;
use crate::browser::parent_page::report_height;
use crate::ui::shell::alerts::Alert;
use crate::ui::shell::alerts::AlertAction;
use crate::ui::shell::alerts::Severity;
use crate::ui::state::Action;
use crate::ui::store::{use_dispatch, use_store};

/// The message type the host page's `embed-resize.js` accepts.
pub const HEIGHT_MESSAGE: &str = "article-map:height";

/// When embedded, tells the parent page the content's height whenever it changes.
#[hook]
pub fn use_embed_height(embed: bool) {
    use_effect_with(embed, move |embed| {
        let watch = (*embed).then(|| report_height(".app", HEIGHT_MESSAGE)).flatten();
        move || drop(watch)
    });
}

/// The snippet a news page pastes: the iframe and the resize script.
pub fn embed_snippet(base: &str, title: &str) -> String {
    let title = title.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    format!(
        "<iframe data-article-map src=\"{base}?embed=1\" title=\"Map: {title}\"\n        style=\"width:100%;height:560px;border:0\" loading=\"lazy\"></iframe>\n<script src=\"{base}embed-resize.js\" defer></script>"
    )
}

/// The "Embed" button and its dialog.
#[component]
pub fn EmbedButton() -> Html {
    let store = use_store();
    let dispatch = use_dispatch();
    let open = use_state(|| false);
    let snippet = embed_snippet(&app_base(), &store.story.article.title);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let copy = {
        let (snippet, dispatch) = (snippet.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let (snippet, dispatch) = (snippet.clone(), dispatch.clone());
            yew::platform::spawn_local(async move {
                let title =
                    if copy_text(&snippet).await { "Embed code copied." } else { "Select the embed code and copy it." };
                dispatch.dispatch(Action::Alert(AlertAction::Raise(Alert::new(Severity::Notice, title, vec![]))));
            });
        })
    };
    {
        // Escape closes the dialog.
        let open = open.clone();
        use_effect_with(*open, move |is_open| {
            let listener = (*is_open)
                .then(|| {
                    on_page_key(move |key| {
                        if key.key != "Escape" {
                            return Handling::Ignored;
                        }
                        open.set(false);
                        Handling::Handled
                    })
                })
                .flatten();
            move || drop(listener)
        });
    }
    html! {
        <>
            <button type="button" class="header-button" aria-haspopup="dialog" aria-expanded={open.to_string()} onclick={toggle.clone()}>
                { "Embed" }
            </button>
            if *open {
                <div class="embed-dialog" role="dialog" aria-labelledby="embed-title">
                    <h2 id="embed-title">{ "Embed this map in a news page" }</h2>
                    <p>{ "Paste this where the map should appear. The script lets the map set its own height; nothing is loaded from anywhere but this map's server." }</p>
                    <textarea readonly=true rows="5" aria-label="Embed code" data-embed-snippet="" value={snippet} />
                    <p class="hint">{ "In the page, the map zooms with Ctrl + scroll and moves with two fingers, so readers can scroll past it." }</p>
                    <div class="dialog-buttons">
                        <button type="button" class="header-button" onclick={copy}>{ "Copy" }</button>
                        <button type="button" class="header-button" onclick={toggle}>{ "Close" }</button>
                    </div>
                </div>
            }
        </>
    }
}

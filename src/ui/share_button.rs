//! "Share": copies a link to exactly what the reader sees (the URL with its fragment).

use yew::prelude::*;

use crate::browser::history::{copy_text, href};

use super::state::{Action, Alert, Severity};
use super::store::use_dispatch;

/// The Share button.
#[component]
pub fn ShareButton() -> Html {
    let dispatch = use_dispatch();
    let onclick = Callback::from(move |_: MouseEvent| {
        let dispatch = dispatch.clone();
        yew::platform::spawn_local(async move {
            let link = href();
            let copied = copy_text(&link).await;
            let title = if copied {
                "Link copied: it reopens this view, the open place and the highlighted quote.".to_string()
            } else {
                "Copy this link to share what you see:".to_string()
            };
            dispatch.dispatch(Action::ShowAlert(Alert { severity: Severity::Notice, title, details: vec![link] }));
        });
    });
    html! {
        <button type="button" class="header-button" aria-label="Share" title="Copy a link to this view" {onclick}>{ "Share" }</button>
    }
}

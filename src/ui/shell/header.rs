//! The page's header: the story's title and byline, and the tools the mode offers (the presenter's full
//! screen; the embedded page's tour, article and share buttons; the reader's toolbar, tour, share, embed and
//! story buttons).

use yew::prelude::*;

use crate::ui::annotate::toolbar::Toolbar;
use crate::ui::classroom::class_panel::FullScreenButton;
use crate::ui::classroom::state::Mode;
use crate::ui::share::embedded::EmbedAction;
use crate::ui::share::embedding::EmbedButton;
use crate::ui::share::share_button::ShareButton;
use crate::ui::state::Action;
use crate::ui::store::{send, use_dispatch, use_store};
use crate::ui::story::story_loader::StoryOpener;
use crate::ui::story::tour::TourAction;

/// The "Tour" button: starts the tour, or ends it.
#[component]
fn TourButton() -> Html {
    let (store, dispatch) = (use_store(), use_dispatch());
    let on = store.tour.step.is_some();
    let action = if on { Action::Tour(TourAction::End) } else { Action::Tour(TourAction::GoTo { step: 0, fly: true }) };
    html! {
        <button type="button" class="header-button" aria-label="Story tour" aria-pressed={on.to_string()}
            onclick={send(&dispatch, action)}>
            { "Tour" }
        </button>
    }
}

/// The tools the mode offers.
#[component]
fn HeaderTools() -> Html {
    let (store, dispatch) = (use_store(), use_dispatch());
    let open = store.embedding.panel_open;
    if store.classroom.mode == Mode::Presenter {
        return html! { <div class="header-tools"><FullScreenButton /></div> };
    }
    if store.embedding.embedded {
        return html! {
            <div class="header-tools">
                <TourButton />
                <button type="button" class="header-button" aria-expanded={open.to_string()}
                    aria-controls="story-panel" onclick={send(&dispatch, Action::Embed(EmbedAction::TogglePanel))}>
                    { if open { "Hide the article" } else { "Read the article" } }
                </button>
                <ShareButton />
            </div>
        };
    }
    html! {
        <div class="header-tools">
            <Toolbar />
            <TourButton />
            <ShareButton />
            <EmbedButton />
            <StoryOpener />
        </div>
    }
}

/// The header.
#[component]
pub fn Header() -> Html {
    let store = use_store();
    let article = &store.story.article;
    html! {
        <header class="app-header">
            <div class="story-heading">
                <h1 class="story-title">{ article.title.clone() }</h1>
                <p class="story-byline">{ article.byline() }</p>
            </div>
            <HeaderTools />
        </header>
    }
}

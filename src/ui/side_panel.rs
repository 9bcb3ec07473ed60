//! The side panel: tabs for the article and the list of places.

use yew::prelude::*;

use super::article_panel::ArticlePanel;
use super::places_list::PlacesList;
use super::state::{Action, PanelTab, SharedStory};
use super::store::{send, use_dispatch};

#[derive(Properties, PartialEq)]
pub struct SidePanelProps {
    pub story: SharedStory,
    pub tab: PanelTab,
    pub hovered: Option<String>,
    pub selected: Option<String>,
    pub passage: Option<(String, usize)>,
}

/// Article · Places.
#[component]
pub fn SidePanel(props: &SidePanelProps) -> Html {
    let dispatch = use_dispatch();
    let tab = |which: PanelTab, id: &'static str, label: &'static str| {
        let selected = props.tab == which;
        html! {
            <button type="button" role="tab" id={format!("tab-{id}")} aria-controls={format!("panel-{id}")}
                aria-selected={selected.to_string()} tabindex={if selected { "0" } else { "-1" }}
                class={classes!("tab", selected.then_some("selected"))}
                onclick={send(&dispatch, Action::ShowPanel(which))}>{ label }</button>
        }
    };
    // Arrow keys move between tabs (the ARIA tabs pattern).
    let on_tab_key = {
        let (dispatch, current) = (dispatch.clone(), props.tab);
        Callback::from(move |e: KeyboardEvent| {
            let next = match (e.key().as_str(), current) {
                ("ArrowRight" | "ArrowLeft", PanelTab::Article) => PanelTab::Places,
                ("ArrowRight" | "ArrowLeft", PanelTab::Places) => PanelTab::Article,
                _ => return,
            };
            e.prevent_default();
            dispatch.dispatch(Action::ShowPanel(next));
        })
    };
    let (id, labelled_by) = match props.tab {
        PanelTab::Article => ("panel-article", "tab-article"),
        PanelTab::Places => ("panel-places", "tab-places"),
    };
    html! {
        <aside class="side-panel" aria-label="Story">
            <div class="tabs" role="tablist" aria-label="Story panel" onkeydown={on_tab_key}>
                { tab(PanelTab::Article, "article", "Article") }
                { tab(PanelTab::Places, "places", "Places") }
            </div>
            <div class="tab-panel" role="tabpanel" id={id} aria-labelledby={labelled_by}>
                if props.tab == PanelTab::Article {
                    <ArticlePanel story={props.story.clone()} hovered={props.hovered.clone()}
                        selected={props.selected.clone()} passage={props.passage.clone()} />
                } else {
                    <PlacesList story={props.story.clone()} selected={props.selected.clone()} />
                }
            </div>
        </aside>
    }
}

//! The side panel: tabs for the article, the list of places, the reader's annotations and, in a classroom,
//! the tasks or the hand-ins.

use yew::prelude::*;

use crate::domain::ids::AnnotationId;
use crate::domain::shared::Shared;
use crate::domain::story::Story;
use crate::ui::annotate::panel::AnnotationPanel;
use crate::ui::classroom::class_panel::ClassPanel;
use crate::ui::classroom::state::Mode;
use crate::ui::state::Action;
use crate::ui::store::{send, use_dispatch};
use crate::ui::story::article_panel::ArticlePanel;
use crate::ui::story::places_list::PlacesList;
use crate::ui::story::reading::PanelTab;
use crate::ui::story::reading::Reading;
use crate::ui::story::reading::ReadingAction;

#[derive(Properties, PartialEq)]
pub struct SidePanelProps {
    pub story: Shared<Story>,
    /// What the reader is looking at, and which tab is open.
    pub reading: Reading,
    pub annotation: Option<(AnnotationId, String)>,
    #[prop_or(Mode::Reader)]
    pub mode: Mode,
}

/// Article · Places · My annotations (· Tasks or Hand-ins).
#[component]
pub fn SidePanel(props: &SidePanelProps) -> Html {
    let dispatch = use_dispatch();
    let tab = |which: PanelTab, id: &'static str, label: &'static str| {
        let selected = props.reading.panel == which;
        html! {
            <button type="button" role="tab" id={format!("tab-{id}")} aria-controls={format!("panel-{id}")}
                aria-selected={selected.to_string()} tabindex={if selected { "0" } else { "-1" }}
                class={classes!("tab", selected.then_some("selected"))}
                onclick={send(&dispatch, Action::Read(ReadingAction::ShowPanel(which)))}>{ label }</button>
        }
    };
    let classroom = matches!(props.mode, Mode::Student | Mode::Teacher);
    // Arrow keys move between tabs (the ARIA tabs pattern).
    let on_tab_key = {
        let (dispatch, current) = (dispatch.clone(), props.reading.panel);
        Callback::from(move |e: KeyboardEvent| {
            let order: &[PanelTab] = if classroom {
                &[PanelTab::Article, PanelTab::Places, PanelTab::Annotations, PanelTab::Class]
            } else {
                &[PanelTab::Article, PanelTab::Places, PanelTab::Annotations]
            };
            let n = order.len();
            let i = order.iter().position(|t| *t == current).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => order[(i + 1) % n],
                "ArrowLeft" => order[(i + n - 1) % n],
                _ => return,
            };
            e.prevent_default();
            dispatch.dispatch(Action::Read(ReadingAction::ShowPanel(next)));
        })
    };
    let (id, labelled_by) = match props.reading.panel {
        PanelTab::Article => ("panel-article", "tab-article"),
        PanelTab::Places => ("panel-places", "tab-places"),
        PanelTab::Annotations => ("panel-annotations", "tab-annotations"),
        PanelTab::Class => ("panel-class", "tab-class"),
    };
    html! {
        <aside class="side-panel" id="story-panel" aria-label="Story">
            <div class="tabs" role="tablist" aria-label="Story panel" onkeydown={on_tab_key}>
                { tab(PanelTab::Article, "article", "Article") }
                { tab(PanelTab::Places, "places", "Places") }
                { tab(PanelTab::Annotations, "annotations", "My annotations") }
                if classroom {
                    { tab(PanelTab::Class, "class", if props.mode == Mode::Teacher { "Hand-ins" } else { "Tasks" }) }
                }
            </div>
            <div class="tab-panel" role="tabpanel" id={id} aria-labelledby={labelled_by}>
                if props.reading.panel == PanelTab::Article {
                    <ArticlePanel story={props.story.clone()} reading={props.reading.clone()} annotation={props.annotation.clone()} />
                } else if props.reading.panel == PanelTab::Places {
                    <PlacesList story={props.story.clone()} selected={props.reading.selected.clone()} />
                } else if props.reading.panel == PanelTab::Annotations {
                    <AnnotationPanel />
                } else {
                    <ClassPanel />
                }
            </div>
        </aside>
    }
}

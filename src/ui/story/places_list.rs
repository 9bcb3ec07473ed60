//! Every story feature as a list: the text alternative to the map for screen-reader and keyboard users.

use yew::prelude::*;

use crate::domain::ids::FeatureId;
use crate::domain::shared::Shared;
use crate::domain::story::Story;
use crate::ui::map::marker_symbol::{marker_classes, Symbol};
use crate::ui::state::Action;
use crate::ui::store::use_dispatch;
use crate::ui::story::reading::ReadingAction;

#[derive(Properties, PartialEq)]
pub struct PlacesListProps {
    pub story: Shared<Story>,
    pub selected: Option<FeatureId>,
}

/// The list of places; activating one opens its popup and brings it into view.
#[component]
pub fn PlacesList(props: &PlacesListProps) -> Html {
    let dispatch = use_dispatch();
    let items = props.story.features.iter().map(|f| {
        let open = {
            let (dispatch, id) = (dispatch.clone(), f.id.clone());
            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Read(ReadingAction::Select { id: id.clone(), frame: true })))
        };
        let first_quote = f.verified_quotes().next().map(|q| q.text.clone());
        let selected = props.selected.as_deref() == Some(f.id.as_str());
        html! {
            <li key={f.id.to_string()}>
                <button type="button" class={classes!("place", selected.then_some("selected"))} data-place-id={f.id.to_string()}
                    aria-pressed={selected.to_string()} onclick={open}>
                    <Symbol kind={f.kind} class={marker_classes(f)} />
                    <span class="place-text">
                        <span class="place-title">{ f.title.clone() }</span>
                        <span class="place-meta">
                            { format!("{} · {} · {}", f.kind.label(), f.confidence.label(), f.precision_in_words()) }
                        </span>
                        if let Some(q) = first_quote {
                            <q class="place-quote">{ q }</q>
                        }
                    </span>
                </button>
            </li>
        }
    });
    html! {
        <div class="places">
            <p class="places-count">{ format!("{} places in this story", props.story.features.len()) }</p>
            <ol class="places-list">{ for items }</ol>
        </div>
    }
}

//! The layer switcher: one checkbox per layer, and the language of the place labels.

use yew::prelude::*;

use crate::browser::form::value_of;
use crate::domain::layers::LayerId;
use crate::domain::local_names::LabelLanguage;
use crate::ui::map::map_state::MapAction;
use crate::ui::state::Action;
use crate::ui::store::{use_store, Store};

/// The "Label language" choice: each language offered in its own name and script (with its own `lang`).
fn label_language(store: &Store) -> Html {
    let chosen = store.map.label_language;
    let onchange = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            if let Some(language) = value_of(&e).as_deref().and_then(LabelLanguage::from_tag) {
                store.dispatch(Action::Map(MapAction::LabelLanguage(language)));
            }
        })
    };
    let options = LabelLanguage::ALL.into_iter().map(|language| {
        html! {
            <option value={language.tag()} lang={language.tag()} dir={language.direction().attribute()}
                selected={language == chosen}>{ language.own_name() }</option>
        }
    });
    html! {
        <p class="label-language">
            <label for="label-language">{ "Label language" }</label>
            <select id="label-language" data-label-language="" {onchange}>{ for options }</select>
        </p>
    }
}

/// Turns layers on and off, and chooses the labels' language.
#[component]
pub fn LayerSwitcher() -> Html {
    let store = use_store();
    let rows = LayerId::ALL.into_iter().map(|layer| {
        let visible = store.map.layers.is_visible(layer);
        let store = store.clone();
        let onchange = Callback::from(move |_: Event| store.dispatch(Action::Map(MapAction::ToggleLayer(layer))));
        let id = format!("layer-toggle-{}", layer.id());
        html! {
            <li key={layer.id()}>
                <input type="checkbox" id={id.clone()} data-layer-toggle={layer.id()}
                    checked={visible} {onchange} />
                <label for={id}>{ layer.title() }</label>
            </li>
        }
    });
    html! {
        <details class="layer-switcher panel-box">
            <summary>{ "Layers" }</summary>
            <ul>{ for rows }</ul>
            { label_language(&store) }
        </details>
    }
}

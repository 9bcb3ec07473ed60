//! The layer switcher: one checkbox per layer.

use yew::prelude::*;

use crate::domain::layers::LayerId;
use crate::ui::map::map_state::MapAction;
use crate::ui::state::Action;
use crate::ui::store::use_store;

/// Turns layers on and off.
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
        </details>
    }
}

//! Zoom in, zoom out and reset-view buttons.

use yew::prelude::*;

use crate::domain::interaction::ViewCommand;
use crate::ui::map::map_state::MapAction;
use crate::ui::state::Action;
use crate::ui::store::use_store;

/// The zoom buttons.
#[component]
pub fn ZoomControls() -> Html {
    let store = use_store();
    let zoom = |delta: f64| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::Map(MapAction::Jump(ViewCommand::ZoomAtCenter { delta })))
        })
    };
    let reset = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Map(MapAction::Home { fly: false })))
    };
    let at_max = store.map.view.zoom >= store.map.limits.max_zoom - 1e-9;
    let at_min = store.map.view.zoom <= store.map.limits.min_zoom + 1e-9;
    html! {
        <div class="zoom-controls" role="group" aria-label="Zoom">
            <button type="button" class="zoom-in" aria-label="Zoom in" title="Zoom in (+)"
                disabled={at_max} onclick={zoom(1.0)}>{ "+" }</button>
            <button type="button" class="zoom-out" aria-label="Zoom out" title="Zoom out (−)"
                disabled={at_min} onclick={zoom(-1.0)}>{ "−" }</button>
            <button type="button" class="reset-view" aria-label="Reset view" title="Reset view"
                onclick={reset}>
                <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                    <path d="M2 8 8 2.5 14 8M4 7v6.5h3v-4h2v4h3V7" fill="none" stroke="currentColor" stroke-width="1.5" />
                </svg>
            </button>
        </div>
    }
}

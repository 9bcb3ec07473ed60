//! The scale bar, in kilometres at the centre of the map.

use yew::prelude::*;

use crate::domain::scale_bar::ScaleBar as Scale;
use crate::ui::store::use_store;

/// A scale bar for the live camera.
#[component]
pub fn ScaleBar() -> Html {
    let store = use_store();
    let scale = Scale::for_viewport(&store.map.view, 120.0);
    html! {
        <div class="scale-bar" role="img" aria-label={format!("Scale: {} at the map centre", scale.label())}>
            <div class="scale-bar-line" style={format!("width:{:.0}px", scale.px)} />
            <span class="scale-bar-label">{ scale.label() }</span>
        </div>
    }
}

//! Labels in screen space: placed for the live camera on every frame (a few dozen, cheap), so they keep
//! their size while the drawing under them is transformed.

use yew::prelude::*;

use crate::domain::labels::place_labels;
use crate::domain::layers::{LayerId, LayerVisibility};
use crate::domain::viewport::Viewport;
use crate::ui::map::embedded_basemap::embedded_labels;

#[derive(Properties, PartialEq)]
pub struct LabelLayerProps {
    pub view: Viewport,
    pub layers: LayerVisibility,
}

/// Country, region and physical-region labels that do not collide.
#[component]
pub fn LabelLayer(props: &LabelLayerProps) -> Html {
    let layers = props.layers;
    if !layers.is_visible(LayerId::Labels) {
        return html! { <svg class="labels" data-layer="labels" display="none" aria-hidden="true" /> };
    }
    let Ok(labels) = embedded_labels() else { return Html::default() };
    let placed = place_labels(&labels, &props.view, |label| {
        LayerId::from_id(&label.id).is_some_and(|layer| !layers.is_visible(layer))
    });
    let texts = placed.into_iter().map(|label| {
        html! {
            <text key={label.id.to_string()} x={format!("{:.1}", label.at.x)} y={format!("{:.1}", label.at.y)}
                class={label.kind.class()} data-label={label.id}>{ label.text }</text>
        }
    });
    html! {
        <svg class="labels" data-layer="labels" aria-hidden="true"
            width={props.view.width.to_string()} height={props.view.height.to_string()}>
            { for texts }
        </svg>
    }
}

//! The basemap drawing: one `<g data-layer>` per layer, paths in Mercator metres. Its props change only when
//! the level of detail or a layer's visibility changes, so panning and zooming never re-render it.

use yew::prelude::*;

use crate::domain::layers::{LayerId, LayerVisibility};
use crate::domain::shared::Shared;
use crate::ui::map::basemap_files::DrawnLevel;

#[derive(Properties, PartialEq)]
pub struct BaseLayersProps {
    /// The level to draw (the finest one ready), or why there is none.
    pub level: Result<Shared<DrawnLevel>, String>,
    pub layers: LayerVisibility,
    /// Drawn over the countries, under the regions (the relief).
    #[prop_or_default]
    pub over_land: Html,
    /// Drawn under the borders (rivers and lakes).
    #[prop_or_default]
    pub under_borders: Html,
}

/// The basemap layers at one level of detail.
#[component]
pub fn BaseLayers(props: &BaseLayersProps) -> Html {
    let drawn = match &props.level {
        Ok(drawn) => drawn,
        Err(message) => return html! { <g class="basemap-error"><title>{ message.clone() }</title></g> },
    };
    let groups = LayerId::ALL.into_iter().filter(|l| l.is_basemap()).map(|layer| {
        let paths = drawn.features.iter().filter(|f| f.layer == layer).map(|f| {
            html! {
                <path key={f.id.to_string()} d={f.d.clone()} class={f.class.clone()} data-id={f.id.to_string()}>
                    <title>{ f.name.clone() }</title>
                </path>
            }
        });
        let display = (!props.layers.is_visible(layer)).then_some("none");
        let group = html! {
            <g key={layer.id()} data-layer={layer.id()} display={display}>{ for paths }</g>
        };
        match layer {
            LayerId::Countries => html! { <g key={layer.id()}>{ group }{ props.over_land.clone() }</g> },
            LayerId::Borders => html! { <g key={layer.id()}>{ props.under_borders.clone() }{ group }</g> },
            _ => group,
        }
    });
    html! { <g class="basemap" data-lod={drawn.level.name()}>{ for groups }</g> }
}

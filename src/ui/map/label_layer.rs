//! Labels in screen space: the basemap's and the story's places, placed together for the live camera on
//! every frame (a few dozen, microseconds), so they keep their size while the drawing under them is
//! transformed.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::coords::ScreenPx;
use crate::domain::labels::{place_map_labels, LabelStyle, PlaceToLabel};
use crate::domain::layers::{LayerId, LayerVisibility};
use crate::domain::local_names::{label_in, LabelLanguage, LabelText};
use crate::domain::shared::Shared;
use crate::domain::story::Story;
use crate::domain::viewport::Viewport;
use crate::ui::map::embedded_basemap::embedded_labels;

#[derive(Properties, PartialEq)]
pub struct LabelLayerProps {
    pub view: Viewport,
    pub layers: LayerVisibility,
    pub story: Shared<Story>,
    /// Where each story marker stands on screen (after spreading), in story order.
    pub positions: Rc<Vec<ScreenPx>>,
    pub presenter: bool,
    /// The language the place labels are written in, where a place has a name in it.
    pub language: LabelLanguage,
}

/// Country, region and physical-region labels and the story's place labels, placed together so that none
/// overlaps another or covers a symbol.
#[component]
pub fn LabelLayer(props: &LabelLayerProps) -> Html {
    let layers = props.layers;
    if !layers.is_visible(LayerId::Labels) {
        return html! { <svg class="labels" data-layer="labels" display="none" aria-hidden="true" /> };
    }
    let Ok(labels) = embedded_labels() else { return Html::default() };
    let in_language: Vec<LabelText> =
        props.story.features.iter().map(|f| label_in(&f.label, &f.names, props.language)).collect();
    let places: Vec<PlaceToLabel> =
        in_language.iter().zip(props.positions.iter()).map(|(t, at)| PlaceToLabel { text: t.text, at: *at }).collect();
    let style = if props.presenter { LabelStyle::PRESENTER } else { LabelStyle::READER };
    let placed = place_map_labels(&labels, &places, style, &props.view, |label| {
        LayerId::from_id(&label.id).is_some_and(|layer| !layers.is_visible(layer))
    });
    let texts = placed.basemap.into_iter().map(|label| {
        html! {
            <text key={label.id.clone()} x={format!("{:.1}", label.at.x)} y={format!("{:.1}", label.at.y)}
                class={label.kind.class()} data-label={label.id}>{ label.text }</text>
        }
    });
    let place_texts = placed.places.into_iter().filter_map(|p| {
        let (feature, text) = (props.story.features.get(p.index)?, in_language.get(p.index)?);
        // A local name says its language and, right to left, its direction (the SVG `direction` property).
        let direction = text.lang.map(|_| text.direction.attribute());
        Some(html! {
            <text key={feature.id.to_string()} x={format!("{:.1}", p.at.x)} y={format!("{:.1}", p.at.y)}
                class="label-place" data-label-for={feature.id.to_string()}
                lang={text.lang.map(str::to_string)} {direction}>{ text.text.to_string() }</text>
        })
    });
    html! {
        <svg class="labels" data-layer="labels" aria-hidden="true"
            width={props.view.width.to_string()} height={props.view.height.to_string()}>
            { for texts }
            <g data-layer="place-labels">{ for place_texts }</g>
        </svg>
    }
}

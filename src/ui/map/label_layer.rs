//! Labels in screen space: the basemap's, the story's places, clusters of places, towns (with their dots)
//! and named rivers and lakes, placed together for the live camera on every frame (tens of labels,
//! microseconds), so they keep their size while the drawing under them is transformed.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::coords::ScreenPx;
use crate::domain::label_placement::ScreenBox;
use crate::domain::labels::{
    place_scene, town_dot_radius_px, LabelScene, LabelStyle, MapLabels, PlaceToLabel, TownToLabel, WaterToLabel,
};
use crate::domain::layers::{LayerId, LayerVisibility};
use crate::domain::local_names::{label_in, LabelLanguage, LabelText};
use crate::domain::shared::Shared;
use crate::domain::story::Story;
use crate::domain::towns::{lowest_rank_at, towns_at, Town};
use crate::domain::viewport::Viewport;
use crate::ui::map::basemap_files::embedded_labels;
use crate::ui::map::reference_layers::DrawnWater;

#[derive(Properties, PartialEq)]
pub struct LabelLayerProps {
    pub view: Viewport,
    pub layers: LayerVisibility,
    pub story: Shared<Story>,
    /// Where each story marker stands on screen (after spreading), in story order.
    pub positions: Rc<Vec<ScreenPx>>,
    pub presenter: bool,
    pub towns: Option<Shared<Vec<Town>>>,
    pub water: Option<Shared<DrawnWater>>,
    /// Where the map's controls cover it.
    pub chrome: Shared<Vec<ScreenBox>>,
    /// The language the place and town labels are written in, where a place has a name in it.
    pub language: LabelLanguage,
}

/// How far off screen a town may stand and still be considered, px (its label could reach in).
const TOWN_MARGIN_PX: f64 = 8.0;

fn px(v: f64) -> String {
    format!("{v:.1}")
}

/// Of the towns the zoom shows (`ranked`, most important first), those that stand on screen.
fn towns_on_screen<'a>(ranked: &'a [Town], view: &Viewport) -> Vec<(&'a Town, ScreenPx)> {
    let (w, h, m) = (view.width, view.height, TOWN_MARGIN_PX);
    ranked
        .iter()
        .map(|t| (t, view.lonlat_to_screen(t.at())))
        .filter(|(_, at)| at.x >= -m && at.y >= -m && at.x <= w + m && at.y <= h + m)
        .collect()
}

/// The named rivers and lakes drawn at the zoom, with where their name goes on screen.
fn water_names<'a>(water: &'a DrawnWater, view: &Viewport) -> Vec<WaterToLabel<'a>> {
    water
        .at(view.zoom)
        .filter_map(|f| Some(WaterToLabel { text: f.name.as_deref()?, at: view.lonlat_to_screen(f.label_at?) }))
        .collect()
}

/// A `<text>`'s language attributes: a local name says its language and, right to left, its direction
/// (the SVG `direction` property); the story's own labels are in the page's language.
fn language_of(text: &LabelText) -> (Option<String>, Option<&'static str>) {
    (text.lang.map(str::to_string), text.lang.map(|_| text.direction.attribute()))
}

/// The `<text>`s of the story's places and of the clusters of places that found no room of their own.
fn place_texts(placed: &MapLabels, story: &Story, in_language: &[LabelText]) -> Html {
    let places = placed.places.iter().filter_map(|p| {
        let (feature, text) = (story.features.get(p.index)?, in_language.get(p.index)?);
        let (lang, direction) = language_of(text);
        Some(html! {
            <text key={feature.id.to_string()} x={px(p.at.x)} y={px(p.at.y)}
                class="label-place" data-label-for={feature.id.to_string()} {lang} {direction}>{ text.text.to_string() }</text>
        })
    });
    let clusters = placed.clusters.iter().map(|c| {
        let members: Vec<&str> = c.members.iter().filter_map(|i| story.features.get(*i)).map(|f| &*f.id).collect();
        html! {
            <text key={format!("cluster-{}", members.join(" "))} x={px(c.at.x)} y={px(c.at.y)}
                class={if members.len() > 1 { "label-place label-cluster" } else { "label-place" }}
                data-cluster-of={members.join(" ")}>{ c.text.clone() }</text>
        }
    });
    html! { <g data-layer="place-labels">{ for places }{ for clusters }</g> }
}

/// The towns whose labels found room: a dot and a name each.
fn town_marks(placed: &MapLabels, towns: &[(&Town, ScreenPx)], in_language: &[LabelText]) -> Html {
    let marks = placed.towns.iter().filter_map(|p| {
        let ((town, at), text) = (towns.get(p.index)?, in_language.get(p.index)?);
        let class = if town.capital { "label-town label-capital" } else { "label-town" };
        let (lang, direction) = language_of(text);
        Some(html! {
            <g key={town.id.to_string()} data-town={town.id.to_string()}>
                <circle cx={px(at.x)} cy={px(at.y)} r={px(town_dot_radius_px(town.capital))}
                    class={if town.capital { "town-dot town-capital" } else { "town-dot" }} />
                <text x={px(p.at.x)} y={px(p.at.y)} {class} {lang} {direction}>{ text.text.to_string() }</text>
            </g>
        })
    });
    html! { <g data-layer="places">{ for marks }</g> }
}

/// Country, region and physical-region labels, the story's place labels, towns and water names, placed
/// together so that none overlaps another, covers a symbol or goes under a control.
#[component]
pub fn LabelLayer(props: &LabelLayerProps) -> Html {
    let (layers, view) = (props.layers, &props.view);
    let labels_on = layers.is_visible(LayerId::Labels);
    let basemap = embedded_labels().ok().filter(|_| labels_on);
    let in_language: Vec<LabelText> = match labels_on {
        true => props.story.features.iter().map(|f| label_in(&f.label, &f.names, props.language)).collect(),
        false => Vec::new(),
    };
    let places: Vec<PlaceToLabel> =
        in_language.iter().zip(props.positions.iter()).map(|(t, at)| PlaceToLabel { text: t.text, at: *at }).collect();
    // The towns the zoom shows, in placing order: chosen and sorted when the zoom crosses a rank's threshold,
    // not on every frame.
    let ranked = use_memo((props.towns.clone(), lowest_rank_at(view.zoom)), |(towns, _)| match towns {
        Some(towns) => towns_at(towns, view.zoom).into_iter().cloned().collect::<Vec<Town>>(),
        None => Vec::new(),
    });
    let towns = match layers.is_visible(LayerId::Places) {
        true => towns_on_screen(&ranked, view),
        false => Vec::new(),
    };
    let town_names: Vec<LabelText> = towns.iter().map(|(t, _)| label_in(&t.name, &t.names, props.language)).collect();
    let town_labels: Vec<TownToLabel> = towns
        .iter()
        .zip(&town_names)
        .map(|((t, at), name)| TownToLabel { text: name.text, at: *at, capital: t.capital })
        .collect();
    let water = match &props.water {
        Some(water) if labels_on && layers.is_visible(LayerId::Rivers) => water_names(water, view),
        _ => Vec::new(),
    };
    let style = if props.presenter { LabelStyle::PRESENTER } else { LabelStyle::READER };
    let scene = LabelScene { places: &places, towns: &town_labels, water: &water, chrome: &props.chrome };
    let basemap_labels = basemap.as_deref().map(Vec::as_slice).unwrap_or_default();
    let placed = place_scene(basemap_labels, scene, style, view, |label| {
        LayerId::from_id(&label.id).is_some_and(|layer| !layers.is_visible(layer))
    });
    let texts = placed.basemap.iter().map(|label| {
        html! {
            <text key={label.id.clone()} x={px(label.at.x)} y={px(label.at.y)}
                class={label.kind.class()} data-label={label.id.clone()}>{ label.text.clone() }</text>
        }
    });
    let water_texts = placed.water.iter().filter_map(|p| {
        let w = water.get(p.index)?;
        Some(html! { <text x={px(p.at.x)} y={px(p.at.y)} class="label-water">{ w.text.to_string() }</text> })
    });
    html! {
        <svg class="labels" aria-hidden="true" width={view.width.to_string()} height={view.height.to_string()}>
            <g data-layer="labels" display={(!labels_on).then_some("none")}>
                { for texts }
                <g data-layer="water-labels">{ for water_texts }</g>
                { place_texts(&placed, &props.story, &in_language) }
            </g>
            { town_marks(&placed, &towns, &town_names) }
        </svg>
    }
}

//! The reference layers drawn in the map's SVG: shaded relief under the regions, rivers and lakes under the
//! borders. Both are same-origin files fetched after the first frame (`map_hooks::use_reference_layers`),
//! so the first load does not grow; the towns are labels, placed with the others (`label_layer`).

use yew::prelude::*;

use crate::domain::relief::{relief_bounds, relief_opacity, RELIEF_FILE};
use crate::domain::svg_path::path_data;
use crate::domain::water::{Water, WaterKind};

/// The file the rivers and lakes are served as, beside the app.
pub const WATER_FILE: &str = "water.geojson";
/// The file the towns are served as, beside the app.
pub const TOWNS_FILE: &str = "places.json";

/// One river or lake, ready to draw.
#[derive(Debug, PartialEq)]
pub struct DrawnWaterFeature {
    pub kind: WaterKind,
    pub name: Option<String>,
    pub min_zoom: f64,
    pub max_zoom: f64,
    pub label_at: Option<crate::domain::coords::LonLat>,
    pub d: AttrValue,
}

/// The rivers and lakes, each turned into SVG path data once.
#[derive(Debug, Default, PartialEq)]
pub struct DrawnWater {
    pub features: Vec<DrawnWaterFeature>,
}

impl DrawnWater {
    /// Reads the layer's file and builds its path data.
    pub fn read(text: &str) -> Result<DrawnWater, String> {
        let water: Water = text.parse()?;
        let features = water
            .features
            .iter()
            .map(|f| DrawnWaterFeature {
                kind: f.kind,
                name: f.name.clone(),
                min_zoom: f.min_zoom,
                max_zoom: f.max_zoom,
                label_at: f.label_at(),
                d: path_data(&f.shape).into(),
            })
            .collect();
        Ok(DrawnWater { features })
    }

    /// The features drawn at `zoom`.
    pub fn at(&self, zoom: f64) -> impl Iterator<Item = &DrawnWaterFeature> {
        self.features.iter().filter(move |f| f.min_zoom <= zoom && zoom < f.max_zoom)
    }
}

#[derive(Properties, PartialEq)]
pub struct WaterLayerProps {
    pub water: Option<crate::domain::shared::Shared<DrawnWater>>,
    /// The settled zoom (the drawing is rebuilt only when the view settles).
    pub zoom: f64,
    pub visible: bool,
}

/// Rivers and lakes, drawn under the borders (the Panj is the Tajik–Afghan border: the border is drawn on it).
#[component]
pub fn WaterLayer(props: &WaterLayerProps) -> Html {
    let Some(water) = props.water.as_ref().filter(|_| props.visible) else {
        return html! { <g data-layer="rivers" display="none" /> };
    };
    let paths = water.at(props.zoom).map(|f| {
        let class = match (f.kind, f.name.is_some()) {
            (WaterKind::Lake, _) => "lake",
            (WaterKind::River, true) => "river river-named",
            (WaterKind::River, false) => "river",
        };
        html! { <path d={f.d.clone()} {class} /> }
    });
    html! { <g data-layer="rivers">{ for paths }</g> }
}

#[derive(Properties, PartialEq)]
pub struct ReliefProps {
    /// False until the first frame is on screen: only then is the image asked for.
    pub ready: bool,
    pub zoom: f64,
    pub visible: bool,
}

/// The shaded relief, multiplied into the land colours and fading out at zooms its pixels cannot serve.
#[component]
pub fn Relief(props: &ReliefProps) -> Html {
    let opacity = relief_opacity(props.zoom);
    if !props.ready || !props.visible || opacity <= 0.0 {
        return html! { <g data-layer="relief" display={(!props.visible).then_some("none")} /> };
    }
    let b = relief_bounds();
    html! {
        <g data-layer="relief" style={format!("opacity:{opacity:.2}")}>
            <image href={RELIEF_FILE} class="relief" preserveAspectRatio="none"
                x={format!("{:.0}", b.min.x)} y={format!("{:.0}", -b.max.y)}
                width={format!("{:.0}", b.max.x - b.min.x)} height={format!("{:.0}", b.max.y - b.min.y)} />
        </g>
    }
}

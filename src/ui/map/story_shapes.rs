//! The story's geometry in map space, under the markers: uncertainty circles at their true geodesic radius,
//! and the lines and areas of borders and regions, highlighted when their feature is selected or hovered.
//! Path data is built once per story; panning never re-renders this.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::basemap::Shape;
use crate::domain::geodesy::circle;
use crate::domain::ids::FeatureId;
use crate::domain::shared::Shared;
use crate::domain::story::{Story, StoryGeometry};
use crate::domain::svg_path::path_data;

/// Circles wider than this are drawn only for the selected or hovered feature: the wide ones belong to
/// regions and country-wide opinions, and drawn all at once they would veil the map.
const ALWAYS_DRAWN_RADIUS_KM: f64 = 120.0;

struct ShapePaths {
    id: String,
    circle: Option<AttrValue>,
    radius_km: f64,
    outline: Option<(AttrValue, bool)>,
}

fn build(story: &Story) -> Vec<ShapePaths> {
    story
        .features
        .iter()
        .map(|f| {
            let circle = match &f.geometry {
                StoryGeometry::Point(p) if f.shows_precision_circle() => {
                    let ring = circle(*p, f.precision.radius_km * 1000.0, 72);
                    Some(path_data(&Shape::Areas(vec![vec![ring]])).into())
                }
                _ => None,
            };
            let outline = match &f.geometry {
                StoryGeometry::Point(_) => None,
                StoryGeometry::Lines(lines) => Some((path_data(&Shape::Lines(lines.clone())).into(), false)),
                StoryGeometry::Areas(areas) => Some((path_data(&Shape::Areas(areas.clone())).into(), true)),
            };
            ShapePaths { id: f.id.to_string(), circle, radius_km: f.precision.radius_km, outline }
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct StoryShapesProps {
    pub story: Shared<Story>,
    pub selected: Option<FeatureId>,
    pub hovered: Option<FeatureId>,
}

/// Uncertainty circles and story lines/areas, in the map drawing's coordinates.
#[component]
pub fn StoryShapes(props: &StoryShapesProps) -> Html {
    let paths: Rc<Vec<ShapePaths>> = use_memo(props.story.clone(), |story| build(story));
    let is = |id: &str, which: &Option<FeatureId>| which.as_deref() == Some(id);
    let circles = paths.iter().filter_map(|p| {
        let active = is(&p.id, &props.selected) || is(&p.id, &props.hovered);
        let d = p.circle.clone()?;
        (p.radius_km <= ALWAYS_DRAWN_RADIUS_KM || active).then(|| {
            html! {
                <path key={p.id.to_string()} class={classes!("uncertainty", active.then_some("active"))} d={d}
                    data-circle-for={p.id.to_string()} />
            }
        })
    });
    let outlines = paths.iter().filter_map(|p| {
        let (d, area) = p.outline.clone()?;
        let class = classes!(
            if area { "story-area" } else { "story-line" },
            is(&p.id, &props.selected).then_some("selected"),
            is(&p.id, &props.hovered).then_some("hovered"),
        );
        Some(html! { <path key={p.id.to_string()} class={class} d={d} data-shape-for={p.id.to_string()} /> })
    });
    html! {
        <g data-layer="story-shapes">
            <g class="story-outlines">{ for outlines }</g>
            <g class="uncertainty-circles">{ for circles }</g>
        </g>
    }
}

//! The benchmark's synthetic workload (`?synthetic=N`), drawn on a canvas between the basemap and the story
//! markers: dense and non-interactive, so the DOM stays small whatever N is. Like the SVG drawing, the canvas
//! is redrawn only when the view settles and is moved by a CSS transform during gestures.

use std::rc::Rc;

use yew::prelude::*;

use crate::browser::canvas::{draw_on, Pen};
use crate::browser::location::query_param;
use crate::domain::coords::Mercator;
use crate::domain::projection::project;
use crate::domain::synthetic::{parse_request, synthetic};
use crate::domain::viewport::Viewport;

/// The workload, projected once.
#[derive(Debug, PartialEq)]
pub struct SyntheticData {
    pub points: Vec<Mercator>,
    pub line: Vec<Mercator>,
}

/// The workload the page's URL asks for, if any.
pub fn requested_synthetic() -> Option<Rc<SyntheticData>> {
    let (n, seed) = parse_request(query_param("synthetic").as_deref(), query_param("seed").as_deref())?;
    let s = synthetic(n, seed);
    Some(Rc::new(SyntheticData {
        points: s.points.into_iter().map(project).collect(),
        line: s.line.into_iter().map(project).collect(),
    }))
}

#[derive(Properties, PartialEq)]
pub struct SyntheticLayerProps {
    pub data: Rc<SyntheticData>,
    /// The camera the canvas is drawn for.
    pub settled: Viewport,
    /// How far the canvas overhangs the screen on each side (a fraction of the screen).
    pub overhang: f64,
    /// The CSS that places and transforms it (the same as the SVG drawing's).
    pub style: AttrValue,
}

fn draw(pen: &Pen, data: &SyntheticData, view: &Viewport, (w, h): (f64, f64)) {
    // Mercator → canvas pixels, one multiply-add per coordinate.
    let r = view.resolution();
    let (ox, oy) = (view.center.x - w / 2.0 * r, view.center.y + h / 2.0 * r);
    let px = |m: &Mercator| ((m.x - ox) / r, (oy - m.y) / r);
    if !data.line.is_empty() {
        pen.begin();
        for (i, m) in data.line.iter().enumerate() {
            let (x, y) = px(m);
            if i == 0 {
                pen.move_to(x, y);
            } else {
                pen.line_to(x, y);
            }
        }
        pen.stroke("rgba(60, 90, 160, 0.8)", 2.0);
    }
    pen.begin();
    for m in &data.points {
        let (x, y) = px(m);
        if x < -3.0 || y < -3.0 || x > w + 3.0 || y > h + 3.0 {
            continue;
        }
        pen.dot(x, y, 3.0);
    }
    pen.fill("rgba(120, 60, 150, 0.65)");
}

/// The synthetic layer's canvas.
#[component]
pub fn SyntheticLayer(props: &SyntheticLayerProps) -> Html {
    let canvas = use_node_ref();
    {
        let (canvas, data, overhang) = (canvas.clone(), props.data.clone(), props.overhang);
        use_effect_with(props.settled, move |view| {
            let size = (view.width * (1.0 + 2.0 * overhang), view.height * (1.0 + 2.0 * overhang));
            draw_on(&canvas, size.0, size.1, |pen| draw(pen, &data, view, size));
        });
    }
    html! { <canvas ref={canvas} class="synthetic-layer" data-layer="synthetic" style={props.style.clone()} aria-hidden="true" /> }
}

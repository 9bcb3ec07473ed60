//! The benchmark's synthetic workload (`?synthetic=N`), drawn on a canvas between the basemap and the story
//! markers: dense and non-interactive, so the DOM stays small whatever N is. Like the SVG drawing, the canvas
//! is redrawn only when the view settles and is moved by a CSS transform during gestures.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

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

fn draw(canvas: &web_sys::HtmlCanvasElement, data: &SyntheticData, view: &Viewport, overhang: f64) -> Option<()> {
    let ratio = web_sys::window()?.device_pixel_ratio().max(1.0);
    let (w, h) = (view.width * (1.0 + 2.0 * overhang), view.height * (1.0 + 2.0 * overhang));
    canvas.set_width((w * ratio).round() as u32);
    canvas.set_height((h * ratio).round() as u32);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.scale(ratio, ratio).ok()?;
    // Mercator → canvas pixels, one multiply-add per coordinate.
    let r = view.resolution();
    let (ox, oy) = (view.center.x - w / 2.0 * r, view.center.y + h / 2.0 * r);
    let px = |m: &Mercator| ((m.x - ox) / r, (oy - m.y) / r);
    if !data.line.is_empty() {
        ctx.begin_path();
        for (i, m) in data.line.iter().enumerate() {
            let (x, y) = px(m);
            if i == 0 {
                ctx.move_to(x, y);
            } else {
                ctx.line_to(x, y);
            }
        }
        ctx.set_stroke_style_str("rgba(60, 90, 160, 0.8)");
        ctx.set_line_width(2.0);
        ctx.stroke();
    }
    ctx.begin_path();
    for m in &data.points {
        let (x, y) = px(m);
        if x < -3.0 || y < -3.0 || x > w + 3.0 || y > h + 3.0 {
            continue;
        }
        ctx.move_to(x + 3.0, y);
        let _ = ctx.arc(x, y, 3.0, 0.0, std::f64::consts::TAU);
    }
    ctx.set_fill_style_str("rgba(120, 60, 150, 0.65)");
    ctx.fill();
    Some(())
}

/// The synthetic layer's canvas.
#[component]
pub fn SyntheticLayer(props: &SyntheticLayerProps) -> Html {
    let canvas = use_node_ref();
    {
        let (canvas, data, overhang) = (canvas.clone(), props.data.clone(), props.overhang);
        use_effect_with(props.settled, move |view| {
            if let Some(c) = canvas.cast::<web_sys::HtmlCanvasElement>() {
                draw(&c, &data, view, overhang);
            }
        });
    }
    html! { <canvas ref={canvas} class="synthetic-layer" data-layer="synthetic" style={props.style.clone()} aria-hidden="true" /> }
}

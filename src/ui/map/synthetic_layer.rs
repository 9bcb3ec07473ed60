//! The benchmark's synthetic workload (`?synthetic=N`), drawn on a canvas between the basemap and the story
//! markers: dense and non-interactive, so the DOM stays small whatever N is. Like the SVG drawing, the canvas
//! is redrawn only when the view settles and is moved by a CSS transform during gestures. The picture is
//! rasterized in wasm ([`crate::domain::dot_raster`]) and put on the canvas in one call.

use std::rc::Rc;

use yew::prelude::*;

use crate::browser::canvas::{pixel_ratio, put_bands};
use crate::browser::location::query_param;
use crate::domain::synthetic::{parse_request, synthetic};
use crate::domain::synthetic_frame::{rasterize, SyntheticData};
use crate::domain::viewport::Viewport;

/// Rows of the canvas put at a time (a 1536 px wide band of 64 rows is 393 KB of RGBA).
const BAND_ROWS: usize = 64;

/// Whether the page's URL asks for a workload (without generating it).
pub fn synthetic_requested() -> bool {
    parse_request(query_param("synthetic").as_deref(), query_param("seed").as_deref()).is_some()
}

/// The workload the page's URL asks for, if any.
pub fn requested_synthetic() -> Option<Rc<SyntheticData>> {
    let (n, seed) = parse_request(query_param("synthetic").as_deref(), query_param("seed").as_deref())?;
    Some(Rc::new(SyntheticData::projected(synthetic(n, seed))))
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

/// The synthetic layer's canvas: rasterized once per settled camera, moved by CSS during gestures.
#[component]
pub fn SyntheticLayer(props: &SyntheticLayerProps) -> Html {
    let canvas = use_node_ref();
    let frame = use_memo((props.data.clone(), props.settled), |(data, view)| {
        let size = (view.width * (1.0 + 2.0 * props.overhang), view.height * (1.0 + 2.0 * props.overhang));
        rasterize(data, view, size, pixel_ratio())
    });
    {
        let (canvas, frame) = (canvas.clone(), frame.clone());
        use_effect_with(frame, move |frame| {
            put_bands(&canvas, (frame.width, frame.height), BAND_ROWS, |first, rows| frame.band(first, rows));
        });
    }
    html! {
        <canvas ref={canvas} class="synthetic-layer" data-layer="synthetic" data-drawn-points={frame.drawn_points.to_string()}
            style={props.style.clone()} aria-hidden="true" />
    }
}

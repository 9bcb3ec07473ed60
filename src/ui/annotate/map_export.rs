//! The picture of the current view for "Export SVG" and "Export PNG": the basemap at its level of detail,
//! the reader's annotations, the story's markers, the labels, and the attribution line.

use crate::domain::annotation::AnnotationGeometry;
use crate::domain::labels::{place_labels, LabelKind};
use crate::domain::layers::LayerId;
use crate::domain::marker_layout::spread;
use crate::domain::svg_export::{standalone_svg, ScreenSymbol, ScreenText, StyledPath};
use crate::domain::svg_path::path_data;

use crate::ui::annotate::layers::{shape_of, DEFAULT_COLOUR};
use crate::ui::map::attribution::ATTRIBUTION;
use crate::ui::map::embedded_basemap::embedded_labels;
use crate::ui::map::marker_symbol::symbol_path;
use crate::ui::state::AppState;

fn paint(class: &str) -> (&'static str, f64, &'static str, f64, Option<(f64, f64)>) {
    // (fill, fill opacity, stroke, stroke width px, dash)
    let has = |c: &str| class.split(' ').any(|k| k == c);
    if has("border-story") {
        ("none", 1.0, "#a3122a", 2.4, None)
    } else if has("border-international") {
        ("none", 1.0, "#8d9094", 0.9, None)
    } else if has("coast") {
        ("none", 1.0, "#7d9aa8", 0.8, None)
    } else if has("region-wakhan") {
        ("#f0a95b", 1.0, "#a4520c", 1.4, Some((5.0, 3.0)))
    } else if has("region-xinjiang") {
        ("#c8d3de", 1.0, "none", 0.0, None)
    } else if has("region-gbao") || has("region-badakhshan") {
        ("none", 1.0, "#6f5d3f", 1.1, Some((1.0, 3.0)))
    } else if has("country-tjk") {
        ("#f2ddb0", 1.0, "none", 0.0, None)
    } else {
        ("#f1eee8", 1.0, "none", 0.0, None)
    }
}

/// The standalone SVG of what the map shows now.
pub fn current_view_svg(state: &AppState) -> String {
    let view = &state.map.settled;
    let mut paths = Vec::new();
    if let Ok(level) = state.map.basemap.best(state.map.level_of_detail()) {
        for f in level.features.iter().filter(|f| state.map.layers.is_visible(f.layer)) {
            let (fill, fill_opacity, stroke, width, dash) = paint(&f.class);
            paths.push(StyledPath {
                d: f.d.to_string(),
                fill: fill.into(),
                fill_opacity,
                stroke: stroke.into(),
                stroke_width_px: width,
                dash_px: dash,
            });
        }
    }
    let doc = state.annotations.document();
    for a in doc.annotations.iter() {
        let Some(shape) = shape_of(&a.geometry) else { continue };
        let colour = a.style.stroke.clone().or(a.style.marker_color.clone()).unwrap_or_else(|| DEFAULT_COLOUR.into());
        let area = matches!(a.geometry, AnnotationGeometry::Polygon(_) | AnnotationGeometry::MultiPolygon(_));
        paths.push(StyledPath {
            d: path_data(&shape),
            fill: if area { a.style.fill.clone().unwrap_or_else(|| colour.clone()) } else { "none".into() },
            fill_opacity: a.style.fill_opacity.unwrap_or(0.2),
            stroke: colour,
            stroke_width_px: a.style.stroke_width.unwrap_or(3.0),
            dash_px: None,
        });
    }
    let mut symbols = Vec::new();
    let anchors: Vec<_> = state.story.features.iter().map(|f| view.lonlat_to_screen(f.anchor)).collect();
    for (f, at) in state.story.features.iter().zip(spread(&anchors)) {
        let fill = if f.looks_surveyed() { "#1d3557" } else { "#ffffff" };
        symbols.push(ScreenSymbol {
            x: at.x,
            y: at.y,
            d: symbol_path(f.kind).into(),
            fill: fill.into(),
            stroke: "#1d3557".into(),
        });
    }
    for a in doc.annotations.iter() {
        let points = match &a.geometry {
            AnnotationGeometry::Point(p) => vec![*p],
            AnnotationGeometry::MultiPoint(ps) => ps.clone(),
            _ => continue,
        };
        let colour = a.style.marker_color.clone().unwrap_or_else(|| DEFAULT_COLOUR.into());
        for p in points {
            let at = view.lonlat_to_screen(p);
            symbols.push(ScreenSymbol {
                x: at.x,
                y: at.y,
                d: "M-7 0a7 7 0 1 0 14 0a7 7 0 1 0 -14 0z".into(),
                fill: colour.clone(),
                stroke: "#ffffff".into(),
            });
        }
    }
    let mut texts = Vec::new();
    if state.map.layers.is_visible(LayerId::Labels) {
        if let Ok(labels) = embedded_labels() {
            let layers = state.map.layers;
            for l in
                place_labels(&labels, view, |l| LayerId::from_id(&l.id).is_some_and(|layer| !layers.is_visible(layer)))
            {
                let (size, italic, fill) = match l.kind {
                    LabelKind::Country => (12.0, false, "#3d4248"),
                    LabelKind::Region => (12.0, true, "#3f4f60"),
                    LabelKind::Physical => (11.0, true, "#5f6368"),
                };
                texts.push(ScreenText { x: l.at.x, y: l.at.y, text: l.text, size_px: size, italic, fill: fill.into() });
            }
        }
    }
    standalone_svg(view, &state.story.article.title, "#e6ecef", &paths, &symbols, &texts, ATTRIBUTION)
}

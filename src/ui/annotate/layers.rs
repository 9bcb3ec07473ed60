//! The reader's annotations on the map: lines and areas in map space (their paths built once per document
//! change), points in the settled view's screen space (placed once per settle), and in the live view the
//! selected shape's vertex and midpoint handles and the shape being drawn with its live measures.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::annotation::{Annotation, AnnotationDocument, AnnotationGeometry};
use crate::domain::basemap::Shape;
use crate::domain::coords::{LonLat, ScreenPx};
use crate::domain::drawing::{midpoints, vertices, Draft, Tool, VertexRef};
use crate::domain::ids::AnnotationId;
use crate::domain::paint::paint;
use crate::domain::svg_path::path_data;
use crate::domain::viewport::Viewport;

/// A document passed as a prop, compared by its annotations' identity: edits make new `Rc`s, so two
/// documents with the same `Rc`s are the same, and a re-render (every pan frame) never walks the geometry.
#[derive(Clone, Debug)]
pub struct DocumentRef(pub AnnotationDocument);

impl PartialEq for DocumentRef {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.0.annotations, &other.0.annotations);
        Rc::ptr_eq(a, b) || (a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| Rc::ptr_eq(x, y)))
    }
}

/// A line or area annotation as basemap-style shapes (for path data): its areas, then its lines (a
/// GeometryCollection may have both; lines are never filled); none for points.
pub fn shapes_of(g: &AnnotationGeometry) -> Vec<Shape> {
    let (mut areas, mut lines) = (Vec::new(), Vec::new());
    for part in g.parts() {
        match part {
            AnnotationGeometry::LineString(l) => lines.push(l.clone()),
            AnnotationGeometry::MultiLineString(ls) => lines.extend(ls.iter().cloned()),
            AnnotationGeometry::Polygon(p) => areas.push(p.clone()),
            AnnotationGeometry::MultiPolygon(ps) => areas.extend(ps.iter().cloned()),
            _ => {}
        }
    }
    let areas = (!areas.is_empty()).then_some(Shape::Areas(areas));
    let lines = (!lines.is_empty()).then_some(Shape::Lines(lines));
    areas.into_iter().chain(lines).collect()
}

/// What a shape of `shapes_of` is filled with: lines never are.
pub fn fill_of(shape: &Shape, fill: &str) -> String {
    match shape {
        Shape::Lines(_) => "none".to_string(),
        _ => fill.to_string(),
    }
}

/// The paint attributes of a line or area's `<path class="annotation-shape">`, from [`paint`].
#[derive(Clone, Debug, PartialEq)]
pub struct ShapeAttributes {
    pub stroke: String,
    pub fill: String,
    pub stroke_width: String,
    pub stroke_opacity: String,
    pub fill_opacity: String,
}

/// What the screen paints a line or an area with.
pub fn shape_attributes(a: &Annotation) -> ShapeAttributes {
    let p = paint(a);
    ShapeAttributes {
        stroke: p.stroke,
        fill: p.fill,
        stroke_width: p.stroke_width_px.to_string(),
        stroke_opacity: p.stroke_opacity.to_string(),
        fill_opacity: p.fill_opacity.to_string(),
    }
}

/// What the screen paints a point's `<circle class="annotation-point">` with: its fill and radius.
pub fn point_attributes(a: &Annotation) -> (String, String) {
    let p = paint(a);
    (p.marker, p.point_radius_px.to_string())
}

#[derive(Properties, PartialEq)]
pub struct AnnotationShapesProps {
    pub document: DocumentRef,
    pub selected: Option<AnnotationId>,
    /// The `data-layer` of the group ("annotations", or a hand-in's).
    #[prop_or(AttrValue::Static("annotations"))]
    pub layer: AttrValue,
}

/// Lines and areas, in the map drawing's coordinates.
#[component]
pub fn AnnotationShapes(props: &AnnotationShapesProps) -> Html {
    // Per annotation: its paint, and each of its shapes' path data and fill.
    type Paths = Vec<(Rc<Annotation>, ShapeAttributes, Vec<(AttrValue, String)>)>;
    let paths: Rc<Paths> = use_memo(props.document.clone(), |doc| {
        doc.0
            .annotations
            .iter()
            .filter_map(|a| {
                let shapes = shapes_of(&a.geometry);
                let paint = shape_attributes(a);
                let drawn = shapes.iter().map(|s| (AttrValue::from(path_data(s)), fill_of(s, &paint.fill))).collect();
                (!shapes.is_empty()).then(|| (a.clone(), paint, drawn))
            })
            .collect()
    });
    let shapes = paths.iter().map(|(a, paint, ds)| {
        let selected = props.selected.as_deref() == Some(a.id.as_str());
        let drawn = ds.iter().map(|(d, fill)| {
            html! {
                <>
                    <path class="annotation-hit" d={d.clone()} />
                    <path class="annotation-shape" d={d.clone()} stroke={paint.stroke.clone()} fill={fill.clone()}
                        stroke-width={paint.stroke_width.clone()}
                        stroke-opacity={paint.stroke_opacity.clone()}
                        fill-opacity={paint.fill_opacity.clone()} />
                </>
            }
        });
        html! {
            <g key={a.id.to_string()} class={classes!("annotation", selected.then_some("selected"))} data-annotation-id={a.id.to_string()}>
                { for drawn }
            </g>
        }
    });
    html! { <g data-layer={props.layer.clone()}>{ for shapes }</g> }
}

#[derive(Properties, PartialEq)]
pub struct AnnotationOverlayProps {
    pub view: Viewport,
    pub document: DocumentRef,
    pub selected: Option<AnnotationId>,
    pub vertex: Option<VertexRef>,
    pub draft: Option<Draft>,
    pub cursor: Option<LonLat>,
    /// The keyboard's crosshair, while a tool is on.
    #[prop_or_default]
    pub crosshair: Option<ScreenPx>,
    #[prop_or(AttrValue::Static("annotation-overlay"))]
    pub class: AttrValue,
}

/// A point's or a multipoint's positions; none for lines and areas.
pub fn points_of(g: &AnnotationGeometry) -> Vec<LonLat> {
    g.parts()
        .into_iter()
        .flat_map(|part| match part {
            AnnotationGeometry::Point(p) => vec![*p],
            AnnotationGeometry::MultiPoint(ps) => ps.clone(),
            _ => Vec::new(),
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct AnnotationPointsProps {
    /// The settled camera: points are placed for it, and a gesture only transforms them (like the drawing).
    pub settled: Viewport,
    pub document: DocumentRef,
    pub selected: Option<AnnotationId>,
    #[prop_or(AttrValue::Static("annotation-points"))]
    pub class: AttrValue,
}

/// Point annotations, in the settled view's screen pixels. Drawn again only when the view settles, the
/// document changes or the selection does: a pan or zoom frame costs nothing here, whatever the number of
/// points (the frame around it carries the gesture's transform).
#[component]
pub fn AnnotationPoints(props: &AnnotationPointsProps) -> Html {
    let view = &props.settled;
    let px = |p: LonLat| view.lonlat_to_screen(p);
    let points = props.document.0.annotations.iter().flat_map(|a| {
        let selected = props.selected.as_deref() == Some(a.id.as_str());
        let (c, r) = point_attributes(a);
        points_of(&a.geometry).into_iter().enumerate().map(move |(i, p)| {
            let at = px(p);
            html! {
                <circle key={format!("{}-{i}", a.id)} class={classes!("annotation-point", selected.then_some("selected"))}
                    data-annotation-id={a.id.to_string()} cx={format!("{:.1}", at.x)} cy={format!("{:.1}", at.y)} r={r.clone()} fill={c.clone()} />
            }
        })
    });
    html! {
        <svg class={props.class.clone()} width={view.width.to_string()} height={view.height.to_string()}>
            { for points }
        </svg>
    }
}

/// The keyboard's crosshair at `at`: dark strokes on a white halo, so that it stands out (3:1 or more) on
/// any ground the map has.
fn crosshair(at: ScreenPx) -> Html {
    const ARMS: &str = "M-17 0H-6M6 0H17M0 -17V-6M0 6V17";
    html! {
        <g class="keyboard-crosshair" data-keyboard-crosshair="" data-x={format!("{:.1}", at.x)} data-y={format!("{:.1}", at.y)}
            transform={format!("translate({:.1} {:.1})", at.x, at.y)} aria-hidden="true">
            <path class="crosshair-halo" d={ARMS} />
            <circle class="crosshair-halo" r="6" />
            <path class="crosshair-ink" d={ARMS} />
            <circle class="crosshair-ink" r="6" />
            <circle class="crosshair-dot" r="1.5" />
        </g>
    }
}

/// The selected shape's handles and the shape in progress, in the live view's screen pixels (a few
/// elements, whatever the document's size).
#[component]
pub fn AnnotationOverlay(props: &AnnotationOverlayProps) -> Html {
    let view = &props.view;
    let px = |p: LonLat| view.lonlat_to_screen(p);
    let handles = props.selected.as_ref().and_then(|id| props.document.0.get(id)).map(|a| {
        let moving_points = a.geometry.is_points();
        // A point has no handles to drag, but the vertex the keyboard chose shows.
        let shown = |v: VertexRef| !moving_points || props.vertex == Some(v);
        let corners = vertices(&a.geometry).into_iter().enumerate().filter(|(_, (v, _))| shown(*v)).map(|(i, (v, p))| {
            let at = px(p);
            let active = props.vertex == Some(v);
            html! {
                <rect class={classes!("vertex-handle", active.then_some("active"))} data-vertex={i.to_string()}
                    data-vertex-focused={active.then_some("")}
                    x={format!("{:.1}", at.x - 5.0)} y={format!("{:.1}", at.y - 5.0)} width="10" height="10" />
            }
        });
        let middles = midpoints(&a.geometry).into_iter().enumerate().filter(|_| !moving_points).map(|(i, (_, p))| {
            let at = px(p);
            html! { <circle class="midpoint-handle" data-midpoint={i.to_string()} cx={format!("{:.1}", at.x)} cy={format!("{:.1}", at.y)} r="4.5" /> }
        });
        html! { <g class="handles">{ for middles }{ for corners }</g> }
    });
    let draft = props.draft.as_ref().filter(|d| !d.vertices.is_empty()).map(|d| {
        let mut line: Vec<LonLat> = d.vertices.clone();
        if let Some(c) = props.cursor {
            line.push(c);
        }
        if d.tool == Tool::Area && line.len() > 2 {
            line.push(d.vertices[0]);
        }
        let points = line.iter().map(|p| {
            let at = px(*p);
            format!("{:.1},{:.1}", at.x, at.y)
        });
        let corners = d.vertices.iter().enumerate().map(|(i, p)| {
            let at = px(*p);
            let first = i == 0 && d.tool == Tool::Area;
            html! { <circle class={classes!("draft-vertex", first.then_some("closing"))} cx={format!("{:.1}", at.x)} cy={format!("{:.1}", at.y)} r={if first { "7" } else { "4" }} /> }
        });
        let measures = d.preview(props.cursor).map(|g| g.measures().in_words()).unwrap_or_default();
        let label_at = px(*line.last().unwrap_or(&d.vertices[0]));
        html! {
            <g class="draft" data-draft="">
                <polyline class="draft-line" points={points.collect::<Vec<_>>().join(" ")} />
                { for corners }
                if !measures.is_empty() {
                    <text class="draft-measures" data-measures="" x={format!("{:.1}", label_at.x + 12.0)} y={format!("{:.1}", label_at.y - 10.0)}>{ measures }</text>
                }
            </g>
        }
    });
    html! {
        <svg class={props.class.clone()} width={view.width.to_string()} height={view.height.to_string()}>
            { handles.unwrap_or_default() }
            { draft.unwrap_or_default() }
            { props.crosshair.map(crosshair).unwrap_or_default() }
        </svg>
    }
}

//! Reshaping and moving the selected annotation with the pointer: which handle a press lands on, and the
//! annotation each pointer move makes of it. A drag shows a preview and becomes one history step on release.

use wasm_bindgen::JsCast;

use crate::domain::annotation::Annotation;
use crate::domain::coords::{LonLat, ScreenPx};
use crate::domain::drawing::{midpoints, vertices, with_vertex_inserted, with_vertex_moved, VertexRef};
use crate::domain::viewport::Viewport;

use crate::ui::annotate::state::{AnnotationAction, AnnotationState};

/// A drag in progress on an annotation.
#[derive(Clone, Debug)]
pub enum EditDrag {
    /// The whole annotation follows the pointer from where it was grabbed.
    Move { original: Annotation, grabbed: LonLat },
    /// One vertex follows the pointer.
    Vertex { original: Annotation, vertex: VertexRef },
}

/// What a press on the map landed on (made once per press, so its size does not matter).
#[allow(clippy::large_enum_variant)]
pub enum PressTarget {
    Drag(EditDrag, Vec<AnnotationAction>),
    /// An annotation that is not selected: a click on it selects it.
    Annotation(String),
    Nothing,
}

fn attribute_of(target: &web_sys::Element, name: &str) -> Option<(web_sys::Element, String)> {
    let element = target.closest(&format!("[{name}]")).ok().flatten()?;
    let value = element.get_attribute(name)?;
    Some((element, value))
}

/// Decides what a press at `at` on `target` starts.
pub fn press(
    target: Option<web_sys::EventTarget>,
    at: ScreenPx,
    view: &Viewport,
    state: &AnnotationState,
) -> PressTarget {
    let target = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    match target {
        Some(target) if state.tool.is_none() => press_on(&target, at, view, state).unwrap_or(PressTarget::Nothing),
        _ => PressTarget::Nothing,
    }
}

fn press_on(target: &web_sys::Element, at: ScreenPx, view: &Viewport, state: &AnnotationState) -> Option<PressTarget> {
    let selected = state.selected.as_ref().and_then(|id| state.document().get(id)).map(|a| (**a).clone());
    if let (Some(a), Some((_, index))) = (&selected, attribute_of(target, "data-vertex")) {
        let vertex = vertices(&a.geometry).get(index.parse::<usize>().unwrap_or(usize::MAX))?.0;
        return Some(PressTarget::Drag(
            EditDrag::Vertex { original: a.clone(), vertex },
            vec![AnnotationAction::SelectVertex(Some(vertex))],
        ));
    }
    if let (Some(a), Some((_, index))) = (&selected, attribute_of(target, "data-midpoint")) {
        let (vertex, p) = *midpoints(&a.geometry).get(index.parse::<usize>().unwrap_or(usize::MAX))?;
        let geometry = with_vertex_inserted(&a.geometry, vertex, p)?;
        let inserted = Annotation { geometry, ..a.clone() };
        return Some(PressTarget::Drag(
            EditDrag::Vertex { original: inserted.clone(), vertex },
            vec![AnnotationAction::Preview(inserted), AnnotationAction::SelectVertex(Some(vertex))],
        ));
    }
    let (_, id) = attribute_of(target, "data-annotation-id")?;
    Some(match &selected {
        Some(a) if a.id == id => {
            PressTarget::Drag(EditDrag::Move { original: a.clone(), grabbed: view.screen_to_lonlat(at) }, vec![])
        }
        _ => PressTarget::Annotation(id),
    })
}

/// The annotation as the drag has made it with the pointer at `at`.
pub fn dragged(drag: &EditDrag, at: ScreenPx, view: &Viewport) -> Option<Annotation> {
    let here = view.screen_to_lonlat(at);
    match drag {
        EditDrag::Move { original, grabbed } => Some(Annotation {
            geometry: original.geometry.translated(here.lon - grabbed.lon, here.lat - grabbed.lat),
            ..original.clone()
        }),
        EditDrag::Vertex { original, vertex } => {
            Some(Annotation { geometry: with_vertex_moved(&original.geometry, *vertex, here)?, ..original.clone() })
        }
    }
}

//! Reshaping and moving the selected annotation with the pointer: the drag a press on a handle or on the
//! annotation starts (who owns the press is `domain::press_owner`'s answer), and the annotation each pointer
//! move makes of it. A drag shows a preview and becomes one history step on release.

use crate::domain::annotation::Annotation;
use crate::domain::coords::{LonLat, ScreenPx};
use crate::domain::drawing::{midpoints, vertices, with_vertex_inserted, with_vertex_moved, VertexRef};
use crate::domain::press_owner::PressOwner;
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

/// The drag a press on `owner` at `at` starts on the selected annotation, and the actions that begin it
/// (a vertex selected; a midpoint turned into a vertex). `None` when the owner starts no drag.
pub fn drag_for(
    owner: PressOwner,
    at: ScreenPx,
    view: &Viewport,
    state: &AnnotationState,
) -> Option<(EditDrag, Vec<AnnotationAction>)> {
    let selected = state.selected.as_ref().and_then(|id| state.document().get(id)).map(|a| (**a).clone())?;
    match owner {
        PressOwner::Vertex(index) => {
            let vertex = vertices(&selected.geometry).get(index)?.0;
            Some((EditDrag::Vertex { original: selected, vertex }, vec![AnnotationAction::SelectVertex(Some(vertex))]))
        }
        PressOwner::Midpoint(index) => {
            let (vertex, p) = *midpoints(&selected.geometry).get(index)?;
            let geometry = with_vertex_inserted(&selected.geometry, vertex, p)?;
            let inserted = Annotation { geometry, ..selected };
            Some((
                EditDrag::Vertex { original: inserted.clone(), vertex },
                vec![AnnotationAction::Preview(inserted), AnnotationAction::SelectVertex(Some(vertex))],
            ))
        }
        PressOwner::Annotation { selected: true, .. } => {
            Some((EditDrag::Move { original: selected, grabbed: view.screen_to_lonlat(at) }, vec![]))
        }
        _ => None,
    }
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

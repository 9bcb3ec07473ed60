//! The annotation part of the app state: the document with its undo history, the drawing tool and the
//! shape in progress, the selected annotation, and the edit a drag is making. Its reducer is pure, like
//! the rest of [`crate::ui::state`].

use std::rc::Rc;

use crate::domain::annotation::{Annotation, AnnotationDocument};
use crate::domain::coords::{LonLat, ScreenPx};
pub use crate::domain::drawing::SAME_SPOT_PX;
use crate::domain::drawing::{vertices, with_vertex_moved, with_vertex_removed, Draft, Tool, VertexRef};
use crate::domain::history::{History, DEFAULT_LIMIT};
use crate::domain::ids::AnnotationId;
use crate::domain::interaction::ViewCommand;
use crate::domain::keyboard_edit::{
    enter_at, next_vertex, nudged, on_screen, step_crosshair, CrosshairStep, EnterAction,
};
use crate::domain::quote_index::QuoteSelector;
use crate::domain::shared::Shared;
use crate::domain::viewport::Viewport;
use crate::ui::map::map_state::MapAction;
use crate::ui::state::Step;
use crate::ui::story::reading::{PanelTab, ReadingAction};

/// Whether autosave may write to the browser's storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageState {
    /// Not yet read at start: saving now could overwrite work.
    Unchecked,
    Ready,
    /// The saved document could not be read (or storage is unusable): it is left untouched and nothing is
    /// saved until the reader exports.
    Blocked,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AnnotationState {
    /// Shared and compared by identity: a pointer move or a pan frame never walks the history.
    pub history: Shared<History<AnnotationDocument>>,
    pub tool: Option<Tool>,
    pub draft: Option<Draft>,
    /// Where the pointer is while drawing (for the rubber band).
    pub cursor: Option<LonLat>,
    pub selected: Option<AnnotationId>,
    /// While a drag reshapes or moves an annotation: the document as it will be when the drag ends.
    pub preview: Option<AnnotationDocument>,
    /// The vertex of the selected annotation last clicked or chosen with `[` / `]` (Delete removes it, the
    /// arrow keys move it).
    pub vertex: Option<VertexRef>,
    /// While a tool is on: where the keyboard's next point or vertex goes (the arrow keys move it; a click
    /// puts it where it clicked). Shown inside the map even when the map has moved it off screen.
    pub crosshair: Option<LonLat>,
    /// The vertex the last action nudged with the keyboard: nudging it again amends that history step, so
    /// that a burst of arrow presses undoes as one (any other action ends the burst).
    pub nudging: Option<(AnnotationId, VertexRef)>,
    pub storage: StorageState,
    /// A CSV file waiting for the reader to say which columns hold its positions.
    pub choosing_columns: Option<Rc<ColumnChoice>>,
}

/// A CSV file whose column names do not say where its positions are, and its columns, for the reader to
/// choose from.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnChoice {
    /// How the file is named to the reader ("The file “x.csv”").
    pub origin: String,
    pub name: String,
    pub bytes: Rc<Vec<u8>>,
    pub columns: Vec<String>,
}

impl Default for AnnotationState {
    fn default() -> Self {
        AnnotationState {
            history: Shared::new(History::new(AnnotationDocument::default())),
            tool: None,
            draft: None,
            cursor: None,
            selected: None,
            preview: None,
            vertex: None,
            crosshair: None,
            nudging: None,
            storage: StorageState::Unchecked,
            choosing_columns: None,
        }
    }
}

/// Every change to annotations.
#[derive(Clone, Debug, PartialEq)]
pub enum AnnotationAction {
    SetTool(Option<Tool>),
    /// A click on the map while a tool is active.
    Click(LonLat),
    Cursor(Option<LonLat>),
    RemoveLastVertex,
    Finish,
    Cancel,
    Select(Option<AnnotationId>),
    SelectVertex(Option<VertexRef>),
    /// A step of a drag: the annotation as it is now (not yet a history step).
    Preview(Annotation),
    /// The drag ended: its result becomes one history step.
    EndDrag,
    /// An arrow key while a tool is on: the crosshair moves by (dx, dy) CSS px, the map pans past the edge.
    MoveCrosshair {
        dx: f64,
        dy: f64,
    },
    /// Enter while a tool is on: a point or vertex at the crosshair (the click there), or the shape finished.
    EnterAtCrosshair,
    /// `[` / `]`: the selected annotation's previous or next vertex is chosen.
    StepVertex {
        forward: bool,
    },
    /// An arrow key with a vertex chosen: it moves by (dx, dy) CSS px, a burst of them one history step.
    NudgeVertex {
        dx: f64,
        dy: f64,
    },
    DeleteVertex {
        id: AnnotationId,
        vertex: VertexRef,
    },
    Delete(AnnotationId),
    /// A property edit (title, note, style).
    Update(Annotation),
    AttachQuote {
        id: AnnotationId,
        quote: QuoteSelector,
    },
    RemoveQuote {
        id: AnnotationId,
        index: usize,
    },
    Undo,
    Redo,
    /// Add imported annotations as one step.
    Import(Vec<Annotation>),
    /// The saved document, read at start (not a step: there is nothing to undo to).
    Restore(AnnotationDocument),
    StorageChecked {
        usable: bool,
    },
}

impl AnnotationState {
    /// The document on screen (a drag's preview while it runs).
    pub fn document(&self) -> &AnnotationDocument {
        self.preview.as_ref().unwrap_or(self.history.present())
    }

    /// `doc` as the next history step, in the form it is saved in (so that what is saved reads back equal).
    /// A vertex selection on a ring that was turned to the right-hand rule is dropped.
    fn commit(&self, doc: AnnotationDocument) -> AnnotationState {
        self.commit_or_amend(doc, false)
    }

    /// [`Self::commit`], or with `amend` the present replaced in its step (`History::amended`).
    fn commit_or_amend(&self, doc: AnnotationDocument, amend: bool) -> AnnotationState {
        let (doc, turned) = doc.in_stored_form(self.history.present());
        let vertex = self.vertex.filter(|_| self.selected.as_ref().is_none_or(|id| !turned.contains(id)));
        // Committing the present itself is not a step: the history stays the same value.
        let history = if doc == *self.history.present() {
            self.history.clone()
        } else if amend {
            Shared::new(self.history.amended(doc))
        } else {
            Shared::new(self.history.committed(doc))
        };
        AnnotationState { history, preview: None, vertex, ..self.clone() }
    }

    /// The state after undo or redo: the selection is kept only if its annotation still exists, and the
    /// vertex selection is dropped (its indices belonged to the shape as it was).
    fn with_history(&self, history: History<AnnotationDocument>) -> AnnotationState {
        let selected = self.selected.clone().filter(|id| history.present().get(id).is_some());
        AnnotationState { history: Shared::new(history), preview: None, selected, vertex: None, ..self.clone() }
    }

    fn finish_draft(&self, draft: &Draft, view: &Viewport) -> AnnotationState {
        let same_spot =
            |a: LonLat, b: LonLat| view.lonlat_to_screen(a).distance(view.lonlat_to_screen(b)) < SAME_SPOT_PX;
        let Some(geometry) = draft.finished(same_spot) else {
            return AnnotationState { draft: Some(draft.clone()), ..self.clone() };
        };
        let (id, doc) = self.history.present().fresh_id();
        let next = self.commit(doc.with_added(Annotation::new(id.clone(), geometry)));
        AnnotationState { draft: Some(Draft::new(draft.tool)), cursor: None, selected: Some(id), ..next }
    }

    /// Where the keyboard crosshair shows in `view` (inside the map), while a tool is on.
    pub fn crosshair_at(&self, view: &Viewport) -> Option<ScreenPx> {
        self.tool?;
        let at =
            self.crosshair.map_or(ScreenPx::new(view.width / 2.0, view.height / 2.0), |c| view.lonlat_to_screen(c));
        Some(on_screen(at, view.width, view.height))
    }

    fn crosshair_step(&self, step: (f64, f64), view: &Viewport) -> Option<CrosshairStep> {
        Some(step_crosshair(self.crosshair_at(view)?, step, view.width, view.height))
    }

    /// The next state and what the other slices do: selecting an annotation opens its editor (the
    /// Annotations tab); a crosshair step past the map's edge pans the map.
    pub fn reduce(&self, action: AnnotationAction, view: &Viewport) -> Step<AnnotationState> {
        let opens_editor = matches!(&action, AnnotationAction::Select(Some(_)));
        let pan = match action {
            AnnotationAction::MoveCrosshair { dx, dy } => self.crosshair_step((dx, dy), view).map(|s| s.pan),
            _ => None,
        }
        .filter(|&(dx, dy)| dx != 0.0 || dy != 0.0);
        let Some(next) = self.apply(action, view) else { return Step::unchanged() };
        let shows_editor = opens_editor || (next.selected.is_some() && next.selected != self.selected);
        let mut step = Step::to(next);
        if let Some((dx, dy)) = pan {
            step = step.then(MapAction::Jump(ViewCommand::PanBy { dx, dy }));
        }
        if shows_editor {
            step.then(ReadingAction::ShowPanel(PanelTab::Annotations))
        } else {
            step
        }
    }

    /// The next state, or `None` when nothing changes. `view` tells screen distances (same-spot clicks).
    pub fn apply(&self, action: AnnotationAction, view: &Viewport) -> Option<AnnotationState> {
        use AnnotationAction::*;
        let nudge = matches!(action, NudgeVertex { .. });
        let next = match action {
            a @ (SetTool(_) | Click(_) | Cursor(_) | RemoveLastVertex | Finish | Cancel) => self.drawn(a, view)?,
            a @ (MoveCrosshair { .. } | EnterAtCrosshair) => self.keyed(a, view)?,
            NudgeVertex { dx, dy } => self.nudged((dx, dy), view)?,
            a @ (Select(_) | SelectVertex(_) | StepVertex { .. } | Preview(_) | EndDrag) => self.pointed(a)?,
            a @ (DeleteVertex { .. } | Delete(_) | Update(_) | AttachQuote { .. } | RemoveQuote { .. }) => {
                self.edited(a)?
            }
            a @ (Undo | Redo | Import(_) | Restore(_) | StorageChecked { .. }) => self.stored(a)?,
        };
        // A vertex selection belongs to the selected annotation: another selection drops it.
        let next = if next.selected != self.selected { AnnotationState { vertex: None, ..next } } else { next };
        // Only a nudge continues a burst of nudges.
        let next = if nudge { next } else { AnnotationState { nudging: None, ..next } };
        (next != *self).then_some(next)
    }

    /// The draw tools: choosing one, clicking vertices, the rubber band, finishing and cancelling.
    fn drawn(&self, action: AnnotationAction, view: &Viewport) -> Option<AnnotationState> {
        Some(match action {
            AnnotationAction::SetTool(tool) => AnnotationState {
                tool,
                draft: tool.map(Draft::new),
                cursor: None,
                // A tool turned on puts the crosshair at the map's middle; another tool keeps it where it is.
                crosshair: tool.map(|_| self.crosshair.unwrap_or_else(|| view.center_lonlat())),
                selected: if tool.is_some() { None } else { self.selected.clone() },
                ..self.clone()
            },
            AnnotationAction::Click(at) => {
                let draft = self.draft.clone()?;
                let first = draft.vertices.first().copied();
                let closes = draft.tool == Tool::Area
                    && draft.vertices.len() >= 3
                    && first
                        .is_some_and(|f| view.lonlat_to_screen(f).distance(view.lonlat_to_screen(at)) < SAME_SPOT_PX);
                if closes {
                    self.finish_draft(&draft, view)
                } else {
                    let draft = draft.with_vertex(at);
                    let here = AnnotationState { crosshair: Some(at), ..self.clone() };
                    if draft.tool == Tool::Point {
                        here.finish_draft(&draft, view)
                    } else {
                        AnnotationState { draft: Some(draft), ..here }
                    }
                }
            }
            AnnotationAction::Cursor(at) => {
                self.draft.as_ref().filter(|d| !d.vertices.is_empty())?;
                AnnotationState { cursor: at, ..self.clone() }
            }
            AnnotationAction::RemoveLastVertex => {
                let draft = self.draft.as_ref().filter(|d| !d.vertices.is_empty())?;
                AnnotationState { draft: Some(draft.without_last_vertex()), ..self.clone() }
            }
            AnnotationAction::Finish => {
                let draft = self.draft.clone()?;
                self.finish_draft(&draft, view)
            }
            AnnotationAction::Cancel => {
                if self.draft.as_ref().is_some_and(|d| !d.vertices.is_empty()) {
                    AnnotationState { draft: self.tool.map(Draft::new), cursor: None, ..self.clone() }
                } else if self.tool.is_some() {
                    AnnotationState { tool: None, draft: None, cursor: None, crosshair: None, ..self.clone() }
                } else if self.preview.is_some() {
                    AnnotationState { preview: None, ..self.clone() }
                } else {
                    AnnotationState { selected: None, ..self.clone() }
                }
            }
            _ => return None,
        })
    }

    /// The keyboard's drawing: the crosshair moved, and Enter at it, which makes the same steps as a click
    /// there (and a finish) would.
    fn keyed(&self, action: AnnotationAction, view: &Viewport) -> Option<AnnotationState> {
        Some(match action {
            AnnotationAction::MoveCrosshair { dx, dy } => {
                let step = self.crosshair_step((dx, dy), view)?;
                let (px, py) = step.pan;
                let here = view.panned_by(px, py).screen_to_lonlat(step.at);
                let drafting = self.draft.as_ref().is_some_and(|d| !d.vertices.is_empty());
                let cursor = if drafting { Some(here) } else { self.cursor };
                AnnotationState { crosshair: Some(here), cursor, ..self.clone() }
            }
            AnnotationAction::EnterAtCrosshair => {
                let draft = self.draft.clone()?;
                let at = self.crosshair_at(view)?;
                let placed: Vec<ScreenPx> = draft.vertices.iter().map(|v| view.lonlat_to_screen(*v)).collect();
                let click = AnnotationAction::Click(view.screen_to_lonlat(at));
                match enter_at(draft.tool, &placed, at, SAME_SPOT_PX)? {
                    EnterAction::Place => self.drawn(click, view)?,
                    EnterAction::PlaceAndFinish => self.drawn(click, view)?.drawn(AnnotationAction::Finish, view)?,
                    EnterAction::Finish => self.drawn(AnnotationAction::Finish, view)?,
                }
            }
            _ => return None,
        })
    }

    /// The chosen vertex of the selected annotation moved by a screen step, converted to the map; nudging the
    /// same vertex again amends the step, so a burst undoes as one.
    fn nudged(&self, step: (f64, f64), view: &Viewport) -> Option<AnnotationState> {
        let (id, vertex) = (self.selected.clone()?, self.vertex?);
        let present = self.history.present();
        let annotation = present.get(&id)?;
        let (_, at) = *vertices(&annotation.geometry).iter().find(|(v, _)| *v == vertex)?;
        let geometry = with_vertex_moved(&annotation.geometry, vertex, nudged(view, at, step))?;
        let doc = present.with_replaced(Annotation { geometry, ..(**annotation).clone() })?;
        let burst = (id.clone(), vertex);
        let amend = self.nudging.as_ref() == Some(&burst) && self.history.can_undo();
        let next = self.commit_or_amend(doc, amend);
        // A nudge that changed nothing (a vertex at the map's limit) starts no burst; a turned ring ends it.
        let nudging = (next.vertex == Some(vertex) && (amend || next.history != self.history)).then_some(burst);
        Some(AnnotationState { nudging, ..next })
    }

    /// Pointing at annotations: selecting one or a vertex, and a drag's preview and end.
    fn pointed(&self, action: AnnotationAction) -> Option<AnnotationState> {
        let present = self.history.present();
        Some(match action {
            AnnotationAction::Select(id) => {
                if let Some(id) = &id {
                    present.get(id)?;
                }
                AnnotationState { selected: id, vertex: None, ..self.clone() }
            }
            AnnotationAction::SelectVertex(vertex) => {
                let annotation = present.get(self.selected.as_ref()?)?;
                if let Some(v) = vertex {
                    vertices(&annotation.geometry).iter().find(|(at, _)| *at == v)?;
                }
                AnnotationState { vertex, ..self.clone() }
            }
            AnnotationAction::StepVertex { forward } => {
                let all = vertices(&present.get(self.selected.as_ref()?)?.geometry);
                let current = self.vertex.and_then(|v| all.iter().position(|(r, _)| *r == v));
                let chosen = all[next_vertex(all.len(), current, forward)?].0;
                AnnotationState { vertex: Some(chosen), ..self.clone() }
            }
            AnnotationAction::Preview(annotation) => {
                let preview = present.with_replaced(annotation)?;
                AnnotationState { preview: Some(preview), ..self.clone() }
            }
            AnnotationAction::EndDrag => {
                let preview = self.preview.clone()?;
                self.commit(preview)
            }
            _ => return None,
        })
    }

    /// Edits that are history steps: vertices and annotations deleted, properties and quotes changed.
    fn edited(&self, action: AnnotationAction) -> Option<AnnotationState> {
        let present = self.history.present();
        Some(match action {
            AnnotationAction::DeleteVertex { id, vertex } => {
                let annotation = present.get(&id)?;
                let geometry = with_vertex_removed(&annotation.geometry, vertex)?;
                let next = self.commit(present.with_replaced(Annotation { geometry, ..(**annotation).clone() })?);
                AnnotationState { vertex: None, ..next }
            }
            AnnotationAction::Delete(id) => {
                let next = self.commit(present.without(&id)?);
                AnnotationState { selected: None, ..next }
            }
            AnnotationAction::Update(annotation) => self.commit(present.with_replaced(annotation)?),
            AnnotationAction::AttachQuote { id, quote } => {
                let annotation = present.get(&id)?;
                // No more than an import accepts, so that the document always reads back.
                let limits = crate::domain::geojson_import::ImportLimits::default();
                let in_all: usize = present.annotations.iter().map(|a| a.quotes.len()).sum();
                if annotation.quotes.contains(&quote)
                    || annotation.quotes.len() >= limits.max_quotes_per_feature
                    || in_all >= limits.max_quotes
                {
                    return None;
                }
                let mut changed = (**annotation).clone();
                changed.quotes.push(quote);
                self.commit(present.with_replaced(changed)?)
            }
            AnnotationAction::RemoveQuote { id, index } => {
                let annotation = present.get(&id)?;
                annotation.quotes.get(index)?;
                let mut changed = (**annotation).clone();
                changed.quotes.remove(index);
                self.commit(present.with_replaced(changed)?)
            }
            _ => return None,
        })
    }

    /// The history and storage: undo, redo, imports, the restored document, whether saving may start.
    fn stored(&self, action: AnnotationAction) -> Option<AnnotationState> {
        let present = self.history.present();
        Some(match action {
            AnnotationAction::Undo if self.history.can_undo() => self.with_history(self.history.undone()),
            AnnotationAction::Redo if self.history.can_redo() => self.with_history(self.history.redone()),
            AnnotationAction::Undo | AnnotationAction::Redo => return None,
            AnnotationAction::Import(annotations) => {
                if annotations.is_empty() {
                    return None;
                }
                self.commit(present.with_imported(annotations))
            }
            // Restoring makes saving possible, unless something already stopped it (saved data that could
            // not be kept aside, say): a block is only lifted by the reader's reload.
            AnnotationAction::Restore(doc) => AnnotationState {
                history: Shared::new(History::reset(doc, DEFAULT_LIMIT)),
                preview: None,
                selected: None,
                storage: if self.storage == StorageState::Blocked {
                    StorageState::Blocked
                } else {
                    StorageState::Ready
                },
                ..self.clone()
            },
            AnnotationAction::StorageChecked { usable } => AnnotationState {
                storage: if usable { StorageState::Ready } else { StorageState::Blocked },
                ..self.clone()
            },
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::annotation::AnnotationGeometry;
    use crate::domain::coords::ScreenPx;
    use crate::domain::projection::project;
    use crate::ui::state::Action;

    fn view() -> Viewport {
        Viewport { center: project(LonLat::new(72.0, 38.0)), zoom: 7.0, width: 800.0, height: 600.0 }
    }

    fn at(x: f64, y: f64) -> LonLat {
        view().screen_to_lonlat(ScreenPx::new(x, y))
    }

    /// A one-degree square area, closed, counter-clockwise.
    fn square() -> AnnotationGeometry {
        let p = |x: f64, y: f64| LonLat::new(x, y);
        AnnotationGeometry::Polygon(vec![vec![
            p(70.0, 37.0),
            p(71.0, 37.0),
            p(71.0, 38.0),
            p(70.0, 38.0),
            p(70.0, 37.0),
        ]])
    }

    fn run(state: AnnotationState, actions: Vec<AnnotationAction>) -> AnnotationState {
        actions.into_iter().fold(state, |s, a| s.apply(a, &view()).unwrap_or(s))
    }

    #[test]
    fn an_area_closes_on_its_first_vertex_and_is_one_undo_step() {
        let s = run(
            AnnotationState::default(),
            vec![
                AnnotationAction::SetTool(Some(Tool::Area)),
                AnnotationAction::Click(at(100.0, 100.0)),
                AnnotationAction::Click(at(200.0, 100.0)),
                AnnotationAction::Click(at(200.0, 200.0)),
                AnnotationAction::Click(at(103.0, 102.0)),
            ],
        );
        let doc = s.document();
        assert_eq!(doc.annotations.len(), 1);
        assert!(matches!(&doc.annotations[0].geometry, AnnotationGeometry::Polygon(r) if r[0].len() == 4));
        assert_eq!(s.selected.as_deref(), Some("a1"));
        let undone = s.apply(AnnotationAction::Undo, &view()).unwrap();
        assert!(undone.document().annotations.is_empty());
        assert_eq!(undone.selected, None);
        assert_eq!(undone.apply(AnnotationAction::Redo, &view()).unwrap().document(), doc);
    }

    #[test]
    fn a_double_click_finishes_a_line_without_a_doubled_vertex() {
        let s = run(
            AnnotationState::default(),
            vec![
                AnnotationAction::SetTool(Some(Tool::Line)),
                AnnotationAction::Click(at(100.0, 100.0)),
                AnnotationAction::Click(at(300.0, 120.0)),
                AnnotationAction::Click(at(301.0, 121.0)),
                AnnotationAction::Finish,
            ],
        );
        let AnnotationGeometry::LineString(line) = &s.document().annotations[0].geometry else { panic!() };
        assert_eq!(line.len(), 2);
    }

    /// The crosshair where the overlay shows it.
    fn crosshair(s: &AnnotationState) -> ScreenPx {
        s.crosshair_at(&view()).unwrap()
    }

    fn key_move(dx: f64, dy: f64) -> AnnotationAction {
        AnnotationAction::MoveCrosshair { dx, dy }
    }

    #[test]
    fn the_keyboard_draws_a_point_a_line_and_an_area_with_the_clicks_steps() {
        let s = run(AnnotationState::default(), vec![AnnotationAction::SetTool(Some(Tool::Point))]);
        assert_eq!(crosshair(&s), ScreenPx::new(400.0, 300.0), "a tool turned on puts it at the middle");
        let s = run(s, vec![key_move(-50.0, 0.0), key_move(0.0, 10.0), AnnotationAction::EnterAtCrosshair]);
        let AnnotationGeometry::Point(p) = s.document().annotations[0].geometry else { panic!() };
        let placed = view().lonlat_to_screen(p);
        assert!((placed.x - 350.0).abs() < 1e-3 && (placed.y - 310.0).abs() < 1e-3, "{placed:?}");
        // A line: two vertices, then Enter again at the same spot finishes it.
        let s = run(
            s,
            vec![
                AnnotationAction::SetTool(Some(Tool::Line)),
                AnnotationAction::EnterAtCrosshair,
                key_move(100.0, 0.0),
                AnnotationAction::EnterAtCrosshair,
            ],
        );
        assert!(crosshair(&s).distance(ScreenPx::new(450.0, 310.0)) < 1e-6, "switching tools keeps the crosshair");
        assert_eq!(s.draft.as_ref().unwrap().vertices.len(), 2);
        assert_eq!(s.cursor, s.crosshair, "the rubber band follows the crosshair");
        let s = run(s, vec![AnnotationAction::EnterAtCrosshair]);
        let AnnotationGeometry::LineString(line) = &s.document().annotations[1].geometry else { panic!() };
        assert_eq!(line.len(), 2);
        // An area: three corners, then Enter on the first one closes it.
        let s = run(
            s,
            vec![
                AnnotationAction::SetTool(Some(Tool::Area)),
                AnnotationAction::EnterAtCrosshair,
                key_move(0.0, 50.0),
                AnnotationAction::EnterAtCrosshair,
                key_move(-50.0, 0.0),
                AnnotationAction::EnterAtCrosshair,
                key_move(50.0, -50.0),
            ],
        );
        assert_eq!(s.document().annotations.len(), 2, "not yet closed");
        let s = run(s, vec![AnnotationAction::EnterAtCrosshair]);
        let AnnotationGeometry::Polygon(rings) = &s.document().annotations[2].geometry else { panic!() };
        assert_eq!(rings[0].len(), 4, "three corners, closed");
        assert_eq!(s.draft.as_ref().map(|d| d.vertices.len()), Some(0), "the tool stays on for the next shape");
        // Each finished shape is one step, as with clicks.
        let back = run(s, vec![AnnotationAction::Undo, AnnotationAction::Undo]);
        assert_eq!(back.document().annotations.len(), 1);
    }

    #[test]
    fn the_crosshair_stops_at_the_edge_and_the_map_pans_instead() {
        let s = run(AnnotationState::default(), vec![AnnotationAction::SetTool(Some(Tool::Line))]);
        let step = s.reduce(key_move(500.0, 0.0), &view());
        let pan = MapAction::Jump(ViewCommand::PanBy { dx: -(500.0 - 384.0), dy: 0.0 });
        assert_eq!(step.then, vec![Action::Map(pan)]);
        let moved = step.next.unwrap();
        // Once the map has panned as asked, the crosshair is at the edge of the panned view.
        let panned = view().panned_by(-116.0, 0.0);
        let at = panned.lonlat_to_screen(moved.crosshair.unwrap());
        assert!((at.x - 784.0).abs() < 1e-6 && (at.y - 300.0).abs() < 1e-6, "{at:?}");
        assert!(s.reduce(key_move(10.0, 0.0), &view()).then.is_empty(), "inside, only the crosshair moves");
        let off = run(s, vec![AnnotationAction::SetTool(None)]);
        assert_eq!(off.crosshair_at(&view()), None);
        assert_eq!(off.apply(key_move(10.0, 0.0), &view()), None, "no tool, no crosshair");
    }

    #[test]
    fn enter_on_the_mouses_last_click_finishes_the_shape_as_before() {
        let s = run(
            AnnotationState::default(),
            vec![
                AnnotationAction::SetTool(Some(Tool::Line)),
                AnnotationAction::Click(at(100.0, 100.0)),
                AnnotationAction::Click(at(300.0, 120.0)),
                AnnotationAction::EnterAtCrosshair,
            ],
        );
        let AnnotationGeometry::LineString(line) = &s.document().annotations[0].geometry else { panic!() };
        assert_eq!(line.len(), 2, "the crosshair was at the last click: Enter finished, added nothing");
    }

    #[test]
    fn a_burst_of_keyboard_nudges_moves_the_chosen_vertex_and_undoes_as_one() {
        let s = run(
            AnnotationState::default(),
            vec![
                AnnotationAction::Import(vec![Annotation::new("a1", square())]),
                AnnotationAction::Select(Some("a1".into())),
                AnnotationAction::StepVertex { forward: false },
            ],
        );
        assert_eq!(s.vertex, Some(VertexRef { part: 0, ring: 0, index: 3 }), "[ from none chooses the last");
        let s = run(
            s,
            vec![AnnotationAction::StepVertex { forward: true }, AnnotationAction::StepVertex { forward: true }],
        );
        assert_eq!(s.vertex, Some(VertexRef { part: 0, ring: 0, index: 1 }), "] wraps round to the first, then on");
        let before = s.clone();
        let corner =
            |s: &AnnotationState| view().lonlat_to_screen(vertices(&s.document().get("a1").unwrap().geometry)[1].1);
        let s = run(
            s,
            vec![
                AnnotationAction::NudgeVertex { dx: 10.0, dy: 0.0 },
                AnnotationAction::NudgeVertex { dx: 10.0, dy: 0.0 },
                AnnotationAction::NudgeVertex { dx: 0.0, dy: 50.0 },
            ],
        );
        let (from, to) = (corner(&before), corner(&s));
        assert!((to.x - from.x - 20.0).abs() < 0.01 && (to.y - from.y - 50.0).abs() < 0.01, "{from:?} -> {to:?}");
        let undone = s.apply(AnnotationAction::Undo, &view()).unwrap();
        assert_eq!(undone.document(), before.document(), "one undo takes the whole burst back");
        assert_eq!(undone.apply(AnnotationAction::Redo, &view()).unwrap().document(), s.document());
        // Another action between two nudges ends the burst: two steps.
        let two = run(
            before.clone(),
            vec![
                AnnotationAction::NudgeVertex { dx: 10.0, dy: 0.0 },
                AnnotationAction::StepVertex { forward: true },
                AnnotationAction::StepVertex { forward: false },
                AnnotationAction::NudgeVertex { dx: 10.0, dy: 0.0 },
            ],
        );
        let once = two.apply(AnnotationAction::Undo, &view()).unwrap();
        assert_ne!(once.document(), before.document());
        assert_eq!(once.apply(AnnotationAction::Undo, &view()).unwrap().document(), before.document());
        assert_eq!(before.apply(AnnotationAction::SetTool(None), &view()), None);
        let nothing_chosen = AnnotationState { vertex: None, ..before };
        assert_eq!(nothing_chosen.apply(AnnotationAction::NudgeVertex { dx: 10.0, dy: 0.0 }, &view()), None);
    }

    #[test]
    fn escape_cancels_the_shape_in_progress_then_the_tool() {
        let s = run(
            AnnotationState::default(),
            vec![AnnotationAction::SetTool(Some(Tool::Line)), AnnotationAction::Click(at(1.0, 1.0))],
        );
        let cancelled = s.apply(AnnotationAction::Cancel, &view()).unwrap();
        assert_eq!(cancelled.draft.as_ref().map(|d| d.vertices.len()), Some(0));
        assert_eq!(cancelled.tool, Some(Tool::Line));
        assert_eq!(cancelled.apply(AnnotationAction::Cancel, &view()).unwrap().tool, None);
        assert!(cancelled.document().annotations.is_empty());
    }

    #[test]
    fn a_drag_is_one_step_and_a_new_edit_after_undo_clears_redo() {
        let s = run(
            AnnotationState::default(),
            vec![AnnotationAction::SetTool(Some(Tool::Point)), AnnotationAction::Click(at(10.0, 10.0))],
        );
        let original = (*s.document().annotations[0]).clone();
        let mut moved = original.clone();
        let mut s2 = s.clone();
        for step in 1..=5 {
            moved.geometry = original.geometry.translated(0.1 * step as f64, 0.0);
            s2 = s2.apply(AnnotationAction::Preview(moved.clone()), &view()).unwrap();
        }
        let s2 = s2.apply(AnnotationAction::EndDrag, &view()).unwrap();
        let back = s2.apply(AnnotationAction::Undo, &view()).unwrap();
        assert_eq!(*back.document().annotations[0], original, "five drag steps undo as one");
        let edited =
            back.apply(AnnotationAction::Update(Annotation { title: "here".into(), ..original }), &view()).unwrap();
        assert!(!edited.history.can_redo());
    }

    #[test]
    fn undo_after_import_removes_the_whole_import() {
        let imported = vec![
            Annotation::new("x", AnnotationGeometry::Point(LonLat::new(70.0, 38.0))),
            Annotation::new("y", AnnotationGeometry::Point(LonLat::new(71.0, 38.0))),
        ];
        let s = AnnotationState::default().apply(AnnotationAction::Import(imported), &view()).unwrap();
        assert_eq!(s.document().annotations.len(), 2);
        assert!(s.apply(AnnotationAction::Undo, &view()).unwrap().document().annotations.is_empty());
    }

    #[test]
    fn quotes_attach_once_and_can_be_removed() {
        let s = run(
            AnnotationState::default(),
            vec![AnnotationAction::SetTool(Some(Tool::Point)), AnnotationAction::Click(at(10.0, 10.0))],
        );
        let quote = QuoteSelector { exact: "police academy".into(), ..Default::default() };
        let with = s.apply(AnnotationAction::AttachQuote { id: "a1".into(), quote: quote.clone() }, &view()).unwrap();
        assert_eq!(with.apply(AnnotationAction::AttachQuote { id: "a1".into(), quote }, &view()), None);
        let without = with.apply(AnnotationAction::RemoveQuote { id: "a1".into(), index: 0 }, &view()).unwrap();
        assert!(without.document().annotations[0].quotes.is_empty());
    }

    #[test]
    fn a_new_selection_drops_the_vertex_of_the_old_one() {
        // Found by the longer property run: a vertex picked on an area, then a line finished (which selects
        // the line), left the area's vertex index on the line.
        let square = square();
        let s = run(
            AnnotationState::default(),
            vec![
                AnnotationAction::Import(vec![Annotation::new("a1", square)]),
                AnnotationAction::SetTool(Some(Tool::Line)),
                AnnotationAction::Click(at(0.0, 0.0)),
                AnnotationAction::Click(at(0.0, 246.0)),
                AnnotationAction::Select(Some("a1".into())),
                AnnotationAction::SelectVertex(Some(VertexRef { part: 0, ring: 0, index: 2 })),
            ],
        );
        assert!(s.vertex.is_some());
        let finished = s.apply(AnnotationAction::Finish, &view()).unwrap();
        assert_ne!(finished.selected.as_deref(), Some("a1"));
        assert_eq!(finished.vertex, None);
    }

    #[test]
    fn restoring_never_lifts_a_block_on_saving() {
        let blocked =
            AnnotationState::default().apply(AnnotationAction::StorageChecked { usable: false }, &view()).unwrap();
        let restored = blocked.apply(AnnotationAction::Restore(AnnotationDocument::default()), &view());
        assert_eq!(restored.map_or(blocked.storage, |r| r.storage), StorageState::Blocked);
        let fresh = AnnotationState::default().apply(AnnotationAction::Restore(AnnotationDocument::default()), &view());
        assert_eq!(fresh.unwrap().storage, StorageState::Ready);
    }

    #[test]
    fn undo_then_delete_vertex_cannot_open_a_ring() {
        let square = square();
        let s = AnnotationState::default()
            .apply(AnnotationAction::Import(vec![Annotation::new("a1", square)]), &view())
            .unwrap();
        let s = s.apply(AnnotationAction::Select(Some("a1".into())), &view()).unwrap();
        let a = s.document().get("a1").unwrap().clone();
        let (last_side, mid) = *crate::domain::drawing::midpoints(&a.geometry).last().unwrap();
        let geometry = crate::domain::drawing::with_vertex_inserted(&a.geometry, last_side, mid).unwrap();
        let s = run(
            s,
            vec![
                AnnotationAction::Preview(Annotation { geometry, ..(*a).clone() }),
                AnnotationAction::EndDrag,
                AnnotationAction::SelectVertex(Some(last_side)),
            ],
        );
        assert_eq!(s.vertex, Some(last_side));
        let undone = s.apply(AnnotationAction::Undo, &view()).unwrap();
        assert_eq!(undone.vertex, None, "the vertex belonged to the shape before Undo");
        // Whatever the editor still sends, the ring stays closed.
        let deleted = undone.apply(AnnotationAction::DeleteVertex { id: "a1".into(), vertex: last_side }, &view());
        let doc = deleted.as_ref().map_or(undone.document(), |d| d.document());
        let AnnotationGeometry::Polygon(rings) = &doc.get("a1").unwrap().geometry else { panic!() };
        assert_eq!(rings[0].first(), rings[0].last());
        assert!(crate::domain::saved_document::decode(&crate::domain::saved_document::encode(doc, "t")).is_ok());
    }

    // proptest is a native dev-dependency: the browser test build leaves this out.
    #[cfg(not(target_arch = "wasm32"))]
    mod edit_sequences {
        //! Random edit, undo and redo sequences: every document the editor makes is one the app reads back
        //! equal (saved and restored, exported and imported). `PROPTEST_CASES` sets a longer run.
        use super::*;
        use crate::domain::drawing::{midpoints, with_vertex_inserted, with_vertex_moved};
        use crate::domain::saved_document::{decode, encode};
        use proptest::prelude::*;
        use proptest::test_runner::{Config, RngSeed};

        #[derive(Clone, Debug)]
        enum Step {
            Tool(u8),
            Click(f64, f64),
            Finish,
            Cancel,
            RemoveLastVertex,
            Select(usize),
            SelectVertex(usize, usize, usize),
            DeleteSelectedVertex,
            Insert(usize),
            Move(usize, f64, f64),
            Drag(f64, f64),
            Delete,
            Title(String),
            Undo,
            Redo,
            KeyMove(f64, f64),
            KeyEnter,
            KeyVertex(bool),
            KeyNudge(f64, f64),
        }

        fn step() -> impl Strategy<Value = Step> {
            let px = -50.0..850.0f64;
            prop_oneof![
                1 => (0u8..4).prop_map(Step::Tool),
                2 => (px.clone(), px.clone()).prop_map(|(x, y)| Step::Click(x, y)),
                1 => Just(Step::Finish),
                1 => Just(Step::Cancel),
                1 => Just(Step::RemoveLastVertex),
                2 => (0usize..6).prop_map(Step::Select),
                3 => (0usize..2, 0usize..2, 0usize..8).prop_map(|(p, r, i)| Step::SelectVertex(p, r, i)),
                3 => Just(Step::DeleteSelectedVertex),
                3 => (0usize..8).prop_map(Step::Insert),
                2 => (0usize..8, px.clone(), px.clone()).prop_map(|(i, x, y)| Step::Move(i, x, y)),
                1 => (-3.0..3.0f64, -3.0..3.0f64).prop_map(|(x, y)| Step::Drag(x, y)),
                1 => Just(Step::Delete),
                1 => "\\PC{0,12}".prop_map(Step::Title),
                3 => Just(Step::Undo),
                2 => Just(Step::Redo),
                2 => (-120.0..120.0f64, -120.0..120.0f64).prop_map(|(x, y)| Step::KeyMove(x, y)),
                2 => Just(Step::KeyEnter),
                2 => any::<bool>().prop_map(Step::KeyVertex),
                3 => (-60.0..60.0f64, -60.0..60.0f64).prop_map(|(x, y)| Step::KeyNudge(x, y)),
            ]
        }

        /// The action a step stands for in `s`, if it means anything there.
        fn action(s: &AnnotationState, step: Step) -> Vec<AnnotationAction> {
            let doc = s.history.present();
            let selected = s.selected.as_ref().and_then(|id| doc.get(id));
            match step {
                Step::Tool(t) => vec![AnnotationAction::SetTool(
                    [None, Some(Tool::Point), Some(Tool::Line), Some(Tool::Area)][t as usize],
                )],
                Step::Click(x, y) => vec![AnnotationAction::Click(at(x, y))],
                Step::Finish => vec![AnnotationAction::Finish],
                Step::Cancel => vec![AnnotationAction::Cancel],
                Step::RemoveLastVertex => vec![AnnotationAction::RemoveLastVertex],
                Step::Select(i) => {
                    let n = doc.annotations.len().max(1);
                    vec![AnnotationAction::Select(doc.annotations.get(i % n).map(|a| a.id.clone()))]
                }
                // Mostly a vertex the shape has (as a click on its handle gives), sometimes any reference.
                Step::SelectVertex(part, ring, index) => {
                    let handles = selected.map(|a| vertices(&a.geometry)).unwrap_or_default();
                    let vertex = match handles.len() {
                        n if n > 0 && part == 0 => handles[index % n].0,
                        _ => VertexRef { part, ring, index },
                    };
                    vec![AnnotationAction::SelectVertex(Some(vertex))]
                }
                // As the editor's Delete key and button do: the vertex last selected, whatever happened since.
                Step::DeleteSelectedVertex => match (&s.selected, s.vertex) {
                    (Some(id), Some(vertex)) => vec![AnnotationAction::DeleteVertex { id: id.clone(), vertex }],
                    _ => vec![],
                },
                Step::Insert(i) => selected
                    .and_then(|a| {
                        let handles = midpoints(&a.geometry);
                        let (v, mid) = *handles.get(i % handles.len().max(1))?;
                        let geometry = with_vertex_inserted(&a.geometry, v, mid)?;
                        Some(vec![
                            AnnotationAction::Preview(Annotation { geometry, ..(**a).clone() }),
                            AnnotationAction::EndDrag,
                        ])
                    })
                    .unwrap_or_default(),
                Step::Move(i, x, y) => selected
                    .and_then(|a| {
                        let handles = vertices(&a.geometry);
                        let (v, _) = *handles.get(i % handles.len().max(1))?;
                        let geometry = with_vertex_moved(&a.geometry, v, at(x, y))?;
                        Some(vec![
                            AnnotationAction::Preview(Annotation { geometry, ..(**a).clone() }),
                            AnnotationAction::EndDrag,
                        ])
                    })
                    .unwrap_or_default(),
                Step::Drag(dx, dy) => selected
                    .map(|a| {
                        let geometry = a.geometry.translated(dx, dy);
                        vec![
                            AnnotationAction::Preview(Annotation { geometry, ..(**a).clone() }),
                            AnnotationAction::EndDrag,
                        ]
                    })
                    .unwrap_or_default(),
                Step::Delete => s.selected.clone().map(|id| vec![AnnotationAction::Delete(id)]).unwrap_or_default(),
                Step::Title(title) => selected
                    .map(|a| vec![AnnotationAction::Update(Annotation { title, ..(**a).clone() })])
                    .unwrap_or_default(),
                Step::Undo => vec![AnnotationAction::Undo],
                Step::Redo => vec![AnnotationAction::Redo],
                Step::KeyMove(dx, dy) => vec![AnnotationAction::MoveCrosshair { dx, dy }],
                Step::KeyEnter => vec![AnnotationAction::EnterAtCrosshair],
                Step::KeyVertex(forward) => vec![AnnotationAction::StepVertex { forward }],
                Step::KeyNudge(dx, dy) => vec![AnnotationAction::NudgeVertex { dx, dy }],
            }
        }

        fn cases() -> u32 {
            std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(300)
        }

        proptest! {
            #![proptest_config(Config {
                cases: cases(),
                rng_seed: RngSeed::Fixed(9),
                failure_persistence: None,
                ..Config::default()
            })]

            #[test]
            fn every_document_the_editor_makes_reads_back_equal(steps in proptest::collection::vec(step(), 1..60)) {
                // An area, a line and a point to start from, as after drawing them.
                let p = |x: f64, y: f64| LonLat::new(x, y);
                let shapes = vec![
                    square(),
                    AnnotationGeometry::LineString(vec![p(72.0, 39.0), p(73.0, 39.5), p(74.0, 39.0)]),
                    AnnotationGeometry::Point(p(69.0, 36.0)),
                ];
                let imported = shapes.into_iter().enumerate().map(|(i, g)| Annotation::new(format!("a{}", i + 1), g)).collect();
                let mut s = AnnotationState::default().apply(AnnotationAction::Import(imported), &view()).unwrap();
                for step in steps {
                    for a in action(&s, step) {
                        if let Some(next) = s.apply(a, &view()) {
                            s = next;
                        }
                    }
                    let doc = s.history.present();
                    let (back, _) = decode(&encode(doc, "2026-12-01T00:00:00Z"))
                        .map_err(|e| TestCaseError::fail(format!("refused: {e}")))?;
                    prop_assert_eq!(&back.annotations, &doc.annotations);
                    if let (Some(id), Some(v)) = (&s.selected, s.vertex) {
                        let a = doc.get(id).ok_or_else(|| TestCaseError::fail("selection of a missing annotation"))?;
                        prop_assert!(vertices(&a.geometry).iter().any(|(at, _)| *at == v), "stale vertex {v:?}");
                    }
                }
            }
        }
    }
}

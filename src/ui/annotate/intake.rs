//! What happens to the reader's document from outside the editor: files and pastes imported or refused,
//! the saved document restored, annotations a link brings, storage that fails, an export that fails. Each
//! becomes at most one history step and one message; the message texts live here.

use std::rc::Rc;

use crate::domain::annotation::AnnotationDocument;
use crate::domain::extent::EXTENT;
use crate::domain::geojson_import::ImportReport;
use crate::domain::saved_document::room_for;
use crate::domain::shared_annotations;
use crate::domain::viewport::Viewport;
use crate::ui::annotate::state::{AnnotationAction, AnnotationState, ColumnChoice, StorageState};
use crate::ui::shell::alerts::{Alert, AlertAction, Severity};
use crate::ui::state::Step;
use crate::ui::story::reading::{PanelTab, ReadingAction};

/// Every event from outside the editor.
#[derive(Clone, Debug, PartialEq)]
pub enum DocumentEvent {
    /// Annotations read from a file or a paste, checked: add them as one undoable step.
    Imported { origin: String, report: ImportReport },
    /// A file or paste that is not acceptable: nothing changes, the reader is told why.
    Refused { origin: String, problem: String },
    /// The document saved in this browser, read at start.
    Restored { document: AnnotationDocument, saved_at: Option<String> },
    /// A link's `annotations` part (still encoded).
    Linked(String),
    /// Saving or reading the browser's storage failed. `blocked`: stop saving (so as not to overwrite).
    StorageFailed { message: String, blocked: bool },
    /// An export could not be made; `what` names it ("Export PNG").
    ExportFailed { what: String, problem: String },
    /// An export was made, but its format could not hold all of the document (`cannot_hold` says what).
    ExportedWithout { what: String, cannot_hold: Vec<String> },
    /// A CSV file whose positions' columns the reader must choose: the chooser opens.
    ChooseColumns(Rc<ColumnChoice>),
    /// The chooser closes (the columns were chosen, or the reader cancelled).
    ColumnsClosed,
}

fn raise(severity: Severity, title: String, details: Vec<String>) -> AlertAction {
    AlertAction::Raise(Alert::new(severity, title, details))
}

fn unchanged_because(origin: &str, why: String) -> AlertAction {
    raise(Severity::Error, format!("{origin} was not imported; your annotations are unchanged."), vec![why])
}

/// An import added as one step, with what the reader should know of it.
fn imported(state: &AnnotationState, origin: String, report: ImportReport, view: &Viewport) -> Step<AnnotationState> {
    let ImportReport { annotations, outside_extent, skipped_without_geometry: skipped, wound_clockwise, notes } =
        report;
    if let Err(why) = room_for(state.history.present(), &annotations) {
        return Step::unchanged().then(unchanged_because(&origin, why));
    }
    let count = annotations.len();
    let mut notes = notes;
    if outside_extent > 0 {
        notes.push(format!(
            "{outside_extent} of them lie partly or wholly outside the map's area ({}–{}°E, {}–{}°N); they are kept.",
            EXTENT.west, EXTENT.east, EXTENT.south, EXTENT.north
        ));
    }
    if skipped > 0 {
        notes.push(format!("{skipped} feature(s) without geometry were left out."));
    }
    if wound_clockwise > 0 {
        notes.push(format!(
            "{wound_clockwise} area(s) had rings wound against GeoJSON's right-hand rule; they are read as drawn and \
             saved by the rule."
        ));
    }
    Step::maybe(state.apply(AnnotationAction::Import(annotations), view))
        .then(ReadingAction::ShowPanel(PanelTab::Annotations))
        .then(raise(Severity::Notice, format!("{origin}: {count} annotation(s) added. Undo removes them all."), notes))
}

/// The next state and what the other slices do. `view` tells screen distances.
pub fn apply(state: &AnnotationState, event: DocumentEvent, view: &Viewport) -> Step<AnnotationState> {
    match event {
        DocumentEvent::Imported { origin, report } => imported(state, origin, report, view),
        DocumentEvent::Refused { origin, problem } => Step::unchanged().then(unchanged_because(&origin, problem)),
        DocumentEvent::Restored { document, saved_at } => {
            let count = document.annotations.len();
            let step = Step::maybe(state.apply(AnnotationAction::Restore(document), view));
            if count == 0 || step.next.is_none() {
                return step;
            }
            let when = saved_at.map(|t| format!(" ({t})")).unwrap_or_default();
            step.then(raise(
                Severity::Notice,
                format!("Restored {count} annotation(s) saved in this browser{when}."),
                vec![],
            ))
        }
        DocumentEvent::Linked(blob) => {
            let decoded = shared_annotations::decode(&blob)
                .and_then(|annotations| room_for(state.history.present(), &annotations).map(|()| annotations));
            match decoded {
                Ok(annotations) => {
                    let count = annotations.len();
                    Step::maybe(state.apply(AnnotationAction::Import(annotations), view)).then(raise(
                        Severity::Notice,
                        format!("The link brought {count} annotation(s); they are added to yours (Undo removes them)."),
                        vec![],
                    ))
                }
                Err(why) => Step::unchanged().then(raise(
                    Severity::Notice,
                    format!("The link's annotations could not be read: {why}."),
                    vec![],
                )),
            }
        }
        DocumentEvent::StorageFailed { message, blocked } => {
            let title = if blocked {
                "Your annotations are not being saved in this browser. Export them (Export GeoJSON) to keep them."
            } else {
                "Your last change could not be saved in this browser. Export your annotations to keep them."
            };
            let next = blocked.then(|| AnnotationState { storage: StorageState::Blocked, ..state.clone() });
            // Said again, it is counted on the alert already shown (Alerts merges repeats).
            Step::maybe(next)
                .then(AlertAction::Raise(Alert::new(Severity::Error, title, vec![message]).about_saved_work()))
        }
        DocumentEvent::ExportFailed { what, problem } => Step::unchanged().then(raise(
            Severity::Error,
            format!("{what} did not work; your annotations are unchanged."),
            vec![problem],
        )),
        DocumentEvent::ChooseColumns(choice) => {
            Step::maybe(Some(AnnotationState { choosing_columns: Some(choice), ..state.clone() }))
        }
        DocumentEvent::ColumnsClosed => Step::maybe(Some(AnnotationState { choosing_columns: None, ..state.clone() })),
        DocumentEvent::ExportedWithout { what, cannot_hold } => Step::unchanged().then(raise(
            Severity::Notice,
            format!("{what}: the file was saved, but the format cannot hold everything."),
            cannot_hold,
        )),
    }
    .unless_equal(state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::annotation::Annotation;
    use crate::domain::annotation::AnnotationGeometry;
    use crate::domain::coords::LonLat;
    use crate::ui::state::Action;

    fn view() -> Viewport {
        crate::domain::extent::home_view(900.0, 600.0)
    }

    fn point(id: &str) -> Annotation {
        Annotation::new(id, AnnotationGeometry::Point(LonLat::new(71.0, 38.0)))
    }

    fn alert_of(step: &Step<AnnotationState>) -> &Alert {
        step.then
            .iter()
            .find_map(|a| match a {
                Action::Alert(AlertAction::Raise(alert)) => Some(alert),
                _ => None,
            })
            .expect("an alert")
    }

    #[test]
    fn an_import_is_one_step_and_says_how_many_and_what_was_left_out() {
        let report = ImportReport {
            annotations: vec![point("x"), point("y")],
            outside_extent: 1,
            skipped_without_geometry: 2,
            ..ImportReport::default()
        };
        let event = DocumentEvent::Imported { origin: "a.geojson".into(), report };
        let step = apply(&AnnotationState::default(), event, &view());
        let next = step.next.as_ref().unwrap();
        assert_eq!(next.history.present().annotations.len(), 2);
        assert!(next.history.can_undo());
        let alert = alert_of(&step);
        assert!(alert.title.starts_with("a.geojson: 2 annotation(s) added"), "{alert:?}");
        assert!(alert.details[0].contains("52–97°E, 29–52°N"), "{alert:?}");
        assert!(step.then.contains(&ReadingAction::ShowPanel(PanelTab::Annotations).into()));
    }

    #[test]
    fn a_refusal_and_a_failed_export_change_nothing_and_say_so_in_their_own_words() {
        let s = AnnotationState::default();
        let refused = apply(&s, DocumentEvent::Refused { origin: "b.kml".into(), problem: "not JSON".into() }, &view());
        assert_eq!(refused.next, None);
        assert_eq!(alert_of(&refused).title, "b.kml was not imported; your annotations are unchanged.");
        let failed =
            apply(&s, DocumentEvent::ExportFailed { what: "Export PNG".into(), problem: "no canvas".into() }, &view());
        assert_eq!(failed.next, None);
        assert!(!alert_of(&failed).title.contains("imported"), "an export failure is not an import");
    }

    #[test]
    fn a_storage_failure_blocks_saving_only_when_it_must() {
        let s = AnnotationState::default();
        let once = apply(&s, DocumentEvent::StorageFailed { message: "quota".into(), blocked: false }, &view());
        assert_eq!(once.next, None);
        assert!(alert_of(&once).saved_work);
        let blocked = apply(&s, DocumentEvent::StorageFailed { message: "unreadable".into(), blocked: true }, &view());
        assert_eq!(blocked.next.unwrap().storage, StorageState::Blocked);
    }

    #[test]
    fn a_link_with_unreadable_annotations_adds_nothing_and_says_why() {
        let step = apply(&AnnotationState::default(), DocumentEvent::Linked("!!".into()), &view());
        assert_eq!(step.next, None);
        assert!(alert_of(&step).title.starts_with("The link's annotations could not be read"));
    }
}

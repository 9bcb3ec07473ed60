//! The classroom slice: who the app is set up for (`?mode=`), the student's name, and the teacher's
//! hand-ins, each a layer of its own. The alert texts about hand-ins live here.

use crate::domain::annotation::AnnotationDocument;
use crate::domain::hand_in::HandIn;
use crate::ui::map::map_state::MapAction;
use crate::ui::shell::alerts::{Alert, AlertAction, Severity};
use crate::ui::state::{Action, Step};
use crate::ui::story::reading::ReadingAction;
use crate::ui::story::tour::TourAction;

/// How many characters of a student's name are kept.
pub const MAX_NAME_CHARS: usize = 80;

/// Who the app is set up for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Reader,
    /// Full screen, large type, step-locked tour, a laser pointer.
    Presenter,
    /// Tasks, a name, the student's own layer, "Hand in".
    Student,
    /// Several hand-ins side by side.
    Teacher,
}

impl Mode {
    /// The mode a `?mode=` value asks for (anything else is the reader's).
    pub fn from_query(value: Option<&str>) -> Mode {
        match value {
            Some("present") => Mode::Presenter,
            Some("student") => Mode::Student,
            Some("teacher") => Mode::Teacher,
            _ => Mode::Reader,
        }
    }
}

/// One student's hand-in on the teacher's map.
#[derive(Clone, Debug, PartialEq)]
pub struct HandInLayer {
    pub student: String,
    pub task: Option<String>,
    pub summary: String,
    /// The hand-in's annotations, drawn in the layer's colour.
    pub document: AnnotationDocument,
    pub colour: &'static str,
    pub visible: bool,
}

/// Colours for hand-in layers, colour-blind safe (Okabe–Ito), in order.
pub const HAND_IN_COLOURS: [&str; 7] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

/// The class around the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Classroom {
    pub mode: Mode,
    /// Student mode: the student's name (it names the hand-in file).
    pub student_name: String,
    /// Teacher view: the hand-ins loaded, each its own layer.
    pub hand_ins: Vec<HandInLayer>,
}

impl Default for Classroom {
    fn default() -> Self {
        Classroom { mode: Mode::Reader, student_name: String::new(), hand_ins: Vec::new() }
    }
}

/// Every change to the classroom slice.
#[derive(Clone, Debug, PartialEq)]
pub enum ClassAction {
    SetStudentName(String),
    /// Hand-ins read by the teacher: the good ones become layers; each broken one is named.
    AddHandIns {
        good: Vec<HandIn>,
        bad: Vec<(String, String)>,
    },
    ToggleHandIn(usize),
}

impl Classroom {
    /// The next state and what the other slices do.
    pub fn apply(&self, action: ClassAction) -> Step<Classroom> {
        match action {
            ClassAction::SetStudentName(name) => {
                Step::to(Classroom { student_name: name.chars().take(MAX_NAME_CHARS).collect(), ..self.clone() })
            }
            ClassAction::AddHandIns { good, bad } => {
                let mut hand_ins = self.hand_ins.clone();
                for h in good {
                    hand_ins.push(layer_of(h, HAND_IN_COLOURS[hand_ins.len() % HAND_IN_COLOURS.len()]));
                }
                let step = Step::to(Classroom { hand_ins, ..self.clone() });
                if bad.is_empty() {
                    return step;
                }
                step.then(AlertAction::Raise(Alert::new(
                    Severity::Error,
                    format!("{} hand-in(s) could not be read; the others are loaded.", bad.len()),
                    bad.into_iter().map(|(name, why)| format!("{name}: {why}")).collect(),
                )))
            }
            ClassAction::ToggleHandIn(i) => {
                let mut hand_ins = self.hand_ins.clone();
                let Some(layer) = hand_ins.get_mut(i) else { return Step::unchanged() };
                layer.visible = !layer.visible;
                Step::to(Classroom { hand_ins, ..self.clone() })
            }
        }
        .unless_equal(self)
    }
}

impl Classroom {
    /// Whether the mode refuses an action the reader started. The presenter's tour is step-locked: only a
    /// step moves the audience's map (a drag, the wheel, keys and buttons leave it as it is), and neither the
    /// tour nor its place can be left. What a step itself asks of the map is not refused.
    pub fn refuses(&self, action: &Action) -> bool {
        self.mode == Mode::Presenter
            && matches!(
                action,
                Action::Map(
                    MapAction::Move(_)
                        | MapAction::Jump(_)
                        | MapAction::Home { .. }
                        | MapAction::LookAt { .. }
                        | MapAction::Frame { .. }
                ) | Action::Tour(TourAction::End)
                    | Action::Read(ReadingAction::ClosePopup)
            )
    }
}

/// A hand-in as a layer drawn in `colour`.
fn layer_of(hand_in: HandIn, colour: &'static str) -> HandInLayer {
    let summary = hand_in.summary();
    let coloured = hand_in.annotations.into_iter().map(|mut a| {
        a.style.stroke = Some(colour.into());
        a.style.marker_color = Some(colour.into());
        a.style.fill = Some(colour.into());
        a
    });
    let document = AnnotationDocument::default().with_imported(coloured.collect());
    HandInLayer { student: hand_in.student, task: hand_in.task, summary, document, colour, visible: true }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_kept_to_its_length_and_an_unknown_layer_changes_nothing() {
        let c = Classroom::default();
        let named = c.apply(ClassAction::SetStudentName("é".repeat(500))).next.unwrap();
        assert_eq!(named.student_name.chars().count(), MAX_NAME_CHARS);
        assert_eq!(c.apply(ClassAction::ToggleHandIn(3)).next, None);
    }

    #[test]
    fn broken_hand_ins_are_named_in_one_alert() {
        let bad = vec![("a.json".to_string(), "not JSON".to_string()), ("b.json".into(), "empty".into())];
        let step = Classroom::default().apply(ClassAction::AddHandIns { good: vec![], bad });
        assert_eq!(step.next, None, "no layer was added");
        let [Action::Alert(AlertAction::Raise(alert))] = step.then.as_slice() else { panic!("{:?}", step.then) };
        assert_eq!(alert.details, ["a.json: not JSON", "b.json: empty"]);
    }

    #[test]
    fn the_presenter_refuses_what_would_leave_the_step_and_others_refuse_nothing() {
        use crate::domain::interaction::ViewCommand;
        let presenter = Classroom { mode: Mode::Presenter, ..Classroom::default() };
        let pan: Action = MapAction::Move(ViewCommand::PanBy { dx: 5.0, dy: 0.0 }).into();
        for refused in [
            pan.clone(),
            TourAction::End.into(),
            ReadingAction::ClosePopup.into(),
            MapAction::Home { fly: false }.into(),
        ] {
            assert!(presenter.refuses(&refused), "{refused:?}");
            assert!(!Classroom::default().refuses(&refused), "a reader may {refused:?}");
        }
        for allowed in [
            TourAction::GoTo { step: 1, fly: true }.into(),
            MapAction::FlightStep(0.5).into(),
            MapAction::Settle.into(),
        ] {
            assert!(!presenter.refuses(&allowed), "{allowed:?}");
        }
    }
}

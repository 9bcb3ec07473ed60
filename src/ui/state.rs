//! The application state and its one reducer. Every change is a named [`Action`]; [`AppState::apply`] is pure
//! and deterministic, and returns `None` when nothing changes so that nothing re-renders.

use std::rc::Rc;

use yew::Reducible;

use crate::domain::annotation::{Annotation, AnnotationDocument};
use crate::domain::bounds::{LonLatBounds, MercatorBounds};
use crate::domain::framing::frame_feature;
use crate::domain::hand_in::HandIn;
use crate::domain::interaction::{self, ViewCommand};
use crate::domain::layers::{LayerId, LayerVisibility};
use crate::domain::level_of_detail::LevelOfDetail;
use crate::domain::projection::project;
use crate::domain::saved_document::room_for;
use crate::domain::shared_annotations;
use crate::domain::story::Story;
use crate::domain::tour::tour;
use crate::domain::url_state::UrlState;
use crate::domain::viewport::{ViewLimits, Viewport};
use crate::ui::annotate::state::{AnnotationAction, AnnotationState, StorageState};
pub use crate::ui::shell::alerts::{Alert, Severity};
use crate::ui::shell::alerts::{AlertAction, AlertId, Alerts};

/// The embedded data's extent (data.md): the camera's centre stays inside it.
pub const EXTENT: LonLatBounds = LonLatBounds::new(52.0, 29.0, 97.0, 52.0);
/// What the first view frames: Tajikistan, the Wakhan Corridor and western Xinjiang.
pub const HOME: LonLatBounds = LonLatBounds::new(67.3, 35.9, 80.2, 41.2);
/// The deepest zoom: about 25 m per pixel here, finer than the 4-decimal data.
pub const MAX_ZOOM: f64 = 12.0;
/// Margin around the home box, CSS px.
const HOME_PADDING_PX: f64 = 12.0;

/// Everything the interface shows that can change.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The live camera, moved by every gesture step.
    pub view: Viewport,
    /// The camera the basemap drawing was last made for; a gesture only transforms that drawing, and the
    /// drawing is remade (and its level of detail chosen) when the view settles.
    pub settled: Viewport,
    pub limits: ViewLimits,
    pub layers: LayerVisibility,
    /// False until the map's size is known.
    pub sized: bool,
    /// The story on screen.
    pub story: SharedStory,
    /// The feature whose popup is open.
    pub selected: Option<String>,
    /// The feature under the pointer, on the map or in the article.
    pub hovered: Option<String>,
    /// The passage "Read in the article" asked for: (feature id, quote index).
    pub passage: Option<(String, usize)>,
    pub panel: PanelTab,
    /// Messages for the reader, newest last.
    pub alerts: Alerts,
    /// The reader's own annotations.
    pub annotations: AnnotationState,
    /// Basemap levels fetched so far (bit per level): a fetch finishing re-renders the basemap.
    pub basemap_levels: u8,
    /// Embedded in another page (`?embed=1`): compact layout, cooperative gestures.
    pub embed: bool,
    /// In the embedded layout, whether the article panel is open.
    pub panel_open: bool,
    /// A short hint over the map ("Use Ctrl + scroll to zoom"), shown for a moment.
    pub gesture_hint: Option<&'static str>,
    /// The story tour's current step, while the tour is on.
    pub tour_step: Option<usize>,
    /// A camera move in progress (the tour flies): from, to, and how far along (0–1).
    pub flight: Option<(Viewport, Viewport, f64)>,
    /// The timeline entry picked: its places and passages are highlighted.
    pub timeline_pick: Option<usize>,
    /// Reader, presenter, student or teacher (`?mode=`).
    pub mode: Mode,
    /// Student mode: the student's name (it names the hand-in file).
    pub student_name: String,
    /// Teacher view: the hand-ins loaded, each its own layer.
    pub hand_ins: Vec<HandInLayer>,
}

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

/// A story shared by reference: two are equal when they are the same story object, so comparing states
/// (which Yew does on every change) never walks the story.
#[derive(Clone, Debug)]
pub struct SharedStory(pub Rc<Story>);

impl PartialEq for SharedStory {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for SharedStory {
    type Target = Story;
    fn deref(&self) -> &Story {
        &self.0
    }
}

/// The side panel's tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelTab {
    Article,
    Places,
    Annotations,
    /// Student tasks or the teacher's hand-ins.
    Class,
}

/// Every change the app knows.
// Actions live for one dispatch; boxing the large ones would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The map element has this size in CSS px.
    Resize {
        width: f64,
        height: f64,
    },
    /// A step of a gesture: moves the live camera only.
    MoveView(ViewCommand),
    /// The gesture ended: redraw for the live camera.
    SettleView,
    /// A discrete change (key, button, double-click): move and settle at once.
    JumpView(ViewCommand),
    /// Back to the first view.
    ResetView,
    ToggleLayer(LayerId),
    /// Show another story (already read and checked).
    LoadStory(Rc<Story>),
    /// A story could not be read: say why, keep the current one.
    RefuseStory {
        origin: String,
        problems: Vec<String>,
    },
    DismissAlert(AlertId),
    /// Open a feature's popup; `frame` also brings it into view.
    Select {
        id: String,
        frame: bool,
    },
    ClosePopup,
    Hover(Option<String>),
    /// Show a quote's passage in the article panel.
    ReadInArticle {
        id: String,
        quote: usize,
    },
    ShowPanel(PanelTab),
    Annotate(AnnotationAction),
    /// Open or close the article panel (embedded layout).
    TogglePanel,
    /// Show (or clear) a gesture hint over the map.
    GestureHint(Option<&'static str>),
    /// Go to a step of the story tour (starting it if it is off); `fly` animates the camera.
    GoToStep {
        step: usize,
        fly: bool,
    },
    EndTour,
    /// Advance a flight to `t` (0–1); at 1 the view settles.
    FlightStep(f64),
    SetStudentName(String),
    /// Hand-ins read by the teacher: the good ones become layers; each broken one is named.
    AddHandIns {
        good: Vec<HandIn>,
        bad: Vec<(String, String)>,
    },
    ToggleHandIn(usize),
    /// Pick a timeline entry (or none).
    PickDate(Option<usize>),
    /// Reopen what a link describes (a shared URL, or back/forward).
    ApplyLink(UrlState),
    /// A finer basemap level has been fetched and read.
    BasemapLevelReady(LevelOfDetail),
    /// Annotations read from a file or a paste, checked: add them as one undoable step.
    ImportAnnotations {
        origin: String,
        annotations: Vec<Annotation>,
        outside_extent: usize,
        skipped: usize,
    },
    /// A file or paste that is not acceptable GeoJSON: nothing changes, the reader is told why.
    RefuseImport {
        origin: String,
        problem: String,
    },
    /// The document saved in this browser, read at start.
    RestoreAnnotations {
        document: AnnotationDocument,
        saved_at: Option<String>,
    },
    /// Tell the reader something (a problem with what they just did, say).
    ShowAlert(Alert),
    /// Saving or reading the browser's storage failed. `blocked`: stop saving (so as not to overwrite).
    StorageProblem {
        message: String,
        blocked: bool,
    },
}

/// The alert for a story's unverified quotes, naming each feature.
fn quote_warnings(story: &Story) -> Option<Alert> {
    if story.warnings.is_empty() {
        return None;
    }
    let details = story
        .warnings
        .iter()
        .take(crate::ui::shell::alerts::MAX_DETAILS)
        .map(|w| {
            let index = w
                .path
                .strip_prefix("features.features[")
                .and_then(|rest| rest.split_once(']'))
                .and_then(|(i, _)| i.parse::<usize>().ok());
            let feature = index.and_then(|i| story.features.get(i)).map(|f| f.title.as_str()).unwrap_or("a feature");
            format!("“{feature}”: {} ({})", w.message, w.path)
        })
        .collect();
    Some(Alert::new(
        Severity::Warning,
        format!(
            "{} quote(s) in this story are not the article’s words and are not shown as quotes.",
            story.warnings.len()
        ),
        details,
    ))
}

impl Default for AppState {
    fn default() -> Self {
        let view = Viewport::fitting(HOME.to_mercator(), 1024.0, 768.0, HOME_PADDING_PX);
        let (story, alerts) = match crate::ui::story::embedded_story::default_story() {
            Ok(story) => {
                let alerts = Alerts::with(quote_warnings(&story));
                (SharedStory(story), alerts)
            }
            Err(problems) => (
                SharedStory(Rc::new(Story::empty())),
                Alerts::with([Alert::new(Severity::Error, "The built-in story could not be read.", problems)]),
            ),
        };
        AppState {
            view,
            settled: view,
            limits: limits_for(1024.0, 768.0),
            layers: LayerVisibility::default(),
            sized: false,
            story,
            selected: None,
            hovered: None,
            passage: None,
            panel: PanelTab::Article,
            alerts,
            annotations: AnnotationState::default(),
            basemap_levels: 1,
            embed: false,
            panel_open: true,
            gesture_hint: None,
            tour_step: None,
            flight: None,
            timeline_pick: None,
            mode: Mode::Reader,
            student_name: String::new(),
            hand_ins: Vec::new(),
        }
    }
}

/// The zoom range for a screen: out to where the whole extent fits, in to [`MAX_ZOOM`].
fn limits_for(width: f64, height: f64) -> ViewLimits {
    let extent: MercatorBounds = EXTENT.to_mercator();
    let whole = Viewport::fitting(extent, width, height, 0.0);
    let home = Viewport::fitting(HOME.to_mercator(), width, height, HOME_PADDING_PX);
    ViewLimits { min_zoom: whole.zoom.min(home.zoom).min(MAX_ZOOM), max_zoom: MAX_ZOOM, center_within: extent }
}

impl AppState {
    /// The state of an app embedded in another page: its article panel starts closed.
    pub fn embedded() -> Self {
        AppState { embed: true, panel_open: false, ..AppState::default() }
    }

    /// The state for a classroom mode: the presenter starts the tour.
    pub fn for_mode(mode: Mode) -> Self {
        let base = AppState { mode, ..AppState::default() };
        match mode {
            Mode::Presenter => AppState { tour_step: Some(0), ..base },
            Mode::Student | Mode::Teacher => AppState { panel: PanelTab::Class, ..base },
            Mode::Reader => base,
        }
    }

    /// The first view for a screen of this size.
    pub fn home_view(width: f64, height: f64) -> Viewport {
        Viewport::fitting(HOME.to_mercator(), width, height, HOME_PADDING_PX)
    }

    /// What a link to this reading state holds.
    pub fn link(&self) -> UrlState {
        UrlState {
            center: Some(self.settled.center_lonlat()),
            zoom: Some(self.settled.zoom),
            feature: self.selected.clone(),
            quote: self.passage.as_ref().filter(|(id, _)| Some(id) == self.selected.as_ref()).map(|(_, q)| *q),
            step: self.tour_step,
            hidden_layers: LayerId::ALL
                .into_iter()
                .filter(|l| !self.layers.is_visible(*l))
                .map(|l| l.id().to_string())
                .collect(),
            annotations: None,
        }
    }

    /// The level of detail of the drawing (chosen for the settled camera).
    pub fn level_of_detail(&self) -> LevelOfDetail {
        LevelOfDetail::for_degrees_per_px(self.settled.degrees_per_px())
    }

    /// The state with `alert` raised.
    fn alerted(self, alert: Alert) -> AppState {
        match self.alerts.apply(AlertAction::Raise(alert)) {
            Some(alerts) => AppState { alerts, ..self },
            None => self,
        }
    }

    /// The next state, or `None` when the action changes nothing.
    pub fn apply(&self, action: Action) -> Option<AppState> {
        let next = match action {
            Action::Resize { width, height } => {
                // A map of less than a pixel (a collapsed iframe) is drawn as one pixel: it is still ready.
                let (width, height) = (width.max(1.0), height.max(1.0));
                if !width.is_finite() || !height.is_finite() || (self.sized && width == self.view.width && height == self.view.height)
                {
                    return None;
                }
                let limits = limits_for(width, height);
                let view = if self.sized {
                    self.view.resized(width, height).limited(&limits)
                } else {
                    Self::home_view(width, height)
                };
                AppState { view, settled: view, limits, sized: true, ..self.clone() }
            }
            Action::MoveView(command) => {
                AppState { view: interaction::apply(&self.view, command, &self.limits), ..self.clone() }
            }
            Action::SettleView => AppState { settled: self.view, ..self.clone() },
            Action::JumpView(command) => {
                let view = interaction::apply(&self.view, command, &self.limits);
                AppState { view, settled: view, ..self.clone() }
            }
            Action::ResetView => {
                let view = Self::home_view(self.view.width, self.view.height);
                AppState { view, settled: view, ..self.clone() }
            }
            Action::ToggleLayer(layer) => AppState { layers: self.layers.toggled(layer), ..self.clone() },
            Action::LoadStory(story) => {
                let mut alerts =
                    self.alerts.apply(AlertAction::DismissAll(Severity::Warning)).unwrap_or_else(|| self.alerts.clone());
                if let Some(warning) = quote_warnings(&story) {
                    alerts = alerts.apply(AlertAction::Raise(warning)).unwrap_or(alerts);
                }
                AppState {
                    story: SharedStory(story),
                    selected: None,
                    hovered: None,
                    passage: None,
                    alerts,
                    ..self.clone()
                }
            }
            Action::RefuseStory { origin, problems } => {
                self.clone().alerted(Alert::new(
                    Severity::Error,
                    format!(
                        "{origin} is not a story package this app can show ({} problem(s)). The current story stays on screen.",
                        problems.len()
                    ),
                    problems,
                ))
            }
            Action::DismissAlert(id) => AppState { alerts: self.alerts.apply(AlertAction::Dismiss(id))?, ..self.clone() },
            Action::Select { id, frame } => {
                let feature = self.story.feature(&id)?;
                let view = if frame { frame_feature(&self.view, feature, &self.limits) } else { self.view };
                AppState { selected: Some(id), view, settled: view, ..self.clone() }
            }
            Action::ClosePopup => AppState { selected: None, ..self.clone() },
            Action::Hover(id) => AppState { hovered: id, ..self.clone() },
            Action::ReadInArticle { id, quote } => {
                let feature = self.story.feature(&id)?;
                feature.quotes.get(quote)?.place.as_ref().ok()?;
                AppState { passage: Some((id, quote)), panel: PanelTab::Article, ..self.clone() }
            }
            Action::ShowPanel(panel) => AppState { panel, ..self.clone() },
            Action::Annotate(action) => {
                let opens_editor = matches!(&action, AnnotationAction::Select(Some(_)));
                let annotations = self.annotations.apply(action, &self.view)?;
                let panel = if opens_editor
                    || (annotations.selected.is_some() && annotations.selected != self.annotations.selected)
                {
                    PanelTab::Annotations
                } else {
                    self.panel
                };
                AppState { annotations, panel, ..self.clone() }
            }
            Action::ImportAnnotations { origin, annotations, outside_extent, skipped } => {
                if let Err(why) = room_for(self.annotations.history.present(), &annotations) {
                    return Some(self.clone().alerted(Alert::new(
                        Severity::Error,
                        format!("{origin} was not imported; your annotations are unchanged."),
                        vec![why],
                    )));
                }
                let count = annotations.len();
                let next = self.annotations.apply(AnnotationAction::Import(annotations), &self.view);
                let mut notes = Vec::new();
                if outside_extent > 0 {
                    notes.push(format!("{outside_extent} of them lie partly or wholly outside the map's area (52–97°E, 29–52°N); they are kept."));
                }
                if skipped > 0 {
                    notes.push(format!("{skipped} feature(s) without geometry were left out."));
                }
                AppState {
                    annotations: next.unwrap_or_else(|| self.annotations.clone()),
                    panel: PanelTab::Annotations,
                    ..self.clone()
                }
                .alerted(Alert::new(
                    Severity::Notice,
                    format!("{origin}: {count} annotation(s) added. Undo removes them all."),
                    notes,
                ))
            }
            Action::RefuseImport { origin, problem } => {
                self.clone().alerted(Alert::new(
                    Severity::Error,
                    format!("{origin} was not imported; your annotations are unchanged."),
                    vec![problem],
                ))
            }
            Action::RestoreAnnotations { document, saved_at } => {
                let count = document.annotations.len();
                let annotations = self.annotations.apply(AnnotationAction::Restore(document), &self.view)?;
                let next = AppState { annotations, ..self.clone() };
                if count == 0 {
                    next
                } else {
                    next.alerted(Alert::new(
                        Severity::Notice,
                        format!(
                            "Restored {count} annotation(s) saved in this browser{}.",
                            saved_at.map(|t| format!(" ({t})")).unwrap_or_default()
                        ),
                        vec![],
                    ))
                }
            }
            Action::TogglePanel => AppState { panel_open: !self.panel_open, ..self.clone() },
            Action::GoToStep { step, fly } => {
                let steps = tour(&self.story);
                let target = steps.get(step)?;
                let mut next = AppState { tour_step: Some(step), panel: PanelTab::Article, ..self.clone() };
                let view = match (&target.feature, target.quote) {
                    (Some(id), Some(quote)) => {
                        let feature = self.story.feature(id)?;
                        next.selected = Some(id.clone());
                        next.passage = Some((id.clone(), quote));
                        frame_feature(&self.view, feature, &self.limits)
                    }
                    _ => {
                        next.selected = None;
                        next.passage = None;
                        Self::home_view(self.view.width, self.view.height)
                    }
                };
                if fly && view != self.view {
                    next.flight = Some((self.view, view, 0.0));
                } else {
                    next.view = view;
                    next.settled = view;
                    next.flight = None;
                }
                next
            }
            Action::EndTour => AppState { tour_step: None, flight: None, ..self.clone() },
            Action::FlightStep(t) => {
                let (from, to, _) = self.flight?;
                let view = from.towards(&to, t);
                if t >= 1.0 {
                    AppState { view, settled: view, flight: None, ..self.clone() }
                } else {
                    AppState { view, flight: Some((from, to, t)), ..self.clone() }
                }
            }
            Action::PickDate(pick) => AppState { timeline_pick: pick, ..self.clone() },
            Action::SetStudentName(name) => AppState { student_name: name.chars().take(80).collect(), ..self.clone() },
            Action::AddHandIns { good, bad } => {
                let mut hand_ins = self.hand_ins.clone();
                for h in good {
                    let colour = HAND_IN_COLOURS[hand_ins.len() % HAND_IN_COLOURS.len()];
                    let summary = h.summary();
                    let coloured = h.annotations.into_iter().map(|mut a| {
                        a.style.stroke = Some(colour.into());
                        a.style.marker_color = Some(colour.into());
                        a.style.fill = Some(colour.into());
                        a
                    });
                    let document = AnnotationDocument::default().with_imported(coloured.collect());
                    hand_ins.push(HandInLayer {
                        student: h.student,
                        task: h.task,
                        summary,
                        document,
                        colour,
                        visible: true,
                    });
                }
                let next = AppState { hand_ins, ..self.clone() };
                if bad.is_empty() {
                    next
                } else {
                    next.alerted(Alert::new(
                        Severity::Error,
                        format!("{} hand-in(s) could not be read; the others are loaded.", bad.len()),
                        bad.into_iter().map(|(name, why)| format!("{name}: {why}")).collect(),
                    ))
                }
            }
            Action::ToggleHandIn(i) => {
                let mut hand_ins = self.hand_ins.clone();
                let layer = hand_ins.get_mut(i)?;
                layer.visible = !layer.visible;
                AppState { hand_ins, ..self.clone() }
            }
            Action::GestureHint(hint) => AppState { gesture_hint: hint, ..self.clone() },
            Action::ApplyLink(link) => {
                let mut next = self.clone();
                next.layers = LayerVisibility::default();
                for id in &link.hidden_layers {
                    if let Some(layer) = LayerId::from_id(id).filter(|l| l.id() == id) {
                        next.layers = next.layers.toggled(layer);
                    }
                }
                let feature = link.feature.as_ref().and_then(|id| self.story.feature(id));
                next.selected = feature.map(|f| f.id.clone());
                next.passage = match (feature, link.quote) {
                    (Some(f), Some(q)) if f.quotes.get(q).is_some_and(|q| q.place.is_ok()) => Some((f.id.clone(), q)),
                    _ => None,
                };
                if next.passage.is_some() {
                    next.panel = PanelTab::Article;
                }
                let view = match (link.center, link.zoom, feature) {
                    (Some(c), Some(z), _) => {
                        Viewport { center: project(c), zoom: z, ..self.view }.limited(&self.limits)
                    }
                    (_, _, Some(f)) => frame_feature(&self.view, f, &self.limits),
                    _ => self.view,
                };
                next.view = view;
                next.settled = view;
                // The link says where the tour is, or that it is off.
                next.tour_step = link.step.filter(|s| *s < tour(&self.story).len());
                if let Some(blob) = &link.annotations {
                    let decoded = shared_annotations::decode(blob).and_then(|annotations| {
                        room_for(next.annotations.history.present(), &annotations).map(|()| annotations)
                    });
                    let alert = match decoded {
                        Ok(annotations) => {
                            let count = annotations.len();
                            if let Some(a) = next.annotations.apply(AnnotationAction::Import(annotations), &next.view) {
                                next.annotations = a;
                            }
                            Alert::new(
                                Severity::Notice,
                                format!("The link brought {count} annotation(s); they are added to yours (Undo removes them)."),
                                vec![],
                            )
                        }
                        Err(why) => Alert::new(
                            Severity::Notice,
                            format!("The link's annotations could not be read: {why}."),
                            vec![],
                        ),
                    };
                    next = next.alerted(alert);
                }
                next
            }
            Action::BasemapLevelReady(level) => {
                AppState { basemap_levels: self.basemap_levels | (1 << level as u8), ..self.clone() }
            }
            Action::ShowAlert(alert) => self.clone().alerted(alert),
            Action::StorageProblem { message, blocked } => {
                let title = if blocked {
                    "Your annotations are not being saved in this browser. Export them (Export GeoJSON) to keep them."
                        .to_string()
                } else {
                    "Your last change could not be saved in this browser. Export your annotations to keep them."
                        .to_string()
                };
                let mut annotations = self.annotations.clone();
                if blocked {
                    annotations.storage = StorageState::Blocked;
                }
                // Said again, it is counted on the alert already shown (Alerts merges repeats).
                AppState { annotations, ..self.clone() }.alerted(Alert::new(Severity::Error, title, vec![message]).about_saved_work())
            }
        };
        (next != *self).then_some(next)
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match self.apply(action) {
            Some(next) => Rc::new(next),
            None => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coords::ScreenPx;

    fn sized() -> AppState {
        AppState::default().apply(Action::Resize { width: 900.0, height: 600.0 }).unwrap()
    }

    #[test]
    fn first_resize_frames_the_home_box() {
        let s = sized();
        let shown = s.view.visible_bounds();
        let home = HOME.to_mercator();
        assert!(shown.min.x <= home.min.x && shown.max.x >= home.max.x);
        assert!(shown.min.y <= home.min.y && shown.max.y >= home.max.y);
        assert_eq!(s.view, s.settled);
    }

    #[test]
    fn a_gesture_moves_the_live_view_and_settling_catches_up() {
        let s = sized();
        let moved = s.apply(Action::MoveView(ViewCommand::PanBy { dx: 10.0, dy: 0.0 })).unwrap();
        assert_ne!(moved.view, moved.settled);
        assert_eq!(moved.settled, s.settled);
        let settled = moved.apply(Action::SettleView).unwrap();
        assert_eq!(settled.view, settled.settled);
        assert_eq!(settled.apply(Action::SettleView), None, "settling twice changes nothing");
    }

    #[test]
    fn reset_returns_to_the_first_view() {
        let s = sized();
        let away =
            s.apply(Action::JumpView(ViewCommand::ZoomAround { anchor: ScreenPx::new(1.0, 1.0), delta: 2.0 })).unwrap();
        assert_eq!(away.apply(Action::ResetView).unwrap().view, s.view);
    }

    const TINY_STORY: &str = r#"{"format":"article-map/story@1",
      "article":{"title":"Tiny","sections":[{"id":"s","paragraphs":[{"id":"p1","text":"Kashgar is far."}]}]},
      "features":{"type":"FeatureCollection","features":[
        {"type":"Feature","id":"k","geometry":{"type":"Point","coordinates":[75.98,39.47]},"properties":{"title":"Kashgar",
         "kind":"city","confidence":"confirmed","precision":{"level":"exact","radius_km":15},
         "sources":[{"publisher":"P","url":"https://example.org"}],"quotes":[{"exact":"Kashgar"},{"exact":"Paris"}]}}]}}"#;

    #[test]
    fn loading_a_story_clears_the_selection_and_warns_about_unverified_quotes() {
        let s = sized().apply(Action::Select { id: "new_site_ishkashim_wakhan".into(), frame: false }).unwrap();
        assert!(s.selected.is_some());
        let story = Rc::new(Story::from_json(TINY_STORY).unwrap());
        let loaded = s.apply(Action::LoadStory(story)).unwrap();
        assert_eq!(loaded.selected, None);
        assert_eq!(loaded.alerts.len(), 1);
        let warning = loaded.alerts.newest().unwrap();
        assert!(warning.details[0].contains("“Kashgar”"), "{warning:?}");
    }

    #[test]
    fn a_refused_story_keeps_the_current_one_and_says_why() {
        let s = sized();
        let refused = s
            .apply(Action::RefuseStory { origin: "bad.json".into(), problems: vec!["format: is required".into()] })
            .unwrap();
        assert_eq!(refused.story, s.story);
        assert_eq!(refused.alerts.newest().unwrap().severity, Severity::Error);
        assert!(refused.alerts.newest().unwrap().title.starts_with("bad.json"));
        let dismissed = refused.apply(Action::DismissAlert(refused.alerts.shown().last().unwrap().id)).unwrap();
        assert_eq!(dismissed.alerts.shown(), s.alerts.shown());
    }

    #[test]
    fn selecting_an_unknown_feature_or_reading_an_unverified_quote_changes_nothing() {
        let s = sized().apply(Action::LoadStory(Rc::new(Story::from_json(TINY_STORY).unwrap()))).unwrap();
        assert_eq!(s.apply(Action::Select { id: "nope".into(), frame: true }), None);
        assert_eq!(s.apply(Action::ReadInArticle { id: "k".into(), quote: 1 }), None);
        let read = s.apply(Action::ReadInArticle { id: "k".into(), quote: 0 }).unwrap();
        assert_eq!(read.passage, Some(("k".into(), 0)));
    }

    #[test]
    fn selecting_with_framing_brings_a_far_feature_into_view() {
        let s = sized().apply(Action::LoadStory(Rc::new(Story::from_json(TINY_STORY).unwrap()))).unwrap();
        let far = s.apply(Action::JumpView(ViewCommand::PanBy { dx: 3000.0, dy: 0.0 })).unwrap();
        let selected = far.apply(Action::Select { id: "k".into(), frame: true }).unwrap();
        let at = selected.view.lonlat_to_screen(crate::domain::coords::LonLat::new(75.98, 39.47));
        assert!((at.x - 450.0).abs() < 1.0 && (at.y - 300.0).abs() < 1.0, "{at:?}");
        assert_eq!(selected.view, selected.settled);
    }

    #[test]
    fn a_link_reopens_the_same_view_feature_quote_and_layers() {
        let s = sized()
            .apply(Action::JumpView(ViewCommand::ZoomAround { anchor: ScreenPx::new(100.0, 100.0), delta: 1.5 }))
            .unwrap()
            .apply(Action::ToggleLayer(LayerId::Wakhan))
            .unwrap()
            .apply(Action::Select { id: "ru_201st_base_dushanbe".into(), frame: false })
            .unwrap()
            .apply(Action::ReadInArticle { id: "ru_201st_base_dushanbe".into(), quote: 0 })
            .unwrap();
        let link = s.link();
        let decoded = UrlState::decode(&link.encode()).unwrap();
        let reopened = sized().apply(Action::ApplyLink(decoded)).unwrap();
        assert_eq!(reopened.selected, s.selected);
        assert_eq!(reopened.passage, s.passage);
        assert_eq!(reopened.layers, s.layers);
        let (a, b) = (reopened.settled.center_lonlat(), s.settled.center_lonlat());
        assert!(
            (a.lon - b.lon).abs() < 1e-4
                && (a.lat - b.lat).abs() < 1e-4
                && (reopened.settled.zoom - s.settled.zoom).abs() < 1e-3
        );
    }

    #[test]
    fn a_link_to_an_unknown_feature_or_layer_opens_nothing_of_it() {
        let link = UrlState {
            feature: Some("nope".into()),
            hidden_layers: vec!["oceans".into(), "coast".into()],
            ..Default::default()
        };
        let s = sized();
        let opened = s.apply(Action::ApplyLink(link));
        assert!(opened.is_none() || opened.as_ref().unwrap().selected.is_none());
        assert!(opened.is_none_or(|o| o.layers == LayerVisibility::default()));
    }

    #[test]
    fn the_tour_steps_through_the_story_and_a_flight_ends_settled() {
        let s = sized();
        let first = s.apply(Action::GoToStep { step: 1, fly: false }).unwrap();
        assert_eq!(first.tour_step, Some(1));
        assert!(first.selected.is_some() && first.passage.is_some());
        // Far away and deep in, so that the next step has to move the camera.
        let away = first.apply(Action::JumpView(ViewCommand::PanBy { dx: 4000.0, dy: 2000.0 })).unwrap();
        let flying = away.apply(Action::GoToStep { step: 2, fly: true }).unwrap();
        let (from, to, _) = flying.flight.unwrap();
        assert_eq!(flying.view, from, "a flight starts where the camera is");
        let half = flying.apply(Action::FlightStep(0.5)).unwrap();
        assert_eq!(half.settled, flying.settled, "mid-flight only the live camera moves");
        let landed = half.apply(Action::FlightStep(1.0)).unwrap();
        assert_eq!((landed.view, landed.settled, landed.flight), (to, to, None));
        assert_eq!(landed.apply(Action::GoToStep { step: 999, fly: false }), None);
        assert_eq!(landed.apply(Action::EndTour).unwrap().tour_step, None);
    }

    #[test]
    fn toggling_a_layer_twice_restores_it() {
        let s = sized();
        let hidden = s.apply(Action::ToggleLayer(LayerId::Wakhan)).unwrap();
        assert!(!hidden.layers.is_visible(LayerId::Wakhan));
        assert_eq!(hidden.apply(Action::ToggleLayer(LayerId::Wakhan)).unwrap(), s);
    }

    #[test]
    fn the_level_of_detail_follows_the_settled_zoom() {
        let s = sized();
        let deep = s.apply(Action::MoveView(ViewCommand::ZoomAtCenter { delta: 4.0 })).unwrap();
        assert_eq!(deep.level_of_detail(), s.level_of_detail(), "not while the gesture runs");
        assert_eq!(deep.apply(Action::SettleView).unwrap().level_of_detail(), LevelOfDetail::L2);
    }
}

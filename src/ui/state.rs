//! The root state: one slice per feature, and a reducer that only routes. Every change is a named
//! [`Action`] for one slice; a slice's reducer is pure and may ask other slices to follow ([`Step::then`]),
//! so that one reader's action (a tour step, a link) is one dispatch that every slice it touches sees, in
//! order. [`AppState::apply`] returns `None` when nothing changes so that nothing re-renders.

use std::collections::VecDeque;
use std::rc::Rc;

use yew::Reducible;

use crate::domain::level_of_detail::LevelOfDetail;
use crate::domain::shared::Shared;
use crate::domain::story::Story;
use crate::ui::annotate::intake::{self, DocumentEvent};
use crate::ui::annotate::state::{AnnotationAction, AnnotationState};
use crate::ui::classroom::state::{ClassAction, Classroom, Mode};
use crate::ui::map::basemap_files::{outline_failed, DrawnLevel};
use crate::ui::map::map_state::{MapAction, MapState};
use crate::ui::share::embedded::{EmbedAction, Embedding};
use crate::ui::share::link::{self, ShareAction};
use crate::ui::shell::alerts::{Alert, AlertAction, Alerts, Severity};
use crate::ui::story::loading::{self, StoryAction};
use crate::ui::story::reading::{PanelTab, Reading, ReadingAction};
use crate::ui::story::tour::{Tour, TourAction};

/// How many follow-up actions one dispatch may cause (a slice asking another in a loop is a bug; this
/// bounds it rather than hanging the page).
const MAX_FOLLOW_UPS: usize = 64;

/// Everything the interface shows that can change, one slice per feature.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub map: MapState,
    /// The story on screen.
    pub story: Shared<Story>,
    pub reading: Reading,
    pub tour: Tour,
    /// The reader's own annotations.
    pub annotations: AnnotationState,
    pub embedding: Embedding,
    pub classroom: Classroom,
    /// Messages for the reader, newest last.
    pub alerts: Alerts,
}

/// Every change the app knows: an action for one slice.
// Actions live for one dispatch; boxing the large ones would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Map(MapAction),
    Story(StoryAction),
    Read(ReadingAction),
    Tour(TourAction),
    Annotate(AnnotationAction),
    Document(DocumentEvent),
    Share(ShareAction),
    Embed(EmbedAction),
    Class(ClassAction),
    Alert(AlertAction),
}

macro_rules! routes {
    ($($slice:ty => $variant:ident),* $(,)?) => {
        $(impl From<$slice> for Action {
            fn from(action: $slice) -> Action {
                Action::$variant(action)
            }
        })*
    };
}

routes! {
    MapAction => Map, StoryAction => Story, ReadingAction => Read, TourAction => Tour,
    AnnotationAction => Annotate, DocumentEvent => Document, ShareAction => Share, EmbedAction => Embed,
    ClassAction => Class, AlertAction => Alert,
}

/// A slice's answer to an action: its next state (`None`: unchanged) and what other slices do next.
#[derive(Clone, Debug, PartialEq)]
pub struct Step<S> {
    pub next: Option<S>,
    pub then: Vec<Action>,
}

impl<S: PartialEq> Step<S> {
    /// Nothing changes.
    pub fn unchanged() -> Step<S> {
        Step { next: None, then: Vec::new() }
    }

    /// The slice becomes `next`.
    pub fn to(next: S) -> Step<S> {
        Step { next: Some(next), then: Vec::new() }
    }

    /// The slice becomes `next`, if there is one.
    pub fn maybe(next: Option<S>) -> Step<S> {
        Step { next, then: Vec::new() }
    }

    /// Then another slice does `action`.
    pub fn then(mut self, action: impl Into<Action>) -> Step<S> {
        self.then.push(action.into());
        self
    }

    /// The same step, but `None` when the slice would not change (the follow-ups stay).
    pub fn unless_equal(self, current: &S) -> Step<S> {
        Step { next: self.next.filter(|next| next != current), then: self.then }
    }

    /// Puts the next state into `slot` and hands back the follow-ups.
    fn into_slot(self, slot: &mut S) -> Vec<Action> {
        if let Some(next) = self.next {
            *slot = next;
        }
        self.then
    }
}

impl Default for AppState {
    /// No story yet (the app reads one at start, [`AppState::with_first_story`]).
    fn default() -> Self {
        AppState {
            map: MapState::default(),
            story: Shared::new(Story::empty()),
            reading: Reading::default(),
            tour: Tour::default(),
            annotations: AnnotationState::default(),
            embedding: Embedding::default(),
            classroom: Classroom::default(),
            alerts: Alerts::default(),
        }
    }
}

impl AppState {
    /// The state of an app embedded in another page.
    pub fn embedded() -> Self {
        AppState { embedding: Embedding::embedded(), ..AppState::default() }
    }

    /// The state for a classroom mode: the presenter starts the tour, students and teachers see the class.
    pub fn for_mode(mode: Mode) -> Self {
        let base = AppState { classroom: Classroom { mode, ..Classroom::default() }, ..AppState::default() };
        match mode {
            Mode::Presenter => AppState { tour: Tour { step: Some(0) }, ..base },
            Mode::Student | Mode::Teacher => {
                AppState { reading: Reading { panel: PanelTab::Class, ..base.reading }, ..base }
            }
            Mode::Reader => base,
        }
    }

    /// The state with the story the page starts with (index.html names it), or, when it could not be had or
    /// read, an alert saying why. `None`: the page names no story.
    pub fn with_first_story(self, story: Option<Result<Rc<Story>, Vec<String>>>) -> AppState {
        let action: Action = match story {
            None => return self,
            Some(Ok(story)) => StoryAction::Load(story).into(),
            Some(Err(problems)) => {
                AlertAction::Raise(Alert::new(Severity::Error, "The story could not be loaded.", problems)).into()
            }
        };
        self.apply(action).unwrap_or(self)
    }

    /// The state with the first frame's basemap level, or, when it could not be had, an alert saying so.
    pub fn with_first_level(self, level: Result<Shared<DrawnLevel>, String>) -> AppState {
        let actions: Vec<Action> = match level {
            Ok(level) => vec![MapAction::BasemapReady(level).into()],
            Err(why) => {
                vec![AlertAction::Raise(outline_failed(why)).into(), MapAction::BasemapFailed(LevelOfDetail::L0).into()]
            }
        };
        actions.into_iter().fold(self, |state, action| state.apply(action).unwrap_or(state))
    }

    /// The next state, or `None` when the action changes nothing.
    pub fn apply(&self, action: Action) -> Option<AppState> {
        if self.classroom.refuses(&action) {
            return None;
        }
        let mut next = self.clone();
        let mut pending = VecDeque::from([action]);
        let mut budget = MAX_FOLLOW_UPS;
        while let Some(action) = pending.pop_front() {
            pending.extend(next.route(action));
            budget = budget.checked_sub(1)?;
        }
        (next != *self).then_some(next)
    }

    /// Hands `action` to its slice; returns what the slice asks the others to do.
    fn route(&mut self, action: Action) -> Vec<Action> {
        match action {
            Action::Map(a) => Step::maybe(self.map.apply(a, &self.story)).into_slot(&mut self.map),
            Action::Story(a) => loading::apply(&self.story, a).into_slot(&mut self.story),
            Action::Read(a) => self.reading.apply(a, &self.story).into_slot(&mut self.reading),
            Action::Tour(a) => self.tour.apply(a, &self.story).into_slot(&mut self.tour),
            Action::Annotate(a) => self.annotations.reduce(a, &self.map.view).into_slot(&mut self.annotations),
            Action::Document(e) => intake::apply(&self.annotations, e, &self.map.view).into_slot(&mut self.annotations),
            Action::Share(a) => link::apply(a),
            Action::Embed(a) => Step::maybe(self.embedding.apply(a)).into_slot(&mut self.embedding),
            Action::Class(a) => self.classroom.apply(a).into_slot(&mut self.classroom),
            Action::Alert(a) => Step::maybe(self.alerts.apply(a)).into_slot(&mut self.alerts),
        }
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
    use crate::domain::coords::{LonLat, ScreenPx};
    use crate::domain::interaction::ViewCommand;
    use crate::domain::layers::{LayerId, LayerVisibility};
    use crate::domain::url_state::UrlState;
    use crate::ui::share::link::link_of;
    use crate::ui::story::reading::TINY_STORY;

    /// A state as the app starts it with the default story.
    fn with_default_story(state: AppState) -> AppState {
        let story = crate::ui::story::embedded_story::default_story().unwrap();
        state.with_first_story(Some(Ok(story)))
    }

    fn sized() -> AppState {
        with_default_story(AppState::default()).apply(MapAction::Resize { width: 900.0, height: 600.0 }.into()).unwrap()
    }

    fn then(state: AppState, actions: impl IntoIterator<Item = Action>) -> AppState {
        actions.into_iter().fold(state, |s, a| s.apply(a.clone()).unwrap_or_else(|| panic!("{a:?} changed nothing")))
    }

    fn tiny() -> Action {
        StoryAction::Load(Rc::new(Story::from_json(TINY_STORY).unwrap())).into()
    }

    #[test]
    fn a_first_story_that_cannot_be_had_is_said_and_no_story_is_none() {
        let refused =
            AppState::default().with_first_story(Some(Err(vec!["stories/x.json: the server answered 404".into()])));
        assert!(refused.story.features.is_empty());
        assert_eq!(refused.alerts.len(), 1);
        assert!(refused.alerts.newest().unwrap().title.contains("could not be loaded"));
        let none = AppState::default().with_first_story(None);
        assert!(none.story.features.is_empty() && none.alerts.is_empty());
        assert!(!sized().story.features.is_empty());
    }

    #[test]
    fn loading_a_story_clears_the_selection_and_warns_about_unverified_quotes() {
        let s = then(sized(), [ReadingAction::Select { id: "new_site_ishkashim_wakhan".into(), frame: false }.into()]);
        assert!(s.reading.selected.is_some());
        let loaded = s.apply(tiny()).unwrap();
        assert_eq!(loaded.reading.selected, None);
        assert_eq!(loaded.alerts.len(), 1, "the old story's warnings went, the new one's came");
        assert!(loaded.alerts.newest().unwrap().details[0].contains("“Kashgar”"));
    }

    #[test]
    fn a_refused_story_keeps_the_current_one_and_says_why() {
        let s = sized();
        let refused = then(
            s.clone(),
            [StoryAction::Refuse { origin: "bad.json".into(), problems: vec!["format: is required".into()] }.into()],
        );
        assert_eq!(refused.story, s.story);
        let alert = refused.alerts.newest().unwrap();
        assert!(alert.severity == Severity::Error && alert.title.starts_with("bad.json"));
        let dismissed = then(refused.clone(), [AlertAction::Dismiss(refused.alerts.shown().last().unwrap().id).into()]);
        assert_eq!(dismissed.alerts.shown(), s.alerts.shown());
    }

    #[test]
    fn selecting_with_framing_brings_a_far_feature_into_view_in_one_dispatch() {
        let far = then(sized(), [tiny(), MapAction::Jump(ViewCommand::PanBy { dx: 3000.0, dy: 0.0 }).into()]);
        let selected = then(far, [ReadingAction::Select { id: "k".into(), frame: true }.into()]);
        let at = selected.map.view.lonlat_to_screen(LonLat::new(75.98, 39.47));
        assert!((at.x - 450.0).abs() < 1.0 && (at.y - 300.0).abs() < 1.0, "{at:?}");
        assert_eq!(selected.map.view, selected.map.settled);
    }

    #[test]
    fn a_link_reopens_the_same_view_feature_quote_and_layers() {
        let s = then(
            sized(),
            [
                MapAction::Jump(ViewCommand::ZoomAround { anchor: ScreenPx::new(100.0, 100.0), delta: 1.5 }).into(),
                MapAction::ToggleLayer(LayerId::Wakhan).into(),
                MapAction::LabelLanguage(crate::domain::local_names::LabelLanguage::Chinese).into(),
                ReadingAction::Select { id: "ru_201st_base_dushanbe".into(), frame: false }.into(),
                ReadingAction::ReadInArticle { id: "ru_201st_base_dushanbe".into(), quote: 0 }.into(),
            ],
        );
        let decoded = UrlState::decode(&link_of(&s).encode()).unwrap();
        let reopened = then(sized(), [ShareAction::ApplyLink(decoded).into()]);
        assert_eq!(reopened.reading.selected, s.reading.selected);
        assert_eq!(reopened.reading.passage, s.reading.passage);
        assert_eq!(reopened.map.layers, s.map.layers);
        assert_eq!(reopened.map.label_language, s.map.label_language);
        let (a, b) = (reopened.map.settled.center_lonlat(), s.map.settled.center_lonlat());
        assert!((a.lon - b.lon).abs() < 1e-4 && (a.lat - b.lat).abs() < 1e-4);
        assert!((reopened.map.settled.zoom - s.map.settled.zoom).abs() < 1e-3);
    }

    #[test]
    fn a_link_to_an_unknown_feature_or_layer_opens_nothing_of_it() {
        let link = UrlState {
            feature: Some("nope".into()),
            hidden_layers: vec!["oceans".into(), "coast".into()],
            ..Default::default()
        };
        let opened = sized().apply(ShareAction::ApplyLink(link).into());
        assert!(opened.as_ref().is_none_or(|o| o.reading.selected.is_none()));
        assert!(opened.is_none_or(|o| o.map.layers == LayerVisibility::default()));
    }

    #[test]
    fn a_tour_step_selects_reads_and_frames_in_one_dispatch() {
        let away = then(sized(), [MapAction::Jump(ViewCommand::PanBy { dx: 4000.0, dy: 2000.0 }).into()]);
        let flying = then(away.clone(), [TourAction::GoTo { step: 2, fly: true }.into()]);
        assert_eq!(flying.tour.step, Some(2));
        assert!(flying.reading.selected.is_some() && flying.reading.passage.is_some());
        assert_eq!(flying.reading.panel, PanelTab::Article);
        let (from, _, _) = flying.map.flight.unwrap();
        assert_eq!((flying.map.view, from), (away.map.view, away.map.view), "a flight starts where the camera is");
        assert_eq!(flying.apply(TourAction::GoTo { step: 999, fly: false }.into()), None);
    }

    #[test]
    fn selecting_an_annotation_opens_its_editor() {
        let s = then(
            sized(),
            [DocumentEvent::Imported {
                origin: "a".into(),
                report: crate::domain::geojson_import::ImportReport {
                    annotations: vec![crate::domain::annotation::Annotation::new(
                        "a1",
                        crate::domain::annotation::AnnotationGeometry::Point(LonLat::new(71.0, 38.0)),
                    )],
                    ..Default::default()
                },
            }
            .into()],
        );
        let back = then(s, [ReadingAction::ShowPanel(PanelTab::Places).into()]);
        let id = back.annotations.history.present().annotations[0].id.clone();
        let selected = then(back, [AnnotationAction::Select(Some(id)).into()]);
        assert_eq!(selected.reading.panel, PanelTab::Annotations);
    }

    #[test]
    fn the_presenters_tour_is_step_locked_but_its_steps_still_move_the_map() {
        let presenter = then(
            with_default_story(AppState::for_mode(Mode::Presenter))
                .apply(MapAction::Resize { width: 900.0, height: 600.0 }.into())
                .unwrap(),
            [TourAction::GoTo { step: 1, fly: false }.into()],
        );
        assert!(presenter.reading.selected.is_some(), "the step opened its place");
        assert_eq!(presenter.apply(MapAction::Move(ViewCommand::PanBy { dx: 40.0, dy: 0.0 }).into()), None);
        assert_eq!(presenter.apply(TourAction::End.into()), None);
        assert_eq!(presenter.apply(ReadingAction::ClosePopup.into()), None);
        let back = then(presenter.clone(), [TourAction::GoTo { step: 0, fly: false }.into()]);
        assert_ne!(back.map.view, presenter.map.view, "a step moves the map");
    }

    #[test]
    fn the_presenter_starts_on_the_tour_and_the_class_on_its_tab() {
        assert_eq!(AppState::for_mode(Mode::Presenter).tour.step, Some(0));
        assert_eq!(AppState::for_mode(Mode::Student).reading.panel, PanelTab::Class);
        let reader = AppState::for_mode(Mode::Reader);
        assert_eq!((reader.tour.step, reader.reading.panel), (None, PanelTab::Article));
        assert!(!AppState::embedded().embedding.panel_open);
    }
}

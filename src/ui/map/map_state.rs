//! The map slice: the live and settled cameras, the zoom range, a tour flight, which layers show, the
//! language of the place labels, the basemap levels fetched so far, and a gesture hint. Its reducer is pure.

use crate::domain::bounds::LonLatBounds;
use crate::domain::coords::LonLat;
use crate::domain::extent::{home_view, limits_for, limits_within, EXTENT};
use crate::domain::framing::frame_feature_above;
use crate::domain::ids::FeatureId;
use crate::domain::interaction::{self, ViewCommand};
use crate::domain::label_placement::ScreenBox;
use crate::domain::layers::{LayerId, LayerVisibility};
use crate::domain::level_of_detail::LevelOfDetail;
use crate::domain::local_names::LabelLanguage;
use crate::domain::projection::project;
use crate::domain::shared::Shared;
use crate::domain::story::Story;
use crate::domain::towns::Town;
use crate::domain::viewport::{ViewLimits, Viewport};
use crate::ui::map::basemap_files::DrawnLevel;
use crate::ui::map::reference_layers::DrawnWater;

/// Room kept between a framed feature and the tour card above which it is framed, CSS px.
const GAP_ABOVE_CARD_PX: f64 = 8.0;

/// A camera move in progress (the tour flies): from, to, and how far along (0–1).
pub type Flight = (Viewport, Viewport, f64);

/// The basemap levels fetched so far, and those that could not be.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BasemapLevels {
    fetched: Vec<Shared<DrawnLevel>>,
    failed: Vec<LevelOfDetail>,
}

impl BasemapLevels {
    /// Whether `level` can be drawn now.
    pub fn has(&self, level: LevelOfDetail) -> bool {
        self.fetched.iter().any(|l| l.level == level)
    }

    /// Whether `level` has arrived or failed (nothing more will come of asking for it).
    pub fn settled(&self, level: LevelOfDetail) -> bool {
        self.has(level) || self.failed.contains(&level)
    }

    /// The finest level ready that is not finer than `wanted`, else the coarsest finer one; or why none is.
    pub fn best(&self, wanted: LevelOfDetail) -> Result<Shared<DrawnLevel>, String> {
        let not_finer = self.fetched.iter().filter(|l| l.level <= wanted).max_by_key(|l| l.level);
        match not_finer.or_else(|| self.fetched.iter().min_by_key(|l| l.level)) {
            Some(level) => Ok(level.clone()),
            None if self.failed.is_empty() => Err("The map’s outline is loading.".into()),
            None => Err("The map’s outline could not be loaded.".into()),
        }
    }

    fn with(&self, level: Shared<DrawnLevel>) -> Option<BasemapLevels> {
        if self.has(level.level) {
            return None;
        }
        let mut next = self.clone();
        next.failed.retain(|l| *l != level.level);
        next.fetched.push(level);
        Some(next)
    }

    fn without(&self, level: LevelOfDetail) -> Option<BasemapLevels> {
        if self.settled(level) {
            return None;
        }
        let mut next = self.clone();
        next.failed.push(level);
        Some(next)
    }
}

/// What the map shows and from where.
#[derive(Clone, Debug, PartialEq)]
pub struct MapState {
    /// The live camera, moved by every gesture step.
    pub view: Viewport,
    /// The camera the drawing was last made for; a gesture only transforms that drawing, and the drawing
    /// is remade (and its level of detail chosen) when the view settles.
    pub settled: Viewport,
    pub limits: ViewLimits,
    /// How far the camera may go: the data's extent, or wider for the benchmark's workload.
    pub reach: LonLatBounds,
    /// False until the map's size is known.
    pub sized: bool,
    pub flight: Option<Flight>,
    pub layers: LayerVisibility,
    /// The language the story's place labels are written in (where a place has a name in it).
    pub label_language: LabelLanguage,
    pub basemap: BasemapLevels,
    /// A short hint over the map ("Use Ctrl + scroll to zoom"), shown for a moment.
    pub hint: Option<&'static str>,
    /// True once the first frame is on screen (`map-ready`): the reference layers load after it.
    pub first_frame_shown: bool,
    /// The towns of the reference layer, once fetched.
    pub towns: Option<Shared<Vec<Town>>>,
    /// The rivers and lakes, once fetched.
    pub water: Option<Shared<DrawnWater>>,
    /// Where the map's controls float over it, in map px: labels keep out from under them.
    pub chrome: Shared<Vec<ScreenBox>>,
    /// Where the tour card stands over the map, when it is shown: popups keep above it.
    pub tour_card: Option<ScreenBox>,
}

impl Default for MapState {
    fn default() -> Self {
        let view = home_view(1024.0, 768.0);
        MapState {
            view,
            settled: view,
            limits: limits_for(1024.0, 768.0),
            reach: EXTENT,
            sized: false,
            flight: None,
            layers: LayerVisibility::default(),
            label_language: LabelLanguage::default(),
            basemap: BasemapLevels::default(),
            hint: None,
            first_frame_shown: false,
            towns: None,
            water: None,
            chrome: Shared::new(Vec::new()),
            tour_card: None,
        }
    }
}

/// Every change to the map slice.
#[derive(Clone, Debug, PartialEq)]
pub enum MapAction {
    /// The map element has this size in CSS px.
    Resize {
        width: f64,
        height: f64,
    },
    /// A step of a gesture: moves the live camera only.
    Move(ViewCommand),
    /// The gesture ended: redraw for the live camera.
    Settle,
    /// A discrete change (key, button, double-click): move and settle at once.
    Jump(ViewCommand),
    /// Back to the first view; `fly` animates the camera.
    Home {
        fly: bool,
    },
    /// Bring a story feature into view; `fly` animates the camera.
    Frame {
        feature: FeatureId,
        fly: bool,
    },
    /// Centre on a place at a zoom (a link), within the limits.
    LookAt {
        center: LonLat,
        zoom: f64,
    },
    /// Advance a flight to `t` (0–1); at 1 the view settles.
    FlightStep(f64),
    ToggleLayer(LayerId),
    /// Show exactly the layers not named here.
    HideOnly(Vec<LayerId>),
    /// Write the place labels in this language.
    LabelLanguage(LabelLanguage),
    /// A basemap level has been fetched and read.
    BasemapReady(Shared<DrawnLevel>),
    /// A basemap level could not be fetched or read (the alert says why).
    BasemapFailed(LevelOfDetail),
    /// Show (or clear) a gesture hint over the map.
    Hint(Option<&'static str>),
    /// The first frame is on screen (`map-ready`).
    FirstFrameShown,
    /// The camera may also go over this box (the benchmark's synthetic workload).
    Reach(LonLatBounds),
    /// The towns of the reference layer have been fetched and read.
    TownsReady(Shared<Vec<Town>>),
    /// The rivers and lakes have been fetched and read.
    WaterReady(Shared<DrawnWater>),
    /// The map's controls now cover these boxes (map px).
    ChromeMoved(Vec<ScreenBox>),
    /// The tour card now stands here (map px), or is gone.
    TourCardMoved(Option<ScreenBox>),
}

impl MapState {
    /// The level of detail of the drawing (chosen for the settled camera).
    pub fn level_of_detail(&self) -> LevelOfDetail {
        LevelOfDetail::for_degrees_per_px(self.settled.degrees_per_px())
    }

    /// The state with the camera at `view`: at once and settled, or as a flight from the live camera.
    fn going_to(&self, view: Viewport, fly: bool) -> MapState {
        if fly && view != self.view {
            MapState { flight: Some((self.view, view, 0.0)), ..self.clone() }
        } else {
            MapState { view, settled: view, flight: None, ..self.clone() }
        }
    }

    /// The next state, or `None` when nothing changes. `story` tells where its features are.
    pub fn apply(&self, action: MapAction, story: &Story) -> Option<MapState> {
        let next = match action {
            MapAction::Resize { width, height } => self.resized(width, height)?,
            MapAction::Move(command) => {
                MapState { view: interaction::apply(&self.view, command, &self.limits), ..self.clone() }
            }
            MapAction::Settle => MapState { settled: self.view, ..self.clone() },
            MapAction::Jump(command) => {
                let view = interaction::apply(&self.view, command, &self.limits);
                MapState { view, settled: view, ..self.clone() }
            }
            MapAction::Home { fly } => self.going_to(home_view(self.view.width, self.view.height), fly),
            MapAction::Frame { feature, fly } => {
                let feature = story.feature(&feature)?;
                // Framed above the tour card, when there is one, so that the card never covers it.
                let visible = self.tour_card.map_or(self.view.height, |card| card.top - GAP_ABOVE_CARD_PX);
                self.going_to(frame_feature_above(&self.view, feature, &self.limits, visible), fly)
            }
            MapAction::LookAt { center, zoom } => {
                let view = Viewport { center: project(center), zoom, ..self.view }.limited(&self.limits);
                self.going_to(view, false)
            }
            MapAction::FlightStep(t) => {
                let (from, to, _) = self.flight?;
                let view = from.towards(&to, t);
                if t >= 1.0 {
                    MapState { view, settled: view, flight: None, ..self.clone() }
                } else {
                    MapState { view, flight: Some((from, to, t)), ..self.clone() }
                }
            }
            MapAction::ToggleLayer(layer) => MapState { layers: self.layers.toggled(layer), ..self.clone() },
            MapAction::HideOnly(hidden) => {
                let layers = LayerId::ALL
                    .into_iter()
                    .filter(|l| hidden.contains(l))
                    .fold(LayerVisibility::default(), |layers, l| layers.toggled(l));
                MapState { layers, ..self.clone() }
            }
            MapAction::LabelLanguage(label_language) => MapState { label_language, ..self.clone() },
            MapAction::BasemapReady(level) => MapState { basemap: self.basemap.with(level)?, ..self.clone() },
            MapAction::BasemapFailed(level) => MapState { basemap: self.basemap.without(level)?, ..self.clone() },
            MapAction::Hint(hint) => MapState { hint, ..self.clone() },
            MapAction::FirstFrameShown => MapState { first_frame_shown: true, ..self.clone() },
            MapAction::Reach(more) => {
                let reach = self.reach.union(more);
                let limits = limits_within(self.view.width, self.view.height, reach);
                MapState { reach, limits, ..self.clone() }
            }
            MapAction::TownsReady(towns) => MapState { towns: Some(towns), ..self.clone() },
            MapAction::WaterReady(water) => MapState { water: Some(water), ..self.clone() },
            MapAction::ChromeMoved(boxes) if *self.chrome == boxes => return None,
            MapAction::ChromeMoved(boxes) => MapState { chrome: Shared::new(boxes), ..self.clone() },
            MapAction::TourCardMoved(tour_card) => MapState { tour_card, ..self.clone() },
        };
        (next != *self).then_some(next)
    }

    fn resized(&self, width: f64, height: f64) -> Option<MapState> {
        // A map of less than a pixel (a collapsed iframe) is drawn as one pixel: it is still ready.
        let (width, height) = (width.max(1.0), height.max(1.0));
        if !width.is_finite()
            || !height.is_finite()
            || (self.sized && width == self.view.width && height == self.view.height)
        {
            return None;
        }
        let limits = limits_within(width, height, self.reach);
        let view =
            if self.sized { self.view.resized(width, height).limited(&limits) } else { home_view(width, height) };
        Some(MapState { view, settled: view, limits, sized: true, ..self.clone() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coords::ScreenPx;
    use crate::domain::extent::HOME;

    fn sized() -> MapState {
        MapState::default().apply(MapAction::Resize { width: 900.0, height: 600.0 }, &Story::empty()).unwrap()
    }

    #[test]
    fn first_resize_frames_the_home_box() {
        let s = sized();
        let (shown, home) = (s.view.visible_bounds(), HOME.to_mercator());
        assert!(shown.min.x <= home.min.x && shown.max.x >= home.max.x);
        assert!(shown.min.y <= home.min.y && shown.max.y >= home.max.y);
        assert_eq!(s.view, s.settled);
    }

    #[test]
    fn a_gesture_moves_the_live_view_and_settling_catches_up() {
        let (s, story) = (sized(), Story::empty());
        let moved = s.apply(MapAction::Move(ViewCommand::PanBy { dx: 10.0, dy: 0.0 }), &story).unwrap();
        assert_ne!(moved.view, moved.settled);
        assert_eq!(moved.settled, s.settled);
        let settled = moved.apply(MapAction::Settle, &story).unwrap();
        assert_eq!(settled.view, settled.settled);
        assert_eq!(settled.apply(MapAction::Settle, &story), None, "settling twice changes nothing");
    }

    #[test]
    fn home_returns_to_the_first_view() {
        let (s, story) = (sized(), Story::empty());
        let zoom = ViewCommand::ZoomAround { anchor: ScreenPx::new(1.0, 1.0), delta: 2.0 };
        let away = s.apply(MapAction::Jump(zoom), &story).unwrap();
        assert_eq!(away.apply(MapAction::Home { fly: false }, &story).unwrap().view, s.view);
    }

    #[test]
    fn a_flight_starts_where_the_camera_is_and_ends_settled() {
        let (s, story) = (sized(), Story::empty());
        let away = s.apply(MapAction::Jump(ViewCommand::PanBy { dx: 4000.0, dy: 2000.0 }), &story).unwrap();
        let flying = away.apply(MapAction::Home { fly: true }, &story).unwrap();
        let (from, to, _) = flying.flight.unwrap();
        assert_eq!((flying.view, from), (away.view, away.view));
        let half = flying.apply(MapAction::FlightStep(0.5), &story).unwrap();
        assert_eq!(half.settled, flying.settled, "mid-flight only the live camera moves");
        let landed = half.apply(MapAction::FlightStep(1.0), &story).unwrap();
        assert_eq!((landed.view, landed.settled, landed.flight), (to, to, None));
        assert_eq!(landed.apply(MapAction::FlightStep(0.5), &story), None, "no flight, no step");
    }

    #[test]
    fn toggling_a_layer_twice_restores_it_and_hide_only_names_the_hidden_ones() {
        let (s, story) = (sized(), Story::empty());
        let hidden = s.apply(MapAction::ToggleLayer(LayerId::Wakhan), &story).unwrap();
        assert!(!hidden.layers.is_visible(LayerId::Wakhan));
        assert_eq!(hidden.apply(MapAction::ToggleLayer(LayerId::Wakhan), &story).unwrap(), s);
        let only = hidden.apply(MapAction::HideOnly(vec![LayerId::Labels]), &story).unwrap();
        assert!(only.layers.is_visible(LayerId::Wakhan) && !only.layers.is_visible(LayerId::Labels));
    }

    #[test]
    fn the_label_language_is_chosen_once() {
        let (s, story) = (sized(), Story::empty());
        assert_eq!(s.label_language, LabelLanguage::English);
        let dari = s.apply(MapAction::LabelLanguage(LabelLanguage::Dari), &story).unwrap();
        assert_eq!((dari.label_language, dari.view), (LabelLanguage::Dari, s.view));
        assert_eq!(dari.apply(MapAction::LabelLanguage(LabelLanguage::Dari), &story), None);
    }

    #[test]
    fn the_level_of_detail_follows_the_settled_zoom() {
        let (s, story) = (sized(), Story::empty());
        let deep = s.apply(MapAction::Move(ViewCommand::ZoomAtCenter { delta: 4.0 }), &story).unwrap();
        assert_eq!(deep.level_of_detail(), s.level_of_detail(), "not while the gesture runs");
        assert_eq!(deep.apply(MapAction::Settle, &story).unwrap().level_of_detail(), LevelOfDetail::L2);
    }

    #[test]
    fn a_fetched_level_is_kept_once_and_drawn_when_the_zoom_wants_it() {
        let (s, story) = (sized(), Story::empty());
        assert!(!s.basemap.has(LevelOfDetail::L1));
        assert!(s.basemap.best(LevelOfDetail::L0).unwrap_err().contains("loading"), "nothing before the first file");
        let level = |level| Shared::new(DrawnLevel { level, features: vec![] });
        let with = s.apply(MapAction::BasemapReady(level(LevelOfDetail::L1)), &story).unwrap();
        assert!(with.basemap.has(LevelOfDetail::L1));
        assert_eq!(with.apply(MapAction::BasemapReady(level(LevelOfDetail::L1)), &story), None, "a level arrives once");
        assert_eq!(with.basemap.best(LevelOfDetail::L2).unwrap().level, LevelOfDetail::L1);
        assert_eq!(with.basemap.best(LevelOfDetail::L0).unwrap().level, LevelOfDetail::L1, "finer rather than none");
        let both = with.apply(MapAction::BasemapReady(level(LevelOfDetail::L0)), &story).unwrap();
        assert_eq!(both.basemap.best(LevelOfDetail::L0).unwrap().level, LevelOfDetail::L0);
    }

    #[test]
    fn a_wider_reach_lets_the_camera_fit_the_synthetic_extent() {
        use crate::domain::synthetic::SYNTHETIC_EXTENT;
        let (s, story) = (sized(), Story::empty());
        let fit = |s: &MapState| {
            let whole = Viewport::fitting(SYNTHETIC_EXTENT.to_mercator(), 900.0, 600.0, 0.0);
            let (center, zoom) = (whole.center_lonlat(), whole.zoom);
            (s.apply(MapAction::LookAt { center, zoom }, &story).unwrap().view.zoom, zoom)
        };
        let (clamped, wanted) = fit(&s);
        assert!(clamped > wanted + 0.5, "the data's extent alone keeps the camera closer");
        let wide = s.apply(MapAction::Reach(SYNTHETIC_EXTENT), &story).unwrap();
        let (reached, wanted) = fit(&wide);
        assert!((reached - wanted).abs() < 1e-9, "{reached} vs {wanted}");
        let resized = wide.apply(MapAction::Resize { width: 700.0, height: 500.0 }, &story).unwrap();
        assert_eq!(resized.reach, wide.reach, "a resize keeps the reach");
    }

    #[test]
    fn a_level_that_failed_is_settled_and_the_map_says_so() {
        let (s, story) = (sized(), Story::empty());
        let failed = s.apply(MapAction::BasemapFailed(LevelOfDetail::L0), &story).unwrap();
        assert!(failed.basemap.settled(LevelOfDetail::L0) && !failed.basemap.has(LevelOfDetail::L0));
        assert!(failed.basemap.best(LevelOfDetail::L0).unwrap_err().contains("could not be loaded"));
        assert_eq!(failed.apply(MapAction::BasemapFailed(LevelOfDetail::L0), &story), None);
        let l0 = Shared::new(DrawnLevel { level: LevelOfDetail::L0, features: vec![] });
        let later = failed.apply(MapAction::BasemapReady(l0), &story).unwrap();
        assert!(later.basemap.best(LevelOfDetail::L1).is_ok(), "a later success is drawn");
    }

    #[test]
    fn an_infinite_size_changes_nothing_and_a_collapsed_map_is_one_pixel() {
        let story = Story::empty();
        assert_eq!(MapState::default().apply(MapAction::Resize { width: f64::INFINITY, height: 5.0 }, &story), None);
        let tiny = MapState::default().apply(MapAction::Resize { width: 0.0, height: 0.0 }, &story).unwrap();
        assert!(tiny.sized && tiny.view.width == 1.0);
    }
}

//! The application state and its one reducer. Every change is a named [`Action`]; [`AppState::apply`] is pure
//! and deterministic, and returns `None` when nothing changes so that nothing re-renders.

use std::rc::Rc;

use yew::Reducible;

use crate::domain::bounds::{LonLatBounds, MercatorBounds};
use crate::domain::interaction::{self, ViewCommand};
use crate::domain::layers::{LayerId, LayerVisibility};
use crate::domain::level_of_detail::LevelOfDetail;
use crate::domain::viewport::{ViewLimits, Viewport};

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
}

/// Every change the app knows.
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
}

impl Default for AppState {
    fn default() -> Self {
        let view = Viewport::fitting(HOME.to_mercator(), 1024.0, 768.0, HOME_PADDING_PX);
        AppState {
            view,
            settled: view,
            limits: limits_for(1024.0, 768.0),
            layers: LayerVisibility::default(),
            sized: false,
        }
    }
}

/// The zoom range for a screen: out to where the whole extent fits, in to [`MAX_ZOOM`].
fn limits_for(width: f64, height: f64) -> ViewLimits {
    let extent: MercatorBounds = EXTENT.to_mercator();
    let whole = Viewport::fitting(extent, width, height, 0.0);
    let home = Viewport::fitting(HOME.to_mercator(), width, height, HOME_PADDING_PX);
    ViewLimits { min_zoom: whole.zoom.min(home.zoom), max_zoom: MAX_ZOOM, center_within: extent }
}

impl AppState {
    /// The first view for a screen of this size.
    pub fn home_view(width: f64, height: f64) -> Viewport {
        Viewport::fitting(HOME.to_mercator(), width, height, HOME_PADDING_PX)
    }

    /// The level of detail of the drawing (chosen for the settled camera).
    pub fn level_of_detail(&self) -> LevelOfDetail {
        LevelOfDetail::for_degrees_per_px(self.settled.degrees_per_px())
    }

    /// The next state, or `None` when the action changes nothing.
    pub fn apply(&self, action: Action) -> Option<AppState> {
        let next = match action {
            Action::Resize { width, height } => {
                if width < 1.0 || height < 1.0 || (self.sized && width == self.view.width && height == self.view.height)
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

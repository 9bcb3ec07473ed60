//! The map's effects: following the element's size, animating a tour flight, fetching the basemap level the
//! zoom needs, and marking the first complete frame.

use yew::prelude::*;

use crate::browser::element_size::{watch_boxes, watch_node_size};
use crate::browser::fetch::fetch_text;
use crate::browser::timers::Interval;
use crate::browser::{console, performance};
use crate::domain::label_placement::ScreenBox;
use crate::domain::level_of_detail::LevelOfDetail;
use crate::domain::shared::Shared;
use crate::domain::towns::read_towns;
use crate::ui::map::basemap_files::fetch_level;
use crate::ui::map::map_state::{Flight, MapAction};
use crate::ui::map::reference_layers::{DrawnWater, TOWNS_FILE, WATER_FILE};
use crate::ui::store::Dispatch;

/// How long a tour flight takes, ms.
const FLIGHT_MS: f64 = 700.0;

/// Tells the state the map element's size, now and whenever it changes.
#[hook]
pub fn use_map_size(map: &NodeRef, dispatch: &Dispatch) {
    let (map, dispatch) = (map.clone(), dispatch.clone());
    use_effect_with((), move |_| {
        let watch =
            watch_node_size(&map, move |width, height| dispatch.dispatch(MapAction::Resize { width, height }.into()))
                .map_err(|message| console::error(&message))
                .ok();
        move || drop(watch)
    });
}

/// Animates a flight over [`FLIGHT_MS`], or lands at once for readers who prefer less motion.
#[hook]
pub fn use_flight(flight: Option<Flight>, dispatch: &Dispatch) {
    let dispatch = dispatch.clone();
    let ends = flight.map(|(from, to, _)| (from, to));
    use_effect_with(ends, move |ends| {
        let interval = ends.map(|_| {
            if performance::prefers_reduced_motion() {
                dispatch.dispatch(MapAction::FlightStep(1.0).into());
                return None;
            }
            let start = performance::now_ms();
            Some(Interval::new(16, move || {
                let t = ((performance::now_ms() - start) / FLIGHT_MS).min(1.0);
                dispatch.dispatch(MapAction::FlightStep(t).into());
            }))
        });
        move || drop(interval)
    });
}

/// Fetches a finer basemap level once, when the zoom first wants it (L0 is read before the first render,
/// [`crate::ui::start`]). One that fails is said on the console; the coarser level stays drawn.
#[hook]
pub fn use_basemap_level(wanted: LevelOfDetail, needed: bool, dispatch: &Dispatch) {
    let dispatch = dispatch.clone();
    let asked = use_mut_ref(std::collections::HashSet::<LevelOfDetail>::new);
    use_effect_with((wanted, needed), move |&(wanted, needed)| {
        if !needed || !asked.borrow_mut().insert(wanted) {
            return;
        }
        yew::platform::spawn_local(async move {
            match fetch_level(wanted).await {
                Ok(level) => dispatch.dispatch(MapAction::BasemapReady(Shared::new(level)).into()),
                Err(e) => {
                    console::error(&format!("basemap {}: {e}", wanted.name()));
                    dispatch.dispatch(MapAction::BasemapFailed(wanted).into());
                }
            }
        });
    });
}

/// Marks `map-ready` once, when the map first has its size and its outline (L0 drawn, or failed), and
/// tells the state.
#[hook]
pub fn use_ready_mark(ready: bool, dispatch: &Dispatch) {
    let marked = use_mut_ref(|| false);
    let dispatch = dispatch.clone();
    use_effect_with(ready, move |ready| {
        if *ready && !*marked.borrow() {
            *marked.borrow_mut() = true;
            performance::mark("map-ready");
            dispatch.dispatch(MapAction::FirstFrameShown.into());
        }
    });
}

/// The largest reference-layer file read, bytes.
const MAX_REFERENCE_BYTES: usize = 8 * 1024 * 1024;

/// Fetches the towns and the rivers and lakes once the first frame is on screen (never before: the first
/// load stays the size it was). A file that fails is said on the console; the map works without it.
#[hook]
pub fn use_reference_layers(first_frame_shown: bool, dispatch: &Dispatch) {
    let dispatch = dispatch.clone();
    use_effect_with(first_frame_shown, move |shown| {
        if !*shown {
            return;
        }
        let towns = dispatch.clone();
        yew::platform::spawn_local(async move {
            match fetch_text(TOWNS_FILE, MAX_REFERENCE_BYTES).await.and_then(|text| read_towns(&text)) {
                Ok(list) => towns.dispatch(MapAction::TownsReady(Shared::new(list)).into()),
                Err(e) => console::error(&format!("{TOWNS_FILE}: {e}")),
            }
        });
        yew::platform::spawn_local(async move {
            match fetch_text(WATER_FILE, MAX_REFERENCE_BYTES).await.and_then(|text| DrawnWater::read(&text)) {
                Ok(water) => dispatch.dispatch(MapAction::WaterReady(Shared::new(water)).into()),
                Err(e) => console::error(&format!("{WATER_FILE}: {e}")),
            }
        });
    });
}

/// Follows where the map's controls float over it (`.map-controls > *` and the tour card, in map px), so
/// that labels keep out from under them: measured when `layout` changes and whenever a control's size does
/// (a panel opening).
#[hook]
pub fn use_chrome(shell: &NodeRef, map: &NodeRef, layout: (u64, u64, bool, bool), dispatch: &Dispatch) {
    let (shell, map, dispatch) = (shell.clone(), map.clone(), dispatch.clone());
    use_effect_with(layout, move |_| {
        let controls = dispatch.clone();
        let report = move |boxes: Vec<[f64; 4]>| {
            let boxes = boxes.into_iter().map(|[left, top, right, bottom]| ScreenBox { left, top, right, bottom });
            controls.dispatch(MapAction::ChromeMoved(boxes.collect()).into());
        };
        let card = dispatch.clone();
        let report_card = move |boxes: Vec<[f64; 4]>| {
            let card_box = boxes.first().map(|&[left, top, right, bottom]| ScreenBox { left, top, right, bottom });
            card.dispatch(MapAction::TourCardMoved(card_box).into());
        };
        let watches = [
            watch_boxes(&shell, &map, ".map-controls > *, .tour-bar", report),
            watch_boxes(&shell, &map, ".tour-bar", report_card),
        ]
        .map(|w| w.map_err(|message| console::error(&message)).ok());
        move || drop(watches)
    });
}

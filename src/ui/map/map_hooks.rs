//! The map's effects: following the element's size, animating a tour flight, fetching the basemap level the
//! zoom needs, and marking the first complete frame.

use yew::prelude::*;

use crate::browser::element_size::watch_node_size;
use crate::browser::fetch::fetch_text;
use crate::browser::timers::Interval;
use crate::browser::{console, performance};
use crate::domain::level_of_detail::LevelOfDetail;
use crate::domain::shared::Shared;
use crate::ui::map::embedded_basemap::{level_file, read_level};
use crate::ui::map::map_state::{Flight, MapAction};
use crate::ui::store::Dispatch;

/// How long a tour flight takes, ms.
const FLIGHT_MS: f64 = 700.0;
/// The largest basemap file read, bytes.
const MAX_LEVEL_BYTES: usize = 32 * 1024 * 1024;

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

/// Fetches the basemap level the zoom wants, once, unless it is there.
#[hook]
pub fn use_basemap_level(wanted: LevelOfDetail, loaded: bool, dispatch: &Dispatch) {
    let dispatch = dispatch.clone();
    let asked = use_mut_ref(std::collections::HashSet::<LevelOfDetail>::new);
    use_effect_with(wanted, move |wanted| {
        let wanted = *wanted;
        let Some(file) = level_file(wanted).filter(|_| !loaded && asked.borrow_mut().insert(wanted)) else { return };
        yew::platform::spawn_local(async move {
            match fetch_text(file, MAX_LEVEL_BYTES).await.and_then(|text| read_level(wanted, &text)) {
                Ok(level) => dispatch.dispatch(MapAction::BasemapReady(Shared::new(level)).into()),
                Err(e) => console::error(&format!("basemap {}: {e}", wanted.name())),
            }
        });
    });
}

/// Marks `map-ready` once, when the map first has its size (its first complete frame).
#[hook]
pub fn use_ready_mark(sized: bool) {
    let marked = use_mut_ref(|| false);
    use_effect_with(sized, move |sized| {
        if *sized && !*marked.borrow() {
            *marked.borrow_mut() = true;
            performance::mark("map-ready");
        }
    });
}

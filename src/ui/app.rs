//! The root component: owns the store and lays out the page: header, alerts, map, side panel.

use std::rc::Rc;

use yew::prelude::*;

use crate::browser::files::{dropped_file, FileReader};
use crate::browser::location::query_param;
use crate::domain::level_of_detail::LevelOfDetail;
use crate::domain::shared::Shared;
use crate::domain::story::Story;
use crate::domain::synthetic::SYNTHETIC_EXTENT;
use crate::ui::annotate::column_chooser::ColumnChooser;
use crate::ui::annotate::panel::PrintedAnnotations;
use crate::ui::annotate::persistence::{use_autosave, use_other_tabs, use_restore};
use crate::ui::classroom::state::Mode;
use crate::ui::map::basemap_files::{fetch_level, read_level, DrawnLevel};
use crate::ui::map::map_state::MapAction;
use crate::ui::map::map_view::MapView;
use crate::ui::map::palette::MapPalette;
use crate::ui::map::synthetic_layer::synthetic_requested;
use crate::ui::share::embedding::use_embed_height;
use crate::ui::share::link_sync::use_link_sync;
use crate::ui::shell::alert_banner::AlertBanner;
use crate::ui::shell::header::Header;
use crate::ui::shell::shortcuts::{use_paste_import, use_undo_shortcuts};
use crate::ui::shell::side_panel::SidePanel;
use crate::ui::state::AppState;
use crate::ui::store::{Dispatch, Store};
use crate::ui::story::story_loader::{
    default_story_address, fetch_story, open_dropped_file, read_story, use_story_from_url,
};

#[derive(Properties, PartialEq)]
struct ShellProps {
    state: Store,
}

/// The page inside the providers (so that it can use them).
#[component]
fn Shell(props: &ShellProps) -> Html {
    use_story_from_url();
    use_restore(props.state.classroom.mode);
    use_autosave(&props.state.annotations, props.state.classroom.mode);
    use_other_tabs(props.state.classroom.mode);
    use_undo_shortcuts();
    use_paste_import();
    use_link_sync(&props.state);
    use_embed_height(props.state.embedding.embedded);
    let state = &props.state;
    let dispatch = state.dispatcher();
    // The article panel is drawn just after the map's first frame, so that the map is ready sooner.
    let panel_ready = use_state(|| false);
    {
        let panel_ready = panel_ready.clone();
        use_effect_with(state.map.sized, move |sized| {
            let later = (*sized && !*panel_ready)
                .then(|| crate::browser::timers::Timeout::new(0, move || panel_ready.set(true)));
            move || drop(later)
        });
    }
    let keep = use_mut_ref(|| None::<FileReader>);
    // A story package dropped anywhere on the page is opened.
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_drop = {
        let dispatch: Dispatch = dispatch.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = dropped_file(&e) {
                open_dropped_file(&dispatch, file, &keep);
            }
        })
    };
    let selected_annotation = state
        .annotations
        .selected
        .as_ref()
        .and_then(|id| state.annotations.document().get(id))
        .map(|a| (a.id.clone(), crate::ui::annotate::panel::display_title(a)));
    html! {
        <div class={classes!("app", state.embedding.embedded.then_some("embed"), (state.embedding.embedded && state.embedding.panel_open).then_some("panel-open"),
                (state.classroom.mode == Mode::Presenter).then_some("presenter"))}
            ondragover={on_drag_over} ondrop={on_drop}>
            <Header />
            <main class="app-main">
                <section class="map-area" aria-label="Map">
                    <MapView />
                    <AlertBanner alerts={state.alerts.clone()} />
                </section>
                if *panel_ready {
                    <SidePanel story={state.story.clone()} reading={state.reading.clone()} annotation={selected_annotation} mode={state.classroom.mode} />
                } else {
                    <aside class="side-panel" id="story-panel" aria-label="Story" aria-busy="true" />
                }
            </main>
            <ColumnChooser />
            <PrintedAnnotations document={state.annotations.history.present().clone()} story={state.story.clone()} />
        </div>
    }
}

/// What the app starts with, read before its first render.
#[derive(Debug, PartialEq)]
pub struct FirstFrame {
    /// The coarsest basemap level (L0), or why it could not be had.
    pub level: Result<Shared<DrawnLevel>, String>,
    /// The story the page names, or the problems that kept it off; `None` when the page names none.
    pub story: Option<Result<Rc<Story>, Vec<String>>>,
}

impl FirstFrame {
    /// What the first frame shows, read from the texts of L0 (quantized) and of a story package, as if they
    /// had been fetched (for a test that mounts the app).
    pub fn from_texts(level: &str, story: &str) -> FirstFrame {
        FirstFrame { level: read_level(LevelOfDetail::L0, level).map(Shared::new), story: Some(read_story(story)) }
    }
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub first: Rc<FirstFrame>,
}

/// Fetches and reads what the first frame shows, the outline (L0) and the story, both of which index.html
/// preloads while the wasm downloads, then renders the app: its first render already shows both.
pub async fn start() {
    let level = fetch_level(LevelOfDetail::L0).await.map(Shared::new);
    let story = match default_story_address() {
        Some(address) => Some(fetch_story(&address).await),
        None => None,
    };
    yew::Renderer::<App>::with_props(AppProps { first: Rc::new(FirstFrame { level, story }) }).render();
}

/// The whole app.
#[component]
pub fn App(props: &AppProps) -> Html {
    let embed = use_memo((), |_| query_param("embed").as_deref() == Some("1"));
    let mode = use_memo((), |_| Mode::from_query(query_param("mode").as_deref()));
    let first = props.first.clone();
    let store: Store = use_reducer(move || {
        let state = if *embed { AppState::embedded() } else { AppState::for_mode(*mode) };
        let state = state.with_first_level(first.level.clone()).with_first_story(first.story.clone());
        // The benchmark's workload lies beyond the data's extent: the camera may go over all of it.
        let wide = synthetic_requested().then(|| state.apply(MapAction::Reach(SYNTHETIC_EXTENT).into())).flatten();
        wide.unwrap_or(state)
    });
    let dispatch: Dispatch = store.dispatcher();
    html! {
        <ContextProvider<Dispatch> context={dispatch}>
            <ContextProvider<Store> context={store.clone()}>
                <MapPalette />
                <Shell state={store} />
            </ContextProvider<Store>>
        </ContextProvider<Dispatch>>
    }
}

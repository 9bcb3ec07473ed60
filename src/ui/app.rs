//! The root component: owns the store and lays out the page.

use yew::prelude::*;

use super::map_view::MapView;
use super::state::AppState;
use super::store::Store;

/// The whole app.
#[component]
pub fn App() -> Html {
    let store: Store = use_reducer(AppState::default);
    html! {
        <ContextProvider<Store> context={store}>
            <div class="app">
                <header class="app-header">
                    <h1 class="story-title">{ "China’s security presence in Tajikistan" }</h1>
                    <p class="story-byline">{ "Temur Umarov · Carnegie Moscow Center · 2021" }</p>
                </header>
                <main class="app-main">
                    <MapView />
                </main>
            </div>
        </ContextProvider<Store>>
    }
}

//! The store: the reducer handle shared through a Yew context.

use yew::prelude::*;

use super::state::AppState;

/// The app's state and its dispatcher.
pub type Store = UseReducerHandle<AppState>;

/// The store from the nearest [`StoreProvider`](yew::ContextProvider). Panics outside the app, a programming
/// error.
#[hook]
pub fn use_store() -> Store {
    use_context::<Store>().expect("use_store() must be called inside the App's ContextProvider")
}

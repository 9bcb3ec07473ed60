//! The store: the reducer handle shared through a Yew context.

use yew::prelude::*;

use crate::ui::state::{Action, AppState};

/// The app's state and its dispatcher.
pub type Store = UseReducerHandle<AppState>;

/// The store from the nearest [`StoreProvider`](yew::ContextProvider). Panics outside the app, a programming
/// error.
#[hook]
pub fn use_store() -> Store {
    use_context::<Store>().expect("use_store() must be called inside the App's ContextProvider")
}

/// Sends actions; never changes, so components that only dispatch do not re-render when the state does.
pub type Dispatch = UseReducerDispatcher<AppState>;

/// The dispatcher from the nearest provider.
#[hook]
pub fn use_dispatch() -> Dispatch {
    use_context::<Dispatch>().expect("use_dispatch() must be called inside the App's ContextProvider")
}

/// A callback that dispatches `action` whatever the event.
pub fn send<E: 'static>(dispatch: &Dispatch, action: Action) -> Callback<E> {
    let dispatch = dispatch.clone();
    Callback::from(move |_: E| dispatch.dispatch(action.clone()))
}

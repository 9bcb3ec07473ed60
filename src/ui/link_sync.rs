//! Keeping the URL fragment and the reading state in step: a link opens what it describes (once the map
//! has its size), view changes replace the fragment, states the reader chooses (a feature, a quote) push a
//! history entry, and back/forward reopen them. A damaged or unknown fragment falls back to the default view
//! with a notice.

use yew::prelude::*;

use crate::browser::history::{fragment, on_history_change, set_fragment};
use crate::domain::url_state::UrlState;

use super::state::{Action, Alert, AppState, Severity};
use super::store::{use_dispatch, Dispatch};

fn open(dispatch: &Dispatch, fragment: &str) {
    match UrlState::decode(fragment) {
        Ok(link) if link == UrlState::default() => {}
        Ok(link) => dispatch.dispatch(Action::ApplyLink(link)),
        Err(why) => dispatch.dispatch(Action::ShowAlert(Alert {
            severity: Severity::Notice,
            title: format!("The link could not be followed: {why}. Showing the default view."),
            details: vec![],
        })),
    }
}

/// Reads the link at start and writes the state back as it changes.
#[hook]
pub fn use_link_sync(state: &AppState) {
    let dispatch = use_dispatch();
    let opened = use_mut_ref(|| false);
    {
        let (dispatch, opened) = (dispatch.clone(), opened.clone());
        use_effect_with(state.sized, move |sized| {
            if *sized && !*opened.borrow() {
                *opened.borrow_mut() = true;
                open(&dispatch, &fragment());
            }
        });
    }
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = on_history_change(move |fragment| open(&dispatch, &fragment));
            move || drop(listener)
        });
    }
    let link = state.link();
    let chosen = (state.selected.clone(), state.passage.clone());
    let last_chosen = use_mut_ref(|| None::<(Option<String>, Option<(String, usize)>)>);
    use_effect_with((link, chosen), move |(link, chosen)| {
        if !*opened.borrow() {
            return;
        }
        let push = last_chosen.borrow().as_ref().is_some_and(|last| last != chosen);
        *last_chosen.borrow_mut() = Some(chosen.clone());
        set_fragment(&link.encode(), push);
    });
}

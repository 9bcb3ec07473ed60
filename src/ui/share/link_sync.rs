//! Keeping the URL fragment and the reading state in step: a link opens what it describes (once the map
//! has its size), view changes replace the fragment, states the reader chooses (a feature, a quote) push a
//! history entry, and back/forward reopen them. A damaged or unknown fragment falls back to the default view
//! with a notice.

use std::cell::RefCell;

use yew::prelude::*;

use crate::browser::history::{fragment, on_history_change, set_fragment};
use crate::domain::ids::FeatureId;
use crate::domain::url_state::UrlState;
use crate::ui::share::link::ShareAction;
use crate::ui::shell::alerts::Alert;
use crate::ui::shell::alerts::AlertAction;
use crate::ui::shell::alerts::Severity;
use crate::ui::state::{Action, AppState};
use crate::ui::store::{use_dispatch, Dispatch};

/// How the next write of the fragment goes, after a link was opened.
#[derive(Clone, Copy, PartialEq)]
enum NextWrite {
    /// The reader's own change: push when they chose a place or quote, else replace.
    Normal,
    /// The state a link produced: it replaces the entry (back/forward and opening a link add none).
    Replace,
    /// The pass in which the link is opened still shows the old state: write nothing.
    SkipThenReplace,
}

fn open(dispatch: &Dispatch, fragment: &str, next: &RefCell<NextWrite>, at_start: bool) {
    match UrlState::decode(fragment) {
        Ok(link) if link == UrlState::default() => {}
        Ok(link) => {
            *next.borrow_mut() = if at_start { NextWrite::SkipThenReplace } else { NextWrite::Replace };
            dispatch.dispatch(Action::Share(ShareAction::ApplyLink(link)));
        }
        Err(why) => dispatch.dispatch(Action::Alert(AlertAction::Raise(Alert::new(
            Severity::Notice,
            format!("The link could not be followed: {why}. Showing the default view."),
            vec![],
        )))),
    }
}

/// Reads the link at start and writes the state back as it changes.
#[hook]
pub fn use_link_sync(state: &AppState) {
    let dispatch = use_dispatch();
    let opened = use_mut_ref(|| false);
    let next_write = use_mut_ref(|| NextWrite::Normal);
    {
        let (dispatch, opened, next_write) = (dispatch.clone(), opened.clone(), next_write.clone());
        use_effect_with(state.map.sized, move |sized| {
            if *sized && !*opened.borrow() {
                *opened.borrow_mut() = true;
                open(&dispatch, &fragment(), &next_write, true);
            }
        });
    }
    {
        let (dispatch, next_write) = (dispatch.clone(), next_write.clone());
        use_effect_with((), move |_| {
            let listener = on_history_change(move |fragment| open(&dispatch, &fragment, &next_write, false));
            move || drop(listener)
        });
    }
    let link = crate::ui::share::link::link_of(state);
    let chosen = (state.reading.selected.clone(), state.reading.passage.clone());
    let last_chosen = use_mut_ref(|| None::<(Option<FeatureId>, Option<(FeatureId, usize)>)>);
    use_effect_with((link, chosen), move |(link, chosen)| {
        if !*opened.borrow() {
            return;
        }
        let mode = *next_write.borrow();
        *next_write.borrow_mut() = match mode {
            NextWrite::SkipThenReplace => NextWrite::Replace,
            _ => NextWrite::Normal,
        };
        if mode == NextWrite::SkipThenReplace {
            return;
        }
        let push = mode == NextWrite::Normal && last_chosen.borrow().as_ref().is_some_and(|last| last != chosen);
        *last_chosen.borrow_mut() = Some(chosen.clone());
        set_fragment(&link.encode(), push);
    });
}

//! The story tour: a bar over the map with the step's section and quote, previous/next buttons, the list
//! of steps, and a live region that announces each step. Arrow keys move through it; the camera flies to
//! each step (or jumps, for readers who prefer less motion).

use yew::prelude::*;

use crate::browser::form::value_of;
use crate::browser::keys::{on_page_key, Handling};
use crate::domain::shared::Shared;
use crate::domain::story::Story;
use crate::domain::tour::tour;
use crate::ui::state::Action;
use crate::ui::store::{send, use_dispatch};
use crate::ui::story::tour::TourAction;

#[derive(Properties, PartialEq)]
pub struct TourBarProps {
    pub story: Shared<Story>,
    pub step: usize,
    /// The presenter's tour: it cannot be ended (there is no End button).
    #[prop_or_default]
    pub locked: bool,
}

/// The tour bar (shown while the tour is on).
#[component]
pub fn TourBar(props: &TourBarProps) -> Html {
    let dispatch = use_dispatch();
    let steps = use_memo(props.story.clone(), |story| tour(story));
    let count = steps.len();
    let step = props.step.min(count.saturating_sub(1));
    {
        // Arrow keys and Page Up/Down move through the tour, wherever focus is (except text fields and the
        // map, whose arrows pan).
        let dispatch = dispatch.clone();
        use_effect_with((step, count), move |(step, count)| {
            let (step, count) = (*step, *count);
            let listener = on_page_key(move |key| {
                if key.ctrl || key.meta || key.alt || key.in_text_field || key.in_map {
                    return Handling::Ignored;
                }
                let next = match key.key.as_str() {
                    "ArrowRight" | "PageDown" if step + 1 < count => step + 1,
                    "ArrowLeft" | "PageUp" if step > 0 => step - 1,
                    _ => return Handling::Ignored,
                };
                dispatch.dispatch(Action::Tour(TourAction::GoTo { step: next, fly: true }));
                Handling::Handled
            });
            move || drop(listener)
        });
    }
    let Some(current) = steps.get(step) else { return Html::default() };
    let feature = current.feature.as_ref().and_then(|id| props.story.feature(id));
    let quote =
        feature.zip(current.quote).and_then(|(f, q)| f.quotes.get(q)?.place.as_ref().ok().map(|p| p.text.clone()));
    let title = feature.map(|f| f.title.clone()).unwrap_or_else(|| "Start: the region".into());
    let choose = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(Ok(step)) = value_of(&e).map(|v| v.parse()) {
                dispatch.dispatch(Action::Tour(TourAction::GoTo { step, fly: true }));
            }
        })
    };
    let options = steps.iter().enumerate().map(|(i, s)| {
        let name = s.feature.as_ref().and_then(|id| props.story.feature(id)).map(|f| f.title.clone()).unwrap_or_else(|| "Start".into());
        html! { <option value={i.to_string()} selected={i == step}>{ format!("{}. {} — {}", i + 1, s.section, name) }</option> }
    });
    html! {
        <section class="tour-bar" aria-label="Story tour" data-tour-step={step.to_string()}>
            <p class="tour-announce" aria-live="polite" role="status">
                { format!("Step {} of {count}: {} — {title}", step + 1, current.section) }
            </p>
            if let Some(q) = quote {
                <blockquote class="tour-quote">{ q }</blockquote>
            } else {
                <p class="tour-intro">{ "A walk through the article’s places, section by section. Use the arrows or the buttons." }</p>
            }
            <div class="tour-controls">
                <button type="button" class="header-button" aria-label="Previous step" disabled={step == 0}
                    onclick={send(&dispatch, Action::Tour(TourAction::GoTo { step: step.saturating_sub(1), fly: true }))}>{ "← Previous" }</button>
                <select aria-label="Tour steps" onchange={choose}>{ for options }</select>
                <button type="button" class="header-button" aria-label="Next step" disabled={step + 1 >= count}
                    onclick={send(&dispatch, Action::Tour(TourAction::GoTo { step: step + 1, fly: true }))}>{ "Next →" }</button>
                if !props.locked {
                    <button type="button" class="header-button" onclick={send(&dispatch, Action::Tour(TourAction::End))}>{ "End the tour" }</button>
                }
            </div>
        </section>
    }
}

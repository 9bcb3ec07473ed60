//! The popup of a selected annotation: its title, note (as text), measures, and its quotes shown like the
//! story's, verified against the article.

use yew::prelude::*;

use crate::domain::annotation::Annotation;
use crate::domain::coords::ScreenPx;
use crate::domain::shared::Shared;
use crate::domain::story::Story;
use crate::ui::annotate::panel::{display_title, QuoteCheck};
use crate::ui::annotate::state::AnnotationAction;
use crate::ui::state::Action;
use crate::ui::store::use_dispatch;
use crate::ui::story::popup::placement;
use crate::ui::story::quote_view::QuoteView;

#[derive(Properties, PartialEq)]
pub struct AnnotationPopupProps {
    pub story: Shared<Story>,
    /// Compared by identity (an edit makes a new one), so a pan frame never walks its geometry.
    pub annotation: Shared<Annotation>,
    /// Where on the map it points from.
    pub at: ScreenPx,
    pub width: f64,
    pub height: f64,
}

/// The selected annotation's popup.
#[component]
pub fn AnnotationPopup(props: &AnnotationPopupProps) -> Html {
    let dispatch = use_dispatch();
    let a = &props.annotation;
    let close =
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Annotate(AnnotationAction::Select(None))));
    // Checking the quotes folds the article and measuring walks the shape: once per annotation or story,
    // not once per frame.
    let body = use_memo((props.annotation.clone(), props.story.clone()), |(a, story)| {
        let quotes = QuoteCheck::new(story)
            .views(a)
            .into_iter()
            .map(|q| html! { <QuoteView checked={q.map(AttrValue::from).map_err(AttrValue::from)} /> });
        let measures = a.geometry.measures().in_words();
        html! {
            <>
                if !measures.is_empty() {
                    <p class="popup-kind" data-measures="">{ measures }</p>
                }
                if !a.note.is_empty() {
                    <p class="annotation-note">{ a.note.clone() }</p>
                }
                { for quotes }
            </>
        }
    });
    html! {
        <div class="popup annotation-popup" role="dialog" aria-label={display_title(a)} data-annotation-popup-for={a.id.to_string()}
            style={placement(props.at, props.width, props.height)}>
            <header class="popup-header">
                <h2>{ display_title(a) }</h2>
                <button type="button" class="popup-close" aria-label="Close" onclick={close}>{ "×" }</button>
            </header>
            { (*body).clone() }
        </div>
    }
}

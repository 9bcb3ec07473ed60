//! The popup of a selected feature: its title, the article's words about it (verified), how precisely and how
//! surely it is located, and its sources. One at a time; it stays inside the map; Escape closes it.

use yew::prelude::*;

use crate::browser::focus::{focus_feature_marker, focus_node};
use crate::domain::coords::ScreenPx;
use crate::domain::ids::FeatureId;
use crate::domain::local_names::{chosen_first, direction_of, english_name, LabelLanguage};
use crate::domain::popup_placement::{place_popup, Anchor};
use crate::domain::shared::Shared;
use crate::domain::story::{Story, StoryFeature};
use crate::ui::map::marker_symbol::Symbol;
use crate::ui::state::Action;
use crate::ui::store::use_dispatch;
use crate::ui::story::quote_view::QuoteView;
use crate::ui::story::reading::ReadingAction;

#[derive(Properties, PartialEq)]
pub struct PopupProps {
    pub story: Shared<Story>,
    pub id: FeatureId,
    /// The marker's position on the map.
    pub at: ScreenPx,
    pub width: f64,
    pub height: f64,
    /// The map's label language: its name comes first in the list of local names.
    #[prop_or_default]
    pub language: LabelLanguage,
}

/// Where the popup goes ([`place_popup`]), as CSS custom properties (the stylesheet turns them off for the
/// bottom sheet on phones).
pub fn placement(at: ScreenPx, width: f64, height: f64) -> String {
    let p = place_popup(at, width, height);
    let (top, bottom) = match p.anchor {
        Anchor::Top(top) => (format!("{top:.0}px"), "auto".to_string()),
        Anchor::Bottom(bottom) => ("auto".to_string(), format!("{bottom:.0}px")),
    };
    format!(
        "--popup-left:{:.0}px;--popup-width:{:.0}px;--popup-top:{top};--popup-bottom:{bottom};--popup-max-height:{:.0}px",
        p.left, p.width, p.max_height
    )
}

fn section_name(story: &Story, section: usize) -> String {
    story.article.sections.get(section).and_then(|s| s.heading.clone()).unwrap_or_else(|| "Introduction".to_string())
}

fn quotes(story: &Story, feature: &StoryFeature, read: impl Fn(usize) -> Callback<MouseEvent>) -> Html {
    if feature.quotes.is_empty() {
        return html! { <p class="popup-no-quote">{ "The article does not mention this place by name; it is shown for context." }</p> };
    }
    let items = feature.quotes.iter().enumerate().map(|(i, quote)| match &quote.place {
        Ok(place) => html! {
            <QuoteView checked={Ok(AttrValue::from(place.text.clone()))}>
                { " · " }<em>{ section_name(story, place.section) }</em>{ " · " }
                <button type="button" class="link-button read-in-article" onclick={read(i)}>
                    { "Read in the article →" }
                </button>
            </QuoteView>
        },
        Err(why) => html! {
            <QuoteView checked={Err(AttrValue::from(why.to_string()))} package_says={quote.selector.exact.clone()} />
        },
    });
    html! { <div class="popup-quotes">{ for items }</div> }
}

/// The feature's names in the region's languages, each isolated in its own language and direction (so that a
/// right-to-left name does not scramble the English around it) after the language's English name.
fn local_names(feature: &StoryFeature, language: LabelLanguage) -> Html {
    if feature.names.is_empty() {
        return Html::default();
    }
    let items = chosen_first(&feature.names, language).into_iter().map(|name| {
        html! {
            <li>
                <span class="name-lang">{ format!("{}: ", english_name(&name.lang)) }</span>
                <bdi lang={name.lang.clone()} dir={direction_of(&name.lang).attribute()}>{ name.text.clone() }</bdi>
            </li>
        }
    });
    html! { <ul class="popup-names" aria-label="Local names">{ for items }</ul> }
}

/// The popup for the feature `id`.
#[component]
pub fn Popup(props: &PopupProps) -> Html {
    let dispatch = use_dispatch();
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with(props.id.clone(), move |_| focus_node(&dialog));
    }
    let Some(feature) = props.story.feature(&props.id) else { return Html::default() };
    let close = {
        let (dispatch, id) = (dispatch.clone(), props.id.clone());
        move || {
            dispatch.dispatch(Action::Read(ReadingAction::ClosePopup));
            focus_feature_marker(&id);
        }
    };
    let on_close = {
        let close = close.clone();
        Callback::from(move |_: MouseEvent| close())
    };
    let on_key = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            e.stop_propagation();
            close();
        }
    });
    let read = |quote: usize| {
        let (dispatch, id) = (dispatch.clone(), props.id.clone());
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::Read(ReadingAction::ReadInArticle { id: id.clone(), quote }))
        })
    };
    let title_id = format!("popup-title-{}", props.story.features.iter().position(|f| f.id == props.id).unwrap_or(0));
    let sources = feature.sources.iter().map(|s| {
        html! {
            <li>
                <a href={s.url.clone()} target="_blank" rel="noopener noreferrer">{ s.publisher.clone() }</a>
                { s.date.as_ref().map(|d| format!(", {d}")).unwrap_or_default() }
                if let Some(claim) = &s.claim {
                    <span class="source-claim">{ format!(" — {claim}") }</span>
                }
            </li>
        }
    });
    let figures = feature.figures.iter().map(|f| {
        html! {
            <div class="figure">
                <dt>{ f.label.clone() }</dt>
                <dd>{ f.value.clone() }{ f.source.as_ref().map(|s| format!(" ({s})")).unwrap_or_default() }</dd>
            </div>
        }
    });
    html! {
        <div ref={dialog} class="popup" role="dialog" aria-labelledby={title_id.clone()} data-popup-for={props.id.to_string()}
            tabindex="-1" style={placement(props.at, props.width, props.height)} onkeydown={on_key}>
            <header class="popup-header">
                <Symbol kind={feature.kind} class={crate::ui::map::marker_symbol::marker_classes(feature)} />
                <h2 id={title_id}>{ feature.title.clone() }</h2>
                <button type="button" class="popup-close" aria-label="Close" onclick={on_close}>{ "×" }</button>
            </header>
            <p class="popup-kind">{ format!("{} · {}", feature.kind.label(), feature.confidence.label()) }</p>
            { local_names(feature, props.language) }
            { quotes(&props.story, feature, read) }
            <p class="popup-precision">
                <strong>{ feature.precision_in_words() }</strong>
                { feature.precision.note.as_ref().map(|n| format!(". {n}")).unwrap_or_default() }
            </p>
            if !feature.figures.is_empty() {
                <dl class="popup-figures">{ for figures }</dl>
            }
            <h3 class="popup-sources-title">{ "Sources" }</h3>
            <ul class="popup-sources">{ for sources }</ul>
            if let Some(notes) = &feature.notes {
                <details class="popup-notes"><summary>{ "Research notes" }</summary><p>{ notes.clone() }</p></details>
            }
        </div>
    }
}

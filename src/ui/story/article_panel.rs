//! The article beside the map: byline, section headings, paragraphs; the passages the map quotes are marked.
//! Clicking a marked passage brings its feature into view and opens its popup; hovering links it with its
//! marker; "Read in the article" scrolls to a passage and highlights it.

use yew::prelude::*;

use crate::browser::focus::scroll_node_into_view;
use crate::browser::selection::paragraph_selection;
use crate::domain::ids::AnnotationId;
use crate::domain::ids::FeatureId;
use crate::domain::quote_index::{byte_offset_of_utf16, selector_for_range, QuoteIndex};
use crate::domain::shared::Shared;
use crate::domain::story::{Paragraph, Story};
use crate::domain::tour::{timeline, TimelineEntry};
use crate::ui::annotate::state::AnnotationAction;
use crate::ui::shell::alerts::Alert;
use crate::ui::shell::alerts::AlertAction;
use crate::ui::shell::alerts::Severity;
use crate::ui::state::Action;
use crate::ui::store::{send, use_dispatch, Dispatch};
use crate::ui::story::reading::Reading;
use crate::ui::story::reading::ReadingAction;

#[derive(Properties, PartialEq)]
pub struct ArticlePanelProps {
    pub story: Shared<Story>,
    /// What is hovered, selected, the passage asked for and the date picked.
    pub reading: Reading,
    /// The selected annotation (id, title): a selected passage can be attached to it.
    pub annotation: Option<(AnnotationId, String)>,
}

/// Attaches the passage selected in the article to the annotation `id`, or says what is wrong.
fn attach_selection(dispatch: &Dispatch, story: &Story, id: &AnnotationId) {
    let result = paragraph_selection().and_then(|sel| {
        let (_, paragraph) =
            story.paragraphs().find(|(_, p)| p.id == sel.paragraph_id).ok_or("the selection is not in the article")?;
        let start = byte_offset_of_utf16(&paragraph.text, sel.start_utf16).ok_or("the selection could not be read")?;
        let end = byte_offset_of_utf16(&paragraph.text, sel.end_utf16).ok_or("the selection could not be read")?;
        let quote = selector_for_range(&paragraph.text, start, end).ok_or("select a passage of the article first")?;
        // Widen nothing, guess nothing: the quote must resolve to exactly this place.
        QuoteIndex::new(story.paragraphs().map(|(_, p)| p.text.as_str())).resolve(&quote).map_err(|e| e.to_string())?;
        Ok(quote)
    });
    match result {
        Ok(quote) => dispatch.dispatch(Action::Annotate(AnnotationAction::AttachQuote { id: id.clone(), quote })),
        Err(why) => dispatch.dispatch(Action::Alert(AlertAction::Raise(Alert::new(
            Severity::Warning,
            "No quote was attached.",
            vec![why],
        )))),
    }
}

struct Marks<'a> {
    story: &'a Story,
    dispatch: &'a Dispatch,
    hovered: Option<&'a str>,
    selected: Option<&'a str>,
    passage: Option<(&'a str, usize)>,
    current: &'a NodeRef,
}

fn paragraph(p: &Paragraph, marks: &Marks, first_current: &mut bool, dated: bool, dated_ref: Option<NodeRef>) -> Html {
    let runs = marks.story.segments(&p.id).into_iter().map(|run| {
        let text = p.text.get(run.start..run.end).unwrap_or_default().to_string();
        if run.quotes.is_empty() {
            return html! { { text } };
        }
        let ids: Vec<&str> =
            run.quotes.iter().filter_map(|(f, _)| marks.story.features.get(*f)).map(|f| f.id.as_str()).collect();
        let Some(first) = ids.first().map(|id| id.to_string()) else {
            return html! { { text } };
        };
        let has = |id: Option<&str>| id.is_some_and(|id| ids.contains(&id));
        let is_current = marks.passage.is_some_and(|(id, q)| {
            run.quotes.iter().any(|(f, qi)| marks.story.features.get(*f).is_some_and(|f| f.id == id) && *qi == q)
        });
        let node = if is_current && *first_current {
            *first_current = false;
            marks.current.clone()
        } else {
            NodeRef::default()
        };
        let click = {
            let (dispatch, id) = (marks.dispatch.clone(), first.clone());
            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Read(ReadingAction::Select { id: FeatureId::from(id.as_str()), frame: true })))
        };
        let enter = {
            let (dispatch, id) = (marks.dispatch.clone(), first.clone());
            Callback::from(move |_: PointerEvent| dispatch.dispatch(Action::Read(ReadingAction::Hover(Some(FeatureId::from(id.as_str()))))))
        };
        let leave = {
            let dispatch = marks.dispatch.clone();
            Callback::from(move |_: PointerEvent| dispatch.dispatch(Action::Read(ReadingAction::Hover(None))))
        };
        let titles: Vec<&str> = run.quotes.iter().filter_map(|(f, _)| marks.story.features.get(*f)).map(|f| f.title.as_str()).collect();
        let class = classes!(
            "quote-mark",
            has(marks.hovered).then_some("linked"),
            has(marks.selected).then_some("selected"),
            is_current.then_some("current"),
        );
        html! {
            <mark ref={node} class={class} data-quote-for={ids.join(" ")} title={format!("On the map: {}", titles.join("; "))}
                onclick={click} onpointerenter={enter} onpointerleave={leave}>{ text }</mark>
        }
    });
    html! { <p ref={dated_ref.unwrap_or_default()} class={classes!(dated.then_some("dated"))} data-paragraph-id={p.id.to_string()}>{ for runs }</p> }
}

/// Scrolls `node` into view whenever `dependency` changes to something.
#[hook]
fn use_scroll_to<T: PartialEq + Clone + 'static>(node: &NodeRef, dependency: Option<T>) {
    let node = node.clone();
    use_effect_with(dependency, move |value| {
        if value.is_some() {
            scroll_node_into_view(&node);
        }
    });
}

/// The bar that attaches the selected passage to the annotation being edited: (id, title).
fn attach_bar(dispatch: &Dispatch, story: &Shared<Story>, annotation: &(AnnotationId, String)) -> Html {
    let (id, title) = annotation;
    let keep_selection = Callback::from(|e: MouseEvent| e.prevent_default());
    let attach = {
        let (dispatch, story, id) = (dispatch.clone(), story.clone(), id.clone());
        Callback::from(move |_: MouseEvent| attach_selection(&dispatch, &story, &id))
    };
    html! {
        <div class="attach-bar">
            <span>{ "Select a passage, then " }</span>
            <button type="button" class="header-button" data-attach-quote="" onmousedown={keep_selection} onclick={attach}>
                { format!("Attach to “{title}”") }
            </button>
        </div>
    }
}

/// The article's dates, each a chip that picks (or unpicks) its places and passages.
fn timeline_chips(dispatch: &Dispatch, dates: &[TimelineEntry], picked: Option<usize>) -> Html {
    if dates.is_empty() {
        return Html::default();
    }
    let chips = dates.iter().enumerate().map(|(i, entry)| {
        let active = picked == Some(i);
        let pick = if active { None } else { Some(i) };
        html! {
            <li><button type="button" class={classes!("date-chip", active.then_some("active"))} aria-pressed={active.to_string()}
                data-date={entry.label.clone()} onclick={send(dispatch, Action::Read(ReadingAction::PickDate(pick)))}>{ entry.label.clone() }</button></li>
        }
    });
    html! {
        <nav class="timeline" aria-label="Dates in the article">
            <span class="timeline-label">{ "Dates:" }</span>
            <ol>{ for chips }</ol>
        </nav>
    }
}

/// The article with its quoted passages marked.
#[component]
pub fn ArticlePanel(props: &ArticlePanelProps) -> Html {
    let dispatch = use_dispatch();
    let current = use_node_ref();
    use_scroll_to(&current, props.reading.passage.clone());
    let story = &props.story;
    let marks = Marks {
        story,
        dispatch: &dispatch,
        hovered: props.reading.hovered.as_deref(),
        selected: props.reading.selected.as_deref(),
        passage: props.reading.passage.as_ref().map(|(id, q)| (id.as_str(), *q)),
        current: &current,
    };
    let mut first_current = true;
    let dates = use_memo(props.story.clone(), |story| timeline(story));
    let dated_ref = use_node_ref();
    use_scroll_to(&dated_ref, props.reading.timeline_pick);
    let picked = props.reading.timeline_pick.and_then(|i| dates.get(i));
    let mut first_dated = true;
    let article = &story.article;
    let byline = article.byline();
    let sections = article.sections.iter().map(|section| {
        let paragraphs: Vec<Html> = section
            .paragraphs
            .iter()
            .map(|p| {
                let dated = picked.is_some_and(|e| e.paragraph_ids.contains(&p.id));
                let node = (dated && std::mem::take(&mut first_dated)).then(|| dated_ref.clone());
                paragraph(p, &marks, &mut first_current, dated, node)
            })
            .collect();
        html! {
            <section key={section.id.to_string()} data-section-id={section.id.to_string()}>
                if let Some(heading) = &section.heading {
                    <h3>{ heading.clone() }</h3>
                }
                { for paragraphs }
            </section>
        }
    });
    html! {
        <article class="article-panel" aria-labelledby="article-title">
            { props.annotation.as_ref().map(|a| attach_bar(&dispatch, story, a)).unwrap_or_default() }
            <header class="article-header">
                <h2 id="article-title">{ article.title.clone() }</h2>
                if !byline.is_empty() {
                    <p class="article-byline">{ byline }</p>
                }
                if let Some(attribution) = &article.attribution {
                    <p class="article-attribution">{ attribution.clone() }</p>
                }
                <p class="article-help">{ "Marked passages are on the map: click one to see where." }</p>
                { timeline_chips(&dispatch, &dates, props.reading.timeline_pick) }
            </header>
            { for sections }
        </article>
    }
}

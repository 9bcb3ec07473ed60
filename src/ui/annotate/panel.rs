//! "My annotations": the list of the reader's annotations (the keyboard way to select them) and the editor
//! of the selected one: title, note, colour, stroke, quotes from the article, measures, delete.

use std::rc::Rc;

use yew::prelude::*;

use crate::browser::form::value_of;
use crate::domain::annotation::{Annotation, AnnotationDocument, AnnotationGeometry};
use crate::domain::ids::AnnotationId;
use crate::domain::paint::paint;
use crate::domain::quote_index::QuoteIndex;
use crate::domain::shared::Shared;
use crate::domain::story::Story;
use crate::ui::annotate::layers::DocumentRef;
use crate::ui::annotate::state::AnnotationAction;
use crate::ui::state::Action;
use crate::ui::store::{use_store, Dispatch};
use crate::ui::story::quote_view::QuoteView;

/// A reader's name for an annotation that has no title.
pub fn display_title(a: &Annotation) -> String {
    if !a.title.trim().is_empty() {
        return a.title.clone();
    }
    let kind = match a.geometry {
        AnnotationGeometry::Point(_) | AnnotationGeometry::MultiPoint(_) => "point",
        AnnotationGeometry::LineString(_) | AnnotationGeometry::MultiLineString(_) => "line",
        AnnotationGeometry::Polygon(_) | AnnotationGeometry::MultiPolygon(_) => "area",
        AnnotationGeometry::GeometryCollection(_) => "collection of shapes",
    };
    format!("Untitled {kind} ({})", a.id)
}

/// Checks annotations' quotes against the article: built once per render of a list, not once per
/// annotation (building it folds the whole article).
pub struct QuoteCheck<'a> {
    index: QuoteIndex<'a>,
    paragraphs: Vec<&'a str>,
}

impl<'a> QuoteCheck<'a> {
    pub fn new(story: &'a Story) -> Self {
        QuoteCheck {
            index: QuoteIndex::new(story.paragraphs().map(|(_, p)| p.text.as_str())),
            paragraphs: story.paragraphs().map(|(_, p)| p.text.as_str()).collect(),
        }
    }

    /// The annotation's quotes, each checked: the article's own words when found.
    pub fn views(&self, a: &Annotation) -> Vec<Result<String, String>> {
        a.quotes
            .iter()
            .map(|q| match self.index.resolve(q) {
                Ok(m) => self
                    .paragraphs
                    .get(m.paragraph)
                    .and_then(|p| p.get(m.start..m.end))
                    .map(str::to_string)
                    .ok_or_else(|| "not found in the article".to_string()),
                Err(e) => Err(format!("{e}: “{}”", crate::ui::shell::alerts::cut(&q.exact))),
            })
            .collect()
    }
}

fn edit(
    dispatch: &Dispatch,
    a: &Rc<Annotation>,
    change: impl Fn(&mut Annotation, String) + 'static,
) -> Callback<Event> {
    let (dispatch, a) = (dispatch.clone(), a.clone());
    Callback::from(move |e: Event| {
        if let Some(value) = value_of(&e) {
            let mut changed = (*a).clone();
            change(&mut changed, value);
            if changed != *a {
                dispatch.dispatch(Action::Annotate(AnnotationAction::Update(changed)));
            }
        }
    })
}

/// The quotes attached to an annotation, each checked against the article, with a "Remove quote" button.
fn attached_quotes(dispatch: &Dispatch, story: &Story, a: &Rc<Annotation>) -> Html {
    let quotes = QuoteCheck::new(story).views(a).into_iter().enumerate().map(|(i, q)| {
        let remove = {
            let (dispatch, id) = (dispatch.clone(), a.id.clone());
            Callback::from(move |_: MouseEvent| {
                dispatch.dispatch(Action::Annotate(AnnotationAction::RemoveQuote { id: id.clone(), index: i }))
            })
        };
        html! {
            <li class="attached-quote">
                <QuoteView checked={q.map(AttrValue::from).map_err(AttrValue::from)} />
                <button type="button" class="link-button" onclick={remove}>{ "Remove quote" }</button>
            </li>
        }
    });
    html! { <ul class="attached-quotes">{ for quotes }</ul> }
}

fn editor(
    dispatch: &Dispatch,
    story: &Story,
    a: &Rc<Annotation>,
    vertex: Option<crate::domain::drawing::VertexRef>,
) -> Html {
    let measures = a.geometry.measures().in_words();
    let is_area = a.geometry.has_area();
    let paint = paint(a);
    let colour = paint.main_colour(&a.geometry).to_string();
    let quotes = attached_quotes(dispatch, story, a);
    let delete = {
        let (dispatch, id) = (dispatch.clone(), a.id.clone());
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Annotate(AnnotationAction::Delete(id.clone()))))
    };
    let field = |name: &str| format!("annotation-{}-{name}", a.id);
    html! {
        <section class="annotation-editor" aria-label="Edit the selected annotation" data-editor-for={a.id.to_string()}>
            <h3>{ display_title(a) }</h3>
            if !measures.is_empty() {
                <p class="measures" data-measures="">{ measures }</p>
            }
            <label for={field("title")}>{ "Title" }</label>
            <input id={field("title")} type="text" value={a.title.clone()} maxlength="200"
                onchange={edit(dispatch, a, |a, v| a.title = v)} />
            <label for={field("note")}>{ "Note" }</label>
            <textarea id={field("note")} rows="4" maxlength="5000" value={a.note.clone()}
                onchange={edit(dispatch, a, |a, v| a.note = v)} />
            <div class="style-row">
                <label for={field("colour")}>{ "Colour" }</label>
                <input id={field("colour")} type="color" value={colour}
                    onchange={edit(dispatch, a, |a, v| {
                        a.style.stroke = Some(v.clone());
                        a.style.marker_color = Some(v.clone());
                        if a.style.fill.is_some() || a.geometry.has_area() {
                            a.style.fill = Some(v);
                        }
                    })} />
                if !a.geometry.is_points() {
                    <label for={field("width")}>{ "Line width" }</label>
                    <input id={field("width")} type="number" min="1" max="12" step="1"
                        value={paint.stroke_width_px.to_string()}
                        onchange={edit(dispatch, a, |a, v| a.style.stroke_width = v.parse::<f64>().ok().map(|w| w.clamp(0.5, 20.0)))} />
                }
                if is_area {
                    <label for={field("fill")}>{ "Fill opacity" }</label>
                    <input id={field("fill")} type="number" min="0" max="1" step="0.05"
                        value={paint.fill_opacity.to_string()}
                        onchange={edit(dispatch, a, |a, v| a.style.fill_opacity = v.parse::<f64>().ok().map(|o| o.clamp(0.0, 1.0)))} />
                }
            </div>
            <h4>{ "Quotes from the article" }</h4>
            if a.quotes.is_empty() {
                <p class="hint">{ "Select a passage in the Article tab, then press “Attach to” there." }</p>
            } else {
                { quotes }
            }
            <p class="hint">{ "Drag the shape to move it, drag a square to move a vertex, drag a small circle to add one; click a vertex and press Delete to remove it. By keyboard, on the map: [ and ] choose a vertex, the arrow keys move it." }</p>
            if let Some(vertex) = vertex {
                <button type="button" class="link-button" onclick={{
                    let (dispatch, id) = (dispatch.clone(), a.id.clone());
                    Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Annotate(AnnotationAction::DeleteVertex { id: id.clone(), vertex })))
                }}>{ "Delete the selected vertex" }</button>
            }
            <button type="button" class="danger-button" onclick={delete}>{ "Delete annotation" }</button>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AnnotationListProps {
    /// The saved document (not a drag's preview), compared by identity: a pan or drag frame skips the list.
    document: DocumentRef,
    selected: Option<AnnotationId>,
}

/// The list of annotations, the keyboard way to select them. Rendered (and diffed) only when the document
/// or the selection changes.
#[component]
fn AnnotationList(props: &AnnotationListProps) -> Html {
    let dispatch = crate::ui::store::use_dispatch();
    let items = props.document.0.annotations.iter().map(|a| {
        let select = {
            let (dispatch, id) = (dispatch.clone(), a.id.clone());
            Callback::from(move |_: MouseEvent| {
                dispatch.dispatch(Action::Annotate(AnnotationAction::Select(Some(id.clone()))))
            })
        };
        let selected = props.selected.as_deref() == Some(a.id.as_str());
        html! {
            <li key={a.id.to_string()}>
                <button type="button" class={classes!("annotation-item", selected.then_some("selected"))}
                    data-annotation-item={a.id.to_string()} aria-pressed={selected.to_string()} onclick={select}>
                    <span class="place-title">{ display_title(a) }</span>
                    <span class="place-meta">{ a.geometry.measures().in_words() }</span>
                </button>
            </li>
        }
    });
    html! { <ol class="annotation-list" aria-label="My annotations">{ for items }</ol> }
}

/// The list and the editor. The editor is remade only when its annotation, the story or the vertex changes.
#[component]
pub fn AnnotationPanel() -> Html {
    let store = use_store();
    let dispatch = store.dispatcher();
    let state = &store.annotations;
    let doc = state.document();
    let selected = state.selected.as_ref().and_then(|id| doc.get(id)).cloned().map(Shared::from);
    let editor_view = use_memo((selected, store.story.clone(), state.vertex), move |(a, story, vertex)| {
        a.as_ref().map(|a| editor(&dispatch, story, a.rc(), *vertex)).unwrap_or_default()
    });
    html! {
        <div class="annotations-panel">
            if doc.annotations.is_empty() {
                <p class="hint">{ "No annotations yet. Use Draw point, Draw line or Draw area above the map, or import a GeoJSON file." }</p>
            } else {
                <AnnotationList document={DocumentRef(state.history.present().clone())} selected={state.selected.clone()} />
            }
            { (*editor_view).clone() }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct PrintedAnnotationsProps {
    /// Compared by identity: the list is remade only when the document changes.
    pub document: AnnotationDocument,
    pub story: Shared<Story>,
}

/// The annotation list as printed (shown only on paper, after the map).
#[component]
pub fn PrintedAnnotations(props: &PrintedAnnotationsProps) -> Html {
    let doc = &props.document;
    if doc.annotations.is_empty() {
        return Html::default();
    }
    let check = QuoteCheck::new(&props.story);
    let items = doc.annotations.iter().map(|a| {
        let quotes = check.views(a).into_iter().filter_map(Result::ok);
        html! {
            <li>
                <strong>{ display_title(a) }</strong>{ " " }<span>{ a.geometry.measures().in_words() }</span>
                if !a.note.is_empty() {
                    <p class="annotation-note">{ a.note.clone() }</p>
                }
                { for quotes.map(|q| html! { <blockquote>{ q }</blockquote> }) }
            </li>
        }
    });
    html! {
        <section class="print-only printed-annotations" aria-hidden="true">
            <h2>{ "My annotations" }</h2>
            <ol>{ for items }</ol>
        </section>
    }
}

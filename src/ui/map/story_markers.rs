//! Story markers in screen space: a constant-size symbol per feature, focusable, named for screen readers,
//! opened with a click, a tap, Enter or Space.

use std::rc::Rc;

use yew::prelude::*;

use crate::browser::map_input::is_pointer_click;
use crate::domain::coords::ScreenPx;
use crate::domain::ids::FeatureId;
use crate::domain::shared::Shared;
use crate::domain::story::Story;
use crate::ui::map::marker_symbol::{marker_classes, symbol_path};
use crate::ui::state::Action;
use crate::ui::store::use_dispatch;
use crate::ui::story::reading::ReadingAction;

#[derive(Properties, PartialEq)]
pub struct StoryMarkersProps {
    pub story: Shared<Story>,
    /// Where each feature's marker stands on screen, in story order.
    pub positions: Rc<Vec<ScreenPx>>,
    pub width: f64,
    pub height: f64,
    pub selected: Option<FeatureId>,
    pub hovered: Option<FeatureId>,
    /// Features the picked timeline date speaks of.
    #[prop_or_default]
    pub dated: Rc<Vec<FeatureId>>,
}

/// One marker per story feature.
#[component]
pub fn StoryMarkers(props: &StoryMarkersProps) -> Html {
    let dispatch = use_dispatch();
    let markers = props.story.features.iter().zip(props.positions.iter()).map(|(feature, at)| {
        let id = feature.id.clone();
        let select = {
            let (dispatch, id) = (dispatch.clone(), id.clone());
            // A pointer's click on a marker is the map's (its gestures own every press); a click from the
            // keyboard or assistive technology is the marker's.
            Callback::from(move |e: MouseEvent| {
                if !is_pointer_click(&e) {
                    dispatch.dispatch(Action::Read(ReadingAction::Select { id: id.clone(), frame: false }))
                }
            })
        };
        let on_key = {
            let (dispatch, id) = (dispatch.clone(), id.clone());
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    dispatch.dispatch(Action::Read(ReadingAction::Select { id: id.clone(), frame: false }));
                }
            })
        };
        let enter = {
            let (dispatch, id) = (dispatch.clone(), id.clone());
            Callback::from(move |_: PointerEvent| {
                dispatch.dispatch(Action::Read(ReadingAction::Hover(Some(id.clone()))))
            })
        };
        let leave = {
            let dispatch = dispatch.clone();
            Callback::from(move |_: PointerEvent| dispatch.dispatch(Action::Read(ReadingAction::Hover(None))))
        };
        // Keyboard focus emphasises a place (its uncertainty circle, its shape) as hovering does.
        let focus = {
            let (dispatch, id) = (dispatch.clone(), id.clone());
            Callback::from(move |_: FocusEvent| dispatch.dispatch(Action::Read(ReadingAction::Hover(Some(id.clone())))))
        };
        let blur = {
            let dispatch = dispatch.clone();
            Callback::from(move |_: FocusEvent| dispatch.dispatch(Action::Read(ReadingAction::Hover(None))))
        };
        let selected = props.selected.as_deref() == Some(id.as_str());
        let class = classes!(
            marker_classes(feature),
            selected.then_some("selected"),
            (props.hovered.as_deref() == Some(id.as_str())).then_some("hovered"),
            props.dated.contains(&id).then_some("dated"),
        );
        let name = format!(
            "{}: {} · {} · {}",
            feature.kind.label(),
            feature.title,
            feature.confidence.label(),
            feature.precision_in_words()
        );
        html! {
            <g key={id.to_string()} class={class} transform={format!("translate({:.1} {:.1})", at.x, at.y)}
                data-feature-id={id.to_string()} tabindex="0" role="button" aria-label={name} aria-haspopup="dialog"
                aria-expanded={selected.to_string()}
                onclick={select} onkeydown={on_key} onpointerenter={enter} onpointerleave={leave}
                onfocus={focus} onblur={blur}>
                <circle class="hit" r="14" />
                <circle class="focus-ring" r="13" />
                <path class="symbol" d={symbol_path(feature.kind)} />
            </g>
        }
    });
    html! {
        <svg class="story-markers" data-layer="story" width={props.width.to_string()} height={props.height.to_string()}>
            { for markers }
        </svg>
    }
}

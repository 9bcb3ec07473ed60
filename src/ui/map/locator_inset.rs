//! The locator inset in a corner of the map: where in the world the map is, with the data's extent and the
//! current view outlined. Hidden on maps narrower than [`MIN_MAP_WIDTH_FOR_INSET_PX`].

use yew::prelude::*;

use crate::domain::extent::EXTENT;
use crate::domain::locator::{InsetBox, InsetOutline, MIN_MAP_WIDTH_FOR_INSET_PX};
use crate::domain::viewport::Viewport;

const INSET: &str = include_str!("../../../assets/geo/inset.json");

fn outline() -> Option<std::rc::Rc<InsetOutline>> {
    thread_local! {
        static OUTLINE: Option<std::rc::Rc<InsetOutline>> = InsetOutline::read(INSET).ok().map(std::rc::Rc::new);
    }
    OUTLINE.with(Clone::clone)
}

fn rect((x, y, w, h): InsetBox, class: &'static str) -> Html {
    // A view smaller than a few units is drawn as a small square, so that it can still be seen.
    let (w2, h2) = (w.max(14.0), h.max(14.0));
    let (x2, y2) = (x - (w2 - w) / 2.0, y - (h2 - h) / 2.0);
    html! {
        <rect {class} x={format!("{x2:.0}")} y={format!("{y2:.0}")} width={format!("{w2:.0}")} height={format!("{h2:.0}")} />
    }
}

#[derive(Properties, PartialEq)]
pub struct LocatorInsetProps {
    pub view: Viewport,
}

/// A small outline of Europe, Africa and Asia with the map's extent and view on it.
#[component]
pub fn LocatorInset(props: &LocatorInsetProps) -> Html {
    let Some(inset) = outline().filter(|_| props.view.width >= MIN_MAP_WIDTH_FOR_INSET_PX) else {
        return Html::default();
    };
    let (_, _, w, h) = inset.view_box();
    html! {
        <figure class="locator-inset panel-box" data-layer="inset">
            <svg viewBox={format!("0 0 {w:.0} {h:.0}")} role="img"
                aria-label="Locator map: the area shown lies in Central Asia, between the Caspian Sea and western China.">
                <path class="inset-land" d={inset.d.clone()} />
                { rect(inset.box_of(EXTENT), "inset-extent") }
                { rect(inset.view_of(&props.view), "inset-view") }
            </svg>
        </figure>
    }
}

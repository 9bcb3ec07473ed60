//! The marker symbol of each feature kind (shape carries the kind, so colour never has to), and the CSS
//! classes that carry confidence and precision.

use yew::prelude::*;

use crate::domain::story::{FeatureKind, StoryFeature};

/// SVG path data of a kind's symbol, centred on 0,0, about 18 px across.
pub fn symbol_path(kind: FeatureKind) -> &'static str {
    match kind {
        FeatureKind::Base => "M-7 -7h14v14h-14z",
        FeatureKind::Site => "M0 -9.5L9.5 0L0 9.5L-9.5 0z",
        FeatureKind::City => "M-6.5 0a6.5 6.5 0 1 0 13 0a6.5 6.5 0 1 0 -13 0z",
        FeatureKind::Mine => "M0 -8.5L8.5 7.5H-8.5z",
        FeatureKind::Exercise => "M0 -9.5L2.3 -3.1L9 -2.9L3.7 1.2L5.6 7.7L0 3.9L-5.6 7.7L-3.7 1.2L-9 -2.9L-2.3 -3.1z",
        FeatureKind::Opinion => "M-3 -7.5h1a7.5 7.5 0 0 1 0 15h-1z",
        FeatureKind::Region => "M-8.5 0L-4.25 -7.4H4.25L8.5 0L4.25 7.4H-4.25z",
        FeatureKind::Border => "M-9.5 -3.5h19v7h-19z",
    }
}

/// The classes that style a marker: kind, confidence, and `estimate` when the place is not pinpointed.
pub fn marker_classes(feature: &StoryFeature) -> Classes {
    classes!(
        "marker",
        format!("kind-{}", feature.kind.id()),
        format!("conf-{}", feature.confidence.id()),
        (!feature.precision.is_pinpointed()).then_some("estimate"),
        feature.looks_surveyed().then_some("surveyed"),
    )
}

#[derive(Properties, PartialEq)]
pub struct SymbolProps {
    pub kind: FeatureKind,
    #[prop_or_default]
    pub class: Classes,
}

/// A small stand-alone symbol (for lists and the legend).
#[component]
pub fn Symbol(props: &SymbolProps) -> Html {
    html! {
        <svg class={classes!("symbol-icon", props.class.clone())} viewBox="-12 -12 24 24" width="20" height="20" aria-hidden="true">
            <path class="symbol" d={symbol_path(props.kind)} />
        </svg>
    }
}

//! The legend: what each fill and line means, with swatches drawn like the map.

use yew::prelude::*;

use crate::domain::story::FeatureKind;
use crate::ui::map::marker_symbol::Symbol;

fn swatch_area(class: &'static str) -> Html {
    html! {
        <svg class="swatch" viewBox="0 0 24 14" width="24" height="14" aria-hidden="true">
            <rect x="1" y="1" width="22" height="12" class={class} />
        </svg>
    }
}

fn swatch_line(class: &'static str) -> Html {
    html! {
        <svg class="swatch" viewBox="0 0 24 14" width="24" height="14" aria-hidden="true">
            <path d="M1 7h22" class={class} />
        </svg>
    }
}

/// The map legend.
#[component]
pub fn Legend() -> Html {
    html! {
        <details class="legend panel-box">
            <summary>{ "Legend" }</summary>
            <ul>
                <li>{ swatch_area("country country-tjk") }{ "Tajikistan" }</li>
                <li>{ swatch_area("region region-wakhan legend-wakhan") }{ "Wakhan Corridor (derived outline)" }</li>
                <li>{ swatch_area("region region-xinjiang") }{ "Xinjiang (China)" }</li>
                <li>{ swatch_area("region region-gbao") }{ "Gorno-Badakhshan / Badakhshan" }</li>
                <li>{ swatch_line("border border-story") }{ "Borders in the story" }</li>
                <li>{ swatch_line("border border-international") }{ "Other international borders" }</li>
            </ul>
            <p class="legend-heading">{ "Places in the story: the shape is the kind" }</p>
            <ul class="legend-kinds">
                { for FeatureKind::ALL.into_iter().map(|kind| html! {
                    <li><Symbol kind={kind} class={classes!("marker", "surveyed")} />{ kind.label() }</li>
                }) }
            </ul>
            <p class="legend-heading">{ "How sure: the fill and the outline" }</p>
            <ul>
                <li><Symbol kind={FeatureKind::City} class={classes!("marker", "surveyed")} />{ "Filled: confirmed, located exactly" }</li>
                <li><Symbol kind={FeatureKind::City} class={classes!("marker")} />{ "Light: reported, not confirmed" }</li>
                <li><Symbol kind={FeatureKind::City} class={classes!("marker", "estimate")} />{ "Hollow: location estimated; the dashed circle is its uncertainty" }</li>
                <li><Symbol kind={FeatureKind::City} class={classes!("marker", "estimate", "conf-disputed")} />{ "Dashed outline: disputed, denied by the governments" }</li>
            </ul>
        </details>
    }
}

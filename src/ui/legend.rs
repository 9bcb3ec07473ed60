//! The legend: what each fill and line means, with swatches drawn like the map.

use yew::prelude::*;

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
        <details class="legend panel-box" open=true>
            <summary>{ "Legend" }</summary>
            <ul>
                <li>{ swatch_area("country country-tjk") }{ "Tajikistan" }</li>
                <li>{ swatch_area("region region-wakhan legend-wakhan") }{ "Wakhan Corridor (derived outline)" }</li>
                <li>{ swatch_area("region region-xinjiang") }{ "Xinjiang (China)" }</li>
                <li>{ swatch_area("region region-gbao") }{ "Gorno-Badakhshan / Badakhshan" }</li>
                <li>{ swatch_line("border border-story") }{ "Borders in the story" }</li>
                <li>{ swatch_line("border border-international") }{ "Other international borders" }</li>
            </ul>
        </details>
    }
}
